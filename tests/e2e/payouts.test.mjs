// The owners' monthly payment run as agency staff would do it (issue 11 part 2), in English: the
// rent run of a free month posted from /rent-run, then /payouts reached from the Money menu, the
// month chosen, its transfers read (owner, dwellings, due, fee, paid) with their totals, the file
// made and downloaded — a pain.001.001.09 whose NbOfTxs and CtrlSum are the page's count and
// total, byte-identical when downloaded again — and the run confirmed once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, h1Text, fetchInPage, visit, checkPagesVisited, uniqueSuffix, navLink,
} from './support.mjs';

// A month far ahead that no other test runs (ledger 2040–2089, arrears 2090–2098, accounting 2099).
function aFreeMonth() {
  const n = Number(uniqueSuffix().replace(/\D/g, '').slice(-4)) || 7;
  return `${2100 + (n % 9)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

// "€1,982.13" → 198213 (cents).
const cents = (shown) => Number(shown.replace(/[^\d.]/g, '').replace('.', ''));

describe('payouts', () => {
  test('the owners of a month are paid by a SEPA file, downloaded and confirmed (en)', () =>
    withPage('payouts-run-en', async (page) => {
      await loginAs(page, USERS.agencyStaff, 'en');
      const month = aFreeMonth();

      // The rent run of the month first: it posts what is due to the owners.
      await open(page, `/rent-run?month=${month}`);
      await clickAndLoad(page, page.locator('#rent-run-post button[type="submit"]'));
      assert.equal(await page.locator('#rent-run-posted').count(), 1, 'the rent run is posted');

      // The payments page from the Money menu; the month chosen.
      await open(page, '/');
      await clickAndLoad(page, await navLink(page, '/payouts'));
      assert.equal(await h1Text(page), t('en', 'payouts.title'));
      await page.locator('#month').fill(month);
      await clickAndLoad(page, page.locator('#payouts-month button[type="submit"]'));
      const rows = page.locator('#payouts-transfers tbody tr');
      const transfers = await rows.count();
      assert.ok(transfers > 0, 'the demo agency pays its owners');
      const net = await page.locator('#payouts-net').innerText();
      const gross = await page.locator('#payouts-gross').innerText();
      const fee = await page.locator('#payouts-fee').innerText();
      assert.equal(cents(gross) - cents(fee), cents(net), 'paid = due − fee');
      await visit(page, 'payouts-month-en');

      // The file made, then downloaded as a person does (the link), then again by fetch.
      await clickAndLoad(page, page.locator('#payouts-make button[type="submit"]'));
      assert.equal(await page.locator('#payouts-file-made').count(), 1);
      assert.equal(await page.locator('#payouts-make').count(), 0, 'the file is made once');
      await visit(page, 'payouts-file-made-en');
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#payouts-download').click()]);
      assert.match(download.suggestedFilename(), new RegExp(`^payouts-.*-${month}\\.xml$`));
      const xml = fs.readFileSync(await download.path(), 'utf8');
      assert.ok(xml.includes('xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"'), 'pain.001.001.09');
      assert.equal(xml.match(/<NbOfTxs>(\d+)<\/NbOfTxs>/g).length, 2, 'NbOfTxs at both levels');
      for (const n of xml.match(/<NbOfTxs>(\d+)<\/NbOfTxs>/g)) assert.equal(n, `<NbOfTxs>${transfers}</NbOfTxs>`);
      for (const sum of xml.match(/<CtrlSum>[\d.]+<\/CtrlSum>/g)) assert.equal(cents(sum.replace(/<\/?CtrlSum>/g, '')), cents(net));
      assert.equal((xml.match(/<CdtTrfTxInf>/g) || []).length, transfers);
      const again = await fetchInPage(page, await page.locator('#payouts-download').getAttribute('href'));
      assert.equal(again.status, 200);
      assert.equal(again.body, xml, 'the same file again');

      // Confirmed once the bank has executed it: posted, and no second confirmation offered.
      await clickAndLoad(page, page.locator('#payouts-confirm button[type="submit"]'));
      assert.equal(await page.locator('#payouts-confirmed-done').innerText(), t('en', 'payouts.confirmed_done', { month }));
      assert.equal(await page.locator('#payouts-confirm').count(), 0);
      assert.equal(await page.locator('#payouts-confirmed').count(), 1);
      await visit(page, 'payouts-confirmed-en');
    }));

  test('the pages visited pass the accessibility basics', () => checkPagesVisited());
});
