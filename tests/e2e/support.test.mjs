// The helpdesk (issue 13, part 1), as its people use it: a rental manager on the dwellings page
// presses "Demander de l'aide" (French), searches the knowledge base, then asks the federation;
// the ticket carries the page's path only. The federation, working in Dutch, sees the new
// request counted in its header, opens it from its queue and answers it as a business question.
// The asker sees the unread answer in the header, opens it, reads the Dutch answer, and the count
// is gone. The follow-up committee (fr): the federation records a coaching of the first agency,
// finds it on the committee's line of that agency, and prints the page for the meeting.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  USERS, AGENCY_1, t, withPage, open, clickAndLoad, loginAs, visit, checkPagesVisited, uniqueSuffix, pathOf, navLink, fetchInPage, h1Text,
} from './support.mjs';

const staff = USERS.agencyStaff;
const federation = USERS.federation;
const suffix = uniqueSuffix().toUpperCase();
const subject = `Plafond introuvable ${suffix}`;
const answer = `Het plafond staat op de fiche van de woning, onder "Huur" (${suffix}).`;

describe('helpdesk', () => {
  test('an agency user asks in French from the dwellings page, the federation answers in Dutch, the asker reads it', () =>
    withPage('support-ask-fr', (asker) =>
      withPage('support-answer-nl', async (fed) => {
        // 1. The asker, on the dwellings page, presses the header's help link.
        await loginAs(asker, staff, 'fr');
        await open(asker, '/dwellings?q=Dupont');
        const help = asker.locator('header [data-help-link]');
        assert.equal((await help.innerText()).trim(), t('fr', 'support.layout.ask'));
        let response = await clickAndLoad(asker, help);
        assert.equal(response.status(), 200);
        assert.equal(pathOf(asker), '/support/new');
        assert.equal(new URL(asker.url()).searchParams.get('from'), '/dwellings', 'the path only, never the searched name');
        await visit(asker, '13.1-help-form-fr');

        // 2. The knowledge base first, as the words are typed (htmx), then asked again with the
        //    button: nothing known for these words.
        await asker.locator('#q').fill(`plafond ${suffix}`);
        await asker.locator('#support-answers-section').waitFor();
        assert.ok((await asker.locator('#support-answers-section').innerText()).includes(t('fr', 'support.new.no_answers')));
        response = await clickAndLoad(asker, asker.locator('#support-search button[type="submit"]'));
        assert.equal(response.status(), 200);
        assert.ok((await asker.locator('#support-answers-section').innerText()).includes(t('fr', 'support.new.no_answers')));

        // 3. The question.
        await asker.locator('#subject').fill(subject);
        await asker.locator('#question').fill('Je ne trouve pas le loyer plafond du logement.');
        await asker.locator('#category-usage').check();
        response = await clickAndLoad(asker, asker.locator('#support-ticket-form button[type="submit"]'));
        assert.equal(response.status(), 200);
        assert.match(pathOf(asker), /^\/support\/tickets\/\d+$/);
        const ticketPath = pathOf(asker);
        assert.equal(await asker.locator('h1').innerText(), subject);
        assert.ok((await asker.locator('.notice--success').innerText()).includes(t('fr', 'support.ticket.created_notice')));
        assert.equal(await asker.locator('.ticket__meta code').innerText(), '/dwellings');
        assert.equal(await asker.locator('[data-ticket-status]').innerText(), t('fr', 'support.statuses.new'));
        await visit(asker, '13.1-ticket-created-fr');

        // 4. The federation, in Dutch: the header counts it; the queue lists it.
        await loginAs(fed, federation, 'nl');
        assert.equal(await fed.locator('header [data-support-unread]').count(), 1);
        response = await clickAndLoad(fed, fed.locator('header [data-support-unread]'));
        assert.equal(response.status(), 200);
        assert.equal(await fed.locator('h1').innerText(), t('nl', 'support.list.queue_title'));
        await visit(fed, '13.1-queue-nl');
        const row = fed.locator('#support-tickets tr', { hasText: subject });
        assert.equal(await row.count(), 1);
        response = await clickAndLoad(fed, row.locator('a'));
        assert.equal(pathOf(fed), ticketPath);
        await visit(fed, '13.1-ticket-triage-nl');

        // 5. It answers: a business question, answered by the federation.
        await fed.locator('#triage-business').check();
        await fed.locator('#answer').fill(answer);
        response = await clickAndLoad(fed, fed.locator('#triage-form button[type="submit"]'));
        assert.equal(response.status(), 200);
        assert.equal(await fed.locator('[data-ticket-status]').innerText(), t('nl', 'support.statuses.answered'));
        assert.ok((await fed.locator('.comments').innerText()).includes(answer));

        // 6. The asker sees the unread answer in the header, opens it and reads it.
        await open(asker, '/');
        const unread = asker.locator('header [data-support-unread]');
        assert.equal(await unread.count(), 1, 'the asker is notified');
        assert.equal((await unread.locator('.badge').innerText()).trim(), '1');
        response = await clickAndLoad(asker, unread);
        assert.equal(response.status(), 200);
        const mine = asker.locator('#support-tickets tr', { hasText: subject });
        assert.ok((await mine.innerText()).includes(t('fr', 'support.list.new_mark')));
        response = await clickAndLoad(asker, mine.locator('a'));
        assert.equal(pathOf(asker), ticketPath);
        assert.equal(await asker.locator('[data-ticket-status]').innerText(), t('fr', 'support.statuses.answered'));
        assert.ok((await asker.locator('.comments').innerText()).includes(answer));
        await visit(asker, '13.1-ticket-answered-fr');
        await open(asker, '/');
        assert.equal(await asker.locator('header [data-support-unread]').count(), 0, 'read: nothing new any more');
      }, { locale: 'nl-BE' }), { locale: 'fr-BE' }));

  test('the federation records a coaching and the committee sees it (fr)', () =>
    withPage('committee-fr', async (page) => {
      await loginAs(page, federation, 'fr');
      const year = new Date().getFullYear();
      const before = (await fetchInPage(page, `/api/v1/committee?year=${year}`)).body.items.find((i) => i.agency === AGENCY_1);
      await clickAndLoad(page, await navLink(page, '/coaching'));
      assert.equal(pathOf(page), '/coaching');
      await page.locator('#session-agency').fill(AGENCY_1);
      await page.locator('#session-topic').fill(`Premier appel des loyers ${suffix}`);
      await page.locator('#session-module').selectOption('ledger');
      await page.locator('#session-minutes').fill('150');
      await clickAndLoad(page, page.locator('#coaching-session-form button[type="submit"]'));
      assert.equal(await page.locator('#coaching-recorded').count(), 1);
      assert.ok((await page.locator('#coaching-sessions').innerText()).includes(suffix));
      await visit(page, 'coaching-fr');

      await clickAndLoad(page, await navLink(page, '/committee'));
      assert.equal(await h1Text(page), t('fr', 'support.committee.heading', { year: String(year) }));
      const line = page.locator(`#committee-table tr[data-agency="${AGENCY_1}"]`);
      assert.equal(await line.count(), 1);
      const after = (await fetchInPage(page, `/api/v1/committee?year=${year}`)).body.items.find((i) => i.agency === AGENCY_1);
      assert.equal(after.coachings, before.coachings + 1, 'the coaching is counted');
      assert.ok((await line.innerText()).includes(`: ${after.coachings} (`), 'the count on the line');
      await visit(page, 'committee-fr');
      const pdf = await fetchInPage(page, `/committee.pdf?year=${year}`);
      assert.equal(pdf.status, 200);
      assert.match(pdf.contentType, /application\/pdf/);
    }));

  test('pages visited pass the accessibility basics', () => checkPagesVisited());
});
