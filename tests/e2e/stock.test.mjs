// The dwellings of an agency, as its staff use them: add one in French and in Dutch (first with
// mistakes, then right), change it, change its status and see the history, find it in the list
// (search as you type), download the list (CSV and XLSX); the agency's dashboard with its stock;
// the region's read-only view of every agency; another agency's dwelling is a 404.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  USERS, AGENCY_1, AGENCY_2, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, htmlLang, h1Text,
  visit, screenshot, checkPagesVisited, assertFriendlyErrorPage, uniqueSuffix, softly,
} from './support.mjs';

const staff = USERS.agencyStaff;
const suffix = uniqueSuffix().toUpperCase();
// Shared by the tests of this file, in order: the dwelling added in French.
const created = { id: null, reference: `FR-${suffix}` };

// The French column titles of the export, in order (agency roles: no agency column).
const EXPORT_COLUMNS = ['reference', 'street', 'number', 'box', 'postcode', 'commune', 'floor', 'type', 'bedrooms',
  'surface_m2', 'peb_class', 'peb_number', 'peb_date', 'cadastral_reference', 'categories', 'status', 'status_since'];

async function fill(page, values) {
  const form = page.locator('main form[action^="/dwellings"]');
  for (const [name, value] of Object.entries(values)) {
    if (name === 'type') await form.locator(`input[name="type"][value="${value}"]`).check();
    else if (name === 'categories') for (const c of value) await form.locator(`input[name="categories"][value="${c}"]`).check();
    else if (name === 'peb_class') await form.locator('#peb_class').selectOption(value);
    else await form.locator(`#${name}`).fill(value);
  }
  return form;
}

// The error summary and the messages by the fields: each expected field once, with its message.
async function checkErrors(page, lang, expected, check) {
  const summary = page.locator('main .error-summary[role="alert"]');
  check.equal(await summary.count(), 1, 'an error summary at the top');
  const links = await summary.locator('a').evaluateAll((as) =>
    as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
  check.equal(links.length, Object.keys(expected).length, `one summary link per problem: ${JSON.stringify(links)}`);
  for (const [field, message] of Object.entries(expected)) {
    const link = links.find((l) => l.href === `#${field}`);
    if (!check.ok(link, `the summary links to #${field}`)) continue;
    check.equal(link.text, message, `summary link to #${field} (${lang})`);
    check.equal(await page.locator(`main #${field}`).count(), 1, `the link #${field} leads to the field`);
    const beside = page.locator(`main .field--error:has(#${field}) .field__error`);
    check.equal((await beside.first().innerText()).trim(), message, `the message by the ${field} field (${lang})`);
    // A text field is described by its error; a group of radios, by its fieldset.
    const described = page.locator(`main #${field}`);
    const isChoice = ['radio', 'checkbox'].includes(await described.getAttribute('type'));
    const describedBy = (await (isChoice ? page.locator(`main fieldset:has(> .radio #${field}), main fieldset:has(#${field})`).last() : described)
      .getAttribute('aria-describedby')) || '';
    check.ok(describedBy.split(/\s+/).includes(`${field}-error`), `#${field} is described by its error (${describedBy})`);
  }
}

// Adds a dwelling in `lang`: a first attempt with a postcode outside the Region and no street
// (422, messages in `lang`, input kept), then the right one. Returns the new dwelling's id.
async function addDwelling(page, lang, reference, screenshotName) {
  const check = softly();
  await open(page, '/dwellings');
  await clickAndLoad(page, page.locator('main a[href="/dwellings/new"]').first());
  assert.equal(pathOf(page), '/dwellings/new');
  assert.equal(await h1Text(page), t(lang, 'stock.dwellings.new_title'));
  await visit(page, `dwelling-new-${lang}`);

  const typed = { reference, number: '12', box: '3', postcode: '2000', floor: '2', type: 'apartment', bedrooms: '2',
    surface_m2: '68,5', categories: ['large_family'], peb_class: 'D' };
  let form = await fill(page, typed);
  let r = await clickAndLoad(page, form.locator('button[type="submit"]'));
  assert.equal(r.status(), 422, 'a form with mistakes answers 422');
  assert.equal(pathOf(page), '/dwellings/new', 'the form again, at its own address with its draft (issue 15.7)');
  assert.equal(await htmlLang(page), lang);
  await checkErrors(page, lang, {
    street: t(lang, 'stock.invalid_street'),
    postcode: t(lang, 'stock.invalid_postcode', { postcode: '2000' }),
  }, check);
  // The summary lists the problems in the order of the fields: street before postcode.
  const order = await page.locator('main .error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  check.equal(order.join(' '), '#street #postcode', 'the summary follows the order of the form');
  for (const name of ['reference', 'number', 'box', 'postcode', 'floor', 'bedrooms', 'surface_m2'])
    check.equal(await page.locator(`main #${name}`).inputValue(), typed[name], `${name} is kept`);
  check.ok(await page.locator('main input[name="type"][value="apartment"]').isChecked(), 'the type is kept');
  check.ok(await page.locator('main input[name="categories"][value="large_family"]').isChecked(), 'the category is kept');
  check.equal(await page.locator('main #peb_class').inputValue(), 'D', 'the energy class is kept');
  check.equal(await page.locator('main input[name="csrf_token"]').count(), 1, 'the form keeps its CSRF token');
  await visit(page, screenshotName);

  form = await fill(page, { street: lang === 'nl' ? 'Vredestraat' : 'Rue de la Paix', postcode: '1050' });
  r = await clickAndLoad(page, form.locator('button[type="submit"]'));
  assert.equal(r.status(), 200);
  const m = /^\/dwellings\/(\d+)$/.exec(pathOf(page));
  assert.ok(m, `lands on the new dwelling's page, not ${page.url()}`);
  check.equal((await page.locator('main [role="status"]').first().innerText()).trim(), t(lang, 'stock.dwellings.created_notice'),
    'says the dwelling was added');
  const facts = await page.locator('main dl.summary').innerText();
  const commune = lang === 'nl' ? 'Elsene' : 'Ixelles';
  check.ok(facts.includes(reference), `the summary shows the reference: ${facts}`);
  check.ok(facts.includes(`1050 ${commune}`), `the commune in ${lang}: ${facts}`);
  check.ok(facts.includes('68,5 m²'), `the surface 68,5 m²: ${facts}`);
  check.ok(facts.includes(t(lang, 'stock.dwellings.category_labels.large_family')), 'the category, translated');
  check.ok(facts.includes(t(lang, 'stock.dwellings.statuses.active')), 'active from today');
  check.done();
  return Number(m[1]);
}

describe('dwellings of an agency', () => {
  test('add a dwelling in French: mistakes first (summary, messages, input kept, 422), then right', () =>
    withPage('dwelling-add-fr', async (page) => {
      await loginAs(page, staff);
      await switchLanguage(page, 'fr');
      created.id = await addDwelling(page, 'fr', created.reference, 'dwelling-form-errors-fr');
      assert.equal(await h1Text(page), 'Rue de la Paix 12 bte 3');
      await visit(page, 'dwelling-detail-fr');
    }));

  test('add a dwelling in Dutch: the same, with the messages in Dutch', () =>
    withPage('dwelling-add-nl', async (page) => {
      await loginAs(page, staff);
      await switchLanguage(page, 'nl');
      await addDwelling(page, 'nl', `NL-${suffix}`, 'dwelling-form-errors-nl');
      assert.equal(await h1Text(page), 'Vredestraat 12 bus 3');
      await visit(page, 'dwelling-detail-nl');
    }));

  test('change the dwelling, then its status to vacant: the history keeps both periods', () =>
    withPage('dwelling-edit-status', async (page) => {
      assert.ok(created.id, 'the French dwelling was added');
      const check = softly();
      await loginAs(page, staff);
      await switchLanguage(page, 'fr');
      await open(page, `/dwellings/${created.id}`);
      await clickAndLoad(page, page.locator(`main a[href="/dwellings/${created.id}/edit"]`).first());
      assert.equal(await h1Text(page), t('fr', 'stock.dwellings.edit_title'));
      check.equal(await page.locator('main #street').inputValue(), 'Rue de la Paix', 'the form shows the dwelling');
      check.equal(await page.locator('main #surface_m2').inputValue(), '68,5', 'the surface as typed, with a comma');
      await visit(page, 'dwelling-edit-fr');

      // A mistake first: an emptied bedrooms field is an error (not "keep the old value").
      let form = await fill(page, { bedrooms: '', surface_m2: '12,34' });
      let r = await clickAndLoad(page, form.locator('button[type="submit"]'));
      assert.equal(r.status(), 422);
      await checkErrors(page, 'fr', {
        bedrooms: t('fr', 'stock.invalid_bedrooms'),
        surface_m2: t('fr', 'stock.invalid_surface'),
      }, check);
      await screenshot(page, 'dwelling-edit-errors-fr');
      form = await fill(page, { bedrooms: '3', surface_m2: '74', box: '' });
      r = await clickAndLoad(page, form.locator('button[type="submit"]'));
      assert.equal(r.status(), 200);
      assert.equal(pathOf(page), `/dwellings/${created.id}`);
      check.equal((await page.locator('main [role="status"]').first().innerText()).trim(), t('fr', 'stock.dwellings.updated_notice'), 'saved');
      assert.equal(await h1Text(page), 'Rue de la Paix 12', 'the box was removed');
      const facts = await page.locator('main dl.summary').innerText();
      check.ok(facts.includes('74 m²'), `the new surface: ${facts}`);

      // The status.
      await clickAndLoad(page, page.locator(`main a[href="/dwellings/${created.id}/status"]`).first());
      assert.equal(await h1Text(page), t('fr', 'stock.dwellings.status_title'));
      check.ok((await page.locator('main').innerText()).includes(t('fr', 'stock.dwellings.status_kept')), 'explains that the history is kept');
      check.ok((await page.locator('#status-ended-warning').innerText()).includes(t('fr', 'stock.dwellings.status_ended_warning')),
        'a warning under "ended"');
      const today = await page.locator('main #status_since').inputValue();
      check.ok(/^\d{2}\/\d{2}\/\d{4}$/.test(today), `the date defaults to today, day first: "${today}"`);
      await visit(page, 'dwelling-status-fr');
      // Submitted unchanged: the dwelling is already active.
      await page.locator('main input[name="status"][value="active"]').check();
      r = await clickAndLoad(page, page.locator('main form button[type="submit"]'));
      assert.equal(r.status(), 422);
      await checkErrors(page, 'fr', { status: t('fr', 'dwellings.status_unchanged') }, check);
      await page.locator('main input[name="status"][value="vacant"]').check();
      // A vacancy says why (issue 15.10).
      await page.locator('main input[name="vacancy_reason"][value="between_tenants"]').check();
      r = await clickAndLoad(page, page.locator('main form button[type="submit"]'));
      assert.equal(r.status(), 200);
      assert.equal(pathOf(page), `/dwellings/${created.id}`);
      check.equal((await page.locator('main [role="status"]').first().innerText()).trim(), t('fr', 'stock.dwellings.status_notice'), 'status changed');
      const history = await page.locator('#history-table tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
      check.equal(history.length, 2, `two periods: ${JSON.stringify(history)}`);
      check.equal(history[0]?.[0], t('fr', 'stock.dwellings.statuses.vacant') + t('fr', 'stock.dwellings.vacancy_reasons.between_tenants'),
        'the running period first: vacant, with its reason');
      check.equal(history[0]?.[2], t('fr', 'stock.dwellings.history_ongoing'), 'still running');
      check.equal(history[1]?.[0], t('fr', 'stock.dwellings.statuses.active'), 'then the active period, kept');
      check.ok(/\d{2}\/\d{2}\/\d{4}/.test(history[1]?.[1] ?? ''), 'dates the Belgian way');
      check.equal(await page.locator('main .detail__lead .tag').innerText(), t('fr', 'stock.dwellings.statuses.vacant'), 'the status tag says vacant');
      await visit(page, 'dwelling-detail-vacant-fr');
      check.done();
    }));

  test('the list: search as you type, sort, filters, pagination, and the exports (CSV with French headers, XLSX)', () =>
    withPage('dwellings-list', async (page) => {
      assert.ok(created.id, 'the French dwelling was added');
      const check = softly();
      await loginAs(page, staff);
      await switchLanguage(page, 'fr');
      const r = await open(page, '/dwellings');
      assert.equal(r.status(), 200);
      assert.equal(await h1Text(page), t('fr', 'stock.dwellings.title'));
      check.equal(await page.locator('main a.button[href="/dwellings/new"]').count(), 1, 'the primary action "Add a dwelling"');
      check.ok(await page.locator('main .pagination').count(), 'pagination (the demo agency has hundreds of dwellings)');
      check.ok(/\d+\s+logement/.test(await page.locator('main .list-bar__count').innerText()), 'the total');
      check.equal(await page.locator('main th[aria-sort="ascending"]').count(), 1, 'sorted by reference, said by aria-sort');
      await visit(page, 'dwellings-list-fr');

      // Sorting: a click on "Chambres" sorts by bedrooms, a second click reverses.
      await clickAndLoad(page, page.locator('main th a.sort', { hasText: t('fr', 'stock.dwellings.bedrooms') }));
      check.equal(new URL(page.url()).searchParams.get('sort'), 'bedrooms', 'sorted by bedrooms');
      check.equal((await page.locator('main th[aria-sort="ascending"]').textContent()).trim(), `${t('fr', 'stock.dwellings.bedrooms')}▲`, 'aria-sort on bedrooms');
      await clickAndLoad(page, page.locator('main th a.sort', { hasText: t('fr', 'stock.dwellings.bedrooms') }));
      check.equal(new URL(page.url()).searchParams.get('sort'), '-bedrooms', 'then the other way');
      check.equal(await page.locator('main th[aria-sort="descending"]').count(), 1, 'aria-sort descending');
      const bedrooms = (await page.locator('main tbody td.num').allInnerTexts()).map(Number);
      check.ok(bedrooms.length > 1 && bedrooms.every((b, i) => i === 0 || bedrooms[i - 1] >= b), `most bedrooms first: ${bedrooms.slice(0, 10)}`);

      // Search as you type (htmx): only the results change.
      await open(page, '/dwellings');
      await page.locator('main #q').pressSequentially(created.reference.toLowerCase(), { delay: 15 });
      await page.waitForFunction((ref) => {
        const rows = document.querySelectorAll('#results tbody tr');
        return rows.length === 1 && rows[0].textContent.includes(ref);
      }, created.reference, { timeout: 5000 });
      check.ok((await page.locator('#results .list-bar__count').innerText()).startsWith('1 '), 'one dwelling found');
      check.equal(new URL(page.url()).searchParams.get('q'), created.reference.toLowerCase(), 'the address bar keeps the search');
      // The same search without JavaScript: a plain GET gives the same row.
      await open(page, `/dwellings?q=${encodeURIComponent(created.reference)}&status=vacant`);
      check.equal(await page.locator('main tbody tr').count(), 1, 'the search works without JavaScript, with a filter');
      check.equal(await page.locator('main #status').inputValue(), 'vacant', 'the filter stays selected');
      await open(page, `/dwellings?q=${encodeURIComponent(created.reference)}&status=works`);
      check.ok((await page.locator('main .empty').innerText()).includes(t('fr', 'stock.dwellings.no_match')), 'no match: says so');
      await visit(page, 'dwellings-list-no-match-fr');

      // Export CSV: the download's first line has the French titles, then the dwelling.
      await open(page, `/dwellings?q=${encodeURIComponent(created.reference)}`);
      let [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('main .list-bar__export a', { hasText: t('fr', 'stock.dwellings.export_csv') }).click(),
      ]);
      check.ok(new RegExp(`^dwellings-${AGENCY_1}-\\d{4}-\\d{2}-\\d{2}\\.csv$`).test(download.suggestedFilename()),
        `the file name: ${download.suggestedFilename()}`);
      const csv = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      const lines = csv.split('\r\n').filter((l) => l !== '');
      check.equal(lines[0], EXPORT_COLUMNS.map((c) => t('fr', `stock.dwellings.${c}`)).join(';'),
        'the first line: the French column titles');
      check.equal(lines.length, 2, `the titles and one dwelling: ${JSON.stringify(lines)}`);
      const row = (lines[1] || '').split(';');
      check.equal(row[0], created.reference, 'the reference');
      check.equal(row[1], 'Rue de la Paix', 'the street');
      check.equal(row[5], 'Ixelles', 'the commune in French');
      check.equal(row[9], '74', 'the surface');
      check.equal(row[15], t('fr', 'stock.dwellings.statuses.vacant'), 'the status in French');

      // Export XLSX: an Office Open XML workbook (a zip).
      [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('main .list-bar__export a', { hasText: t('fr', 'stock.dwellings.export_xlsx') }).click(),
      ]);
      check.ok(download.suggestedFilename().endsWith('.xlsx'), `an .xlsx file: ${download.suggestedFilename()}`);
      const xlsx = fs.readFileSync(await download.path());
      check.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');
      check.done();
    }));

  test('the agency dashboard shows the stock: charts with their tables, contracts ending soon, rents against the caps', () =>
    withPage('dashboard-agency-stock', async (page) => {
      const check = softly();
      await loginAs(page, staff);
      await switchLanguage(page, 'fr');
      await open(page, '/');
      assert.equal(await h1Text(page), t('fr', 'dashboard.title'));
      for (const [id, key] of [['chart-status', 'by_status'], ['chart-commune', 'by_commune'], ['chart-bedrooms', 'by_bedrooms']]) {
        const svg = page.locator(`#${id} svg`);
        if (!check.equal(await svg.count(), 1, `the chart ${id}`)) continue;
        check.equal(await svg.getAttribute('role'), 'img', `${id} is an image`);
        check.equal((await svg.locator('title').textContent()).trim(), t('fr', `dashboard.stock.${key}`), `${id} has its title`);
        check.ok((await svg.locator('rect').count()) > 0, `${id} has bars`);
      }
      const statusLabels = await page.locator('#chart-status svg text.chart__label').allTextContents();
      check.equal(statusLabels.join('|'), ['active', 'vacant', 'works', 'ended'].map((s) => t('fr', `stock.dwellings.statuses.${s}`)).join('|'),
        'the status chart names each status in words');
      await visit(page, 'dashboard-agency-stock-fr');
      // The table behind a chart, one click away.
      await page.locator('#chart-commune details summary').click();
      check.ok(await page.locator('#chart-commune table').isVisible(), 'the table behind the chart');
      check.ok((await page.locator('#chart-commune table tbody tr').count()) > 1, 'one row per commune');
      // Contracts ending in the next 6 months (the demo has some).
      check.ok((await page.locator('#ending').count()) === 1, 'the section of contracts ending soon');
      const ending = page.locator('#ending + table tbody tr');
      if ((await ending.count()) > 0)
        check.ok(/^\/owner-contracts\/\d+$/.test(await ending.first().locator('a').first().getAttribute('href')), 'each contract links to its page');
      // Rents against the caps, with the illustrative mark and its source.
      const tag = page.locator('#caps .tag');
      check.equal(await tag.count(), 1, 'the caps are marked');
      check.equal((await tag.innerText()).trim(), t('fr', 'rules.caps.illustrative'), 'marked illustrative');
      check.ok(((await tag.getAttribute('title')) || '').includes('Bruxelles Logement'), 'the source on hover');
      await screenshot(page, 'dashboard-agency-stock-table-fr');
      check.done();
    }));

  test('the region sees every agency with an agency filter, without add or edit; another agency gets a 404', () =>
    withPage('dwellings-region', async (page) => {
      assert.ok(created.id, 'the French dwelling was added');
      const check = softly();
      await loginAs(page, USERS.region, 'fr');
      await switchLanguage(page, 'fr');
      await open(page, `/dwellings?agency=${AGENCY_1}`);
      check.equal(await page.locator('main a[href="/dwellings/new"]').count(), 0, 'no "Add a dwelling"');
      check.equal(await page.locator('main #agency').inputValue(), AGENCY_1, 'the agency filter');
      const agencies = new Set(await page.locator('main tbody tr td:first-child').allInnerTexts());
      check.ok(agencies.size === 1 && agencies.has(AGENCY_1), `the agency column, one agency: ${[...agencies]}`);
      await visit(page, 'dwellings-list-region-fr');
      await open(page, `/dwellings/${created.id}`);
      check.equal(await page.locator('main .detail__actions').count(), 0, 'no actions for the region');
      check.equal(await page.locator(`main a[href="/dwellings/${created.id}/edit"]`).count(), 0, 'no edit link');
      const r = await open(page, `/dwellings/${created.id}/edit`);
      check.equal(r.status(), 403, 'the edit form is refused');
      check.done();
    }).then(() => withPage('dwelling-other-agency', async (page) => {
      await loginAs(page, USERS.otherAgencyStaff, 'fr');
      assert.notEqual(USERS.otherAgencyStaff.agency, AGENCY_1);
      const r = await open(page, `/dwellings/${created.id}`);
      await assertFriendlyErrorPage(page, r, 404, await htmlLang(page));
      const list = await open(page, `/dwellings?q=${encodeURIComponent(created.reference)}`);
      assert.equal(list.status(), 200);
      assert.equal(await page.locator('main tbody tr').count(), 0, `${AGENCY_2} does not find it`);
    })));

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
