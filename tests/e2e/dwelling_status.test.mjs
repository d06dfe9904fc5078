// The dwelling's status as a rental manager handles it (issue 15, points 9 and 10), in French and
// in Dutch: the list of dwellings vacant for more than 90 days (the dashboard's to-do card links
// to it) with how long each has been vacant and its alert mark; a change to vacant asks why and
// the history says who made it; a new dwelling's form suggests the next free reference and takes
// a status start date, a date in the future showing as planned; several dwellings change status
// at once from the list (a form post), all or nothing; the printable sheet prints on one A4 page
// without the navigation.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, fetchInPage, visit, screenshot, checkPagesVisited, uniqueSuffix,
  OUT_DIR, pathOf,
} from './support.mjs';

const staff = USERS.agencyStaff;
const suffix = uniqueSuffix().toUpperCase();
const iso = (offsetDays) => new Date(Date.now() + offsetDays * 86400_000).toISOString().slice(0, 10);
const belgian = (isoDate) => isoDate.split('-').reverse().join('/');

// Creates a dwelling through the API as the logged-in user; answers its JSON.
async function createDwelling(page, fields) {
  const me = (await fetchInPage(page, '/api/v1/me')).body;
  const r = await fetchInPage(page, '/api/v1/dwellings', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
    body: JSON.stringify({ street: 'Rue du Test', number: '7', postcode: '1050', type: 'apartment', bedrooms: 1, ...fields }),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

describe('dwelling status', () => {
  for (const lang of ['fr', 'nl']) {
    test(`vacant for more than 90 days, with its reason and duration (${lang})`, () =>
      withPage(`vacancy-${lang}`, async (page) => {
        await loginAs(page, staff, lang);
        const long = await createDwelling(page, { reference: `VL-${lang}-${suffix}`, status: 'vacant', status_since: iso(-120),
          vacancy_reason: 'owner_decision' });
        const short = await createDwelling(page, { reference: `VS-${lang}-${suffix}`, status: 'vacant', status_since: iso(-10),
          vacancy_reason: 'between_tenants' });
        await open(page, `/dwellings?status=vacant&vacant_days=90&q=-${lang}-${suffix}&lang=${lang}`);
        const rows = page.locator('main table tbody tr');
        const text = await page.locator('main table').innerText();
        assert.ok(text.includes(long.reference), 'the dwelling vacant for 120 days is listed');
        assert.ok(!text.includes(short.reference), 'the one vacant for 10 days is not');
        assert.equal(await rows.count(), 1);
        const row = await rows.first().innerText();
        assert.ok(row.includes(t(lang, 'stock.dwellings.vacant_for', { days: '120' })), `the duration in days: ${row}`);
        assert.ok(row.includes(t(lang, 'stock.dwellings.vacancy_reasons.owner_decision')), `the reason: ${row}`);
        assert.equal(await rows.first().locator('.vacancy--alert').count(), 1, 'the alert mark past 90 days');
        assert.equal(await page.locator('#vacant_days').inputValue(), '90', 'the filter shows its value');
        await visit(page, `15.10-vacancy-list-${lang}`);
        fs.copyFileSync(path.join(OUT_DIR, `15.10-vacancy-list-${lang}.png`), path.join(OUT_DIR, `15.10-vacancy-list-after-${lang}.png`));

        // The dwelling's page: the alert, the duration and the reason.
        await open(page, `/dwellings/${long.id}?lang=${lang}`);
        assert.equal(await page.locator('#vacancy-alert').count(), 1);
        assert.ok((await page.locator('#vacancy-reason').innerText()).includes(t(lang, 'stock.dwellings.vacancy_reasons.owner_decision')));
        const history = await page.locator('#history-table').innerText();
        assert.ok(history.includes(staff.name || ''), 'the history names who recorded the status');
        await screenshot(page, `15.10-vacancy-page-after-${lang}`);
      }));

    test(`a change to vacant asks why, and the history says who (${lang})`, () =>
      withPage(`status-${lang}`, async (page) => {
        await loginAs(page, staff, lang);
        const d = await createDwelling(page, { reference: `VC-${lang}-${suffix}`, status_since: iso(-30) });
        await open(page, `/dwellings/${d.id}/status?lang=${lang}`);
        await page.locator('#status-vacant').check();
        let r = await clickAndLoad(page, page.locator('main form button[type="submit"]'));
        assert.equal(r.status(), 422, 'no reason: refused');
        assert.ok((await page.locator('main .error-summary').innerText()).includes(t(lang, 'stock.vacancy_reason_required')));
        await screenshot(page, `15.10-status-form-after-${lang}`);
        await page.locator('#vacancy_reason-other').check();
        r = await clickAndLoad(page, page.locator('main form button[type="submit"]'));
        assert.equal(r.status(), 422, '"other" without a text: refused');
        assert.ok((await page.locator('main .error-summary').innerText()).includes(t(lang, 'stock.vacancy_note_required')));
        await page.locator('#vacancy_note').fill('Dégât des eaux');
        r = await clickAndLoad(page, page.locator('main form button[type="submit"]'));
        assert.equal(r.status(), 200);
        assert.equal(pathOf(page), `/dwellings/${d.id}`);
        const history = await page.locator('#history-table').innerText();
        assert.ok(history.includes('Dégât des eaux'), `the reason in the history: ${history}`);
        const me = (await fetchInPage(page, '/api/v1/me')).body;
        assert.ok(history.includes(me.name), `the user's name in the history: ${history}`);
        await screenshot(page, `15.9-history-after-${lang}`);
      }));

    test(`a new dwelling: the next free reference and a planned status (${lang})`, () =>
      withPage(`new-${lang}`, async (page) => {
        await loginAs(page, staff, lang);
        await open(page, `/dwellings/new?lang=${lang}`);
        const suggested = await page.locator('#reference').inputValue();
        assert.match(suggested, /\d/, 'a reference is suggested');
        assert.ok((await page.locator('#reference-hint').innerText()).includes(suggested));
        await screenshot(page, `15.9-reference-after-${lang}`);
        const reference = `NP-${lang}-${suffix}`;
        await page.locator('#reference').fill(reference);
        await page.locator('#street').fill('Rue Future');
        await page.locator('#number').fill('3');
        await page.locator('#postcode').fill('1000');
        await page.locator('input[name="type"][value="house"]').check();
        await page.locator('#bedrooms').fill('3');
        await page.locator('#status_since').fill(iso(-5));
        const r = await clickAndLoad(page, page.locator('main form button[type="submit"]'));
        assert.equal(r.status(), 200);
        const id = pathOf(page).split('/').pop();
        // A vacancy planned for next month: still active today, shown as planned.
        const me = (await fetchInPage(page, '/api/v1/me')).body;
        const patched = await fetchInPage(page, `/api/v1/dwellings/${id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
          body: JSON.stringify({ status: 'vacant', status_since: iso(30), vacancy_reason: 'works_needed' }),
        });
        assert.equal(patched.status, 200, JSON.stringify(patched.body));
        assert.equal(patched.body.status, 'active', 'the status in force today');
        assert.equal(patched.body.planned_status, 'vacant');
        await open(page, `/dwellings/${id}?lang=${lang}`);
        const planned = await page.locator('#status-planned').innerText();
        assert.ok(planned.includes(belgian(iso(30))), `planned, with its date: ${planned}`);
        assert.ok((await page.locator('.detail__lead .tag').innerText()).includes(t(lang, 'stock.dwellings.statuses.active')));
        await screenshot(page, `15.9-planned-after-${lang}`);
        // Lists count the status in force today.
        const vacant = (await fetchInPage(page, `/api/v1/dwellings?status=vacant&q=${reference}`)).body;
        assert.equal(vacant.total, 0, 'not vacant yet');
        const active = (await fetchInPage(page, `/api/v1/dwellings?status=active&q=${reference}`)).body;
        assert.equal(active.total, 1, 'still active');
      }));

    test(`several dwellings change status at once, all or nothing (${lang})`, () =>
      withPage(`bulk-${lang}`, async (page) => {
        await loginAs(page, staff, lang);
        const a = await createDwelling(page, { reference: `BA-${lang}-${suffix}`, status_since: iso(-60) });
        const b = await createDwelling(page, { reference: `BB-${lang}-${suffix}`, status_since: iso(-60) });
        const c = await createDwelling(page, { reference: `BC-${lang}-${suffix}`, status: 'works', status_since: iso(-60) });
        await open(page, `/dwellings?q=-${lang}-${suffix}&lang=${lang}`);
        // First: B and C to works — C already is: nothing changes, C is named.
        await page.locator(`#ids-${b.id}`).check();
        await page.locator(`#ids-${c.id}`).check();
        await page.locator('#bulk-status').selectOption('works');
        let r = await clickAndLoad(page, page.locator('#bulk button[type="submit"]'));
        assert.equal(r.status(), 422);
        const summary = await page.locator('main .error-summary').innerText();
        assert.ok(summary.includes(c.reference), `the refused one is named: ${summary}`);
        await screenshot(page, `15.10-bulk-refused-after-${lang}`);
        const bNow = (await fetchInPage(page, `/api/v1/dwellings/${b.id}`)).body;
        assert.equal(bNow.status, 'active', 'nothing was written');
        // Then A and B, from the list, without JavaScript's help: a form post.
        await open(page, `/dwellings?q=-${lang}-${suffix}&lang=${lang}`);
        await page.locator(`#ids-${a.id}`).check();
        await page.locator(`#ids-${b.id}`).check();
        await page.locator('#bulk-status').selectOption('vacant');
        await page.locator('#bulk-vacancy_reason').selectOption('no_candidate');
        await screenshot(page, `15.10-bulk-after-${lang}`);
        r = await clickAndLoad(page, page.locator('#bulk button[type="submit"]'));
        assert.equal(r.status(), 200);
        assert.ok((await page.locator('main .notice').innerText()).includes('2'));
        for (const d of [a, b]) {
          const now = (await fetchInPage(page, `/api/v1/dwellings/${d.id}`)).body;
          assert.equal(now.status, 'vacant');
          assert.equal(now.vacancy_reason, 'no_candidate');
        }
      }));

    test(`the printable sheet fits on one A4 page without the navigation (${lang})`, () =>
      withPage(`sheet-${lang}`, async (page) => {
        await loginAs(page, staff, lang);
        const d = await createDwelling(page, { reference: `SH-${lang}-${suffix}`, status: 'vacant', status_since: iso(-100),
          vacancy_reason: 'works_needed', surface_m2: 68.5, peb_class: 'C' });
        await open(page, `/dwellings/${d.id}/sheet?lang=${lang}`);
        await visit(page, `15.10-sheet-after-${lang}`);
        await page.emulateMedia({ media: 'print' });
        await screenshot(page, `15.10-sheet-print-after-${lang}`);
        const file = path.join(OUT_DIR, `15.10-sheet-${lang}.pdf`);
        await page.pdf({ path: file, format: 'A4', printBackground: false });
        const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
        const pages = text.split('\f').filter((p) => p.trim() !== '').length;
        assert.equal(pages, 1, 'one A4 page');
        for (const expected of [d.reference, 'Rue du Test 7', t(lang, 'stock.dwellings.statuses.vacant'),
          t(lang, 'stock.dwellings.history'), t(lang, 'stock.dwellings.vacancy_reasons.works_needed')])
          assert.ok(text.includes(expected), `the sheet says "${expected}":\n${text}`);
        assert.ok(!text.includes(t(lang, 'stock.dwellings.sheet_print_hint').slice(0, 20)), 'no screen hint printed');
        assert.ok(!/ — \s/.test(text.split(t(lang, 'stock.dwellings.history'))[1] || ''), 'no dangling dash after a status without reason');
        const nav = await page.locator('header nav.nav').evaluate((n) => getComputedStyle(n).display);
        assert.equal(nav, 'none', 'no navigation in print');
      }));
  }

  test('pages visited pass the accessibility basics', () => checkPagesVisited());
});
