// The inventory of 30 September (issue 12, contract F) as the agency admin would submit it, in
// French: the live inventory with its totals, what to check, the counts; frozen and submitted
// with one button, the frozen copy shown with its (empty) diff and listed on the inventory page;
// the staff sees no button. In English, the Region's adoption table with its headline figure and
// the compliance overview opening an agency's report; an agency user gets 403 there. In Dutch, the Region reviews a subsidy request from the menu: a
// question without a comment is refused in Dutch, the request accepted, its tranches shown and the
// first one recorded as paid; the PDF downloads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, navLink, loginAs, logout, h1Text, fetchInPage, visit, checkPagesVisited, pathOf,
} from './support.mjs';

describe('subsidies', () => {
  test('the agency admin freezes and submits the inventory (fr)', () =>
    withPage('subsidies-freeze-fr', async (page) => {
      await loginAs(page, USERS.agencyAdmin, 'fr');
      await open(page, '/inventory');
      assert.equal(await h1Text(page), t('fr', 'subsidies.title'));
      const dwellings = (await page.locator('#inventory-dwellings').innerText()).trim();
      assert.ok(Number(dwellings) > 0, `the demo agency manages dwellings: ${dwellings}`);
      assert.equal(await page.locator('#inventory-items tbody tr').count(), Math.min(50, Number(dwellings)),
        'one line per dwelling, 50 a page');
      if (Number(dwellings) > 50) assert.equal(await page.locator('.pagination a[rel="next"]').count(), 1, 'the next page');
      assert.ok((await page.locator('#inventory-cap').innerText()).trim().length > 0);
      await visit(page, 'subsidies-inventory-fr');
      const before = await fetchInPage(page, '/api/v1/inventories');
      assert.equal(before.status, 200);

      await clickAndLoad(page, page.locator('#inventory-freeze button[type="submit"]'));
      assert.match(pathOf(page), /^\/inventories\/\d+$/);
      assert.equal(await page.locator('#inventory-frozen-notice').count(), 1, 'the submission is confirmed');
      assert.equal((await page.locator('#frozen-dwellings').innerText()).trim(), dwellings, 'the frozen copy has the same dwellings');
      assert.equal(await page.locator('#frozen-no-changes').count(), 1, 'no difference with the live data yet');
      await visit(page, 'subsidies-frozen-fr');
      const id = pathOf(page).split('/').pop();
      const api = await fetchInPage(page, `/api/v1/inventories/${id}`);
      assert.equal(api.status, 200);
      assert.equal(String(api.body.dwellings), dwellings);
      const after = await fetchInPage(page, '/api/v1/inventories');
      assert.equal(after.body.total, before.body.total + 1);

      await clickAndLoad(page, page.locator('.breadcrumbs a'));
      assert.equal(pathOf(page), '/inventory');
      assert.equal(await page.locator(`#inventory-frozen a[href="/inventories/${id}"]`).count(), 1, 'listed among the frozen ones');

      await logout(page);
      await loginAs(page, USERS.agencyStaff, 'fr');
      await open(page, '/inventory');
      assert.equal(await page.locator('#inventory-freeze').count(), 0, 'the staff cannot submit');
      const refused = await fetchInPage(page, '/api/v1/inventories', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ date: '2026-09-30' }),
      });
      assert.equal(refused.status, 403);
    }));

  test('the Region reads the adoption table with its headline figure (en)', () =>
    withPage('subsidies-adoption-en', async (page) => {
      await loginAs(page, USERS.region, 'en');
      await open(page, '/adoption');
      assert.equal(await h1Text(page), t('en', 'oversight.title'));
      const rows = page.locator('#adoption-table tbody tr');
      assert.ok((await rows.count()) >= 2, 'one line per agency');
      const coverage = (await page.locator('#adoption-coverage').innerText()).trim();
      assert.match(coverage, /^\d+\.\d %$/, `the Region's coverage: ${coverage}`);
      const api = await fetchInPage(page, '/api/v1/adoption');
      assert.equal(api.status, 200);
      assert.equal(await rows.count(), api.body.items.length);
      assert.equal((await page.locator('#adoption-registered').innerText()).trim(), String(api.body.region.registered));
      const low = api.body.items.filter((i) => i.coverage !== null && Number(i.coverage) < 85);
      assert.equal(await page.locator('#adoption-table tbody tr.row--flagged').count(), low.length, 'below 85 % flagged');
      const header = await page.locator('#adoption-table thead').innerText();
      assert.ok(header.includes(t('en', 'oversight.modules.stock')));
      await visit(page, 'subsidies-adoption-en');

      // The compliance overview: a line per agency with its lights, each opening its report.
      await clickAndLoad(page, await navLink(page, '/compliance'));
      assert.equal(await h1Text(page), t('en', 'oversight.compliance.title'));
      assert.equal(await page.locator('#compliance-table tbody tr').count(), api.body.items.length, 'one line per agency');
      await visit(page, 'subsidies-compliance-en');
      await clickAndLoad(page, page.locator('#compliance-table tbody tr th a').first());
      assert.equal(await page.locator('#compliance-checks tbody tr').count(), 7, 'seven checks');
      assert.match(await page.locator('#compliance-overall').getAttribute('data-light'), /^(green|amber|red)$/);
      await visit(page, 'subsidies-compliance-report-en');

      await logout(page);
      await loginAs(page, USERS.agencyStaff, 'en');
      assert.equal((await open(page, '/adoption')).status(), 403);
    }));

  test('the Region reviews a subsidy request (nl)', () =>
    withPage('subsidies-review-nl', async (page) => {
      await loginAs(page, USERS.region, 'nl');
      await clickAndLoad(page, await navLink(page, '/subsidy-requests'));
      assert.equal(pathOf(page), '/subsidy-requests');
      assert.equal(await h1Text(page), t('nl', 'subsidies.requests.title'));
      assert.ok((await page.locator('#requests tbody tr').count()) >= 2, 'the demo agencies\' requests');
      await visit(page, 'subsidies-requests-nl');
      const list = await fetchInPage(page, '/api/v1/subsidy-requests');
      const waiting = list.body.items.find((r) => r.status === 'submitted');
      assert.ok(waiting, 'the demo has a request awaiting the Region');

      await clickAndLoad(page, page.locator(`#requests a[href="/subsidy-requests/${waiting.id}"]`));
      assert.equal(await page.locator('#request-illustrative').count(), 1, 'the rates are said to be illustrative');
      assert.equal(await page.locator('#request-lines tbody tr').count(), 4, 'a line per part');
      assert.equal((await page.locator('#request-status').innerText()).trim(), t('nl', 'subsidies.statuses.submitted'));
      await visit(page, 'subsidies-request-nl');

      // A question needs a comment: refused in Dutch, nothing recorded.
      await page.locator('#decision-question').check();
      const refused = await clickAndLoad(page, page.locator('#request-review button[type="submit"]'));
      assert.equal(refused.status(), 422);
      assert.ok((await page.locator('.error-summary').innerText()).includes(t('nl', 'subsidies.comment_required')));
      assert.equal((await fetchInPage(page, `/api/v1/subsidy-requests/${waiting.id}`)).body.status, 'submitted');

      await page.locator('#decision-accept').check();
      await page.locator('#comment').fill('In orde.');
      await clickAndLoad(page, page.locator('#request-review button[type="submit"]'));
      assert.equal(await page.locator('#request-done').count(), 1);
      assert.equal((await page.locator('#request-status').innerText()).trim(), t('nl', 'subsidies.statuses.accepted'));
      assert.equal(await page.locator('#request-tranches tbody tr').count(), 3, 'three tranches planned');
      assert.equal(await page.locator('#request-review').count(), 0, 'decided once');

      await clickAndLoad(page, page.locator('#tranche-1 button[type="submit"]'));
      const paid = await fetchInPage(page, `/api/v1/subsidy-requests/${waiting.id}`);
      assert.notEqual(paid.body.tranches[0].paid_on, null, 'the first tranche is paid');
      assert.equal(await page.locator('#tranche-1 form').count(), 0, 'no second payment');
      await visit(page, 'subsidies-request-accepted-nl');

      const pdf = await fetchInPage(page, `/subsidy-requests/${waiting.id}/pdf`);
      assert.equal(pdf.status, 200);
      assert.match(pdf.contentType, /application\/pdf/);
    }));

  test('pages visited pass the basic checks', () => checkPagesVisited());
});
