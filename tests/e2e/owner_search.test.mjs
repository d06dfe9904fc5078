// Choosing the owner and the dwelling of a new contract by a search (issue 8 B7, issue 15.3), in
// French and in Dutch: two owners of the same name are told apart by their commune and the end
// of their IBAN as one types (htmx), the right one is picked and saved; the same without
// JavaScript, through the "Search" button that sends the form back with what was typed.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, fetchInPage, screenshot, uniqueSuffix } from './support.mjs';

const staff = USERS.agencyStaff;

async function csrfToken(page) {
  return page.locator('input[name="csrf_token"]').first().inputValue();
}

async function post(page, url, body) {
  const r = await fetchInPage(page, url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': await csrfToken(page) },
    body: JSON.stringify(body),
  });
  assert.equal(r.status, 201, `${url}: ${JSON.stringify(r.body)}`);
  return r.body;
}

// Two namesakes (one in Ixelles, one in Liège) and a dwelling, through the API.
async function seed(page, suffix) {
  const name = `Namesake ${suffix}`;
  const ixelles = await post(page, '/api/v1/owners', {
    kind: 'person', name, iban: 'BE68539007547034', address: 'Avenue Louise 54, 1050 Ixelles',
  });
  const liege = await post(page, '/api/v1/owners', {
    kind: 'person', name, iban: 'BE71096123456769', address: 'Rue Féronstrée 10, 4000 Liège',
  });
  const reference = `S-${suffix}`.toUpperCase().slice(0, 20);
  const dwelling = await post(page, '/api/v1/dwellings', {
    reference, street: 'Rue de la Paix', number: '3', postcode: '1050', type: 'apartment', bedrooms: 1,
  });
  return { name, ixelles, liege, dwelling };
}

const createButton = 'main form[action="/owner-contracts"] button[type="submit"]:not([name="action"])';

function searchAsYouType(lang) {
  return () =>
    withPage(`owner-search-${lang}`, async (page) => {
      await loginAs(page, staff);
      await switchLanguage(page, lang);
      await open(page, '/owners');
      const suffix = uniqueSuffix();
      const s = await seed(page, suffix);

      await open(page, '/owner-contracts/new');
      assert.equal(await page.locator('#owner_id-choices input[type="radio"]').count(), 0, 'nobody listed before a search');
      await page.locator('#owner_query').pressSequentially(suffix, { delay: 20 });
      await page.locator(`#owner_id-${s.liege.id}`).waitFor();
      assert.equal(await page.locator('#owner_id-choices input[type="radio"]').count(), 2, 'the two namesakes');
      const choices = (await page.locator('#owner_id-choices').innerText()).replace(/\u00a0/g, ' ');
      assert.ok(choices.includes(`1050 Ixelles · ${t(lang, 'owners.search.iban', { last4: '7034' })}`), choices);
      assert.ok(choices.includes(`4000 Liège · ${t(lang, 'owners.search.iban', { last4: '6769' })}`), choices);
      assert.ok(!choices.includes('Avenue Louise'), 'no street, names only');
      await screenshot(page, `owner-search-${lang}`);
      await page.locator(`label[for="owner_id-${s.liege.id}"]`).click();

      await page.locator('#dwelling_query').pressSequentially(s.dwelling.reference, { delay: 20 });
      await page.locator(`#dwelling_id-${s.dwelling.id}`).waitFor();
      await page.locator(`label[for="dwelling_id-${s.dwelling.id}"]`).click();
      assert.ok(await page.locator(`#owner_id-${s.liege.id}`).isChecked(), 'the owner chosen stays chosen');

      await page.locator('#kind-main_lease').check();
      await page.locator('#start').fill('2026-03-01');
      await page.locator('#owner_rent').fill('650,00');
      const saved = await clickAndLoad(page, page.locator(createButton));
      assert.equal(saved.status(), 200);
      assert.match(pathOf(page), /^\/owner-contracts\/\d+$/);
      const detail = await page.locator('main').innerText();
      assert.ok(detail.includes(s.name) && detail.includes(s.dwelling.reference), detail);
      const id = pathOf(page).split('/').pop();
      const k = await fetchInPage(page, `/api/v1/owner-contracts/${id}`);
      assert.equal(k.body.owner_id, s.liege.id, 'the owner from Liège, not the namesake');
    });
}

function withoutJavaScript(lang) {
  return () =>
    withPage(
      `owner-search-nojs-${lang}`,
      async (page) => {
        await loginAs(page, staff);
        await switchLanguage(page, lang);
        await open(page, '/owners');
        const suffix = uniqueSuffix();
        // The API is called from the page: this context has no JavaScript, so a second one seeds.
        const s = await withPage(`owner-search-seed-${lang}`, async (seeder) => {
          await loginAs(seeder, staff);
          await open(seeder, '/owners');
          return seed(seeder, suffix);
        });
        await open(page, '/owner-contracts/new');
        await page.locator('#owner_query').fill(suffix);
        await page.locator('#dwelling_query').fill(s.dwelling.reference);
        await page.locator('#start').fill('2026-03-01');
        await page.locator('#owner_rent').fill('650,00');
        const searched = await clickAndLoad(page, page.locator('#owner_id button[name="action"]'));
        assert.equal(searched.status(), 200);
        assert.equal(await page.locator('#owner_id-choices input[type="radio"]').count(), 2);
        assert.equal(await page.locator('#owner_rent').inputValue(), '650,00', 'what was typed is kept');
        assert.equal(await page.locator('#owner_query').inputValue(), suffix);
        await page.locator(`#owner_id-${s.ixelles.id}`).check();
        await page.locator(`#dwelling_id-${s.dwelling.id}`).check();
        await page.locator('#kind-main_lease').check();
        await clickAndLoad(page, page.locator(createButton));
        assert.match(pathOf(page), /^\/owner-contracts\/\d+$/);
        assert.ok((await page.locator('main').innerText()).includes(s.name));
      },
      { javaScriptEnabled: false },
    );
}

describe('choosing a contract\'s owner by a search', () => {
  test('as one types, namesakes told apart, in French', searchAsYouType('fr'));
  test('as one types, namesakes told apart, in Dutch', searchAsYouType('nl'));
  test('without JavaScript, in French', withoutJavaScript('fr'));
  test('without JavaScript, in Dutch', withoutJavaScript('nl'));
});
