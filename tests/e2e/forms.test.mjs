// The "add a user" form of an agency admin: without its CSRF token, with bad input, and right.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, AGENCY_1, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, htmlLang, h1Text,
  fetchInPage, visit, screenshot, checkPagesVisited, assertFriendlyErrorPage, uniqueSuffix, softly,
} from './support.mjs';

const admin = USERS.agencyAdmin;
const GOOD_PASSWORD = 'correct horse battery staple';

async function usersMatching(page, q) {
  const r = await fetchInPage(page, `/api/v1/users?limit=500&q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200);
  return r.body.items;
}

async function fillNewUser(page, { login, name, password }) {
  const form = page.locator('main form[action="/users"]');
  await form.locator('#login').fill(login);
  await form.locator('#name').fill(name);
  await form.locator('#role-agency_staff').check();
  await form.locator('#password').fill(password);
  return form;
}

describe('the add-user form', () => {
  test('posted without its CSRF token: 403 "form expired", nothing created; with it, the user is created', () =>
    withPage('csrf', async (page) => {
      const check = softly();
      await loginAs(page, admin);
      const r0 = await open(page, '/users');
      assert.equal(r0.status(), 200);
      await visit(page, 'users-list');
      await clickAndLoad(page, page.locator('main a[href="/users/new"]'));
      assert.equal(pathOf(page), '/users/new');
      const lang = await htmlLang(page);
      assert.equal(await h1Text(page), t(lang, 'users.new_title'));
      await visit(page, 'user-new');

      const suffix = uniqueSuffix();
      const person = { login: `e2e.csrf.${suffix}`, name: `E2E Csrf ${suffix}`, password: GOOD_PASSWORD };
      let form = await fillNewUser(page, person);
      await form.locator('input[name="csrf_token"]').evaluate((el) => el.remove());
      assert.equal(await form.locator('input[name="csrf_token"]').count(), 0);
      const r = await clickAndLoad(page, form.locator('button[type="submit"]'));
      const text = await assertFriendlyErrorPage(page, r, 403, lang);
      assert.ok(text.includes(t(lang, 'common.csrf_failed')), `says the form expired, in ${lang}: "${text}"`);
      await visit(page, 'error-403-csrf');
      assert.deepEqual(await usersMatching(page, person.login), [], 'no user was created');
      await open(page, `/users?q=${encodeURIComponent(person.login)}`);
      assert.ok(!(await page.locator('#results').innerText()).includes(person.login), 'the list does not show the user');
      check.equal(await page.locator('#results table').count(), 0, 'an empty search result shows no table');
      check.ok((await page.locator('#results').innerText()).includes(t(lang, 'users.empty')),
        `an empty search result says what to do ("${t(lang, 'users.empty')}")`);
      await visit(page, 'users-list-empty-search');

      // The same form, with its token.
      await open(page, '/users/new');
      form = await fillNewUser(page, person);
      const ok = await clickAndLoad(page, form.locator('button[type="submit"]'));
      assert.equal(ok.status(), 200);
      assert.match(pathOf(page), /^\/users\/\d+$/);
      assert.equal(new URL(page.url()).searchParams.get('created'), '1');
      const notice = page.locator('main [role="status"]');
      assert.equal((await notice.innerText()).trim(), t(lang, 'users.created_notice'));
      assert.equal(await h1Text(page), person.name);
      const summary = await page.locator('main dl.summary').innerText();
      assert.ok(summary.includes(person.login) && summary.includes(AGENCY_1) && summary.includes(t(lang, 'users.roles.agency_staff')));
      await visit(page, 'user-created');
      const created = await usersMatching(page, person.login);
      assert.equal(created.length, 1);
      assert.equal(created[0].agency, AGENCY_1);
      assert.equal(pathOf(page), `/users/${created[0].id}`);
      check.done();
    }));

  for (const lang of ['fr', 'nl']) {
    test(`bad input (${lang}): a summary linking to each field, messages by the fields, input kept, nothing created`, () =>
      withPage(`bad-input-${lang}`, async (page) => {
        await loginAs(page, admin);
        await switchLanguage(page, lang);
        assert.equal(await htmlLang(page), lang);
        await open(page, '/users/new');
        const suffix = uniqueSuffix();
        const typed = { login: `Bad Login ${suffix}!`, name: `E2E Bad ${suffix}`, password: 'short' };
        const form = await fillNewUser(page, typed);
        const r = await clickAndLoad(page, form.locator('button[type="submit"]'));
        assert.equal(r.status(), 422);
        assert.equal(pathOf(page), '/users/new', 'the form again, at its own address with its draft (issue 15.7)');
        assert.equal(await htmlLang(page), lang);
        await screenshot(page, `user-new-errors-${lang}`);

        const expected = {
          login: t(lang, 'users.invalid_login'),
          password: t(lang, 'users.password_too_short', { min: 12 }),
        };
        const summary = page.locator('main .error-summary[role="alert"]');
        assert.equal(await summary.count(), 1, 'an error summary');
        assert.equal((await summary.locator('h2').innerText()).trim(), t(lang, 'common.form.error_summary'));
        const links = await summary.locator('a').evaluateAll((as) =>
          as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
        const check = softly();
        const problems = check.misses;
        for (const [field, message] of Object.entries(expected)) {
          const link = links.find((l) => l.href === `#${field}`);
          if (!link) { problems.push(`the summary has no link to #${field}`); continue; }
          if (link.text !== message) problems.push(`summary link to #${field} says "${link.text}", want "${message}"`);
          const input = page.locator(`main #${field}`);
          if ((await input.count()) !== 1) { problems.push(`the link #${field} leads nowhere`); continue; }
          const beside = page.locator(`main .field--error:has(#${field}) .field__error`);
          const besideText = (await beside.count()) ? (await beside.first().innerText()).trim() : '';
          if (besideText !== message) problems.push(`by the ${field} field: "${besideText}", want "${message}"`);
          const describedBy = (await input.getAttribute('aria-describedby')) || '';
          const errorId = (await beside.count()) ? await beside.first().getAttribute('id') : null;
          if (!errorId || !describedBy.split(/\s+/).includes(errorId))
            problems.push(`the ${field} field's aria-describedby ("${describedBy}") does not point to its error message`);
        }
        check.equal(links.length, Object.keys(expected).length, `one summary link per problem: ${JSON.stringify(links)}`);

        check.equal(await page.locator('main #login').inputValue(), typed.login, 'the login is kept');
        check.equal(await page.locator('main #name').inputValue(), typed.name, 'the name is kept');
        check.ok(await page.locator('main #role-agency_staff').isChecked(), 'the role is kept');
        assert.deepEqual(await usersMatching(page, typed.name), [], 'nothing created');
        await visit(page, `user-new-errors-${lang}`);
        check.done();
      }));
  }

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
