// The owner and owner-contract pages as agency staff would use them, in French and in Dutch:
// an owner added after a wrong IBAN, a dwelling, a contract refused above the cap and accepted
// within it, a change of rent and its history; the federation never sees owners.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, htmlLang, h1Text, fetchInPage, visit,
  screenshot, checkPagesVisited, assertFriendlyErrorPage, uniqueSuffix, softly,
} from './support.mjs';

const staff = USERS.agencyStaff;
const GOOD_IBAN = 'BE68 5390 0754 7034';
const BAD_IBAN = 'BE68 5390 0754 7035'; // one digit off: the check digits do not match

// 866.5 → "866,50"; 1010 → "1.010,00" (the Belgian way, as in French and Dutch pages).
function belgian(cents) {
  const euros = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${euros},${String(cents % 100).padStart(2, '0')}`;
}
const cents = (plain) => Math.round(Number(plain) * 100);
const iso = (d) => d.toISOString().slice(0, 10);
const toBelgianDate = (isoDate) => isoDate.split('-').reverse().join('/');
// Page text with no-break spaces as plain spaces.
const plain = (s) => s.replace(/\u00a0/g, ' ');

// The first day of the month `back` months before this one (UTC), as YYYY-MM-DD.
function firstOfMonth(back) {
  const now = new Date();
  return iso(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)));
}

// The owner-rent cap of a 2-bedroom apartment on a day, from the API (the oracle of the pages).
async function capOn(page, date) {
  const r = await fetchInPage(page, `/api/v1/rules/owner-rent-caps?date=${date}`);
  assert.equal(r.status, 200);
  const row = r.body.items.find((c) => c.type === 'apartment' && c.bedrooms === 2);
  assert.ok(row, `a cap for a 2-bedroom apartment on ${date}`);
  return { cents: cents(row.amount), status: row.status };
}

async function csrfToken(page) {
  return page.locator('input[name="csrf_token"]').first().inputValue();
}

// A dwelling of the user's agency, through the API with the session cookie and the CSRF header.
async function createDwelling(page, reference) {
  const r = await fetchInPage(page, '/api/v1/dwellings', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await csrfToken(page) },
    body: JSON.stringify({
      reference, street: 'Rue de la Paix', number: '12', postcode: '1050', type: 'apartment', bedrooms: 2,
    }),
  });
  assert.equal(r.status, 201, `the dwelling was created: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function submit(page, formSelector) {
  return clickAndLoad(page, page.locator(`${formSelector} button[type="submit"]`));
}

async function fieldError(page, id) {
  const el = page.locator(`#${id}-error`);
  return (await el.count()) ? plain((await el.innerText()).trim()) : '';
}

async function summaryText(page) {
  const el = page.locator('main .error-summary');
  return (await el.count()) ? plain(await el.innerText()) : '';
}

function ownerFlow(lang) {
  return () =>
    withPage(`owners-flow-${lang}`, async (page) => {
      const check = softly();
      await loginAs(page, staff);
      await switchLanguage(page, lang);
      assert.equal(await htmlLang(page), lang);
      const suffix = uniqueSuffix();
      const name = `E2E ${lang === 'fr' ? 'Propriétaire' : 'Eigenaar'} ${suffix}`;

      // 1. The list, then "Add an owner".
      const list = await open(page, '/owners');
      assert.equal(list.status(), 200);
      assert.equal(await h1Text(page), t(lang, 'owners.owner_pages.title'));
      await visit(page, `owners-list-${lang}`);
      await clickAndLoad(page, page.locator('main a[href="/owners/new"]').first());
      assert.equal(pathOf(page), '/owners/new');
      assert.equal(await h1Text(page), t(lang, 'owners.owner_pages.new_title'));
      check.ok((await page.locator('main').innerText()).includes('BE68 5390 0754 7034'), 'the IBAN hint gives an example');

      // 2. A wrong IBAN: 422, the message by the field and in the summary, the input kept.
      await page.locator('#kind-person').check();
      await page.locator('#name').fill(name);
      await page.locator('#iban').fill(BAD_IBAN);
      await page.locator('#email').fill(`e2e.${suffix}@example.be`);
      await page.locator('#address').fill('Kerkstraat 5\n9000 Gent');
      const bad = await submit(page, 'main form[action="/owners"]');
      assert.equal(bad.status(), 422);
      assert.equal(pathOf(page), '/owners/new', 'the form again, at its own address with its draft (issue 15.7)');
      assert.equal(await fieldError(page, 'iban'), t(lang, 'owners.invalid_iban'), 'the IBAN message by the field');
      check.ok((await summaryText(page)).includes(t(lang, 'owners.invalid_iban')), 'the IBAN message in the summary');
      check.equal(await page.locator('main .error-summary a[href="#iban"]').count(), 1, 'the summary links to the IBAN field');
      check.equal(await page.locator('#name').inputValue(), name, 'the name is kept');
      check.equal(await page.locator('#iban').inputValue(), BAD_IBAN, 'the IBAN is kept');
      check.equal(await page.locator('#address').inputValue(), 'Kerkstraat 5\n9000 Gent', 'the address is kept');
      check.ok(await page.locator('#kind-person').isChecked(), 'the kind is kept');
      await visit(page, `owner-form-errors-${lang}`);

      // 3. The right IBAN: the owner's page, the IBAN grouped by four, the audit notice.
      await page.locator('#iban').fill(GOOD_IBAN.replace(/ /g, ''));
      const ok = await submit(page, 'main form[action="/owners"]');
      assert.equal(ok.status(), 200);
      assert.match(pathOf(page), /^\/owners\/\d+$/);
      const ownerId = Number(pathOf(page).split('/')[2]);
      assert.equal(await h1Text(page), name);
      check.equal((await page.locator('#owner-iban').innerText()).trim(), GOOD_IBAN, 'the IBAN grouped by four');
      check.ok((await page.locator('main').innerText()).includes(t(lang, 'owners.owner_pages.audit_notice')),
        'the page says the view is recorded');
      check.ok((await page.locator('main').innerText()).includes(t(lang, 'owners.owner_pages.no_contracts')), 'no contract yet');

      // 3b. Change the owner: the form holds what was saved; a new phone number is kept.
      await clickAndLoad(page, page.locator(`main a[href="/owners/${ownerId}/edit"]`));
      assert.equal(await h1Text(page), t(lang, 'owners.owner_pages.edit_title'));
      check.equal(await page.locator('#name').inputValue(), name, 'the edit form holds the name');
      check.equal(await page.locator('#iban').inputValue(), GOOD_IBAN, 'the edit form holds the IBAN, grouped');
      await page.locator('#phone').fill('+32 2 123 45 67');
      const edited = await submit(page, `main form[action="/owners/${ownerId}/edit"]`);
      assert.equal(edited.status(), 200);
      assert.equal(pathOf(page), `/owners/${ownerId}`);
      check.equal((await page.locator('main [role="status"]').innerText()).trim(), t(lang, 'owners.owner_pages.updated_notice'),
        'the change is confirmed');
      check.ok((await page.locator('main dl.summary').innerText()).includes('+32 2 123 45 67'), 'the new phone is shown');

      // 4. The list finds it by name (masked IBAN), also while typing (htmx), and the export holds the IBAN in full.
      await open(page, `/owners?q=${encodeURIComponent(suffix)}`);
      const row = page.locator('#results tbody tr');
      assert.equal(await row.count(), 1);
      check.ok((await row.innerText()).includes('BE68 •••• •••• 7034'), 'the list masks the IBAN');
      await open(page, '/owners');
      const typed = page.waitForResponse((r) => r.url().includes(`q=${suffix}`) && !!r.request().headers()['hx-request']);
      await page.locator('#q').fill(suffix);
      await typed;
      await page.waitForFunction((n) => document.querySelectorAll('#results tbody tr').length === 1, suffix);
      check.ok((await page.locator('#results').innerText()).includes(name), 'search as you type shows the owner');
      const csv = await fetchInPage(page, `/owners/export?format=csv&q=${encodeURIComponent(suffix)}`);
      check.equal(csv.status, 200, 'the CSV export answers');
      check.ok(/text\/csv/.test(csv.contentType), 'the export is a CSV file');
      check.ok(String(csv.body).includes(GOOD_IBAN) && String(csv.body).includes(name), 'the export has the IBAN in full');

      // 5. A dwelling (through the API), then "Add a contract" from the owner's page.
      await open(page, `/owners/${ownerId}`);
      const dwelling = await createDwelling(page, `E2E-${suffix}`.toUpperCase().slice(0, 20));
      await open(page, `/owners/${ownerId}`);
      await clickAndLoad(page, page.locator(`main a[href="/owner-contracts/new?owner_id=${ownerId}"]`).first());
      assert.equal(pathOf(page), '/owner-contracts/new');
      await open(page, `/owner-contracts/new?owner_id=${ownerId}&dwelling_id=${dwelling.id}`);
      assert.equal(await h1Text(page), t(lang, 'owners.contract_pages.new_title'));
      check.ok((await page.locator('main').innerText()).includes(dwelling.reference), 'the dwelling is preselected');
      check.ok((await page.locator('main').innerText()).includes(name), 'the owner is preselected');

      const start = firstOfMonth(12);
      const cap = await capOn(page, start);
      const tooHigh = cap.cents + 5000;
      const within = cap.cents - 5450;
      const form = 'main form[action="/owner-contracts"]';
      await page.locator('#kind-main_lease').check();
      await page.locator('#start').fill(start);
      await page.locator('#owner_rent').fill(belgian(tooHigh));
      const refused = await submit(page, form);
      assert.equal(refused.status(), 422);
      const capMessage = t(lang, 'owners.rent_above_cap', { rent: belgian(tooHigh), cap: belgian(cap.cents) });
      assert.equal(await fieldError(page, 'owner_rent'), capMessage, 'the cap message by the rent, naming the cap');
      check.ok((await summaryText(page)).includes(capMessage), 'the cap message in the summary');
      check.equal(await page.locator('#owner_rent').inputValue(), belgian(tooHigh), 'the rent typed is kept');
      check.equal(await page.locator('#start').inputValue(), start, 'the start is kept');
      check.ok(plain(await page.locator('#owner_rent-cap').innerText()).includes(`${belgian(cap.cents)} €`),
        'the cap is shown next to the rent');
      if (cap.status === 'illustrative')
        check.ok((await page.locator('#owner_rent-cap').innerText()).includes(t(lang, 'rules.caps.illustrative')),
          'the cap carries the illustrative tag');
      await visit(page, `contract-form-cap-error-${lang}`);

      await page.locator('#owner_rent').fill(belgian(within));
      const created = await submit(page, form);
      assert.equal(created.status(), 200);
      assert.match(pathOf(page), /^\/owner-contracts\/\d+$/);
      const contractId = Number(pathOf(page).split('/')[2]);
      check.ok(plain(await page.locator('#rent-in-force').innerText()).includes(`${belgian(within)} €`), 'the rent in force');
      check.ok(plain(await page.locator('#rent-cap').innerText()).includes(`${belgian(cap.cents)} €`), 'the cap checked');
      check.equal(await page.locator('table.table--history tbody tr').count(), 1, 'one line of rent history');

      // 6. Change the rent: refused above the cap of that day, then recorded; the history keeps both.
      await clickAndLoad(page, page.locator(`main a[href="/owner-contracts/${contractId}/rent"]`));
      assert.equal(await h1Text(page), t(lang, 'owners.contract_pages.rent_title'));
      check.ok((await page.locator('main').innerText()).includes(t(lang, 'owners.contract_pages.rent_explained')),
        'the page says the previous rent is kept');
      const from = firstOfMonth(0);
      const capThen = await capOn(page, from);
      const rentForm = `main form[action="/owner-contracts/${contractId}/rent"]`;
      await page.locator('#rent_from').fill(from);
      await page.locator('#owner_rent').fill(belgian(capThen.cents + 100));
      const refused2 = await submit(page, rentForm);
      assert.equal(refused2.status(), 422);
      check.equal(await fieldError(page, 'owner_rent'),
        t(lang, 'owners.rent_above_cap', { rent: belgian(capThen.cents + 100), cap: belgian(capThen.cents) }),
        'a new rent above the cap: the message by the field');
      check.equal(await page.locator('#rent_from').inputValue(), from, 'the date is kept');
      const newRent = capThen.cents - 2000;
      await page.locator('#owner_rent').fill(belgian(newRent));
      const changed = await submit(page, rentForm);
      assert.equal(changed.status(), 200);
      assert.equal(pathOf(page), `/owner-contracts/${contractId}`);
      check.equal((await page.locator('main [role="status"]').innerText()).trim(), t(lang, 'owners.contract_pages.rent_changed_notice'),
        'the change is confirmed');
      const rows = page.locator('table.table--history tbody tr');
      assert.equal(await rows.count(), 2, 'two lines of rent history');
      const first = plain(await rows.nth(0).innerText());
      const second = plain(await rows.nth(1).innerText());
      check.ok(first.includes(toBelgianDate(start)) && first.includes(`${belgian(within)} €`) &&
        first.includes(t(lang, 'owners.contract_pages.reasons.initial')), `the first line is the initial rent: "${first}"`);
      check.ok(second.includes(toBelgianDate(from)) && second.includes(`${belgian(newRent)} €`) &&
        second.includes(t(lang, 'owners.contract_pages.reasons.change')), `the second line is the change: "${second}"`);
      check.ok(plain(await page.locator('#rent-in-force').innerText()).includes(`${belgian(newRent)} €`),
        'the new rent is in force');
      await visit(page, `contract-detail-${lang}`);

      // 7. The owner's page lists the contract.
      await open(page, `/owners/${ownerId}`);
      check.equal(await page.locator(`main a[href="/owner-contracts/${contractId}"]`).count(), 1, 'the owner lists the contract');
      check.ok((await page.locator('main table').innerText()).includes(dwelling.reference), 'with its dwelling');
      await visit(page, `owner-detail-${lang}`);

      // 8. The contract list finds it by the dwelling's reference, with the cap.
      await open(page, `/owner-contracts?q=${encodeURIComponent(dwelling.reference)}`);
      const listed = page.locator('#results tbody tr');
      check.equal(await listed.count(), 1, 'the contract list finds the contract by its dwelling');
      check.ok(plain(await listed.first().innerText()).includes(`${belgian(newRent)} €`), 'with the owner rent');
      await visit(page, `contracts-list-${lang}`);
      check.done();
    });
}

describe('owners and owner contracts', () => {
  test('in French: owner, dwelling, contract within the cap, change of rent, history', ownerFlow('fr'));
  test('in Dutch: the same', ownerFlow('nl'));

  test('the federation never sees owners (403); the region reads them and changes nothing', () =>
    withPage('owners-federation', async (page) => {
      await loginAs(page, USERS.federation);
      await switchLanguage(page, 'fr');
      assert.equal(await page.locator('header nav a[href="/owners"]').count(), 0, 'no Owners link for the federation');
      const r = await open(page, '/owners');
      await assertFriendlyErrorPage(page, r, 403, 'fr');
      await visit(page, 'owners-federation-403');
      const r2 = await open(page, '/owner-contracts');
      assert.equal(r2.status(), 403);
      const r3 = await open(page, '/owners/export?format=csv');
      assert.equal(r3.status(), 403);
    }));

  test('the region: every agency, an agency column, no add or edit', () =>
    withPage('owners-region', async (page) => {
      await loginAs(page, USERS.region);
      await switchLanguage(page, 'fr');
      const r = await open(page, '/owners');
      assert.equal(r.status(), 200);
      assert.equal(await page.locator('main a[href="/owners/new"]').count(), 0, 'no "Add an owner"');
      assert.equal(await page.locator('#agency').count(), 1, 'an agency filter');
      await visit(page, 'owners-list-region');
      const r2 = await open(page, '/owners/new');
      assert.equal(r2.status(), 403);
      const r3 = await open(page, '/owner-contracts');
      assert.equal(r3.status(), 200);
      await screenshot(page, 'contracts-list-region');
    }));

  test('every page visited passes the accessibility basics', () => checkPagesVisited());
});
