// The monthly rent run as agency staff would do it (issue 10), in French: a month chosen, the
// dry run's tables per lease and per owner contract with their totals and the vacancy cost,
// then posted; the same month again says it was done and offers no button; the trial balance
// of that month has two equal totals; in English, a lease's statement after this month's run;
// a lease's deposit posted as lodged and returned, the return reversed from its entry's page;
// the region never reaches the ledger.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, h1Text, fetchInPage, visit, checkPagesVisited, uniqueSuffix, pathOf,
} from './support.mjs';

const staff = USERS.agencyStaff;

// A month far ahead no other test runs (the demo's leases and contracts are open-ended).
function aFreeMonth() {
  const n = Number(uniqueSuffix().replace(/\D/g, '').slice(-4)) || 7;
  return `${2040 + (n % 50)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

describe('rent run', () => {
  test('a rent run is previewed, posted once, and balances in the trial balance (fr)', () =>
    withPage('ledger-rent-run-fr', async (page) => {
      await loginAs(page, staff, 'fr');
      const month = aFreeMonth();
      await open(page, '/rent-run');
      assert.equal(await h1Text(page), t('fr', 'ledger.rent_run.title'));
      await page.locator('#month').fill(month);
      await clickAndLoad(page, page.locator('#rent-run-month button[type="submit"]'));
      assert.ok(page.url().includes(`month=${month}`));
      const owners = page.locator('#rent-run-owners');
      assert.equal(await owners.count(), 1, 'the rents due to owners are listed');
      assert.ok((await owners.locator('thead').innerText()).includes(t('fr', 'ledger.rent_run.vacancy')));
      const ownerTotal = await page.locator('#rent-run-owner-total').innerText();
      await visit(page, 'rent-run-preview-fr');
      const before = await fetchInPage(page, `/api/v1/ledger/trial-balance?from=${month}-01&to=${month}-28`);
      assert.equal(before.status, 200);
      assert.equal(before.body.debit, '0.00', 'a dry run posts nothing');

      await clickAndLoad(page, page.locator('#rent-run-post button[type="submit"]'));
      const posted = page.locator('#rent-run-posted');
      assert.equal(await posted.count(), 1, 'the result says what was posted');
      assert.ok((await posted.innerText()).includes(ownerTotal), 'the posted total is the previewed one');
      await visit(page, 'rent-run-posted-fr');

      await open(page, `/rent-run?month=${month}`);
      assert.equal(await page.locator('#rent-run-done').count(), 1, 'the month is known as done');
      assert.equal(await page.locator('#rent-run-post').count(), 0, 'no second posting offered');

      await open(page, `/ledger?from=${month}-01&to=${month}-28`);
      assert.equal(await h1Text(page), t('fr', 'ledger.title'));
      const debit = await page.locator('#total-debit').innerText();
      assert.equal(debit, await page.locator('#total-credit').innerText(), 'the two totals are equal');
      await visit(page, 'ledger-trial-balance-fr');
      await clickAndLoad(page, page.locator('#trial-balance a[href="/ledger/accounts/440"]'));
      assert.equal(await page.locator('#ledger-lines').count(), 1, 'the owners account lists its lines');
      await visit(page, 'ledger-account-440-fr');
    }));

  test('a lease statement shows the rent called this month and the balance (en)', () =>
    withPage('ledger-statement-en', async (page) => {
      await loginAs(page, staff, 'en');
      const now = new Date();
      const month = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
      await open(page, `/rent-run?month=${month}`);
      if (await page.locator('#rent-run-post').count()) await clickAndLoad(page, page.locator('#rent-run-post button[type="submit"]'));
      const first = page.locator('#rent-run-calls tbody tr').first();
      const total = (await first.locator('td').last().innerText()).trim();
      await clickAndLoad(page, first.locator('a').first());
      assert.match(pathOf(page), /^\/leases\/\d+$/);
      const leaseId = pathOf(page).split('/').pop();
      await clickAndLoad(page, page.locator('#lease-statement'));
      assert.equal(await h1Text(page), t('en', 'ledger.statement_title'));
      // The statement opens on its latest lines: this month's call is there (the demo's lease may
      // have years of calls and payments before it).
      assert.ok((await page.locator('#ledger-lines').innerText()).includes(total), `the call of ${total} is in the lines`);
      const api = await fetchInPage(page, `/api/v1/leases/${leaseId}/balance`);
      assert.equal(api.status, 200);
      const cents = (text) => Math.round(Number(text) * 100);
      assert.equal(cents(api.body.balance), cents(api.body.called) - cents(api.body.paid), 'the balance is called less paid');
      const summary = await page.locator('#lease-balance').innerText();
      assert.ok(summary.length > 0, 'the summary shows called, paid and balance');
      await visit(page, 'lease-statement-en');
    }));

  test("a lease's deposit is posted as lodged, then returned, and a mistake is reversed (en)", () =>
    withPage('ledger-deposit-en', async (page) => {
      await loginAs(page, staff, 'en');
      // A lease of the demo in force with a deposit. The demo recorded it as lodged when the lease
      // began: that receipt is reversed first (from the API), as a person correcting it would.
      const leases = await fetchInPage(page, `/api/v1/leases?limit=100&in_force_on=${new Date().toISOString().slice(0, 10)}`);
      assert.equal(leases.status, 200);
      const me = (await fetchInPage(page, '/api/v1/me')).body;
      let lease = null;
      for (const l of leases.body.items.filter((x) => Number(x.deposit) > 0)) {
        const d = await fetchInPage(page, `/api/v1/leases/${l.id}/deposit`);
        const standing = d.body.postings.filter((p) => !p.reversed);
        if (standing.length > 1) continue;  // returned: not this one
        for (const p of standing) {
          const r = await fetchInPage(page, `/api/v1/ledger/entries/${p.entry_id}/reversal`, {
            method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: '{}',
          });
          assert.equal(r.status, 201, JSON.stringify(r.body));
        }
        lease = l;
        break;
      }
      assert.ok(lease, 'a demo lease in force with a deposit');
      await open(page, `/leases/${lease.id}`);
      await clickAndLoad(page, page.locator('#lease-deposit'));
      assert.ok((await h1Text(page)).startsWith(t('en', 'leases.deposit_page.title')));
      assert.ok((await page.locator('#deposit-ledger').innerText()).includes(t('en', 'leases.deposit_page.not_received')));
      await visit(page, 'deposit-not-posted-en');
      const rows = page.locator('#deposit-postings tbody tr');
      const before = await rows.count();  // the demo's receipt, reversed

      // Lodged today (the form's default).
      await clickAndLoad(page, page.locator('#receive-form button[type="submit"]'));
      assert.equal(await page.locator('.notice--success').innerText(), t('en', 'leases.deposit_page.received_notice'));
      assert.equal(await rows.count(), before + 1);

      // More back than was lodged: refused with the amount, nothing posted.
      const deposit = Number(lease.deposit);
      await page.locator('#returned').fill(String(deposit + 100));
      await clickAndLoad(page, page.locator('#return-form button[type="submit"]'));
      assert.equal(await page.locator('#returned-error').count(), 1, 'the amount is refused on its field');
      assert.equal(await rows.count(), before + 1, 'nothing posted');
      // 100.00 kept by the agency.
      await page.locator('#returned').fill((deposit - 100).toFixed(2));
      await clickAndLoad(page, page.locator('#return-form button[type="submit"]'));
      assert.equal(await page.locator('.notice--success').innerText(), t('en', 'leases.deposit_page.returned_notice'));
      assert.ok((await page.locator('#deposit-ledger').innerText()).includes('100.00'), 'what the agency kept');
      assert.equal(await page.locator('#return-form').count(), 0, 'returned once');
      await visit(page, 'deposit-returned-en');

      // The return was a mistake: its entry is reversed, and the deposit may be returned again.
      await clickAndLoad(page, page.locator('#deposit-postings tbody tr').last().locator('a'));
      assert.match(await h1Text(page), /MISC \d{4}\/\d+/);
      assert.equal(await page.locator('#entry-lines tbody tr').count(), 2);
      await visit(page, 'ledger-entry-en');
      await clickAndLoad(page, page.locator('#reverse-form button[type="submit"]'));
      assert.equal(await page.locator('.notice--success').innerText(), t('en', 'ledger.entry_page.reversed_notice'));
      assert.equal(await page.locator('#entry-reverses').count(), 1, 'the reversal names the entry it reverses');
      assert.equal(await page.locator('#reverse-form').count(), 0, 'a reversal is not reversed');
      await visit(page, 'ledger-reversal-en');
      await open(page, `/leases/${lease.id}/deposit`);
      assert.equal(await page.locator('#return-form').count(), 1, 'the deposit is held again');
      assert.ok((await page.locator('#deposit-postings').innerText()).includes(t('en', 'leases.deposit_page.reversed')));
    }));

  test('the region never reaches the ledger', () =>
    withPage('ledger-region', async (page) => {
      await loginAs(page, USERS.region);
      assert.equal((await open(page, '/ledger')).status(), 403);
      assert.equal((await open(page, '/rent-run')).status(), 403);
      assert.equal((await fetchInPage(page, '/api/v1/ledger/trial-balance')).status, 403);
    }));

  test('pages visited pass the basic checks', () => checkPagesVisited());
});
