// The two calculators of contract C as pages (/calculators/indexation, /calculators/eligibility),
// for an agency user and the region: the reference examples with their steps, the 2022-2023
// limitation, an index not known yet, the admission-income years offered, bad input, the
// marks of uncertainty, the print stylesheet, and the accessibility basics.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, htmlLang, h1Text,
  fetchInPage, visit, screenshot, checkPagesVisited, softly, navLink,
} from './support.mjs';

// Text as a reader sees it: no-break spaces (1.234,56 €, 112 %) as plain spaces.
const plain = (s) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

// A month the way the pages write it: "janvier 2027", "januari 2027", "January 2027".
const monthName = (lang, ym) => {
  const [y, m] = ym.split('-');
  return `${t(lang, `calculators.month.m${Number(m)}`)} ${y}`;
};

// The tables in force (the calculators' own), for the facts the tests do not spell out:
// [{month, value, status, source}] newest first, and [{year, status, source, …}] newest first.
async function healthIndex(page) {
  const r = await fetchInPage(page, '/api/v1/rules/health-index');
  assert.equal(r.status, 200);
  return r.body.items;
}
async function admissionIncomes(page) {
  const r = await fetchInPage(page, '/api/v1/rules/admission-incomes');
  assert.equal(r.status, 200);
  return r.body.items.map((row) => ({ ...row, year: String(row.year) }));
}
const knownYears = (incomes) => incomes.filter((r) => r.status.startsWith('verified')).map((r) => r.year).sort();

// contract C / finance-formats.md §6.1: 650.00 × 135.52 (2025-01) / 109.88 (2020-12) = 801.67.
const REFERENCE = { rent: '650', signed: '2021-01-15', start: '2021-02-01', on: '2025-02-01', peb: 'C' };
const REFERENCE_RENT = { fr: '801,67 €', nl: '801,67 €', en: '€801.67' };
const DECIMAL = { fr: (s) => s.replace('.', ','), nl: (s) => s.replace('.', ','), en: (s) => s };

const WHO = [
  { name: 'agency staff', slug: 'agency-staff', user: USERS.agencyStaff },
  { name: 'region', slug: 'region', user: USERS.region },
];

async function fillIndexation(page, answers) {
  const form = page.locator('main form[action="/calculators/indexation"]');
  await form.locator('#rent').fill(answers.rent ?? '');
  await form.locator('#signed').fill(answers.signed ?? '');
  await form.locator('#start').fill(answers.start ?? '');
  await form.locator('#on').fill(answers.on ?? '');
  if (answers.peb) await form.locator(`#peb-${answers.peb}`).check();
  await form.locator(answers.registered === 'no' ? '#registered-no' : '#registered-yes').check();
  return clickAndLoad(page, form.locator('button[type="submit"]'));
}

async function fillEligibility(page, answers) {
  const form = page.locator('main form[action="/calculators/eligibility"]');
  if (answers.year) await form.locator('#year').selectOption(answers.year);
  for (const field of ['adults', 'incomes', 'children', 'disabled_children', 'disabled_adults', 'income'])
    if (field in answers) await form.locator(`#${field}`).fill(String(answers[field]));
  return clickAndLoad(page, form.locator('button[type="submit"]'));
}

// The error summary: its links ({href, text}) and, for each, the message by the field, whether
// the field's aria-describedby points to it, and the order of the links.
async function errorSummary(page) {
  const summary = page.locator('main .error-summary[role="alert"]');
  if ((await summary.count()) !== 1) return null;
  const links = await summary.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
  return { title: (await summary.locator('h2').innerText()).trim(), links };
}

async function checkFieldErrors(page, check, expected) {
  const summary = await errorSummary(page);
  if (!check.ok(summary, 'an error summary')) return;
  const lang = await htmlLang(page);
  check.equal(summary.title, t(lang, 'common.form.error_summary'), 'the summary title');
  check.equal(JSON.stringify(summary.links.map((l) => l.href)), JSON.stringify(Object.keys(expected).map((f) => `#${f}`)),
    'one summary link per problem, in the order of the form');
  for (const [field, message] of Object.entries(expected)) {
    const link = summary.links.find((l) => l.href === `#${field}`);
    check.equal(link?.text, message, `the summary's message for ${field}`);
    check.equal(await page.locator(`main #${field}`).count(), 1, `the link #${field} leads to the field`);
    const beside = page.locator(`main .field--error:has(#${field}) .field__error, main fieldset.field--error#${field} .field__error`);
    const besideText = (await beside.count()) ? (await beside.first().innerText()).trim() : '';
    check.equal(besideText, message, `the message by the ${field} field`);
    const errorId = (await beside.count()) ? await beside.first().getAttribute('id') : null;
    const describedBy = (await page.locator(`main #${field}`).getAttribute('aria-describedby')) || '';
    check.ok(errorId && describedBy.split(/\s+/).includes(errorId),
      `the ${field} field's aria-describedby ("${describedBy}") points to its message`);
  }
}

async function indexationResult(page) {
  return {
    rent: plain(await page.locator('#result-rent').innerText()),
    regime: await page.locator('#result-regime').getAttribute('data-regime'),
    regimeText: plain(await page.locator('#result-regime').innerText()),
    steps: (await page.locator('ol#steps > li').allInnerTexts()).map(plain),
  };
}

describe('calculators', () => {
  for (const who of WHO) {
    test(`rent indexation, reference example (${who.name}): 801,67 € in fr and nl, €801.67 in en, with its steps`, () =>
      withPage(`indexation-reference-${who.slug}`, async (page) => {
        const check = softly();
        await loginAs(page, who.user);
        await switchLanguage(page, 'fr');
        // In the navigation of every role.
        const calculators = await navLink(page, '/calculators/indexation');
        assert.equal(await calculators.count(), 1, 'the navigation links to the calculators');
        check.equal((await calculators.innerText()).trim(), t('fr', 'common.nav.calculators'), 'the navigation label');
        await clickAndLoad(page, calculators);
        assert.equal(pathOf(page), '/calculators/indexation');
        assert.equal(await h1Text(page), t('fr', 'calculators.indexation.title'));
        check.equal(await page.locator('header nav a[aria-current="page"]').getAttribute('href'), '/calculators/indexation',
          'the navigation shows where we are');
        check.ok(plain(await page.locator('main').innerText()).includes(plain(t('fr', 'calculators.indexation.intro_not'))),
          'the intro says what the calculator does not do');
        check.equal(await page.locator('main .result').count(), 0, 'no result before the answers');
        check.ok(await page.locator('#registered-yes').isChecked(), '"registered" is yes by default');
        await visit(page, `indexation-form-${who.slug}-fr`);

        const r = await fillIndexation(page, REFERENCE);
        assert.equal(r.status(), 200);
        // A GET form: the answers are in the address, so the result can be bookmarked.
        const url = new URL(page.url());
        assert.equal(url.pathname, '/calculators/indexation');
        for (const [k, v] of Object.entries(REFERENCE)) check.equal(url.searchParams.get(k), v, `the address keeps ${k}`);

        for (const lang of ['fr', 'nl', 'en']) {
          // The language switch keeps the answers and the result.
          if (lang !== 'fr') {
            await switchLanguage(page, lang);
            check.equal(new URL(page.url()).searchParams.get('rent'), REFERENCE.rent, `switching to ${lang} keeps the answers`);
          }
          assert.equal(await htmlLang(page), lang);
          assert.equal(await h1Text(page), t(lang, 'calculators.indexation.title'));
          const res = await indexationResult(page);
          check.equal(res.rent, REFERENCE_RENT[lang], `the new rent in ${lang}`);
          check.equal(res.regime, 'standard', 'the regime');
          check.equal(res.regimeText, plain(t(lang, 'calculators.indexation.regime.standard')), `the regime's tag in ${lang}`);
          check.ok(res.steps.length >= 5, `the steps are listed (${res.steps.length})`);
          check.ok(res.steps.includes(plain(t(lang, 'indexation.step.standard'))), `the steps explain the formula in ${lang}`);
          const formula = res.steps.at(-1) ?? '';
          for (const part of [DECIMAL[lang]('135.52'), DECIMAL[lang]('109.88'), REFERENCE_RENT[lang]])
            check.ok(formula.includes(part), `the last step "${formula}" shows ${part}`);
          check.ok(await page.locator('ol#steps').isVisible(), 'the steps are visible');
          // The starting and new index, with month and value; verified: no mark.
          const base = plain(await page.locator('#base-index').innerText());
          const next = plain(await page.locator('#new-index').innerText());
          check.ok(base.includes(monthName(lang, '2020-12')) && base.includes(DECIMAL[lang]('109.88')), `the starting index: "${base}"`);
          check.ok(next.includes(monthName(lang, '2025-01')) && next.includes(DECIMAL[lang]('135.52')), `the new index: "${next}"`);
          check.equal(await page.locator('#base-index .tag, #new-index .tag').count(), 0, 'verified indices carry no mark');
          // What printing does, said plainly (no script), and the sources.
          check.ok(plain(await page.locator('main .print-hint').innerText()) === plain(t(lang, 'calculators.print_hint')), 'how to print');
          check.ok((await page.locator('main .sources').innerText()).includes('Statbel'), 'the sources name the health index table');
          await visit(page, `indexation-result-${who.slug}-${lang}`);
        }
        check.done();
      }));
  }

  test('rent indexation: a class F lease on its 2023-03-01 anniversary shows the limitation regime', () =>
    withPage('indexation-limitation', async (page) => {
      const check = softly();
      await loginAs(page, USERS.agencyStaff);
      await switchLanguage(page, 'nl');
      await open(page, '/calculators/indexation');
      const r = await fillIndexation(page, { rent: '650,00', signed: '2021-01-15', start: '2021-03-01', on: '2023-03-01', peb: 'F' });
      assert.equal(r.status(), 200);
      const lang = await htmlLang(page);
      const res = await indexationResult(page);
      check.equal(res.regime, 'limitation_2022', 'the regime');
      check.equal(res.regimeText, plain(t(lang, 'calculators.indexation.regime.limitation_2022')), 'the regime tag');
      const limitationStep = plain(t(lang, 'indexation.step.limitation_fg')).split('{')[0].trim();
      check.ok(res.steps.some((s) => s.startsWith(limitationStep)), `a step explains the limitation: ${JSON.stringify(res.steps)}`);
      await visit(page, `indexation-limitation-${lang}`);

      // "No certificate": no indexation at all, the rent stays the base rent.
      await open(page, '/calculators/indexation');
      await fillIndexation(page, { ...REFERENCE, peb: 'none' });
      const none = await indexationResult(page);
      check.equal(none.regime, 'no_certificate', 'without a certificate: the regime');
      check.equal(none.rent, '650,00 €', 'without a certificate: the base rent');
      check.ok(none.steps.includes(plain(t(lang, 'indexation.step.no_certificate'))), 'without a certificate: the step says why');
      check.done();
    }));

  test('rent indexation: a month whose index is not known yet (or before the table) is an error in the page\'s language, never a guess', () =>
    withPage('indexation-unknown-month', async (page) => {
      const check = softly();
      await loginAs(page, USERS.region);
      const months = await healthIndex(page);
      const lastMonth = months[0].month;
      const firstMonth = months.at(-1).month;
      for (const lang of ['fr', 'nl']) {
        await switchLanguage(page, lang);
        await open(page, '/calculators/indexation');
        const answers = { ...REFERENCE, on: '2099-02-01' };
        const r = await fillIndexation(page, answers);
        assert.equal(r.status(), 422);
        assert.equal(await htmlLang(page), lang);
        check.equal(await page.locator('main .result').count(), 0, 'no result');
        await checkFieldErrors(page, check, {
          on: t(lang, 'indexation.index_unknown', { month: monthName(lang, '2099-01'), last: monthName(lang, lastMonth) }),
        });
        check.equal(await page.locator('#rent').inputValue(), answers.rent, 'the rent is kept');
        check.equal(await page.locator('#on').inputValue(), answers.on, 'the date asked for is kept');
        check.ok(await page.locator('#peb-C').isChecked(), 'the class is kept');
        await visit(page, `indexation-unknown-month-${lang}`);
        // A lease signed before the table starts: said as such, by the signing date.
        const early = { ...REFERENCE, signed: '2010-05-10', start: '2010-06-01', on: '2025-06-01' };
        const r2 = await fillIndexation(page, early);
        assert.equal(r2.status(), 422);
        await checkFieldErrors(page, check, {
          signed: t(lang, 'indexation.index_before_table', { month: monthName(lang, '2010-04'), first: monthName(lang, firstMonth) }),
        });
      }
      check.done();
    }));

  test('rent indexation: an index from a single secondary source carries a visible "unverified" mark with its source', () =>
    withPage('indexation-unverified', async (page) => {
      const check = softly();
      await loginAs(page, USERS.agencyStaff);
      await switchLanguage(page, 'fr');
      const unverified = (await healthIndex(page)).find((r) => r.status !== 'verified');
      assert.ok(unverified, 'the index in force has an unverified month');
      const [y, m] = unverified.month.split('-').map(Number);
      // The anniversary in the month after the unverified one: its index is the new index.
      const on = `${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, '0')}-01`;
      await open(page, `/calculators/indexation?rent=650&signed=2021-01-15&start=2021-${on.slice(5, 7)}-01&on=${on}&peb=C&registered=yes`);
      const lang = await htmlLang(page);
      const mark = page.locator('#new-index .tag');
      assert.equal(await mark.count(), 1, 'the new index carries a mark');
      check.equal((await mark.innerText()).trim(), t(lang, 'calculators.status.unverified'), 'the mark says unverified');
      check.ok(((await mark.getAttribute('title')) || '').includes(unverified.source), 'the mark has the source as its title');
      check.ok((await page.locator('#new-index').innerText()).includes(unverified.source), 'the source is also in the text');
      check.ok(await mark.isVisible(), 'the mark is visible');
      // The rent computed from it is marked too.
      const rentMark = page.locator('#result-unverified .tag');
      check.equal(await rentMark.count(), 1, 'the new rent carries the mark');
      check.ok(((await rentMark.getAttribute('title')) || '').includes(unverified.source), 'with the source as its title');
      check.ok(plain(await page.locator('#result-unverified').innerText()).includes(plain(t(lang, 'calculators.indexation.unverified_note'))),
        'and says to check it');
      await visit(page, `indexation-unverified-${lang}`);
      check.done();
    }));

  for (const lang of ['fr', 'nl']) {
    test(`rent indexation, bad input (${lang}): every problem at once, in the order of the form, input kept`, () =>
      withPage(`indexation-bad-input-${lang}`, async (page) => {
        const check = softly();
        await loginAs(page, USERS.agencyStaff);
        await switchLanguage(page, lang);
        await open(page, '/calculators/indexation');
        const r = await fillIndexation(page, { rent: 'six cents', signed: '', start: '2021-02-01', on: '2020-02-01' });
        assert.equal(r.status(), 422);
        assert.equal(await htmlLang(page), lang);
        await checkFieldErrors(page, check, {
          rent: t(lang, 'money.invalid'),
          signed: t(lang, 'calculators.indexation.missing_signed'),
          on: t(lang, 'indexation.on_before_start'),
          peb: t(lang, 'calculators.indexation.missing_peb'),
        });
        check.equal(await page.locator('#rent').inputValue(), 'six cents', 'the rent typed is kept');
        check.equal(await page.locator('#start').inputValue(), '2021-02-01', 'the start is kept');
        check.equal(await page.locator('#on').inputValue(), '2020-02-01', 'the date asked for is kept');
        check.equal(await page.locator('main .result').count(), 0, 'no result');
        await visit(page, `indexation-errors-${lang}`);
        check.done();
      }));
  }

  for (const who of WHO) {
    test(`admission income (${who.name}): 2024, two adults with two incomes, two children, 45000 → 40.157,49 €, 112 %, moderate`, () =>
      withPage(`eligibility-${who.slug}`, async (page) => {
        const check = softly();
        await loginAs(page, who.user);
        const INCOMES = await admissionIncomes(page);
        for (const lang of ['fr', 'nl', 'en']) {
          await switchLanguage(page, lang);
          await open(page, '/calculators/indexation');
          await clickAndLoad(page, page.locator('main .subnav a[href="/calculators/eligibility"]'));
          assert.equal(pathOf(page), '/calculators/eligibility');
          assert.equal(await htmlLang(page), lang);
          assert.equal(await h1Text(page), t(lang, 'calculators.eligibility.title'));
          // The years of the shipped table, verified first; 2025 has none.
          const years = await page.locator('#year option').evaluateAll((os) => os.map((o) => o.value));
          const verified = INCOMES.filter((row) => row.status === 'verified').map((row) => row.year).sort().reverse();
          check.equal(JSON.stringify(years.slice(0, verified.length)), JSON.stringify(verified), 'the verified years first');
          check.equal(JSON.stringify([...years].sort()), JSON.stringify(knownYears(INCOMES)), 'every year with a verified table, no other');
          check.ok(!years.includes('2025'), '2025 is not offered');
          if (lang === 'fr') await visit(page, `eligibility-form-${who.slug}-${lang}`);

          const r = await fillEligibility(page, { year: '2024', adults: 2, incomes: 2, children: 2, income: '45000' });
          assert.equal(r.status(), 200);
          const ceiling = plain(await page.locator('#result-ceiling').innerText());
          check.equal(ceiling, lang === 'en' ? '€40,157.49' : '40.157,49 €', `the ceiling in ${lang}`);
          check.equal(plain(await page.locator('#result-ratio').innerText()), lang === 'en' ? '112%' : '112 %', 'the ratio');
          check.equal(await page.locator('#result-band').getAttribute('data-band'), 'moderate', 'the band');
          check.equal(plain(await page.locator('#result-band').innerText()), t(lang, 'calculators.eligibility.band.moderate'), 'the band tag');
          check.ok(plain(await page.locator('main .result').innerText()).includes(plain(t(lang, 'calculators.eligibility.band_explanation.moderate'))),
            'the band is explained');
          check.equal(plain(await page.locator('#result-composition').innerText()),
            t(lang, 'calculators.eligibility.composition.two_or_more_incomes'), 'the composition in words');
          const table = plain(await page.locator('#result-table').innerText());
          const row2024 = INCOMES.find((row) => row.year === '2024');
          for (const part of ['2024', t(lang, 'calculators.status.verified'), row2024.source])
            check.ok(table.includes(part), `the table used shows ${part}: "${table}"`);
          check.ok((await page.locator('main .sources').innerText()).includes(row2024.source), 'the sources list the table\'s source');
          await visit(page, `eligibility-result-${who.slug}-${lang}`);
        }
        check.done();
      }));
  }

  test('admission income: a year without a verified table typed in the address is refused, saying which years exist', () =>
    withPage('eligibility-2025', async (page) => {
      const check = softly();
      await loginAs(page, USERS.region);
      await switchLanguage(page, 'fr');
      const known = knownYears(await admissionIncomes(page));
      assert.ok(!known.includes('2025'), 'there is no verified table for 2025');
      const r = await open(page, '/calculators/eligibility?year=2025&adults=2&incomes=2&children=2&disabled_children=0&disabled_adults=0&income=45000');
      assert.equal(r.status(), 422);
      const lang = await htmlLang(page);
      await checkFieldErrors(page, check, { year: t(lang, 'eligibility.year_unknown', { year: 2025, known: known.join(', ') }) });
      check.equal(await page.locator('main .result').count(), 0, 'no result');
      check.equal(await page.locator('#income').inputValue(), '45000', 'the income is kept');
      await visit(page, `eligibility-2025-${lang}`);
      check.done();
    }));

  for (const lang of ['fr', 'nl']) {
    test(`admission income, bad input (${lang}): every problem at once, input kept`, () =>
      withPage(`eligibility-bad-input-${lang}`, async (page) => {
        const check = softly();
        await loginAs(page, USERS.agencyStaff);
        await switchLanguage(page, lang);
        await open(page, '/calculators/eligibility');
        const r = await fillEligibility(page, { adults: 2, incomes: 3, children: 'two', disabled_adults: 0, income: '' });
        assert.equal(r.status(), 422);
        assert.equal(await htmlLang(page), lang);
        await checkFieldErrors(page, check, {
          incomes: t(lang, 'calculators.eligibility.invalid_incomes'),
          children: t(lang, 'calculators.eligibility.invalid_children'),
          income: t(lang, 'calculators.eligibility.missing_income'),
        });
        check.equal(await page.locator('#children').inputValue(), 'two', 'the children typed are kept');
        check.equal(await page.locator('#incomes').inputValue(), '3', 'the incomes typed are kept');
        await visit(page, `eligibility-errors-${lang}`);
        check.done();
      }));
  }

  test('print: only the result, the answers and the sources; no navigation, no form', () =>
    withPage('print', async (page) => {
      const check = softly();
      await loginAs(page, USERS.agencyStaff);
      await switchLanguage(page, 'fr');
      const q = new URLSearchParams({ ...REFERENCE, registered: 'yes' });
      await open(page, `/calculators/indexation?${q}`);
      await page.emulateMedia({ media: 'print' });
      for (const hidden of ['header', 'footer', 'main form.calc-form', 'main .subnav', 'main .print-hint'])
        check.ok(!(await page.locator(hidden).first().isVisible()), `${hidden} is not printed`);
      for (const shown of ['main h1', '#result-rent', 'ol#steps', 'main .sources'])
        check.ok(await page.locator(shown).first().isVisible(), `${shown} is printed`);
      await screenshot(page, 'indexation-print-fr');
      await open(page, '/calculators/eligibility?year=2024&adults=2&incomes=2&children=2&income=45000');
      check.ok(!(await page.locator('main form.calc-form').isVisible()), 'the eligibility form is not printed');
      check.ok(await page.locator('#result-ceiling').isVisible(), 'the ceiling is printed');
      await screenshot(page, 'eligibility-print-fr');
      await page.emulateMedia({ media: 'screen' });
      check.done();
    }));

  test('keyboard: the form can be filled and sent without a mouse', () =>
    withPage('keyboard', async (page) => {
      await loginAs(page, USERS.agencyStaff);
      await switchLanguage(page, 'en');
      await open(page, '/calculators/eligibility');
      await page.locator('#year').focus();
      for (const value of ['2', '2', '1']) { // adults, incomes, children: Tab selects what is there
        await page.keyboard.press('Tab');
        await page.keyboard.type(value);
      }
      await page.keyboard.press('Tab'); // disabled children
      await page.keyboard.press('Tab'); // disabled adults
      await page.keyboard.press('Tab'); // income
      await page.keyboard.type('30000');
      await page.keyboard.press('Tab'); // the button
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('type')), 'submit', 'Tab reaches the button');
      const loaded = page.waitForEvent('load');
      await page.keyboard.press('Enter');
      await loaded;
      assert.equal(await page.locator('#result-ceiling').count(), 1, 'a result');
      assert.equal(new URL(page.url()).searchParams.get('adults'), '2');
      assert.equal(new URL(page.url()).searchParams.get('children'), '1');
    }));

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
