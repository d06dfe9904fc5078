// Allocating a free dwelling as agency staff would (issue 9.2), in Dutch: from the dwelling's
// page, "propose candidates" lists the demo agency's households that fit it, best first, each
// with its reasons; the first is proposed; passing it without a reason is refused in Dutch with
// nothing written; the derogation with its reason and approver is recorded; the first refuses
// with a reason; the decisions are listed. The region may not see the candidates.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, logout, h1Text, fetchInPage, visit, checkPagesVisited, uniqueSuffix, softly,
} from './support.mjs';

const staff = USERS.agencyStaff;

describe('allocation', () => {
  test('candidates for a free dwelling, a proposal, a refused and a recorded derogation, a refusal (nl)', () =>
    withPage('allocation-nl', async (page) => {
      const check = softly();
      await loginAs(page, staff, 'nl');
      await open(page, '/dwellings?lang=nl');
      const csrf = await page.locator('input[name="csrf_token"]').first().inputValue();
      const suffix = uniqueSuffix();
      const made = await fetchInPage(page, '/api/v1/dwellings', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify({ reference: `AL-${suffix}`.toUpperCase().slice(0, 20), street: 'Hoogstraat', number: '12',
          postcode: '1000', type: 'apartment', bedrooms: 2, status: 'vacant' }),
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const id = made.body.id;

      // 1. From the dwelling's page.
      await open(page, `/dwellings/${id}`);
      await clickAndLoad(page, page.locator(`main a[href="/dwellings/${id}/candidates"]`));
      assert.equal(await h1Text(page), `${t('nl', 'allocation.candidates_title')} — ${made.body.reference}`);
      const rows = page.locator('#candidates tbody tr');
      assert.ok(await rows.count() >= 2, 'the demo agency has households that fit a 2-bedroom apartment');
      const firstReasons = await rows.nth(0).locator('.reasons li').allInnerTexts();
      check.equal(firstReasons[0], t('nl', 'allocation.reasons.first'), 'the first says it is first');
      check.ok(firstReasons.some((r) => r.startsWith('Ingeschreven op ')), `the registration date in words: ${firstReasons}`);
      check.ok((await page.locator('main').innerText()).includes(t('nl', 'allocation.rule_illustrative')), 'the rule is marked illustrative');
      await visit(page, 'allocation-candidates-nl');
      const firstId = await rows.nth(0).getAttribute('data-applicant');
      const secondId = await rows.nth(1).getAttribute('data-applicant');

      // 2. The first is proposed the dwelling.
      let r = await clickAndLoad(page, rows.nth(0).locator('button[value="proposed"]'));
      assert.equal(r.status(), 200);
      check.ok((await page.locator('.notice--success').innerText()).includes(t('nl', 'allocation.decided')), 'recorded');
      const first = page.locator(`#candidates tr[data-applicant="${firstId}"]`);
      check.equal((await first.locator('.tag').first().innerText()).trim(), t('nl', 'allocation.kinds.proposed'), 'tagged proposed');

      // 3. Passing it without a reason: refused in Dutch, nothing written.
      const second = page.locator(`#candidates tr[data-applicant="${secondId}"]`);
      await second.locator('details summary').click();
      r = await clickAndLoad(page, second.locator('button[value="derogation"]'));
      assert.equal(r.status(), 422);
      const summary = await page.locator('.error-summary').innerText();
      check.ok(summary.includes(t('nl', 'allocation.reason_required')), summary);
      check.ok(summary.includes(t('nl', 'allocation.approved_by_required')), summary);
      await visit(page, 'allocation-refused-nl');
      const again = page.locator(`#candidates tr[data-applicant="${secondId}"]`);
      await page.locator('#reason').fill('Rolstoeltoegang nodig, de woning ligt gelijkvloers');
      await page.locator('#approved_by').fill('Raad van bestuur van 12 maart');
      r = await clickAndLoad(page, again.locator('button[value="derogation"]'));
      assert.equal(r.status(), 200);
      check.equal((await page.locator(`#candidates tr[data-applicant="${secondId}"] .tag`).first().innerText()).trim(),
        t('nl', 'allocation.kinds.derogation'), 'tagged derogation');

      // 4. The first refuses, with a reason.
      const firstAgain = page.locator(`#candidates tr[data-applicant="${firstId}"]`);
      await firstAgain.locator('details summary').click();
      await firstAgain.locator('textarea[name="reason"]').fill('Te ver van de school');
      r = await clickAndLoad(page, firstAgain.locator('button[value="refused"]'));
      assert.equal(r.status(), 200);
      const history = await page.locator('main table').last().innerText();
      for (const words of ['Te ver van de school', 'Raad van bestuur van 12 maart', t('nl', 'allocation.kinds.refused')])
        check.ok(history.includes(words), `the decisions list "${words}"`);
      await visit(page, 'allocation-decisions-nl');

      // 5. The region may not see the candidates (personal data).
      await logout(page);
      await loginAs(page, USERS.region, 'nl');
      r = await open(page, `/dwellings/${id}/candidates`);
      check.equal(r.status(), 403, 'the region gets 403');
      check.done();
    }));

  test('pages visited pass the basic checks', () => checkPagesVisited());
});
