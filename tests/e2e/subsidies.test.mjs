// The inventory of 30 September (issue 12, contract F) as the agency admin would submit it, in
// French: the live inventory with its totals, what to check, the counts; frozen and submitted
// with one button, the frozen copy shown with its (empty) diff and listed on the inventory page;
// the staff sees no button. In English, the Region's adoption table with its headline figure;
// an agency user gets 403 there.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, logout, h1Text, fetchInPage, visit, checkPagesVisited, pathOf,
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

      await logout(page);
      await loginAs(page, USERS.agencyStaff, 'en');
      assert.equal((await open(page, '/adoption')).status(), 403);
    }));

  test('pages visited pass the basic checks', () => checkPagesVisited());
});
