// Issue 15.7 and 15.6 as a rental manager meets them, in French and in Dutch:
// - a refused form never loses input: the dwelling, owner and contract forms refused, then
//   another page, then the browser's Back (the typed values and the errors are there, no
//   "Confirm Form Resubmission": the page is a GET of the form's own address with ?draft=),
//   Forward and Back again; then corrected and saved;
// - dates are typed day first: 31/02/2026 in the contract form says that this day does not exist,
//   on the field, the date kept as typed; 05/09/2026 is accepted and shown as 05/09/2026.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, htmlLang, fetchInPage, visit, screenshot,
  checkPagesVisited, uniqueSuffix, softly,
} from './support.mjs';

const staff = USERS.agencyStaff;

async function submit(page, formSelector) {
  return clickAndLoad(page, page.locator(`${formSelector} button[type="submit"]`));
}

async function fieldError(page, id) {
  const el = page.locator(`#${id}-error`);
  return (await el.count()) ? (await el.innerText()).trim().replace(/\u00a0/g, ' ') : '';
}

// A history step (Back or Forward) that loads a document: its response (null when the browser
// served it from its back-forward cache, which a no-store page never is).
async function historyStep(page, step) {
  const r = await (step === 'back' ? page.goBack({ waitUntil: 'load' }) : page.goForward({ waitUntil: 'load' }));
  return r;
}

// Refused → another page → Back → Forward → Back: after each Back, `expectFilled` finds the
// typed values and the errors again, at the draft's address, answered by a GET.
async function backAndForward(page, { elsewhere, expectFilled }) {
  const draftUrl = page.url();
  assert.match(draftUrl, /[?&]draft=[0-9a-f]{32}/, `a refused form lands on its draft: ${draftUrl}`);
  await open(page, elsewhere);
  for (let round = 0; round < 2; ++round) {
    const back = await historyStep(page, 'back');
    assert.equal(page.url(), draftUrl, 'Back returns to the refused form');
    if (back) {
      assert.equal(back.request().method(), 'GET', 'Back loads the form with a GET: nothing to resubmit');
      assert.equal(back.status(), 422, 'still the refused form');
    }
    await expectFilled(`after Back (${round + 1})`);
    if (round === 0) {
      await historyStep(page, 'forward');
      assert.equal(new URL(page.url()).pathname, elsewhere.split('?')[0], 'Forward goes on');
    }
  }
}

async function csrfToken(page) {
  return page.locator('input[name="csrf_token"]').first().inputValue();
}

async function createViaApi(page, path, body) {
  const r = await fetchInPage(page, path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await csrfToken(page) },
    body: JSON.stringify(body),
  });
  assert.equal(r.status, 201, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('a refused form never loses input (issue 15.7)', () => {
  for (const lang of ['fr', 'nl']) {
    test(`the dwelling form (${lang}): refused, elsewhere, Back and Forward keep what was typed`, () =>
      withPage(`draft-dwelling-${lang}`, async (page) => {
        const check = softly();
        await loginAs(page, staff);
        await switchLanguage(page, lang);
        const reference = `DR-${uniqueSuffix()}`.toUpperCase().slice(0, 20);
        await open(page, '/dwellings/new');
        const form = page.locator('main form[action="/dwellings"]');
        await form.locator('#reference').fill(reference);
        await form.locator('#number').fill('12');
        await form.locator('#postcode').fill('2000');
        await form.locator('input[name="type"][value="house"]').check();
        await form.locator('#bedrooms').fill('3');
        await form.locator('#surface_m2').fill('68,5');
        await form.locator('#peb_class').selectOption('D');
        await form.locator('#peb_date').fill('31/02/2026');
        const r = await submit(page, 'main form[action="/dwellings"]');
        assert.equal(r.status(), 422);
        assert.equal(pathOf(page), '/dwellings/new');
        assert.equal(r.request().method(), 'GET', 'the refused form is shown by a GET (post/redirect/get)');
        assert.equal(await htmlLang(page), lang);
        const expectFilled = async (when) => {
          check.equal(await page.locator('#reference').inputValue(), reference, `the reference ${when}`);
          check.equal(await page.locator('#postcode').inputValue(), '2000', `the postcode ${when}`);
          check.equal(await page.locator('#surface_m2').inputValue(), '68,5', `the surface as typed ${when}`);
          check.equal(await page.locator('#peb_date').inputValue(), '31/02/2026', `the date as typed ${when}`);
          check.ok(await page.locator('input[name="type"][value="house"]').isChecked(), `the type ${when}`);
          check.equal(await fieldError(page, 'postcode'), t(lang, 'stock.invalid_postcode', { postcode: '2000' }),
            `the postcode's message ${when}`);
          check.equal(await fieldError(page, 'peb_date'), t(lang, 'common.date_does_not_exist', { date: '31/02/2026' }),
            `"this date does not exist" by the date ${when}`);
          check.equal(await page.locator('main .error-summary[role="alert"]').count(), 1, `the error summary ${when}`);
        };
        await expectFilled('at once');
        await visit(page, `draft-dwelling-${lang}`);
        await backAndForward(page, { elsewhere: '/dwellings', expectFilled });
        await screenshot(page, `draft-dwelling-after-back-${lang}`);

        // Corrected from the draft's page: saved, and Back then shows no stale draft.
        await page.locator('#street').fill('Rue de la Paix');
        await page.locator('#postcode').fill('1050');
        await page.locator('#peb_date').fill('05/09/2026');
        const ok = await submit(page, 'main form[action="/dwellings"]');
        assert.equal(ok.status(), 200);
        assert.match(pathOf(page), /^\/dwellings\/\d+$/);
        check.ok((await page.locator('main dl.summary').innerText()).includes('05/09/2026'), 'the date typed day first, kept');
        check.done();
      }));

    test(`the owner form (${lang}): refused, elsewhere, Back keeps what was typed`, () =>
      withPage(`draft-owner-${lang}`, async (page) => {
        const check = softly();
        await loginAs(page, staff);
        await switchLanguage(page, lang);
        const name = `E2E Brouillon ${uniqueSuffix()}`;
        await open(page, '/owners/new');
        await page.locator('#kind-person').check();
        await page.locator('#name').fill(name);
        await page.locator('#iban').fill('BE68 5390 0754 7035');
        await page.locator('#email').fill('not an address');
        const r = await submit(page, 'main form[action="/owners"]');
        assert.equal(r.status(), 422);
        assert.equal(pathOf(page), '/owners/new');
        const expectFilled = async (when) => {
          check.equal(await page.locator('#name').inputValue(), name, `the name ${when}`);
          check.equal(await page.locator('#iban').inputValue(), 'BE68 5390 0754 7035', `the IBAN ${when}`);
          check.equal(await page.locator('#email').inputValue(), 'not an address', `the e-mail ${when}`);
          check.equal(await fieldError(page, 'iban'), t(lang, 'owners.invalid_iban'), `the IBAN's message ${when}`);
        };
        await expectFilled('at once');
        await visit(page, `draft-owner-${lang}`);
        await backAndForward(page, { elsewhere: '/owners', expectFilled });
        await screenshot(page, `draft-owner-after-back-${lang}`);
        check.done();
      }));

    test(`the contract form (${lang}): 31/02/2026 does not exist; Back keeps it; 05/09/2026 is taken`, () =>
      withPage(`draft-contract-${lang}`, async (page) => {
        const check = softly();
        await loginAs(page, staff);
        await switchLanguage(page, lang);
        await open(page, '/dwellings');
        const suffix = uniqueSuffix();
        const dwelling = await createViaApi(page, '/api/v1/dwellings', {
          reference: `DC-${suffix}`.toUpperCase().slice(0, 20), street: 'Rue de la Paix', number: '14', postcode: '1050',
          type: 'apartment', bedrooms: 2,
        });
        const owner = await createViaApi(page, '/api/v1/owners', {
          kind: 'person', name: `E2E Datum ${suffix}`, iban: 'BE68 5390 0754 7034',
        });
        await open(page, `/owner-contracts/new?owner_id=${owner.id}&dwelling_id=${dwelling.id}`);
        const form = 'main form[action="/owner-contracts"]';
        await page.locator('#kind-main_lease').check();
        await page.locator('#start').fill('31/02/2026');
        await page.locator('#owner_rent').fill('500,00');
        const r = await submit(page, form);
        assert.equal(r.status(), 422);
        assert.equal(pathOf(page), '/owner-contracts/new');
        const message = t(lang, 'common.date_does_not_exist', { date: '31/02/2026' });
        const expectFilled = async (when) => {
          check.equal(await fieldError(page, 'start'), message, `"this date does not exist" by the start ${when}`);
          check.ok((await page.locator('main .error-summary').innerText()).includes(message), `in the summary ${when}`);
          check.equal(await page.locator('#start').inputValue(), '31/02/2026', `the date as typed ${when}`);
          check.equal(await page.locator('#owner_rent').inputValue(), '500,00', `the rent ${when}`);
          check.ok((await page.locator('main').innerText()).includes(owner.name), `the owner still chosen ${when}`);
          check.ok((await page.locator('main').innerText()).includes(dwelling.reference), `the dwelling still chosen ${when}`);
        };
        await expectFilled('at once');
        await visit(page, `draft-contract-date-${lang}`);
        await backAndForward(page, { elsewhere: '/owner-contracts', expectFilled });
        await screenshot(page, `draft-contract-after-back-${lang}`);

        await page.locator('#start').fill('05/09/2026');
        const ok = await submit(page, form);
        assert.equal(ok.status(), 200, 'a date typed day first is taken');
        assert.match(pathOf(page), /^\/owner-contracts\/\d+$/);
        check.ok((await page.locator('main').innerText()).includes('05/09/2026'), 'the start shown as 05/09/2026');
        const id = pathOf(page).split('/')[2];
        const api = await fetchInPage(page, `/api/v1/owner-contracts/${id}`);
        check.equal(api.body.start, '2026-09-05', 'stored as 5 September 2026');
        check.done();
      }));
  }

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
