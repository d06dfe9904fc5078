// The bank import as agency staff would do it (issue 10 point 3), in Dutch: the agency admin
// adds the agency's account in the settings, the staff uploads a CODA file from /bank and reads
// the matching report (one credit matched by its structured communication, one left with the
// reason in words), then matches the unmatched credit by hand from the queue, finding the lease
// by its payment reference; the queue no longer lists it and the lease's balance counts it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, logout, h1Text, fetchInPage, visit, checkPagesVisited, uniqueSuffix,
  navLink,
} from './support.mjs';

const ACCOUNT = 'BE11068246013548';

// A 128-character CODA record: [position (1-based), text] written over blanks.
function record(fields) {
  const r = Array(128).fill(' ');
  for (const [position, text] of fields) for (let i = 0; i < text.length; i++) r[position - 1 + i] = text[i];
  return `${r.join('')}\r\n`;
}
const digits = (value, width) => String(value).padStart(width, '0');

// A CODA 2 statement `number` of ACCOUNT on `ddmmyy` with credits [{cents, structured, text, iban, name}].
function coda(number, ddmmyy, movements) {
  const acct = ACCOUNT.padEnd(34, ' ') + 'EUR';
  const old = 1000000;
  let credits = 0;
  let out = record([[1, `00000${ddmmyy}00005`], [35, 'AIS DEMO ASBL'], [128, '2']]);
  out += record([[1, `12${number}`], [6, acct], [43, `0${digits(old * 10, 15)}`], [59, ddmmyy], [126, number]]);
  movements.forEach((m, i) => {
    const seq = digits(i + 1, 4);
    credits += m.cents;
    const communication = m.structured ? `1101${m.structured}` : `0${m.text}`;
    out += record([[1, `21${seq}0000EBK${ddmmyy}${digits(i + 1, 12)}`],
      [32, `0${digits(m.cents * 10, 15)}${ddmmyy}00150000${communication}`], [116, `${ddmmyy}${number}0`], [126, '1'], [128, '0']]);
    out += record([[1, `22${seq}0000`], [99, 'GKCCBEBB'], [126, '1'], [128, '0']]);
    out += record([[1, `23${seq}0000${m.iban.padEnd(34, ' ')}EUR${m.name}`], [126, '0'], [128, '0']]);
  });
  out += record([[1, `8${number}`], [5, acct], [42, `0${digits((old + credits) * 10, 15)}`], [58, ddmmyy]]);
  out += record([[1, '9'], [17, digits(3 * movements.length + 2, 6) + digits(0, 15) + digits(credits * 10, 15)], [128, '2']]);
  return out;
}

const referenceDigits = (shown) => shown.replace(/\D/g, '');

describe('bank', () => {
  test('a CODA file is uploaded, matched, and an unmatched credit matched by hand (nl)', () =>
    withPage('bank-import-nl', async (page) => {
      // The agency's account, by its admin in the settings.
      await loginAs(page, USERS.agencyAdmin, 'nl');
      await open(page, '/settings');
      await clickAndLoad(page, page.locator('a[href="/settings/bank-accounts"]'));
      assert.equal(await h1Text(page), t('nl', 'bank.accounts.title'));
      await page.locator('#iban').fill('BE11 0682 4601 3548');
      await page.locator('#bic').fill('GKCCBEBB');
      await clickAndLoad(page, page.locator('form[action="/settings/bank-accounts"] button[type="submit"]'));
      assert.ok((await page.locator('#bank-accounts').innerText()).includes('BE11 0682 4601 3548'));
      await visit(page, 'bank-accounts-nl');
      await logout(page);

      // Two leases of the agency: one pays by its reference, the other's credit comes without.
      await loginAs(page, USERS.agencyStaff, 'nl');
      const leases = await fetchInPage(page, '/api/v1/leases?limit=2');
      assert.equal(leases.status, 200);
      assert.ok(leases.body.items.length >= 2, 'the demo agency has leases');
      const [paid, byHand] = leases.body.items;
      const number = digits(Number(uniqueSuffix().replace(/\D/g, '').slice(-3)) || 1, 3);
      const file = coda(number, '050326', [
        { cents: 64500, structured: referenceDigits(paid.payment_reference), text: '', iban: 'BE25735104827682', name: 'BETALER EEN' },
        { cents: 31245, structured: '', text: 'HUUR MAART', iban: 'BE20363220715456', name: 'BETALER TWEE' },
      ]);

      const link = await navLink(page, '/bank');
      await clickAndLoad(page, link);
      assert.equal(await h1Text(page), t('nl', 'bank.import.title'));
      await page.locator('#file').setInputFiles({ name: `uittreksel-${number}.cod`, mimeType: 'text/plain', buffer: Buffer.from(file, 'latin1') });
      const uploaded = await clickAndLoad(page, page.locator('#bank-upload button[type="submit"]'));
      assert.equal(uploaded.status(), 200);
      const summary = await page.locator('#bank-report-summary').innerText();
      assert.equal(summary, t('nl', 'bank.import.summary', { statements: 1, movements: 2, matched: 1, unmatched: 1 }));
      assert.ok((await page.locator('#bank-report-matched').innerText()).includes(t('nl', 'bank.method.structured_communication')));
      const unmatched = page.locator('#bank-report-unmatched');
      assert.ok((await unmatched.innerText()).includes(t('nl', 'bank.reason.no_lease_fits')), 'the reason in words');
      assert.ok(!(await page.content()).includes('BE20363220715456'), 'the payer\'s IBAN is never shown whole');
      await visit(page, 'bank-report-nl');

      // The same file again: refused, nothing saved.
      await page.locator('#file').setInputFiles({ name: `uittreksel-${number}.cod`, mimeType: 'text/plain', buffer: Buffer.from(file, 'latin1') });
      const again = await clickAndLoad(page, page.locator('#bank-upload button[type="submit"]'));
      assert.equal(again.status(), 409);
      assert.ok((await page.locator('.error-summary').innerText()).includes(number));

      // The queue: the credit without reference, matched by hand to the second lease.
      await open(page, '/bank/movements');
      assert.equal(await h1Text(page), t('nl', 'bank.movements.title'));
      const row = page.locator('#bank-movements tbody tr', { hasText: 'BETALER TWEE' }).first();
      await clickAndLoad(page, row.locator('a[href^="/bank/movements/"]'));
      assert.equal(await h1Text(page), t('nl', 'bank.movement.title'));
      await page.locator('#q').fill(byHand.payment_reference);
      await clickAndLoad(page, page.locator('#bank-lease-search button[type="submit"]'));
      const candidate = page.locator('#bank-candidates tbody tr').first();
      assert.ok((await candidate.innerText()).includes(byHand.payment_reference));
      await visit(page, 'bank-movement-nl');
      const before = await fetchInPage(page, `/api/v1/leases/${byHand.id}/balance`);
      await clickAndLoad(page, candidate.locator('button[type="submit"]'));
      assert.equal(await page.locator('#bank-matched-notice').count(), 1);
      const queue = await page.locator('main').innerText();
      assert.ok(!queue.includes('BETALER TWEE'), 'no longer waiting');
      const after = await fetchInPage(page, `/api/v1/leases/${byHand.id}/balance`);
      assert.equal(Math.round(Number(after.body.paid) * 100) - Math.round(Number(before.body.paid) * 100), 31245);
      const matched = await fetchInPage(page, '/api/v1/bank/movements?status=matched');
      assert.ok(matched.body.items.some((m) => m.counterparty_name === 'BETALER TWEE' && m.match_method === 'manual'));
    }));

  test('the region never reaches the bank', () =>
    withPage('bank-region', async (page) => {
      await loginAs(page, USERS.region);
      assert.equal((await open(page, '/bank')).status(), 403);
      assert.equal((await fetchInPage(page, '/api/v1/bank/movements')).status, 403);
    }));

  test('pages visited pass the basic checks', () => checkPagesVisited());
});
