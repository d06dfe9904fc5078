// Shared helpers of the browser tests (run them with tests/e2e/run.sh, which starts a server
// on a fresh demo database and sets HMS_E2E_BASE_URL and HMS_E2E_LOGINS).
//
// - Debian's chromium driven by playwright-core (never a downloaded browser); one browser per
//   test file, a fresh context (cookies, storage) per test: see withPage().
// - login / logout through the forms, as a person would.
// - visit(): a screenshot into tests/e2e/out/ plus the accessibility basics of the page, kept
//   for the file's last test (checkPagesVisited), so a page problem does not hide the
//   functional assertions of the test that visited it.
import { after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

export const BASE_URL = (process.env.HMS_E2E_BASE_URL || '').replace(/\/$/, '');
if (!BASE_URL) throw new Error('HMS_E2E_BASE_URL is not set: run the tests with tests/e2e/run.sh HMS_BINARY');
if (!process.env.HMS_E2E_LOGINS) throw new Error('HMS_E2E_LOGINS is not set: run the tests with tests/e2e/run.sh HMS_BINARY');
export const OUT_DIR = process.env.HMS_E2E_OUT || path.join(here, 'out');
fs.mkdirSync(OUT_DIR, { recursive: true });

export const CHROMIUM = process.env.HMS_E2E_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------------
// The demo logins ({"logins": [{"role", "login", "password", "agency"}]}) and the agencies.

const demo = JSON.parse(fs.readFileSync(process.env.HMS_E2E_LOGINS, 'utf8'));
const byRole = (role) => demo.logins.filter((l) => l.role === role);
const one = (role, pred = () => true) => {
  const found = byRole(role).find(pred);
  if (!found) throw new Error(`no demo login with role ${role} in ${process.env.HMS_E2E_LOGINS}`);
  return found;
};
const agencyAdmin = one('agency_admin');
export const AGENCY_1 = agencyAdmin.agency; // the first demo agency
export const USERS = {
  sysadmin: one('system_admin'),
  region: one('region'),
  federation: one('federation'),
  agencyAdmin, // of agency 1
  agencyStaff: one('agency_staff', (l) => l.agency === AGENCY_1), // of agency 1
  otherAgencyStaff: one('agency_staff', (l) => l.agency !== AGENCY_1), // of agency 2
};
export const AGENCY_2 = USERS.otherAgencyStaff.agency;

// ---------------------------------------------------------------------------------------------
// The message catalogs (read only, as the oracle for messages other than the few the tests
// spell out): "key = text" lines; {name} is a parameter.

export const LANGS = ['fr', 'nl', 'en'];
const catalogs = Object.fromEntries(
  LANGS.map((lang) => {
    const texts = {};
    const folder = path.join(root, 'src/web/i18n', lang);
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.txt'))) {
      for (const line of fs.readFileSync(path.join(folder, file), 'utf8').split('\n')) {
        if (!line.trim() || line.trimStart().startsWith('#')) continue;
        const eq = line.indexOf(' = ');
        if (eq > 0) texts[line.slice(0, eq).trim()] = line.slice(eq + 3).trim();
      }
    }
    return [lang, texts];
  }),
);
export const CATALOG_KEYS = Object.keys(catalogs.fr);

// The text of a catalog key in a language, with its {parameters} filled in.
export function t(lang, key, params = {}) {
  const text = catalogs[lang]?.[key];
  if (text === undefined) throw new Error(`no catalog text ${key} in ${lang}`);
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// ---------------------------------------------------------------------------------------------
// The browser: one per test file, a fresh context per test.

let browserPromise = null;

function browser() {
  // launch() gives every browser a fresh temporary profile (user-data dir), removed on close;
  // run.sh points TMPDIR at its own temp dir, so nothing is left behind even on a crash.
  browserPromise ??= chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return browserPromise;
}

after(async () => {
  if (browserPromise) await (await browserPromise).close();
});

// Runs fn(page, context) in a fresh browser context (1280 × 900 unless a viewport is given;
// javaScriptEnabled: false for a page as a browser without JavaScript sees it); on failure, a
// screenshot of the page as it was goes to out/FAILED-<name>.png.
export async function withPage(name, fn, { locale = 'en-US', viewport = { width: 1280, height: 900 }, javaScriptEnabled = true } = {}) {
  const context = await (await browser()).newContext({
    baseURL: BASE_URL,
    locale,
    viewport,
    javaScriptEnabled,
  });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(15_000);
  const page = await context.newPage();
  try {
    return await fn(page, context);
  } catch (err) {
    await page.screenshot({ path: path.join(OUT_DIR, `FAILED-${slug(name)}.png`), fullPage: true }).catch(() => {});
    throw err;
  } finally {
    await context.close();
  }
}

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Navigation.

// Opens a path and returns the response of the document (after redirects).
export async function open(page, pathAndQuery) {
  return page.goto(pathAndQuery, { waitUntil: 'load' });
}

// Clicks something that loads a new document (a form's button, a link) and returns the
// response of that document: the last main-frame navigation response, after redirects.
export async function clickAndLoad(page, locator) {
  let last = null;
  const onResponse = (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) last = r;
  };
  page.on('response', onResponse);
  try {
    const loaded = page.waitForEvent('load');
    await locator.click();
    await loaded;
  } finally {
    page.off('response', onResponse);
  }
  return last;
}

// The main navigation's link to a page (header nav a[href=…]), its group's menu opened first
// as a person would (a click on the group's button) when the link is in a closed menu.
export async function navLink(page, href) {
  const link = page.locator(`header nav a[href="${href}"]`);
  if ((await link.count()) !== 1 || (await link.isVisible())) return link;
  const menu = await link.evaluate((a) => a.closest('.nav__menu')?.id);
  if (menu) await page.locator(`header nav [aria-controls="${menu}"]`).click();
  return link;
}

export const pathOf = (page) => new URL(page.url()).pathname;
export const htmlLang = (page) => page.locator('html').getAttribute('lang');
export const h1Text = async (page) => (await page.locator('h1').first().innerText()).trim();

// A fetch from inside the page (its cookies, same origin): {status, contentType, body}.
export async function fetchInPage(page, url, init = {}) {
  return page.evaluate(
    async ([u, i]) => {
      const r = await fetch(u, { credentials: 'same-origin', ...i });
      const text = await r.text();
      let body = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: r.status, contentType: r.headers.get('content-type') || '', body };
    },
    [url, init],
  );
}

// ---------------------------------------------------------------------------------------------
// Logging in and out through the forms.

// Fills and submits the login form of /login?lang=LANG (or /login) and returns the response of
// the page it lands on.
export async function login(page, loginName, password, lang) {
  await open(page, lang ? `/login?lang=${lang}` : '/login');
  const form = page.locator('form[action="/login"]');
  await form.locator('#login').fill(loginName);
  await form.locator('#password').fill(password);
  return clickAndLoad(page, form.locator('button[type="submit"]'));
}

// Logs in and checks that it worked (lands on the dashboard).
export async function loginAs(page, user, lang) {
  const response = await login(page, user.login, user.password, lang);
  assert.equal(pathOf(page), '/', `logging in as ${user.login} should land on the dashboard`);
  assert.equal(response?.status(), 200);
  return response;
}

// The header's logout button.
export async function logout(page) {
  return clickAndLoad(page, page.locator('header form[action="/logout"] button[type="submit"]'));
}

// The header's language switch (FR | NL | EN).
export async function switchLanguage(page, lang) {
  return clickAndLoad(page, page.locator(`header .langs [lang="${lang}"]`));
}

export async function sessionCookie(context) {
  return (await context.cookies()).find((c) => c.name === 'hms_session' && c.value !== '');
}

// ---------------------------------------------------------------------------------------------
// Screenshots and the accessibility basics of every page visited.

export async function screenshot(page, name) {
  const file = path.join(OUT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Problems found on the pages visited by this test file: [{page, problems}].
const visited = [];

// Screenshot of the page, then its accessibility basics (kept for checkPagesVisited):
// - one h1;
// - every input, select and textarea has a label (label[for] or around it, aria-label or
//   aria-labelledby) with some text;
// - the skip link is first in the tab order (one Tab from the top focuses it, it shows on
//   screen and its target exists);
// - a meaningful title ("<what> — hms", not a raw catalog key), and html lang set;
// - no raw catalog key ("users.title") or unfilled "{parameter}" in the visible text.
export async function visit(page, name) {
  await screenshot(page, name);
  const problems = await pageProblems(page);
  visited.push({ page: `${name} (${new URL(page.url()).pathname})`, problems });
  return problems;
}

export async function pageProblems(page) {
  const problems = [];
  const facts = await page.evaluate(() => {
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const unlabelled = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      const type = (el.getAttribute('type') || '').toLowerCase();
      if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
      const byLabel = [...(el.labels || [])].some((l) => l.textContent.trim() !== '');
      const byAria =
        (el.getAttribute('aria-label') || '').trim() !== '' ||
        (el.getAttribute('aria-labelledby') || '')
          .split(/\s+/)
          .some((id) => id && document.getElementById(id)?.textContent.trim());
      if (!byLabel && !byAria) unlabelled.push(el.outerHTML.slice(0, 120));
    }
    const nameless = [...document.querySelectorAll('button, a[href]')]
      .filter((el) => visible(el) && !el.textContent.trim() && !el.getAttribute('aria-label'))
      .map((el) => el.outerHTML.slice(0, 120));
    return {
      h1s: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
      unlabelled,
      nameless,
      title: document.title,
      lang: document.documentElement.lang,
      text: document.body.innerText,
    };
  });
  if (facts.h1s.length !== 1) problems.push(`${facts.h1s.length} h1 elements (${JSON.stringify(facts.h1s)}), want exactly one`);
  for (const el of facts.unlabelled) problems.push(`a field without a label: ${el}`);
  for (const el of facts.nameless) problems.push(`a button or link without text: ${el}`);
  if (!['fr', 'nl', 'en'].includes(facts.lang)) problems.push(`html lang is "${facts.lang}"`);
  const m = /^(.*\S)\s+—\s+hms$/.exec(facts.title);
  if (!m || m[1].length < 3) problems.push(`title "${facts.title}" is not "<what the page is> — hms"`);
  else if (CATALOG_KEYS.includes(m[1]) || /^[a-z_]+(\.[a-z_0-9]+)+$/.test(m[1])) problems.push(`title "${facts.title}" is a raw catalog key`);
  for (const key of CATALOG_KEYS) {
    const re = new RegExp(`(^|[^\\w.@-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\w.@-])`);
    if (re.test(facts.text)) problems.push(`raw catalog key "${key}" shown on the page`);
  }
  const placeholder = /\{[a-z_]+\}/.exec(facts.text);
  if (placeholder) problems.push(`unfilled parameter ${placeholder[0]} shown on the page`);

  // The tab order: from the top of a freshly loaded page, one Tab.
  await page.keyboard.press('Tab');
  const focus = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el ? el.getBoundingClientRect() : null;
    return {
      html: el ? el.outerHTML.slice(0, 120) : '',
      skip: !!el && el.matches('a.skip-link[href^="#"]'),
      target: el && el.matches('a[href^="#"]') ? !!document.getElementById(el.getAttribute('href').slice(1)) : false,
      onScreen: !!r && r.right > 0 && r.bottom > 0 && r.left < window.innerWidth && r.width > 0,
    };
  });
  if (!focus.skip) problems.push(`Tab from the top focuses ${focus.html || 'nothing'}, not the skip link`);
  else {
    if (!focus.target) problems.push('the skip link points to no element');
    if (!focus.onScreen) problems.push('the skip link stays off screen when focused');
  }
  await page.evaluate(() => document.activeElement?.blur());
  return problems;
}

// The last test of a file: every page it visited passed the accessibility basics.
export function checkPagesVisited() {
  const bad = visited.filter((v) => v.problems.length > 0);
  assert.ok(visited.length > 0, 'no page was visited');
  assert.deepEqual(
    bad,
    [],
    `accessibility basics failed on ${bad.length} of ${visited.length} pages:\n` +
      bad.map((v) => `  ${v.page}:\n${v.problems.map((p) => `    - ${p}`).join('\n')}`).join('\n'),
  );
}

// An error page (403, 404 …): friendly, with a reference equal to the response's request id,
// no technical detail.
export async function assertFriendlyErrorPage(page, response, status, lang) {
  assert.equal(response.status(), status);
  assert.equal(await htmlLang(page), lang, 'the error page is in the user\'s language');
  assert.equal(await h1Text(page), t(lang, `common.error.title.${status}`));
  const text = await page.locator('main').innerText();
  const reference = (await page.locator('main code').first().innerText()).trim();
  assert.match(reference, /^[0-9a-f]{8,}$/, 'the page gives a reference for the helpdesk');
  assert.equal(reference, response.headers()['x-request-id'], 'the reference is the request id');
  assert.ok(text.includes(t(lang, 'common.error.reference')), 'the reference is explained');
  assert.doesNotMatch(text, /std::|exception|what\(\)|stack|\.cpp|sqlite|SQL|Traceback/i, 'no technical detail');
  assert.ok(await page.locator('main a[href="/"]').count(), 'a way back to the dashboard');
  return text;
}

// Checks that do not stop the test at the first miss (the rest of the flow still runs and its
// screenshots are still taken); done() fails the test with every miss.
export function softly() {
  const misses = [];
  const show = (v) => JSON.stringify(v);
  return {
    equal(actual, expected, what) {
      if (actual !== expected) misses.push(`${what}: got ${show(actual)}, want ${show(expected)}`);
      return actual === expected;
    },
    ok(condition, what) {
      if (!condition) misses.push(what);
      return !!condition;
    },
    misses,
    done() {
      assert.deepEqual(misses, [], `${misses.length} check(s) failed:\n${misses.map((m) => `  - ${m}`).join('\n')}`);
    },
  };
}

export function uniqueSuffix() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
