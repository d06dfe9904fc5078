// The region's view: every agency's figures on the dashboard, the list of agencies.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, loginAs, htmlLang, h1Text, visit, screenshot, checkPagesVisited,
} from './support.mjs';

const AGENCIES = 24; // hms demo's default

describe('region', () => {
  test('the region dashboard shows the 24 agencies and a chart with a text alternative', () =>
    withPage('region-dashboard', async (page) => {
      await loginAs(page, USERS.region, 'fr');
      const lang = await htmlLang(page);
      assert.equal(await h1Text(page), t(lang, 'dashboard.title'));
      const cards = await page.locator('main .card').evaluateAll((cs) =>
        cs.map((c) => ({ value: c.querySelector('.card__value')?.textContent.trim(), label: c.querySelector('.card__label')?.textContent.trim() })));
      const agenciesCard = cards.find((c) => c.label === t(lang, 'dashboard.agencies'));
      assert.equal(agenciesCard?.value, String(AGENCIES), `a card says ${AGENCIES} agencies: ${JSON.stringify(cards)}`);

      // The users per agency (the two-thirds panel has a chart of its own, checked in leases.test.mjs).
      const svg = page.locator('main figure svg[aria-labelledby="chart-title"]');
      assert.equal(await svg.count(), 1, 'one chart of the users per agency');
      const title = (await svg.locator('title').textContent())?.trim();
      assert.ok(title, 'the SVG chart has a <title>');
      assert.equal(title, t(lang, 'dashboard.users_per_agency'));
      assert.equal(await svg.getAttribute('role'), 'img');
      const labelledBy = await svg.getAttribute('aria-labelledby');
      assert.equal(await page.locator(`#${labelledBy}`).count(), 1, 'aria-labelledby points to the title');
      assert.equal(await svg.locator('rect').count(), AGENCIES, 'one bar per agency');
      await visit(page, 'dashboard-region');
      // The table behind the chart, one click away.
      const figure = page.locator('main figure:has(svg[aria-labelledby="chart-title"])');
      await figure.locator('details summary').click();
      assert.equal(await figure.locator('table tbody tr').count(), AGENCIES);
      assert.ok(await figure.locator('table').isVisible());
      await screenshot(page, 'dashboard-region-table');
    }));

  test('/agencies lists the 24 agencies', () =>
    withPage('region-agencies', async (page) => {
      await loginAs(page, USERS.region, 'fr');
      const r = await open(page, '/agencies');
      assert.equal(r.status(), 200);
      const lang = await htmlLang(page);
      assert.equal(await h1Text(page), t(lang, 'agencies.title'));
      const rows = page.locator('main table tbody tr');
      assert.equal(await rows.count(), AGENCIES);
      const codes = await rows.locator('td:first-child').allInnerTexts();
      assert.equal(new Set(codes).size, AGENCIES, 'each agency once');
      assert.equal(await page.locator('main form[action="/agencies"]').count(), 0, 'the region cannot add agencies');
      await visit(page, 'agencies-list');
    }));

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
