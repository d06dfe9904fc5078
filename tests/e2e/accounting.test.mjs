// Handing a month to the accountant (issue 11.3), in French: after a month's rent run, the agency
// exports its days as WinBooks files from the accounting page; ACT.txt holds one quoted row of
// 36 fields per line of an entry, its amounts add up to zero and its rows are as many as the
// page says; CSF.txt names the tenants and owners; the same days exported again give the same
// bytes; days typed backwards are refused beside the field, nothing exported.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { USERS, t, withPage, open, clickAndLoad, loginAs, h1Text, visit, checkPagesVisited, uniqueSuffix } from './support.mjs';

// A month far ahead that no other test posts (ledger 2040–2089, arrears 2090–2098).
function aFreeMonth() {
  const n = Number(uniqueSuffix().replace(/\D/g, '').slice(-4)) || 7;
  return `2099-${String((n % 12) + 1).padStart(2, '0')}`;
}

const lastDay = (month) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

// The rows of a WinBooks file: every field quoted, ',' between them, CRLF after each row.
function winbooksRows(text) {
  assert.ok(text.endsWith('\r\n'), 'rows end with CRLF');
  return text.slice(0, -2).split('\r\n').map((row) => {
    assert.match(row, /^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*")*$/, `every field quoted: ${row}`);
    return row.slice(1, -1).split('","').map((f) => f.replaceAll('""', '"'));
  });
}

async function exportDays(page, from, to) {
  await open(page, '/accounting');
  await page.locator('#from').fill(from);
  await page.locator('#to').fill(to);
  await page.locator('#format-winbooks').check();
  await clickAndLoad(page, page.locator('#accounting-export button[type="submit"]'));
}

async function downloaded(page, name) {
  const link = page.locator('#export-done a', { hasText: name });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), name);
  return fs.readFileSync(await download.path());
}

describe('accounting export', () => {
  test('a month exported as WinBooks files, the same bytes twice (fr)', () =>
    withPage('accounting-fr', async (page) => {
      await loginAs(page, USERS.agencyStaff, 'fr');
      const month = aFreeMonth();
      await open(page, `/rent-run?month=${month}`);
      if ((await page.locator('#rent-run-post').count()) === 1)
        await clickAndLoad(page, page.locator('#rent-run-post button[type="submit"]'));

      await open(page, '/accounting');
      assert.equal(await h1Text(page), t('fr', 'accounting.title'));
      await visit(page, 'accounting-form-fr');

      // Days typed backwards: the reason beside the field, what was typed kept, no export.
      const before = await page.locator('#accounting-exports tbody tr').count();
      await page.locator('#from').fill(lastDay(month));
      await page.locator('#to').fill(`${month}-01`);
      await clickAndLoad(page, page.locator('#accounting-export button[type="submit"]'));
      assert.equal(await page.locator('#to-error').innerText(), t('fr', 'accounting.invalid_span'));
      assert.equal(await page.locator('#from').inputValue(), lastDay(month));
      assert.equal(await page.locator('#accounting-exports tbody tr').count(), before);
      await visit(page, 'accounting-refused-fr');

      await exportDays(page, `${month}-01`, lastDay(month));
      const notice = await page.locator('#export-done').innerText();
      const [, entries, lines] = notice.match(/(\d+) écritures \((\d+) lignes\)/) || [];
      assert.ok(Number(entries) > 0, `the month's entries were exported: ${notice}`);
      await visit(page, 'accounting-done-fr');
      const act = await downloaded(page, 'ACT.txt');
      const rows = winbooksRows(act.toString('utf8'));
      assert.equal(rows.length, Number(lines), 'one row per line of an entry');
      for (const r of rows) assert.equal(r.length, 36, 'WinBooks ACT.txt rows have 36 fields');
      const sum = rows.reduce((s, r) => s + Math.round(Number(r[16]) * 100), 0);
      assert.equal(sum, 0, 'the debits and the credits balance');
      assert.ok(rows.every((r) => r[9] === month.slice(5)), 'the period is the month');
      const csf = winbooksRows((await downloaded(page, 'CSF.txt')).toString('utf8'));
      assert.ok(csf.some((r) => r[1] === '1' && r[20] === '400'), 'the tenants are customers of 400');
      assert.ok(csf.some((r) => r[1] === '2' && r[20] === '440'), 'the owners are suppliers of 440');

      // The same days again: the same bytes.
      await exportDays(page, `${month}-01`, lastDay(month));
      assert.deepEqual(await downloaded(page, 'ACT.txt'), act);
    }));

  test('pages visited pass the accessibility basics', () => checkPagesVisited());
});
