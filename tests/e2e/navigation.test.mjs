// The main navigation, as every role uses it: the dashboard, then one menu per group (Stock,
// Households, Money, Region, Administration, Help) with the pages the role may open, in the same
// order for everyone; a group with nothing to open is not shown. It fits on one line at 1280 px in
// the three languages, every page is reached by keyboard only, the current page and its group
// are marked, it is usable at 375 px without scrolling sideways, and without JavaScript.
// The measured heights are printed (# nav …) for the record.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, LANGS, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, htmlLang, navLink,
  visit, screenshot, checkPagesVisited, softly,
} from './support.mjs';

// The oracle, written from the permission matrix: each page, its label and its group; then the
// pages each role sees, in the order of the navigation.
const PAGES = {
  '/': { id: 'dashboard', group: null },
  '/dwellings': { id: 'dwellings', group: 'stock' },
  '/owners': { id: 'owners', group: 'stock' },
  '/owner-contracts': { id: 'contracts', group: 'stock' },
  '/indexation': { id: 'indexation', group: 'stock' },
  '/import': { id: 'import', group: 'stock' },
  '/inventory': { id: 'inventory', group: 'stock' },
  '/property-tax': { id: 'property_tax', group: 'stock' },
  '/applicants': { id: 'applicants', group: 'households' },
  '/leases': { id: 'leases', group: 'households' },
  '/ledger': { id: 'ledger', group: 'money' },
  '/rent-run': { id: 'rent_run', group: 'money' },
  '/arrears': { id: 'arrears', group: 'money' },
  '/bank': { id: 'bank', group: 'money' },
  '/payouts': { id: 'payouts', group: 'money' },
  '/accounting': { id: 'accounting', group: 'money' },
  '/agencies': { id: 'agencies', group: 'region' },
  '/rules': { id: 'rules', group: 'region' },
  '/adoption': { id: 'adoption', group: 'region' },
  '/compliance': { id: 'compliance', group: 'region' },
  '/committee': { id: 'committee', group: 'region' },
  '/coaching': { id: 'coaching', group: 'region' },
  '/subsidy-requests': { id: 'subsidy_requests', group: 'region' },
  '/users': { id: 'users', group: 'administration' },
  '/audit': { id: 'audit', group: 'administration' },
  '/settings': { id: 'settings', group: 'administration' },
  '/calculators/indexation': { id: 'calculators', group: 'help' },
  '/support/tickets': { id: 'support', group: 'help' },
  '/support/articles': { id: 'support_articles', group: 'help' },
  '/support/figures': { id: 'support_figures', group: 'help' },
};
const GROUPS = ['stock', 'households', 'money', 'region', 'administration', 'help'];
const ROLES = [
  { name: 'agency staff', slug: 'staff', user: USERS.agencyStaff,
    pages: ['/', '/dwellings', '/owners', '/owner-contracts', '/indexation', '/import', '/inventory', '/property-tax', '/applicants', '/leases',
      '/ledger', '/rent-run', '/arrears', '/bank', '/payouts', '/accounting', '/rules', '/subsidy-requests', '/support/tickets', '/support/articles',
      '/calculators/indexation'] },
  { name: 'agency admin', slug: 'admin', user: USERS.agencyAdmin,
    pages: ['/', '/dwellings', '/owners', '/owner-contracts', '/indexation', '/import', '/inventory', '/property-tax', '/applicants', '/leases',
      '/ledger', '/rent-run', '/arrears', '/bank', '/payouts', '/accounting', '/rules', '/subsidy-requests', '/users', '/audit', '/settings',
      '/support/tickets', '/support/articles',
      '/calculators/indexation'] },
  { name: 'federation', slug: 'federation', user: USERS.federation,
    pages: ['/', '/dwellings', '/inventory', '/agencies', '/rules', '/adoption', '/compliance', '/committee', '/coaching', '/subsidy-requests',
      '/support/tickets', '/support/articles', '/support/figures',
      '/calculators/indexation'] },
  { name: 'region', slug: 'region', user: USERS.region,
    pages: ['/', '/dwellings', '/owners', '/owner-contracts', '/inventory', '/property-tax', '/agencies', '/rules', '/adoption',
      '/compliance', '/committee', '/coaching', '/subsidy-requests', '/audit', '/support/articles',
      '/support/figures',
      '/calculators/indexation'] },
  { name: 'system administrator', slug: 'sysadmin', user: USERS.sysadmin,
    pages: ['/', '/agencies', '/rules', '/users', '/audit', '/support/tickets', '/support/articles',
      '/calculators/indexation'] },
];

// What a role should see in a language: [{href, label}] for a link of its own,
// [{group, label, links: [{href, label}]}] for a menu; groups in the order of GROUPS.
function expectedNav(role, lang) {
  const out = [];
  for (const href of role.pages.filter((h) => !PAGES[h].group))
    out.push({ href, label: t(lang, `common.nav.${PAGES[href].id}`) });
  for (const group of GROUPS) {
    const links = role.pages.filter((h) => PAGES[h].group === group).map((href) => ({ href, label: t(lang, `common.nav.${PAGES[href].id}`) }));
    if (links.length) out.push({ group, label: t(lang, `common.nav.group.${group}`), links });
  }
  return out;
}

// The navigation as rendered and measured: its entries, the top of each, its height.
function readNav(page) {
  return page.evaluate(() => {
    const nav = document.querySelector('header nav.nav');
    const entries = [...nav.querySelector('ul.nav__list').children].map((li) => {
      const toggle = li.querySelector('button.nav__toggle, summary.nav__toggle');
      const r = li.getBoundingClientRect();
      const box = { top: Math.round(r.top), height: Math.round(r.height) };
      if (!toggle) {
        const a = li.querySelector('a');
        return { href: a.getAttribute('href'), label: a.textContent.trim(), box };
      }
      const menu = li.querySelector('.nav__menu');
      return {
        label: toggle.textContent.trim(),
        tag: toggle.tagName.toLowerCase(),
        expanded: toggle.getAttribute('aria-expanded'),
        controls: toggle.getAttribute('aria-controls'),
        menu: menu.id,
        links: [...menu.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href'), label: a.textContent.trim() })),
        box,
      };
    });
    return { entries, height: Math.round(nav.getBoundingClientRect().height) };
  });
}

const shape = (entries) => entries.map((e) => (e.links ? { label: e.label, links: e.links } : { href: e.href, label: e.label }));
const strip = (expected) => expected.map((e) => (e.links ? { label: e.label, links: e.links } : e));

// The lowest contrast ratio (WCAG 2.1) between the text of a menu's pages and the menu.
function menuContrast(page, menuId) {
  return page.evaluate((id) => {
    const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
    const lum = (c) => {
      const [r, g, b] = rgb(c).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const menu = document.getElementById(id);
    const bg = lum(getComputedStyle(menu).backgroundColor);
    return Math.min(...[...menu.querySelectorAll('a')].map((a) => {
      const fg = lum(getComputedStyle(a).color);
      return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    }));
  }, menuId);
}

// The element that has the focus, and where it is.
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { none: true };
    const menu = el.closest('.nav__menu');
    const toggle = el.matches('button[aria-controls]') ? el : null;
    return {
      inNav: !!el.closest('header nav.nav'),
      inMain: !!el.closest('main'),
      href: el.getAttribute('href'),
      text: el.textContent.trim(),
      // a link in a menu: is that menu's button expanded?
      menuOpen: menu ? document.querySelector(`[aria-controls="${menu.id}"]`)?.getAttribute('aria-expanded') === 'true' : null,
      toggle: toggle && {
        expanded: toggle.getAttribute('aria-expanded'),
        links: [...document.getElementById(toggle.getAttribute('aria-controls')).querySelectorAll('a')].map((a) => a.getAttribute('href')),
      },
    };
  });
}

// From the top of a freshly loaded page, Tab until the navigation's link to href has the focus,
// opening its menu with openKey on the way (other menus stay closed). False if never reached.
async function tabTo(page, href, openKey, check) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f.none || f.inMain) return false;
    if (!f.inNav) continue;
    if (f.menuOpen === false) check.ok(false, `a link of a closed menu takes the focus (${f.href})`);
    if (f.toggle && f.toggle.expanded === 'false' && f.toggle.links.includes(href)) {
      await page.keyboard.press(openKey);
      check.equal((await focused(page)).toggle?.expanded, 'true', `${openKey} opens the menu of ${href}`);
    }
    if (f.href === href) return true;
  }
  return false;
}

async function pressAndLoad(page, key) {
  const loaded = page.waitForEvent('load');
  await page.keyboard.press(key);
  await loaded;
}

// The marks of the current page: its link (aria-current="page") and its group's button
// (aria-current="true"), and nothing else marked.
async function marks(page) {
  return page.evaluate(() => ({
    pages: [...document.querySelectorAll('header nav.nav [aria-current="page"]')].map((a) => a.getAttribute('href')),
    groups: [...document.querySelectorAll('header nav.nav .nav__toggle[aria-current="true"]')].map((b) => b.textContent.trim()),
    open: [...document.querySelectorAll('header nav.nav [aria-expanded="true"]')].length,
  }));
}

describe('navigation', () => {
  for (const role of ROLES) {
    test(`${role.name}: one line at 1280 px in fr, nl and en; the groups in order, only the pages of the role`, () =>
      withPage(`nav-1280-${role.slug}`, async (page) => {
        const check = softly();
        await loginAs(page, role.user);
        const startLang = await htmlLang(page);
        for (const lang of LANGS) {
          await switchLanguage(page, lang);
          const nav = await readNav(page);
          check.equal(JSON.stringify(shape(nav.entries)), JSON.stringify(strip(expectedNav(role, lang))),
            `${lang}: the entries, groups and pages of the navigation`);
          for (const e of nav.entries.filter((x) => x.links)) {
            check.equal(e.tag, 'button', `${lang}: ${e.label} is a button once the script runs`);
            check.equal(e.expanded, 'false', `${lang}: ${e.label} is closed on arrival`);
            check.equal(e.controls, e.menu, `${lang}: ${e.label} controls its menu`);
            check.ok(e.links.length > 0, `${lang}: ${e.label} is not an empty group`);
          }
          if (!role.pages.includes('/ledger'))
            check.ok(!nav.entries.some((e) => e.label === t(lang, 'common.nav.group.money')), `${lang}: no money group without pages`);
          const tops = new Set(nav.entries.map((e) => e.box.top));
          const line = Math.max(...nav.entries.map((e) => e.box.height));
          console.log(`# nav ${role.slug} ${lang} 1280 px: ${nav.entries.length} entries, nav ${nav.height} px high, one entry ${line} px`);
          check.equal(tops.size, 1, `${lang}: every entry on the same line (tops ${[...tops].join(', ')})`);
          check.ok(nav.height <= line + 1, `${lang}: the navigation is one line high (${nav.height} px for entries of ${line} px)`);
        }
        await screenshot(page, `nav-1280-${role.slug}`);
        // A menu open over the page, its pages legible.
        const toggles = page.locator('header nav .nav__toggle');
        for (let i = 0; i < (await toggles.count()); i++) {
          await toggles.nth(i).click();
          const contrast = await menuContrast(page, await toggles.nth(i).getAttribute('aria-controls'));
          check.ok(contrast >= 4.5, `menu ${i + 1}: its pages contrast ${contrast.toFixed(1)}:1 with the menu, want 4.5:1 or more`);
        }
        await toggles.first().click();
        await screenshot(page, `nav-1280-${role.slug}-open`);
        await switchLanguage(page, startLang);
        check.done();
      }));

    test(`${role.name}: every page reached by keyboard only; the page and its group marked`, () =>
      withPage(`nav-keyboard-${role.slug}`, async (page) => {
        const check = softly();
        await loginAs(page, role.user);
        const lang = await htmlLang(page);
        for (const [i, href] of role.pages.entries()) {
          // Enter and Space both open a menu.
          const reached = await tabTo(page, href, i % 2 ? 'Space' : 'Enter', check);
          check.ok(reached, `Tab reaches ${href}`);
          if (!reached) continue;
          await pressAndLoad(page, 'Enter');
          check.equal(pathOf(page), href, `Enter on the link opens ${href}`);
          const m = await marks(page);
          check.equal(JSON.stringify(m.pages), JSON.stringify([href]), `on ${href}: its link is the current page`);
          const group = PAGES[href].group;
          check.equal(JSON.stringify(m.groups), JSON.stringify(group ? [t(lang, `common.nav.group.${group}`)] : []),
            `on ${href}: its group (${group ?? 'none'}) is marked`);
          check.equal(m.open, 0, `on ${href}: the menus are closed on arrival`);
        }
        await visit(page, `nav-keyboard-${role.slug}`);
        check.done();
      }));

    test(`${role.name}: usable at 375 px: each menu inside the screen, the header fits on every page, no sideways scrolling`, () =>
      withPage(`nav-375-${role.slug}`, async (page) => {
        const check = softly();
        await loginAs(page, role.user);
        const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        // Whatever sticks out of the screen in the header (its navigation included).
        const headerOut = () => page.evaluate(() => [...document.querySelectorAll('header, header *')]
          .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && (r.left < 0 || r.right > document.documentElement.clientWidth + 0.5); })
          .map((el) => el.outerHTML.slice(0, 60)));
        const nav = await readNav(page);
        const rows = new Set(nav.entries.map((e) => e.box.top)).size;
        console.log(`# nav ${role.slug} 375 px: nav ${nav.height} px high, ${rows} line(s)`);
        // The navigation adds no width (lists and tables of some pages are wider than 375 px: a
        // matter of those pages, checked below only on a page without them).
        check.equal(JSON.stringify(await headerOut()), '[]', 'the dashboard: nothing of the header sticks out of the screen');
        await screenshot(page, `nav-375-${role.slug}`);
        const toggles = page.locator('header nav .nav__toggle');
        for (let i = 0; i < (await toggles.count()); i++) {
          const toggle = toggles.nth(i);
          const label = (await toggle.innerText()).trim();
          await toggle.click();
          const menu = page.locator(`#${await toggle.getAttribute('aria-controls')}`);
          check.ok(await menu.isVisible(), `${label}: the menu opens`);
          const box = await menu.boundingBox();
          check.ok(box && box.x >= 0 && box.x + box.width <= 375, `${label}: the menu fits in 375 px (${JSON.stringify(box)})`);
          check.equal(JSON.stringify(await headerOut()), '[]', `${label}: nothing of the header sticks out with the menu open`);
          const contrast = await menuContrast(page, await toggle.getAttribute('aria-controls'));
          check.ok(contrast >= 4.5, `${label}: its pages contrast ${contrast.toFixed(1)}:1 with the menu, want 4.5:1 or more`);
          for (const link of await menu.locator('a').all())
            check.ok(await link.isVisible(), `${label}: ${await link.getAttribute('href')} is visible`);
          if (i === 0) await screenshot(page, `nav-375-${role.slug}-open`);
        }
        // Every page by touch: its group's menu, then the page; the header fits on each.
        for (const href of role.pages) {
          await clickAndLoad(page, await navLink(page, href));
          check.equal(pathOf(page), href, `a tap on ${href} opens it`);
          check.equal(JSON.stringify(await headerOut()), '[]', `${href}: nothing of the header sticks out of the screen`);
        }
        check.equal(await overflow(), 0, 'the calculator: no sideways scrolling');
        await visit(page, `nav-375-${role.slug}-calculators`);
        await toggles.last().click();
        check.equal(await overflow(), 0, 'the calculator: no sideways scrolling with its menu open');
        check.done();
      }, { viewport: { width: 375, height: 740 } }));
  }

  test('a menu: Escape closes it and gives the focus back, arrows move, one menu open at a time, a click outside closes', () =>
    withPage('nav-menu-keys', async (page) => {
      const check = softly();
      await loginAs(page, USERS.agencyAdmin);
      const lang = await htmlLang(page);
      const stock = page.locator('header nav button.nav__toggle', { hasText: t(lang, 'common.nav.group.stock') });
      const admin = page.locator('header nav button.nav__toggle', { hasText: t(lang, 'common.nav.group.administration') });
      const stockLinks = ['/dwellings', '/owners', '/owner-contracts', '/indexation', '/import', '/inventory', '/property-tax'];
      const at = async () => (await focused(page)).href ?? (await focused(page)).text;

      await stock.focus();
      await page.keyboard.press('Enter');
      check.equal(await stock.getAttribute('aria-expanded'), 'true', 'Enter opens');
      await page.keyboard.press('Tab');
      check.equal(await at(), stockLinks[0], 'Tab goes to its first page');
      await page.keyboard.press('Escape');
      check.equal(await stock.getAttribute('aria-expanded'), 'false', 'Escape closes');
      check.equal(await at(), t(lang, 'common.nav.group.stock'), 'Escape gives the focus back to the button');
      check.ok(!(await page.locator('header nav a[href="/dwellings"]').isVisible()), 'its pages are hidden again');

      await page.keyboard.press('ArrowDown');
      check.equal(await stock.getAttribute('aria-expanded'), 'true', '↓ on the button opens');
      check.equal(await at(), stockLinks[0], '↓ on the button focuses the first page');
      await page.keyboard.press('ArrowDown');
      check.equal(await at(), stockLinks[1], '↓ goes to the next page');
      await page.keyboard.press('End');
      check.equal(await at(), stockLinks[stockLinks.length - 1], 'End goes to the last page');
      await page.keyboard.press('Home');
      check.equal(await at(), stockLinks[0], 'Home goes to the first page');
      await page.keyboard.press('ArrowUp');
      check.equal(await at(), t(lang, 'common.nav.group.stock'), '↑ on the first page goes back to the button');

      await admin.click();
      check.equal(await admin.getAttribute('aria-expanded'), 'true', 'a click opens Administration');
      check.equal(await stock.getAttribute('aria-expanded'), 'false', 'opening one menu closes the other');
      await page.locator('footer').click();
      check.equal(await admin.getAttribute('aria-expanded'), 'false', 'a click elsewhere closes it');

      await admin.focus();
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      check.equal(await at(), '/audit', 'Tab through Administration');
      await page.keyboard.press('Tab');
      check.equal(await at(), '/settings', 'Tab to its last page');
      await page.keyboard.press('Tab');
      check.equal(await admin.getAttribute('aria-expanded'), 'false', 'Tab out of the menu closes it');
      await screenshot(page, 'nav-menu-keys');
      check.done();
    }));

  test('without JavaScript every group opens (details/summary) and every page is reached, by keyboard and by click', () =>
    withPage('nav-no-js', async (page) => {
      const check = softly();
      const role = ROLES.find((r) => r.slug === 'admin');
      await loginAs(page, role.user);
      const lang = await htmlLang(page);
      const nav = await readNav(page);
      check.equal(JSON.stringify(shape(nav.entries)), JSON.stringify(strip(expectedNav(role, lang))), 'the same entries');
      check.ok(nav.entries.filter((e) => e.links).every((e) => e.tag === 'summary'), 'each group is a summary');
      const tops = new Set(nav.entries.map((e) => e.box.top));
      check.equal(tops.size, 1, 'one line at 1280 px without JavaScript too');
      // Keyboard: Tab to each group, Enter opens it, Tab reaches each of its pages.
      const reached = [];
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const el = document.activeElement;
          return { inNav: !!el?.closest('header nav.nav'), inMain: !!el?.closest('main'), summary: el?.tagName === 'SUMMARY',
            open: el?.parentElement?.open, href: el?.getAttribute('href') };
        });
        if (f.inMain) break;
        if (!f.inNav) continue;
        if (f.summary && !f.open) await page.keyboard.press('Enter');
        if (f.href) reached.push(f.href);
      }
      check.equal(JSON.stringify(reached), JSON.stringify(role.pages), 'every page reached by Tab and Enter, in order');
      await screenshot(page, 'nav-no-js-open');
      // Click: a page of a group.
      await open(page, '/');
      await page.locator('header nav summary', { hasText: t(lang, 'common.nav.group.administration') }).click();
      await clickAndLoad(page, page.locator('header nav a[href="/audit"]'));
      check.equal(pathOf(page), '/audit', 'a click on the summary, then on the page');
      check.equal(await page.locator('header nav summary[aria-current="true"]').innerText(), t(lang, 'common.nav.group.administration'),
        'the group of the current page is marked');
      await visit(page, 'nav-no-js-audit');
      check.done();
    }, { javaScriptEnabled: false }));

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
