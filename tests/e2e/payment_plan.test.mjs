// A payment plan as an agency's staff member agrees it with a household (issue 11.1), in Dutch:
// from the arrears page, a lease in arrears is opened on its payment plan page, which proposes
// the whole balance in monthly instalments; one instalment only is refused with the reason beside
// the field, nothing recorded; three instalments are recorded and listed with their due dates,
// to come; back on the arrears page the lease shows its running plan and no reminder letter.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { USERS, t, withPage, open, clickAndLoad, loginAs, h1Text, visit } from './support.mjs';

describe('payment plan', () => {
  test('a household in arrears agrees a plan in three instalments (nl)', () =>
    withPage('payment-plan-nl', async (page) => {
      await loginAs(page, USERS.agencyStaff, 'nl');
      await open(page, '/arrears');
      assert.equal(await h1Text(page), t('nl', 'arrears.title'));
      // A lease in arrears without a plan yet.
      const row = page
        .locator('#arrears-leases tbody tr', { has: page.locator('a.plan-link', { hasText: t('nl', 'arrears.plan.offer') }) })
        .first();
      assert.equal(await row.count(), 1, 'a lease in arrears can get a plan');
      const offer = row.locator('a.plan-link');
      const leaseId = await row.getAttribute('data-lease');
      await clickAndLoad(page, offer);
      assert.equal(await h1Text(page), t('nl', 'arrears.plan.title'));
      assert.equal(await page.locator('#plan-form').count(), 1, 'the form of a new plan');
      assert.notEqual((await page.locator('#total').inputValue()).trim(), '', 'the whole balance is proposed');
      await visit(page, 'payment-plan-form-nl');

      // One instalment: refused, the reason beside the field, nothing recorded.
      await page.locator('#instalments').fill('1');
      await clickAndLoad(page, page.locator('#plan-form button[type="submit"]'));
      assert.equal((await page.locator('#instalments-error').innerText()).trim(), t('nl', 'arrears.plan_invalid_instalments'));
      assert.equal(await page.locator('section.card[data-state]').count(), 0, 'no plan recorded');
      await visit(page, 'payment-plan-refused-nl');

      // Three instalments: recorded, listed to come.
      await page.locator('#instalments').fill('3');
      await clickAndLoad(page, page.locator('#plan-form button[type="submit"]'));
      assert.equal((await page.locator('#plan-saved').innerText()).trim(), t('nl', 'arrears.plan.saved'));
      const plan = page.locator('section.card[data-state="running"]');
      assert.equal(await plan.count(), 1, 'the plan runs');
      const instalments = plan.locator('tbody tr');
      assert.equal(await instalments.count(), 3);
      assert.equal(await plan.locator('tbody tr[data-state="pending"]').count(), 3, 'every instalment is to come');
      assert.equal(await page.locator('#plan-form').count(), 0, 'no second plan while this one runs');
      await visit(page, 'payment-plan-running-nl');

      // The arrears page shows the running plan, and no letter for that lease.
      await open(page, '/arrears');
      const same = page.locator(`#arrears-leases tbody tr[data-lease="${leaseId}"]`);
      assert.equal((await same.locator('a.plan-link').innerText()).trim(), t('nl', 'arrears.plan.state.running'));
      assert.equal(await same.locator('form.letter-form').count(), 0, 'no reminder letter while the plan runs');
    }));
});
