// The yearly indexation of owner rents as an agency's staff does it: choose the month, check
// each new rent and its calculation (nothing stored yet), store them, download the letters (a
// real PDF), and see that a second look finds them already indexed. French and Dutch.
// Issue 15.1 and 15.2: the page opens on the latest month that can be calculated and says the
// latest known index; the lines waiting for an index are one count; a month more than 3 months
// back asks for a confirmation; a line can be left out with a reason; the letters, read back
// with pdftotext, carry no internal note on the sources.
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, h1Text, fetchInPage, visit, checkPagesVisited, softly,
} from './support.mjs';

const staff = USERS.agencyStaff;
// The demo's health index is published up to June 2026: the June anniversaries can be indexed.
const MONTH = '2026-06';
const monthName = (lang, ym) => `${t(lang, `calculators.month.m${Number(ym.slice(5))}`)} ${ym.slice(0, 4)}`;

// The text of a PDF fetched in the page (with the session), by pdftotext.
async function pdfText(page, href) {
  const b64 = await page.evaluate(async (u) => {
    const res = await fetch(u, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, href);
  const file = path.join(os.tmpdir(), `hms-letter-${process.pid}-${Date.now()}.pdf`);
  fs.writeFileSync(file, Buffer.from(b64, 'base64'));
  try {
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(file, { force: true });
  }
}

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
      // Each line shows its calculation steps; a line whose rent changes, its formula. (Not simply
      // the first line: the demo is built from today, and some days a lease that is not registered,
      // which cannot be indexed, comes first.)
      const changing = page.locator('main table tbody tr:has(input[name="leave_out"])').first();
      await changing.locator('details summary').click();
      check.ok((await changing.innerText()).includes('×'), 'the first changing line shows the formula');
      const confirm = page.locator('main form[method="post"][action="/indexation"] button[type="submit"]');
      assert.equal(await confirm.count(), 1, 'some rents change: the confirm button is there');
      // June is more than 3 months back: the warning says the law limits what can be claimed
      // retroactively, and storing without ticking the confirmation is refused, input kept.
      const warning = page.locator('#indexation-retroactive');
      assert.equal(await warning.count(), 1, 'the warning on a month more than 3 months back');
      check.ok((await warning.innerText()).includes(t('fr', 'indexation.indexation_page.retroactive_title')), 'the warning has its title');
      // Leave the first changing line out, with a reason.
      const leave = page.locator('main table tbody tr input[name="leave_out"]').first();
      const leftId = await leave.getAttribute('value');
      const leftDwelling = (await page.locator(`main table tbody tr[data-contract="${leftId}"] td`).first().innerText()).trim();
      await leave.check();
      r = await clickAndLoad(page, confirm);
      assert.equal(r.status(), 422, 'a line left out without a reason, an old month not confirmed: refused');
      const summary = await page.locator('.error-summary').innerText();
      check.ok(summary.includes(t('fr', 'indexation.left_out_reason_missing', { dwelling: leftDwelling })), summary);
      const now = new Date();
      const monthsBack = now.getFullYear() * 12 + now.getMonth() + 1 - (2026 * 12 + 6);
      check.ok(summary.includes(t('fr', 'indexation.retroactive_not_confirmed', { months: String(monthsBack) })), summary);
      assert.ok(await page.locator(`#leave_out_${leftId}`).isChecked(), 'the ticked line stays ticked');
      await visit(page, 'indexation-refused-fr');
      await page.locator(`#reason_${leftId}`).fill('Le propriétaire vend le logement');
      await page.locator('#retroactive_confirmed').check();
      r = await clickAndLoad(page, page.locator('main form[method="post"][action="/indexation"] button[type="submit"]'));
      assert.equal(r.status(), 200);
      assert.equal(new URL(page.url()).pathname, '/indexation/done');
      await visit(page, 'indexation-done-fr');
      const doneDwellings = await page.locator('main table tbody tr td:first-child').allInnerTexts();
      check.ok(!doneDwellings.map((x) => x.trim()).includes(leftDwelling), `${leftDwelling} was left out: not indexed`);
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
      // Every letter of the month, read back: the calculation, no note for the staff.
      const text = await pdfText(page, '/indexation/letters.pdf?month=' + MONTH);
      check.ok(text.includes('×'), 'the calculation is in the letters');
      for (const note of ['Statbel', 'secondaire', 'secundaire', 'public data', 're-check', 'illustrati', 'indicatif', 'indicatief'])
        check.ok(!text.includes(note), `no internal note in the letters: '${note}'`);
      // Each owner's letter is in that owner's language, whatever the staff's (a few demo owners
      // read English): a French or Dutch letter has no English word, an English one has.
      const english = ['the', 'rent', 'owner', 'health', 'until', 'secondary'];
      const ownerLinks = await page.locator('main a[href*="owner_id="]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const checkedLanguages = new Set();
      for (const link of ownerLinks.slice(0, 12)) {
        const ownerId = new URL(link, 'http://x').searchParams.get('owner_id');
        const owner = await fetchInPage(page, `/api/v1/owners/${ownerId}`);
        const language = owner.body.language || 'fr';
        const letterText = await pdfText(page, link);
        const found = english.filter((word) => new RegExp(`\\b${word}\\b`, 'i').test(letterText));
        if (language === 'en') check.ok(found.length > 0, `owner ${ownerId} reads English: the letter is in English`);
        else check.ok(found.length === 0, `owner ${ownerId} reads ${language}: no English in the letter (${found})`);
        checkedLanguages.add(language);
      }
      check.ok(checkedLanguages.has('fr'), `a French owner's letter among those read (${[...checkedLanguages]})`);

      // Looking again: everything already indexed but the line left out, which can still be.
      r = await open(page, `/indexation?month=${MONTH}&lang=fr`);
      const still = await page.locator('main table tbody tr input[name="leave_out"]').all();
      assert.equal(still.length, 1, 'only the line left out still changes');
      assert.equal(await still[0].getAttribute('value'), leftId);
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
      const outcomes = await page.locator('main table td.outcome > .tag').allInnerTexts();
      // December needs the November index, not published: nothing is indexed; the lines waiting
      // for it are one count, not a row each (lines without a certificate or unregistered are
      // unchanged whatever the index, and still shown).
      const unchanged = t('nl', 'indexation.indexation_run.outcome.unchanged');
      assert.ok(outcomes.every((x) => x.trim() === unchanged), outcomes.join(', '));
      const waiting = await page.locator('#indexation-waiting').innerText();
      assert.ok(waiting.includes(monthName('nl', '2026-11')), waiting);
      assert.match(waiting, /^\d+ /);
      assert.equal(await page.locator('main form[method="post"][action="/indexation"]').count(), 0);
      r = await open(page, `/indexation?month=2026-13&lang=nl`);
      assert.equal(r.status(), 422);
    }));

  for (const lang of ['fr', 'nl']) {
    test(`opens on the latest month that can be calculated (${lang})`, () =>
      withPage(`indexation-default-${lang}`, async (page) => {
        await loginAs(page, staff, lang);
        const r = await open(page, `/indexation?lang=${lang}`);
        assert.equal(r.status(), 200);
        // The demo's health index is known up to June 2026; today is later: July 2026 is the
        // latest month whose index (June's) is known.
        assert.equal(await page.locator('#month').inputValue(), '2026-07');
        assert.equal((await page.locator('#latest-index').innerText()).trim(),
          t(lang, 'indexation.indexation_page.latest_index', { month: monthName(lang, '2026-06') }));
        assert.equal((await page.locator('main h2').first().innerText()).trim(), monthName(lang, '2026-07'));
        const tags = await page.locator('main table td.outcome > .tag').allInnerTexts();
        assert.ok(!tags.some((x) => x.trim() === t(lang, 'indexation.indexation_run.outcome.index_missing')),
          'no line waiting for an index on the default month');
        await visit(page, `indexation-default-${lang}`);
      }));
  }

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
