// The agency dashboard leads somewhere, and the header's search finds what a newcomer looks for
// (issue 15.8, 15.10), in French and in Dutch on the demo agency: the to-do list comes first;
// each to-do card opens the list it counts, and that list shows the same count; a chart's bar
// opens its list; the header's search box finds a dwelling by its reference and an owner by
// the end of the IBAN, and a result opens its page.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, fetchInPage, screenshot } from './support.mjs';

const staff = USERS.agencyStaff;

// "1.234" (fr, nl) or "1,234" (en) → 1234.
const number = (text) => Number(text.replace(/[^0-9]/g, ''));

// The number in the dwelling list's count ("12 logements").
async function listCount(page) {
  return number(await page.locator('.list-bar__count strong').innerText());
}

for (const lang of ['fr', 'nl']) {
  describe(`dashboard and search (${lang})`, () => {
    test(`the to-do comes first and every card opens the list it counts (${lang})`, () =>
      withPage(`dashboard-todo-${lang}`, async (page) => {
        await loginAs(page, staff);
        await switchLanguage(page, lang);
        await open(page, '/');
        const firstHeading = (await page.locator('main h2').first().innerText()).trim();
        assert.equal(firstHeading, t(lang, 'dashboard.todo.title'), 'the to-do list is the first section');
        await screenshot(page, `dashboard-todo-${lang}`);

        const cards = await page.locator('.todo__item a.todo__link').evaluateAll((as) =>
          as.map((a) => ({ href: a.getAttribute('href'), value: a.querySelector('.card__value').textContent })));
        assert.ok(cards.length >= 4, `indexation, contracts ending, vacant, certificates: ${JSON.stringify(cards)}`);
        // Every dwelling card: its list counts the same.
        for (const card of cards.filter((c) => c.href.startsWith('/dwellings'))) {
          await open(page, '/');
          await clickAndLoad(page, page.locator(`.todo__item a.todo__link[href="${card.href}"]`));
          assert.equal(pathOf(page), '/dwellings');
          assert.equal(await listCount(page), number(card.value), `${card.href}: the list counts what the card says`);
        }
        // The "vacant for more than 90 days" card opens the list filtered that way.
        const vacant = cards.find((c) => c.href.includes('vacant_days=90'));
        assert.ok(vacant, JSON.stringify(cards));
        // The "dwellings managed" card and its list: the same count, and the list says ended ones are left out.
        await open(page, '/');
        const managed = number(await page.locator('a.todo__link[href="/dwellings?managed=1"] .card__value').innerText());
        await clickAndLoad(page, page.locator('a.todo__link[href="/dwellings?managed=1"]'));
        assert.equal(await listCount(page), managed);
        assert.ok((await page.locator('.chips').innerText()).includes(t(lang, 'stock.dwellings.filter_managed')));
        // A commune's bar opens the list of that commune's managed dwellings: the table behind the chart says how many.
        await open(page, '/');
        await page.locator('#chart-commune details summary').click();
        const row = page.locator('#chart-commune table tbody tr').first();
        const shown = number(await row.locator('td.num').innerText());
        await clickAndLoad(page, row.locator('a'));
        assert.equal(await listCount(page), shown, 'the bar counts what its list lists');
      }));

    test(`the header's search finds a dwelling and an owner (${lang})`, () =>
      withPage(`global-search-${lang}`, async (page) => {
        await loginAs(page, staff);
        await switchLanguage(page, lang);
        await open(page, '/');
        const dwelling = (await fetchInPage(page, '/api/v1/dwellings?limit=1')).body.items[0];
        await page.locator('#global-search').fill(dwelling.reference);
        await clickAndLoad(page, page.locator('.header__search button'));
        assert.equal(pathOf(page), '/search');
        assert.equal((await page.locator('h1').innerText()).trim(), t(lang, 'search.title'));
        const found = page.locator(`a[href="/dwellings/${dwelling.id}"]`);
        assert.equal(await found.count(), 1, 'the dwelling is found by its reference');
        await screenshot(page, `global-search-${lang}`);
        await clickAndLoad(page, found);
        assert.equal(pathOf(page), `/dwellings/${dwelling.id}`);

        // An owner by the last four digits of the IBAN.
        const owner = (await fetchInPage(page, '/api/v1/owners?limit=1')).body.items[0];
        const last4 = owner.iban.replace(/\s/g, '').slice(-4);
        await page.locator('#global-search').fill(last4);
        await clickAndLoad(page, page.locator('.header__search button'));
        assert.equal(await page.locator(`a[href="/owners/${owner.id}"]`).count(), 1, `the owner whose IBAN ends in ${last4}`);
        assert.ok(!(await page.locator('main').innerText()).includes(owner.iban), 'no IBAN in the results');
      }));
  });
}
