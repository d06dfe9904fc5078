// Logging in and out, in each language; the language switch; a wrong password.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, AGENCY_1, t, withPage, open, clickAndLoad, loginAs, logout, switchLanguage, softly,
  sessionCookie, pathOf, htmlLang, h1Text, fetchInPage, visit, checkPagesVisited,
} from './support.mjs';

const LOGIN_H1 = { fr: 'Connexion', nl: 'Aanmelden', en: 'Log in' };
const DASHBOARD_H1 = { fr: 'Tableau de bord', nl: 'Overzicht', en: 'Dashboard' };
// A browser language other than the one chosen, so that Accept-Language cannot pass the test.
const OTHER_LOCALE = { fr: 'en-GB', nl: 'fr-BE', en: 'nl-BE' };

const staff = USERS.agencyStaff;

describe('login', () => {
  for (const lang of ['fr', 'nl', 'en']) {
    test(`login in ${lang}: the page, the dashboard, the header, and the language sticks`, () =>
      withPage(`login-${lang}`, async (page) => {
        const check = softly();
        const r = await open(page, `/login?lang=${lang}`);
        assert.equal(r.status(), 200);
        assert.equal(await htmlLang(page), lang);
        assert.equal(await h1Text(page), LOGIN_H1[lang]);
        assert.equal(await page.title(), `${LOGIN_H1[lang]} — hms`);
        assert.equal(await page.locator(`header .langs [lang="${lang}"]`).getAttribute('aria-current'), 'true');
        await visit(page, `login-${lang}`);

        await loginAs(page, staff, lang);
        const shown = await htmlLang(page);
        check.equal(shown, lang, 'the dashboard is in the language chosen on the login page');
        assert.equal(await h1Text(page), DASHBOARD_H1[shown], 'the dashboard');
        const who = await page.locator('header .header__who').innerText();
        const me = (await fetchInPage(page, '/api/v1/me')).body;
        assert.ok(who.includes(me.name), `the header shows the user's name (${who})`);
        const agency = (await fetchInPage(page, '/api/v1/agencies')).body.items[0];
        assert.equal(agency.code, AGENCY_1, 'an agency user sees its own agency only');
        assert.ok(who.includes(agency.name), `the header shows the name of the user's agency (${who})`);
        check.equal(me.language, lang, 'the language chosen on the login page is the user\'s now');
        await visit(page, `dashboard-agency-staff-${lang}`);

        // The next page, without ?lang=: still the language chosen on the login page.
        await clickAndLoad(page, page.locator('header a[href="/account"]'));
        assert.equal(pathOf(page), '/account');
        check.equal(await htmlLang(page), lang, 'the language chosen on the login page sticks on the next page');
        assert.equal(await h1Text(page), t(await htmlLang(page), 'users.account.title'));
        await visit(page, `account-${lang}`);
        check.done();
      }, { locale: OTHER_LOCALE[lang] }));
  }

  test('the FR | NL | EN switch in the header changes the language, and it stays', () =>
    withPage('language-switch', async (page) => {
      await loginAs(page, staff);
      for (const lang of ['nl', 'en', 'fr']) {
        const r = await switchLanguage(page, lang);
        assert.equal(r.status(), 200);
        assert.equal(pathOf(page), '/', 'the switch stays on the same page');
        assert.equal(await htmlLang(page), lang);
        assert.equal(await h1Text(page), DASHBOARD_H1[lang]);
        assert.equal(await page.locator(`header .langs [lang="${lang}"]`).getAttribute('aria-current'), 'true');
        // The next page keeps it.
        await clickAndLoad(page, page.locator('header a[href="/account"]'));
        assert.equal(await htmlLang(page), lang, `${lang} stays on the next page`);
        assert.equal(await h1Text(page), t(lang, 'users.account.title'));
        await clickAndLoad(page, page.locator('header a.header__brand'));
        assert.equal(await htmlLang(page), lang);
      }
    }));

  for (const lang of ['fr', 'nl', 'en']) {
    test(`a wrong password (${lang}): error summary in ${lang}, login kept, password empty, no session`, () =>
      withPage(`wrong-password-${lang}`, async (page, context) => {
        const check = softly();
        await open(page, `/login?lang=${lang}`);
        const typed = staff.login;
        const form = page.locator('form[action="/login"]');
        await form.locator('#login').fill(typed);
        await form.locator('#password').fill('not the right password at all');
        const r = await clickAndLoad(page, form.locator('button[type="submit"]'));
        assert.equal(r.status(), 401);
        assert.equal(pathOf(page), '/login');
        const summary = page.locator('[role="alert"]');
        assert.equal(await summary.count(), 1, 'one error summary');
        assert.ok(await summary.isVisible());
        const shown = await htmlLang(page);
        check.equal(shown, lang, `the page stays in ${lang}`);
        assert.equal(await h1Text(page), LOGIN_H1[shown]);
        const message = (await summary.innerText()).trim();
        assert.ok(message.includes(t(shown, 'users.wrong_credentials')), `the message: "${message}"`);
        check.ok(message.includes(t(lang, 'users.wrong_credentials')), `the message is in ${lang}: "${message}"`);
        check.equal(await page.locator('#login').inputValue(), typed, 'the login field keeps what was typed');
        assert.equal(await page.locator('#password').inputValue(), '', 'the password is empty');
        assert.equal(await sessionCookie(context), undefined, 'no session cookie');
        assert.equal((await fetchInPage(page, '/api/v1/me')).status, 401);
        await visit(page, `login-wrong-password-${lang}`);
        check.done();
      }, { locale: OTHER_LOCALE[lang] }));
  }

  test('logout: / then goes to /login, and back + reload does not show the dashboard', () =>
    withPage('logout', async (page, context) => {
      await loginAs(page, staff, 'fr');
      assert.ok(await sessionCookie(context));
      const dashboardH1 = await h1Text(page);

      const r = await logout(page);
      assert.equal(r.status(), 200);
      assert.equal(pathOf(page), '/login');
      assert.equal(await sessionCookie(context), undefined, 'the session cookie is gone');

      // The browser's back button, then reload.
      await page.goBack({ waitUntil: 'load' });
      await page.reload({ waitUntil: 'load' });
      assert.equal(pathOf(page), '/login', 'back + reload lands on the login page');
      assert.notEqual(await h1Text(page), dashboardH1);
      assert.equal(await page.locator('header form[action="/logout"]').count(), 0, 'nobody is logged in');

      // / redirects to /login; the API says 401.
      const home = await open(page, '/');
      assert.equal(pathOf(page), '/login');
      assert.equal(home.request().redirectedFrom()?.url(), new URL('/', page.url()).href);
      assert.equal((await fetchInPage(page, '/api/v1/me')).status, 401);
    }));

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
