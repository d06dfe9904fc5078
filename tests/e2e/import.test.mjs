// The stock import page (/import) of an agency user: a file with errors is refused with every
// problem by line and column, in French and in Dutch, and nothing is written; a good file is
// checked, confirmed, imported in the background (the page follows its progress) and its
// dwellings are then in the list of dwellings.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, h1Text, fetchInPage, visit,
  checkPagesVisited, uniqueSuffix, softly,
} from './support.mjs';

const staff = USERS.agencyStaff;
const HEADER =
  'dwelling_ref;street;number;box;postcode;type;bedrooms;surface_m2;peb_class;owner_kind;owner_name;owner_iban;' +
  'owner_email;contract_kind;contract_start;contract_end;owner_rent';
const csv = (lines) => Buffer.from([HEADER, ...lines].join('\n') + '\n', 'utf8');

// Two dwellings of one owner (lines 2 and 3), all correct.
const goodFile = (suffix) =>
  csv([
    `E2E-${suffix}-1;Rue de la Paix;12;3;1050;apartment;2;68,5;D;person;E2E Owner ${suffix};BE68 5390 0754 7034;;main_lease;2025-03-01;;780,00`,
    `E2E-${suffix}-2;Rue de la Paix;12;4;1050;apartment;1;;;person;E2E Owner ${suffix};BE68539007547034;;main_lease;2025-03-01;;600`,
  ]);
// The same with a wrong IBAN on line 2 and a postcode outside the Region on line 3.
const brokenFile = (suffix) =>
  csv([
    `E2E-${suffix}-1;Rue de la Paix;12;3;1050;apartment;2;68,5;D;person;E2E Owner ${suffix};BE68 5390 0754 7035;;main_lease;2025-03-01;;780,00`,
    `E2E-${suffix}-2;Rue de la Paix;12;4;9999;apartment;1;;;person;E2E Owner ${suffix};BE68539007547034;;main_lease;2025-03-01;;600`,
  ]);

async function upload(page, name, buffer) {
  await page.locator('main input[type="file"]#file').setInputFiles({ name, mimeType: 'text/csv', buffer });
  return clickAndLoad(page, page.locator('main form[action="/import"] button[type="submit"]'));
}

// The problems table: [[line, column, message], …].
const problemRows = (page) =>
  page.locator('#problems tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.innerText.trim())));

async function dwellingsMatching(page, q) {
  const r = await fetchInPage(page, `/api/v1/dwellings?limit=500&q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200);
  return r.body.items.map((d) => d.reference).sort();
}

describe('the stock import page', () => {
  test('a file with errors: every problem by line and column, in French and in Dutch; nothing written', () =>
    withPage('import-errors', async (page) => {
      const check = softly();
      const suffix = uniqueSuffix();
      await loginAs(page, staff);
      await open(page, '/import');
      for (const lang of ['fr', 'nl']) {
        await switchLanguage(page, lang);
        assert.equal(pathOf(page), '/import');
        assert.equal(await h1Text(page), t(lang, 'onboarding.import.title'));
        check.ok(await page.locator('main a[href="/import/template.xlsx"]').count(), 'links the Excel template');
        check.ok(await page.locator('main a[href="/import/template.csv"]').count(), 'links the CSV template');
        await visit(page, `import-${lang}`);

        const r = await upload(page, 'stock.csv', brokenFile(suffix));
        assert.equal(r.status(), 422);
        assert.equal((await page.locator('#import-problems-title').innerText()).trim(),
          t(lang, 'onboarding.import.problems_title', { count: 2 }));
        assert.deepEqual(await problemRows(page), [
          ['2', 'owner_iban', t(lang, 'owners.invalid_iban')],
          ['3', 'postcode', t(lang, 'stock.invalid_postcode', { postcode: '9999' })],
        ]);
        check.equal((await page.locator('main table#problems th').allInnerTexts()).map((s) => s.trim()).join('|'),
          [t(lang, 'onboarding.import.line'), t(lang, 'onboarding.import.column'), t(lang, 'onboarding.import.problem')].join('|'),
          `the table's headers in ${lang}`);
        await visit(page, `import-errors-${lang}`);
        assert.deepEqual(await dwellingsMatching(page, `E2E-${suffix}`), [], 'nothing was imported');
      }
      check.done();
    }));

  test('a good file: checked, confirmed, imported with its progress shown, then in the list of dwellings', () =>
    withPage('import-good', async (page) => {
      const lang = 'nl';
      const suffix = uniqueSuffix();
      await loginAs(page, staff);
      await open(page, '/import');
      await switchLanguage(page, lang);

      // The dry run: a summary and nothing written yet.
      const r = await upload(page, 'stock.csv', goodFile(suffix));
      assert.equal(r.status(), 200);
      assert.match(pathOf(page), /^\/import\/[0-9a-f]{32}$/);
      const job = pathOf(page);
      assert.equal(await h1Text(page), t(lang, 'onboarding.import.checked_title'));
      const summary = await page.locator('main #import-status').innerText();
      assert.ok(summary.includes(t(lang, 'onboarding.import.summary', { dwellings: 2, owners: 1, contracts: 2 })), summary);
      await visit(page, 'import-checked');
      assert.deepEqual(await dwellingsMatching(page, `E2E-${suffix}`), [], 'nothing written before the confirmation');

      // The confirmation: the import runs in the background; the page follows it until done.
      const confirmed = await clickAndLoad(page, page.locator(`main form[action="${job}/confirm"] button[type="submit"]`));
      assert.equal(confirmed.status(), 200);
      assert.equal(pathOf(page), job);
      await page.locator('main h1', { hasText: t(lang, 'onboarding.import.done_title') }).waitFor({ timeout: 15_000 });
      const done = await page.locator('main #import-status').innerText();
      assert.ok(done.includes(t(lang, 'onboarding.import.done_summary', { dwellings: 2, owners: 1, contracts: 2 })), done);
      await visit(page, 'import-done');

      // The dwellings are in the list.
      await clickAndLoad(page, page.locator('main a[href="/dwellings"]'));
      assert.equal(pathOf(page), '/dwellings');
      assert.deepEqual(await dwellingsMatching(page, `E2E-${suffix}`), [`E2E-${suffix}-1`, `E2E-${suffix}-2`]);
      await open(page, `/dwellings?q=${encodeURIComponent(`E2E-${suffix}`)}`);
      const list = await page.locator('main').innerText();
      assert.ok(list.includes(`E2E-${suffix}-1`) && list.includes(`E2E-${suffix}-2`), `the list shows both: ${list}`);
      await visit(page, 'import-dwellings-list');
    }));

  test('every page visited passes the accessibility basics', () => checkPagesVisited());
});
