// The back button keeps no copy of pages with personal data in the browser: htmx would save the
// page it leaves (the owners list, an owner's search) in the browser's storage on every search
// as you type, where it outlives the session on a shared computer. It saves none; the back
// button asks the server again and still shows the whole page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, pathOf, htmlLang, h1Text, navLink,
  visit, checkPagesVisited,
} from './support.mjs';

// Every entry of localStorage and sessionStorage: [{store, key, value}].
function storage(page) {
  return page.evaluate(() =>
    ['localStorage', 'sessionStorage'].flatMap((store) =>
      Object.keys(window[store]).map((key) => ({ store, key, value: window[store].getItem(key) }))));
}

// Types into the owners search and waits for htmx to push the search's address.
async function search(page, q) {
  const pushed = page.waitForURL((url) => url.searchParams.get('q') === q);
  const swapped = page.waitForResponse((r) => r.request().headers()['hx-request'] === 'true' && r.url().includes('/owners?'));
  await page.locator('#q').fill(q);
  await Promise.all([pushed, swapped]);
}

describe('history', () => {
  test('after an owner page and an owner search, the browser keeps no htmx copy with the owner\'s name', () =>
    withPage('history-owners', async (page) => {
      await loginAs(page, USERS.agencyStaff);

      // An owner of the list, and their page.
      await open(page, '/owners');
      const first = page.locator('#results table a[href^="/owners/"]').first();
      const name = (await first.innerText()).trim();
      assert.ok(name.length > 3, 'the demo agency has owners');
      await clickAndLoad(page, first);
      assert.equal(await h1Text(page), name);
      await visit(page, 'history-owner');

      // Back to the list: two searches as you type (each pushes an address, so htmx would save
      // the page it leaves: the list, then the search for that owner), then away by the menu.
      await open(page, '/owners');
      await search(page, name);
      assert.ok((await page.locator('#results').innerText()).includes(name), 'the search finds the owner');
      await search(page, name.slice(0, 3));
      await clickAndLoad(page, await navLink(page, '/dwellings'));
      assert.equal(pathOf(page), '/dwellings');

      const entries = await storage(page);
      const withName = entries.filter((e) => e.value.includes(name));
      assert.deepEqual(withName.map((e) => `${e.store}.${e.key}`), [], `no stored copy holds "${name}"`);
      const cache = entries.filter((e) => e.key === 'htmx-history-cache');
      assert.ok(cache.every((e) => JSON.parse(e.value).length === 0), `no htmx history entry: ${JSON.stringify(cache).slice(0, 200)}`);
    }));

  test('the back button after a search as you type shows the whole list page again', () =>
    withPage('history-back', async (page) => {
      await loginAs(page, USERS.agencyStaff);
      const lang = await htmlLang(page);
      await open(page, '/owners');
      await search(page, 'a');
      // htmx has no copy: it reloads the address from the server (a whole page, not the
      // results fragment the search route gives to htmx).
      const reloaded = page.waitForEvent('load');
      await page.goBack();
      await reloaded.catch(() => assert.fail('the back button does not reload the list from the server'));
      assert.equal(pathOf(page), '/owners');
      assert.equal(new URL(page.url()).searchParams.get('q'), null);
      assert.equal(await h1Text(page), t(lang, 'owners.owner_pages.title'));
      assert.equal(await page.locator('header nav.nav').count(), 1, 'the layout is there');
      assert.equal(await page.locator('#q').count(), 1, 'the search form is there');
      await visit(page, 'history-back-owners');
      assert.deepEqual((await storage(page)).filter((e) => e.key === 'htmx-history-cache' && e.value !== '[]'), []);
    }));

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
