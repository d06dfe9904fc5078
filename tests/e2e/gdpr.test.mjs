// A household's rights over its data (GDPR, issue 9.5), in Dutch, as an agency admin would use
// them: the copy of its data as a PDF from its page, then its erasure, refused until the box is
// ticked, after which its page shows no name; the staff is offered no erasure; the retention
// page says what is due or that no period was chosen.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, t, withPage, open, clickAndLoad, loginAs, logout, fetchInPage, h1Text, visit, checkPagesVisited } from './support.mjs';

const admin = USERS.agencyAdmin;

describe('GDPR (nl)', () => {
  test("a struck-off household gets a copy of its data, then is erased", () =>
    withPage('gdpr-erase-nl', async (page) => {
      await loginAs(page, admin, 'nl');
      const list = await fetchInPage(page, '/api/v1/applicants?status=struck_off&limit=100');
      assert.equal(list.status, 200);
      const household = list.body.items.find((a) => a.status_reason !== 'erased');
      assert.ok(household, 'a struck-off demo household not erased yet');
      await open(page, `/applicants/${household.id}`);
      const name = await h1Text(page);

      // The copy of its data: a PDF, from its page.
      const href = await page.locator('#subject-access').getAttribute('href');
      const pdf = await fetchInPage(page, href);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.contentType, 'application/pdf');
      assert.ok(String(pdf.body).startsWith('%PDF'));

      // The erasure: not without the box ticked.
      await clickAndLoad(page, page.locator('#erase-form button[type="submit"]'));
      assert.ok((await page.locator('#erase-error').innerText()).startsWith(t('nl', 'applicants.erase_confirm')));
      assert.equal(await h1Text(page), name, 'nothing erased');
      await visit(page, 'applicant-erase-refused-nl');
      await page.locator('#confirm').check();
      await clickAndLoad(page, page.locator('#erase-form button[type="submit"]'));
      assert.equal(await page.locator('.notice--success').innerText(), t('nl', 'applicants.erase.done_notice'));
      assert.equal(await page.locator('#erased-notice').count(), 1);
      assert.equal(await h1Text(page), '— —');
      assert.equal(await page.locator('#erase-form').count(), 0, 'erased once');
      await visit(page, 'applicant-erased-nl');
    }));

  test('the staff is offered no erasure; the retention page for the admin', () =>
    withPage('gdpr-retention-nl', async (page) => {
      await loginAs(page, USERS.agencyStaff, 'nl');
      const list = await fetchInPage(page, '/api/v1/applicants?status=active&limit=1');
      await open(page, `/applicants/${list.body.items[0].id}`);
      assert.equal(await page.locator('#erase-form').count(), 0);
      assert.equal((await open(page, '/applicants/retention')).status(), 403);

      await logout(page);
      await loginAs(page, admin, 'nl');
      await open(page, '/applicants/retention');
      assert.equal(await h1Text(page), t('nl', 'applicants.retention.title'));
      const states = await page.locator('#retention-not-chosen, #retention-intro').count();
      assert.equal(states, 1, 'either no period chosen, or what it proposes');
      await visit(page, 'applicants-retention-nl');
    }));

  test('pages visited pass the basic checks', () => checkPagesVisited());
});
