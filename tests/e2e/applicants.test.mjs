// The applicant pages as agency staff use them, in French: a household registered with an
// invalid national register number is refused with the message in French by the field and in
// the summary, what was typed kept (but never the number); with a valid one the household is
// registered and its page shows its band, its members with the number masked, and its history.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, t, withPage, open, clickAndLoad, loginAs, switchLanguage, pathOf, h1Text, visit, softly, uniqueSuffix } from './support.mjs';

const staff = USERS.agencyStaff;
const plain = (s) => s.replace(/\u00a0/g, ' ');

// A valid national register number of someone born on 30/07/1985, with a serial of this run.
function nationalNumber(serial) {
  const base = `850730${String(serial).padStart(3, '0')}`;
  const check = 97 - (Number(base) % 97);
  return { digits: base + String(check).padStart(2, '0'), typed: `85.07.30-${base.slice(6)}.${String(check).padStart(2, '0')}` };
}

describe('applicants (fr)', () => {
  test('register a household, an invalid national number refused in French, then its band', () =>
    withPage('applicants-register-fr', async (page) => {
      const check = softly();
      await loginAs(page, staff);
      await switchLanguage(page, 'fr');
      const suffix = uniqueSuffix();
      const lastName = `E2E Ménage ${suffix}`;
      const nn = nationalNumber(100 + (Number(String(suffix).replace(/\D/g, '').slice(-3)) % 800));
      const wrong = `${nn.typed.slice(0, -2)}${String((Number(nn.digits.slice(-2)) % 97) + 1).padStart(2, '0')}`;

      // 1. The list, then "Register a household".
      const list = await open(page, '/applicants');
      assert.equal(list.status(), 200);
      assert.equal(await h1Text(page), t('fr', 'applicants.pages.title'));
      await visit(page, 'applicants-list-fr');
      await clickAndLoad(page, page.locator('main a[href="/applicants/new"]').first());
      assert.equal(pathOf(page), '/applicants/new');
      assert.equal(await h1Text(page), t('fr', 'applicants.pages.new_title'));

      // 2. The applicant and a child; a wrong national number.
      await page.locator('[id="members.0.first_name"]').fill('Amina');
      await page.locator('[id="members.0.last_name"]').fill(lastName);
      await page.locator('[id="members.0.birth_date"]').fill('30/07/1985');
      await page.locator('[id="members.0.national_number"]').fill(wrong);
      await page.locator('[id="members.1.first_name"]').fill('Yasmine');
      await page.locator('[id="members.1.last_name"]').fill(lastName);
      await page.locator('[id="members.1.birth_date"]').fill('30/07/2017');
      await page.locator('[id="members.1.dependent"]').check();
      await page.locator('#income_year').fill('2024');
      await page.locator('#income').fill('21.400,00');
      await page.locator('#incomes').fill('1');
      const bad = await clickAndLoad(page, page.locator('main form[action="/applicants"] button[type="submit"]:not([name])'));
      assert.equal(bad.status(), 422);
      assert.equal(pathOf(page), '/applicants/new', 'the form again, with its draft');
      const message = t('fr', 'applicants.invalid_national_number');
      assert.equal(plain((await page.locator('[id="members.0.national_number-error"]').innerText()).trim()), message,
        'the message in French by the field');
      check.ok(plain(await page.locator('main .error-summary').innerText()).includes(message), 'and in the summary');
      check.equal(await page.locator('[id="members.0.last_name"]').inputValue(), lastName, 'the name is kept');
      check.equal(await page.locator('#income').inputValue(), '21.400,00', 'the income is kept as typed');
      check.equal(await page.locator('[id="members.0.national_number"]').inputValue(), '', 'the number is never shown back');
      await visit(page, 'applicants-form-errors-fr');

      // 3. The right number: the household's page, its band, the number masked.
      await page.locator('[id="members.0.national_number"]').fill(nn.typed);
      const ok = await clickAndLoad(page, page.locator('main form[action="/applicants"] button[type="submit"]:not([name])'));
      assert.equal(ok.status(), 200);
      assert.match(pathOf(page), /^\/applicants\/\d+$/);
      assert.equal(await h1Text(page), `Amina ${lastName}`);
      // One adult with one income and a child in 2024: 21,400.00 is below 33,173.54.
      assert.ok(plain(await page.locator('#applicant-band').innerText()).includes(t('fr', 'applicants.bands.eligible')),
        'the band is shown');
      const main = plain(await page.locator('main').innerText());
      check.ok(main.includes('85.07.30-xxx.xx'), 'the national number masked');
      check.ok(!main.includes(nn.typed) && !main.includes(nn.digits), 'never in full without a purpose');
      check.ok(main.includes(t('fr', 'applicants.actions.create')), 'the history has the registration');
      await visit(page, 'applicant-detail-fr');

      // 4. The list finds it by name, without the number.
      await open(page, `/applicants?q=${encodeURIComponent(suffix)}`);
      const rows = plain(await page.locator('main table').innerText());
      check.ok(rows.includes(lastName), 'the list shows the household');
      check.ok(!rows.includes('85.07.30'), 'the list shows no national number');
      check.done();
    }));
});
