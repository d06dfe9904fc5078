// The yearly indexation of owner rents as an agency's staff does it: choose the month, check
// each new rent and its calculation (nothing stored yet), store them, download the letters (a
// real PDF), and see that a second look finds them already indexed. French and Dutch.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, h1Text, fetchInPage, visit, checkPagesVisited, softly,
} from './support.mjs';

const staff = USERS.agencyStaff;
// The demo's health index is published up to June 2026: the June anniversaries can be indexed.
const MONTH = '2026-06';

describe('the indexation of owner rents', () => {
  test('dry run, then stored, then the letters as PDF (fr)', () =>
    withPage('indexation-fr', async (page) => {
      const check = softly();
      await loginAs(page, staff, 'fr');
      let r = await open(page, `/indexation?month=${MONTH}&lang=fr`);
      assert.equal(r.status(), 200);
      assert.equal(await h1Text(page), t('fr', 'indexation.indexation_page.title'));
      const rows = page.locator('main table tbody tr');
      const count = await rows.count();
      assert.ok(count > 0, 'the demo agency has contracts with a June anniversary');
      await visit(page, 'indexation-dry-run-fr');
      // Each line shows its calculation steps.
      await rows.first().locator('details summary').click();
      check.ok((await rows.first().innerText()).includes('×'), 'the first line shows the formula');
      const confirm = page.locator('main form[method="post"][action="/indexation"] button[type="submit"]');
      assert.equal(await confirm.count(), 1, 'some rents change: the confirm button is there');
      r = await clickAndLoad(page, confirm);
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/indexation/done');
      await visit(page, 'indexation-done-fr');
      const letter = page.locator('main a[href^="/indexation/letters.pdf"]').first();
      const href = await letter.getAttribute('href');
      const pdf = await page.evaluate(async (u) => {
        const res = await fetch(u, { credentials: 'same-origin' });
        const bytes = new Uint8Array(await res.arrayBuffer());
        return { status: res.status, type: res.headers.get('content-type'), head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length };
      }, href);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.type, 'application/pdf');
      assert.equal(pdf.head, '%PDF-');
      assert.ok(pdf.size > 2000);
      // Looking again: everything already indexed, nothing left to store.
      r = await open(page, `/indexation?month=${MONTH}&lang=fr`);
      assert.equal(await page.locator('main form[method="post"][action="/indexation"] button[type="submit"]').count(), 0);
      const tags = await page.locator('main table .tag').allInnerTexts();
      check.ok(tags.some((x) => x.trim() === t('fr', 'indexation.indexation_run.outcome.already_done')), 'lines marked already indexed');
      check.done();
    }));

  test('the dry run in Dutch, and a month without index', () =>
    withPage('indexation-nl', async (page) => {
      await loginAs(page, staff, 'nl');
      let r = await open(page, `/indexation?month=2026-07&lang=nl`);
      assert.equal(r.status(), 200);
      assert.equal(await h1Text(page), t('nl', 'indexation.indexation_page.title'));
      await visit(page, 'indexation-dry-run-nl');
      r = await open(page, `/indexation?month=2026-12&lang=nl`);
      const outcomes = await page.locator('main table td:last-child > .tag').allInnerTexts();
      // December needs the November index, not published: nothing is indexed (lines without a
      // certificate or unregistered are unchanged whatever the index).
      const allowed = [t('nl', 'indexation.indexation_run.outcome.index_missing'), t('nl', 'indexation.indexation_run.outcome.unchanged')];
      assert.ok(outcomes.length > 0 && outcomes.every((x) => allowed.includes(x.trim())), outcomes.join(', '));
      assert.ok(outcomes.some((x) => x.trim() === allowed[0]));
      assert.equal(await page.locator('main form[method="post"][action="/indexation"]').count(), 0);
      r = await open(page, `/indexation?month=2026-13&lang=nl`);
      assert.equal(r.status(), 422);
    }));

  test('the federation may not see it', () =>
    withPage('indexation-federation', async (page) => {
      await loginAs(page, USERS.federation, 'fr');
      const r = await open(page, `/indexation?month=${MONTH}`);
      assert.equal(r.status(), 403);
      const api = await fetchInPage(page, `/indexation/letters.pdf?month=${MONTH}`);
      assert.equal(api.status, 403);
    }));

  after(checkPagesVisited);
});
