// What a user may not see: a page of their role (403), another agency's objects (404, as if
// they did not exist).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, AGENCY_1, AGENCY_2, t, withPage, open, loginAs, pathOf, htmlLang, h1Text, fetchInPage,
  visit, checkPagesVisited, assertFriendlyErrorPage,
} from './support.mjs';

describe('access', () => {
  test('agency staff has no users page: a friendly 403 with a reference', () =>
    withPage('staff-users-403', async (page) => {
      await loginAs(page, USERS.agencyStaff);
      const lang = await htmlLang(page);
      assert.equal(await page.locator('nav.nav a[href="/users"]').count(), 0, 'no link to a page one may not open');
      const r = await open(page, '/users');
      const text = await assertFriendlyErrorPage(page, r, 403, lang);
      assert.ok(text.includes(t(lang, 'common.forbidden')), `says why, in ${lang}: "${text}"`);
      await visit(page, 'error-403-staff-users');
      const api = await fetchInPage(page, '/api/v1/users');
      assert.equal(api.status, 403);
      assert.equal(api.body.error.code, 'common.forbidden');
    }));

  test("an agency admin typing the URL of another agency's user gets a 404 without its data", async () => {
    // As the system administrator, the ids of users of both agencies.
    const users = await withPage('sysadmin-reads-users', async (page) => {
      await loginAs(page, USERS.sysadmin);
      const r = await fetchInPage(page, '/api/v1/users?limit=500');
      assert.equal(r.status, 200);
      assert.ok(r.body.total > 0 && r.body.items.length === Math.min(r.body.total, 500));
      return r.body.items;
    });
    const ofAgency2 = users.filter((u) => u.agency === AGENCY_2);
    const ofAgency1 = users.filter((u) => u.agency === AGENCY_1 && u.login !== USERS.agencyAdmin.login);
    assert.ok(ofAgency2.length > 0 && ofAgency1.length > 0, 'the demo has users in both agencies');
    const stranger = ofAgency2.find((u) => u.login === USERS.otherAgencyStaff.login) ?? ofAgency2[0];
    const colleague = ofAgency1[0];

    await withPage('other-agency-404', async (page) => {
      await loginAs(page, USERS.agencyAdmin);
      const me = (await fetchInPage(page, '/api/v1/me')).body;
      const lang = me.language ?? (await htmlLang(page));

      // A user of one's own agency: shown (the control).
      const own = await open(page, `/users/${colleague.id}`);
      assert.equal(own.status(), 200);
      assert.equal(await h1Text(page), colleague.name);
      await visit(page, 'user-detail');

      // A user of agency 2: 404, in the user's language, nothing of that user on the page.
      const r = await open(page, `/users/${stranger.id}`);
      assert.equal(pathOf(page), `/users/${stranger.id}`);
      const text = await assertFriendlyErrorPage(page, r, 404, lang);
      const html = await page.content();
      for (const v of [stranger.login, stranger.name, AGENCY_2])
        assert.ok(!text.includes(v) && !html.includes(v), `the page shows nothing of that user (${v})`);
      await visit(page, 'error-404-other-agency-user');

      // The API: 404 JSON, the same as an id that does not exist.
      const api = await fetchInPage(page, `/api/v1/users/${stranger.id}`);
      assert.equal(api.status, 404);
      assert.match(api.contentType, /^application\/json/);
      assert.equal(typeof api.body.error?.code, 'string');
      assert.ok(!JSON.stringify(api.body).includes(stranger.login));
      const missing = await fetchInPage(page, '/api/v1/users/999999999');
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.body.error.code, api.body.error.code, 'another agency\'s user looks like no user');

      // Nor does the list show them.
      const list = await fetchInPage(page, '/api/v1/users?limit=500');
      assert.equal(list.status, 200);
      assert.ok(list.body.items.every((u) => u.agency === AGENCY_1), 'the list holds only agency 1');
    });
  });

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
