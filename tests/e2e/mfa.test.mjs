// Two-step verification in the browser: a new agency user turns it on from the account page
// (QR code and key, a first code, the recovery codes), logs out, and logs in again with the
// password and then a code computed here as an authenticator app would (RFC 6238, HMAC-SHA1).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import {
  USERS, AGENCY_1, t, withPage, open, clickAndLoad, loginAs, login, logout, pathOf, h1Text, fetchInPage, visit,
  uniqueSuffix, checkPagesVisited,
} from './support.mjs';

// RFC 4648 base32 → bytes (spaces, dashes and padding ignored).
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let value = 0;
  let bits = 0;
  const out = [];
  for (const c of text.replace(/[\s=-]/g, '').toUpperCase()) {
    const index = alphabet.indexOf(c);
    if (index < 0) throw new Error(`not base32: ${text}`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The 6-digit code of an authenticator app for a secret at a 30-second step.
function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = crypto.createHmac('sha1', secret).update(counter).digest();
  const offset = mac[19] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 1_000_000).padStart(6, '0');
}
const nowStep = () => Math.floor(Date.now() / 1000 / 30);

describe('two-step verification', () => {
  test('enrol on the account page, log out, log in with the password and a code', () =>
    withPage('mfa', async (page) => {
      // A user of our own, so that the other test files keep their demo logins as they are.
      await loginAs(page, USERS.agencyAdmin);
      const me = (await fetchInPage(page, '/api/v1/me')).body;
      const user = { login: `mfa.e2e.${uniqueSuffix()}`.toLowerCase(), password: 'quiet orchard lantern 2718' };
      const created = await fetchInPage(page, '/api/v1/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: JSON.stringify({ login: user.login, name: 'Mia Factor', role: 'agency_staff', agency: AGENCY_1, password: user.password }),
      });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      await logout(page);

      // Turn it on: the QR code (inline SVG) and the key as text, then a first code.
      await loginAs(page, user, 'en');
      await open(page, '/account');
      await visit(page, 'mfa-account-off');
      await clickAndLoad(page, page.locator('form[action="/account/mfa"] button[type="submit"]'));
      assert.equal(pathOf(page), '/account/mfa');
      assert.equal(await h1Text(page), t('en', 'users.mfa.enrol_title'));
      assert.ok(await page.locator('svg.qr path').isVisible(), 'the QR code is drawn');
      const box = await page.locator('svg.qr').boundingBox();
      assert.ok(box.width >= 150 && Math.abs(box.width - box.height) < 1, `a square QR code (${box.width}×${box.height})`);
      const secret = base32Decode(await page.locator('#secret').innerText());
      assert.equal(secret.length, 20, 'a 160-bit secret');
      await visit(page, 'mfa-enrol');

      await page.locator('#code').fill('000000' === totp(secret, nowStep()) ? '111111' : '000000');
      const wrong = await clickAndLoad(page, page.locator('form[action="/account/mfa/confirm"] button[type="submit"]'));
      assert.equal(wrong.status(), 422, 'a wrong first code is refused');
      assert.ok((await page.locator('.error-summary').innerText()).includes(t('en', 'users.mfa_code_wrong')));

      const first = nowStep();
      await page.locator('#code').fill(totp(secret, first));
      await clickAndLoad(page, page.locator('form[action="/account/mfa/confirm"] button[type="submit"]'));
      assert.equal(await h1Text(page), t('en', 'users.mfa.codes_title'));
      const codes = await page.locator('.recovery-codes code').allInnerTexts();
      assert.equal(codes.length, 10, 'ten recovery codes');
      for (const c of codes) assert.match(c, /^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
      await visit(page, 'mfa-recovery-codes');
      await clickAndLoad(page, page.getByRole('link', { name: t('en', 'users.mfa.continue') }));
      assert.equal(pathOf(page), '/account');
      assert.ok((await page.locator('main').innerText()).includes(t('en', 'users.mfa.status_on', { count: 10 })));
      await logout(page);

      // The password alone opens no session: the code step, in French this time.
      await login(page, user.login, user.password, 'fr');
      assert.equal(pathOf(page), '/login/code');
      assert.equal(await h1Text(page), t('fr', 'users.mfa.code_title'));
      assert.equal((await fetchInPage(page, '/api/v1/me')).status, 401, 'no session before the code');
      await visit(page, 'mfa-code-fr');
      // The enrolment used this step's code: the app's next one (a code is never accepted twice).
      await page.locator('#code').fill(totp(secret, first + 1));
      const landed = await clickAndLoad(page, page.locator('form[action="/login/code"] button[type="submit"]'));
      assert.equal(landed.status(), 200);
      assert.equal(pathOf(page), '/', 'logged in: the dashboard');
      assert.equal((await fetchInPage(page, '/api/v1/me')).body.login, user.login);
    }));

  test('accessibility basics on every page visited', () => checkPagesVisited());
});
