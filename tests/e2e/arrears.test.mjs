// Arrears as an agency would follow them (issue 11.1), in French: after a month's rent run that
// nobody has paid yet, the arrears page on the last day of that month lists the leases with
// their oldest unpaid call and the reminder step reached, and the ageing table adds up to the
// total; the agency admin changes the reminder ladder (a ladder that does not climb is refused
// with the reason beside the field, nothing saved) and the page follows the new ladder; the
// formal notice of a lease is written as a PDF letter and shown as its last letter.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { USERS, t, withPage, open, clickAndLoad, loginAs, logout, h1Text, visit, uniqueSuffix } from './support.mjs';

// A month far ahead that no other test posts (the ledger's tests take 2040–2089).
function aFreeMonth() {
  const n = Number(uniqueSuffix().replace(/\D/g, '').slice(-4)) || 7;
  return `${2090 + (n % 9)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

// "1.234,56 €" → cents.
const cents = (text) => Number(text.replace(/[^\d,-]/g, '').replace(',', '')) || 0;

describe('arrears', () => {
  test('the arrears of an unpaid month, by age, and the reminder ladder (fr)', () =>
    withPage('arrears-fr', async (page) => {
      await loginAs(page, USERS.agencyStaff, 'fr');
      const month = aFreeMonth();
      await open(page, `/rent-run?month=${month}`);
      if ((await page.locator('#rent-run-post').count()) === 1)
        await clickAndLoad(page, page.locator('#rent-run-post button[type="submit"]'));

      await open(page, `/arrears?date=${month}-28`);
      assert.equal(await h1Text(page), t('fr', 'arrears.title'));
      const rows = page.locator('#arrears-leases tbody tr');
      assert.ok((await rows.count()) > 0, 'the unpaid calls of the month are in arrears');
      const steps = ['none', 'reminder', 'second_reminder', 'formal_notice'].map((s) => t('fr', `arrears.steps.${s}`));
      const firstStep = (await rows.first().locator('td').nth(5).innerText()).trim();
      assert.ok(steps.includes(firstStep), `a step in words: ${firstStep}`);
      // The ageing adds up to the total.
      const ages = await page.locator('#arrears-ageing tbody td').allInnerTexts();
      const total = cents(ages.pop());
      assert.equal(ages.map(cents).reduce((a, b) => a + b, 0), total, 'the age classes add up to the total');
      assert.ok(total > 0);
      await visit(page, 'arrears-list-fr');
      await logout(page);

      // The admin makes the ladder start on the first day.
      await loginAs(page, USERS.agencyAdmin, 'fr');
      await open(page, '/settings/reminders');
      assert.equal(await h1Text(page), t('fr', 'arrears.ladder_title'));
      await page.locator('#reminder_days').fill('1');
      await page.locator('#reminder_threshold').fill('');
      await page.locator('#second_reminder_days').fill('1');
      await clickAndLoad(page, page.locator('form[action="/settings/reminders"] button[type="submit"]'));
      assert.equal(await page.locator('#second_reminder_days-error').innerText(), t('fr', 'arrears.days_not_increasing'));
      await visit(page, 'arrears-ladder-refused-fr');
      await page.locator('#second_reminder_days').fill('2');
      await page.locator('#formal_notice_days').fill('3');
      await page.locator('#formal_notice_threshold').fill('0,01');
      await page.locator('#second_reminder_threshold').fill('0');
      await clickAndLoad(page, page.locator('form[action="/settings/reminders"] button[type="submit"]'));
      assert.ok((await page.locator('.notice--success').innerText()).includes(t('fr', 'arrears.ladder_saved')));

      // 27 days after the call, every lease in arrears has reached the formal notice.
      await open(page, `/arrears?date=${month}-28`);
      const stepsNow = await page.locator('#arrears-leases tbody tr td:nth-child(6)').allInnerTexts();
      assert.ok(stepsNow.length > 0);
      assert.ok(stepsNow.every((s) => s.trim() === t('fr', 'arrears.steps.formal_notice')), stepsNow.join(', '));
      await visit(page, 'arrears-after-ladder-fr');

      // The formal notice of the first lease: a PDF letter, then recorded as its last letter.
      const first = page.locator('#arrears-leases tbody tr').first();
      const [download] = await Promise.all([page.waitForEvent('download'), first.locator('form.letter-form button').click()]);
      assert.match(download.suggestedFilename(), /^reminder-.*\.pdf$/);
      assert.equal(fs.readFileSync(await download.path()).subarray(0, 5).toString(), '%PDF-');
      await open(page, `/arrears?date=${month}-28`);
      const last = (await page.locator('#arrears-leases tbody tr').first().locator('td').nth(6).innerText()).trim();
      assert.ok(last.startsWith(t('fr', 'arrears.steps.formal_notice')), `the last letter is shown: ${last}`);
      await visit(page, 'arrears-letter-sent-fr');
    }));
});
