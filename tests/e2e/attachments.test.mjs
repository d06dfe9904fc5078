// Documents attached to a dwelling (issue 15.10), as a rental manager adds them, in French (with
// JavaScript) and in Dutch (without: the upload is a plain multipart form): the dwelling's page
// says there is none yet, a PDF is chosen and sent, the page lists it with its kind, format,
// size, date and who added it, and the link downloads the same bytes; a file of another type is
// refused with the message in the page's language, and nothing is listed for it. Another
// agency's staff member gets the friendly 404 for the document's address.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  USERS, t, withPage, open, clickAndLoad, loginAs, fetchInPage, visit, checkPagesVisited, uniqueSuffix,
  assertFriendlyErrorPage,
} from './support.mjs';

const staff = USERS.agencyStaff;
const suffix = uniqueSuffix().toUpperCase();
const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% hms e2e ${suffix}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

async function createDwelling(page, reference) {
  const me = (await fetchInPage(page, '/api/v1/me')).body;
  const r = await fetchInPage(page, '/api/v1/dwellings', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
    body: JSON.stringify({ reference, street: 'Rue des Documents', number: '3', postcode: '1000', type: 'apartment', bedrooms: 2 }),
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

let documentPath = '';

describe('documents attached to a dwelling', () => {
  for (const [lang, javaScriptEnabled] of [['fr', true], ['nl', false]]) {
    test(`upload a PDF, see it listed, download it (${lang}${javaScriptEnabled ? '' : ', without JavaScript'})`, () =>
      withPage(`attachments-${lang}`, async (page) => {
        await loginAs(page, staff, lang);
        const d = await createDwelling(page, `DOC-${lang}-${suffix}`);
        await open(page, `/dwellings/${d.id}?lang=${lang}`);
        const section = page.locator('#documents-section');
        assert.equal(await section.locator('h2').innerText(), t(lang, 'attachments.title'));
        assert.equal((await page.locator('#documents-none').innerText()).trim(), t(lang, 'attachments.none'));
        await visit(page, `15.10-documents-empty-${lang}`);

        // A file of a refused type: the message in the page's language, nothing listed.
        await page.locator('#category').selectOption('photo');
        await page.locator('#file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('plain text') });
        let response = await clickAndLoad(page, page.locator('#documents-upload button[type="submit"]'));
        assert.equal(response.status(), 200);
        assert.ok((await page.locator('.error-summary').innerText()).includes(t(lang, 'attachments.type_refused')));
        assert.ok((await page.locator('#file-error').innerText()).includes(t(lang, 'attachments.type_refused')));
        assert.equal(await page.locator('#documents-table').count(), 0);
        // The accessibility basics start from the top: the same page without the #documents it scrolled to.
        await open(page, page.url().split('#')[0]);
        await visit(page, `15.10-documents-refused-${lang}`);

        // The PDF.
        await page.locator('#category').selectOption('signed_contract');
        await page.locator('#file').setInputFiles({ name: `bail-${lang}.pdf`, mimeType: 'application/pdf', buffer: pdf });
        response = await clickAndLoad(page, page.locator('#documents-upload button[type="submit"]'));
        assert.equal(response.status(), 200);
        assert.equal((await page.locator('#documents-notice').innerText()).trim(), t(lang, 'attachments.added_notice'));
        const row = page.locator('#documents-table tbody tr');
        assert.equal(await row.count(), 1);
        const text = await row.first().innerText();
        assert.ok(text.includes(`bail-${lang}.pdf`), text);
        assert.ok(text.includes(t(lang, 'attachments.categories.signed_contract')), text);
        assert.ok(text.includes(t(lang, 'attachments.types.pdf')), text);
        assert.ok(text.includes(t(lang, 'attachments.size_bytes', { n: String(pdf.length) })), text);
        assert.ok(text.includes(staff.login), text);
        assert.match(text, /\d\d\/\d\d\/\d{4} \d\d:\d\d/);
        // The accessibility basics start from the top: the same page without the #documents it scrolled to.
        await open(page, page.url().split('#')[0]);
        await visit(page, `15.10-documents-listed-${lang}`);

        // The download: the same bytes.
        const link = row.first().locator('a[download]');
        documentPath = await link.getAttribute('href');
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        assert.ok(download.suggestedFilename().endsWith('.pdf'), download.suggestedFilename());
        assert.deepEqual(fs.readFileSync(await download.path()), pdf);
      }, { javaScriptEnabled, locale: lang === 'fr' ? 'fr-BE' : 'nl-BE' }));
  }

  test('another agency gets the 404 of a document that does not exist', () =>
    withPage('attachments-other-agency', async (page) => {
      assert.ok(documentPath.startsWith('/documents/'), documentPath);
      await loginAs(page, USERS.otherAgencyStaff, 'fr');
      const response = await open(page, `${documentPath}?lang=fr`);
      await assertFriendlyErrorPage(page, response, 404, 'fr');
    }));

  test('pages visited pass the accessibility basics', () => checkPagesVisited());
});
