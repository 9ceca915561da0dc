// First start on an empty data folder: the set-up form (a refused try, then a good one), signing out and in.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, shot, squash, step } from '../lib/browser.mjs';
import { ADMIN, fillSetup, noticeText, signIn, submitAndWait } from '../lib/flows.mjs';

describe('first start: set-up and sign-in', { timeout: 300_000 }, () => {
  let kit;
  let browser;
  let page;

  before(async () => {
    kit = await startKit({ label: 'first-start' });
    browser = await launchBrowser();
    page = await newPage(browser, kit);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  it('a) an empty data folder sends every page to /setup; errors keep what was typed; success lands on home', { timeout: 180_000 }, async () => {
    assert.equal(kit.health.store, 'setup', 'a fresh data folder should report store "setup" on /health');

    await step(page, 'setup', async () => {
      for (const p of ['/', '/areas', '/login']) {
        await page.goto(p);
        assert.equal(new URL(page.url()).pathname, '/setup', `${p} should redirect to /setup on an empty folder`);
      }
      await shot(page, '01-setup-en');

      const typed = {
        name: 'Nairobi',
        localNames: { name_ar: 'نيروبي', name_zh: '内罗毕', name_fr: 'Nairobi' },
        country: 'KE',
        defaultLang: 'en',
        currency: 'KES',
        referenceYear: 2019,
        levels: 'City\nSub-county\nWard',
        cityCode: 'KE047',
        username: ADMIN.username,
        displayName: ADMIN.displayName,
        password: 'short',
        confirm: 'short',
      };
      // only the languages the form offers (the list follows the kit's bundles)
      for (const field of Object.keys(typed.localNames)) {
        if (await page.locator(`#${field}`).count() === 0) delete typed.localNames[field];
      }
      await fillSetup(page, typed);
      const status = await submitAndWait(page, page.locator('form[action="/setup"] button[type=submit]'), '/setup');
      assert.equal(status, 422, `a refused set-up answers 422 Unprocessable Content; the page says: ${await noticeText(page)}`);
      assert.equal(new URL(page.url()).pathname, '/setup');

      // what was typed is still there (passwords are never sent back, on purpose)
      assert.equal(await page.inputValue('#name'), 'Nairobi');
      for (const [field, value] of Object.entries(typed.localNames)) {
        assert.equal(await page.inputValue(`#${field}`), value, `${field} should be kept`);
      }
      assert.equal(await page.inputValue('#country'), 'KE');
      assert.equal(await page.inputValue('#defaultLang'), 'en');
      assert.equal(await page.inputValue('#currency'), 'KES');
      assert.equal(await page.inputValue('#referenceYear'), '2019');
      assert.equal((await page.inputValue('#levels')).replace(/\r\n/g, '\n'), typed.levels);
      assert.equal(await page.inputValue('#cityCode'), 'KE047');
      assert.equal(await page.inputValue('#username'), ADMIN.username);
      assert.equal(await page.inputValue('#displayName'), ADMIN.displayName);

      // the password has a visible field error right under it, and is marked invalid
      const passwordError = page.locator('#password + .field-error');
      assert.ok(await passwordError.isVisible(), 'a .field-error should follow the password field');
      assert.ok(squash(await passwordError.textContent()).length > 5, 'the field error should say something');
      assert.equal(await page.getAttribute('#password', 'aria-invalid'), 'true');
      // and only the fields that are wrong have one
      const errorsFor = await page.locator('.field-error').evaluateAll((ps) =>
        ps.map((p) => p.previousElementSibling?.id || p.previousElementSibling?.tagName || '?'));
      assert.ok(errorsFor.every((id) => ['password', 'confirm'].includes(id)),
        `only the password fields should have errors, got errors after: ${errorsFor.join(', ')}`);
      await shot(page, '02-setup-errors-en');

      // now with a good password
      await fillSetup(page, { password: ADMIN.password, confirm: ADMIN.password });
      const ok = await submitAndWait(page, page.locator('form[action="/setup"] button[type=submit]'), '/setup');
      assert.ok(ok === 303 || ok === 302, `a good set-up redirects (got ${ok}: ${await noticeText(page)})`);
      await page.waitForURL((u) => u.pathname === '/');
      assert.equal(await page.locator('.step-card').count(), 7, 'home shows the seven process steps');
      assert.equal(squash(await page.locator('header .city').textContent()), 'Nairobi', 'the header names the city');
      assert.ok(await page.locator('header .user a[href="/profile"]').isVisible(), 'the administrator is signed in');
      assert.equal(squash(await page.locator('header .user a[href="/profile"]').textContent()), ADMIN.displayName);
      await shot(page, '03-home-en');

      const health = await (await fetch(`${kit.baseUrl}/health`)).json();
      assert.equal(health.store, 'ready', '/health reports the store ready after the set-up');
      assert.deepEqual(page.problems, [], 'no script errors on the pages');
    });
  });

  it('b) sign out, refused sign-ins look the same for an unknown user and a wrong password, then sign in', { timeout: 120_000 }, async () => {
    await step(page, 'signin', async () => {
      const signOut = page.locator('form[action="/logout"] button');
      await submitAndWait(page, signOut, '/logout');
      await page.waitForURL((u) => u.pathname === '/login');
      assert.equal(await page.locator('header .user').count(), 0, 'signed out: no user in the header');
      await page.goto('/areas');
      assert.equal(new URL(page.url()).pathname, '/login', 'signed out, a page asks to sign in first');

      const wrongPassword = await signIn(page, ADMIN.username, 'not the right password');
      assert.equal(new URL(page.url()).pathname, '/login');
      const messageWrongPassword = squash(await page.locator('.notice.error').textContent());
      assert.ok(messageWrongPassword.length > 5, 'a refused sign-in explains itself');
      assert.equal(await page.inputValue('#username'), ADMIN.username, 'the user name is kept');
      await shot(page, '04-login-error-en');

      const unknownUser = await signIn(page, 'nobody.at.all', 'not the right password');
      const messageUnknownUser = squash(await page.locator('.notice.error').textContent());
      assert.equal(messageUnknownUser, messageWrongPassword,
        'an unknown user and a wrong password must get the same message (no user enumeration)');
      assert.equal(unknownUser, wrongPassword, 'and the same status');

      const status = await signIn(page, ADMIN.username, ADMIN.password);
      assert.ok(status === 303 || status === 302, `a good sign-in redirects (got ${status}: ${await noticeText(page)})`);
      // back to the page that asked for a sign-in (/areas, tried above while signed out)
      await page.waitForURL((u) => u.pathname === '/areas');
      assert.equal(squash(await page.locator('header .user a[href="/profile"]').textContent()), ADMIN.displayName);
      await page.goto('/');
      assert.equal(await page.locator('.step-card').count(), 7);
      assert.deepEqual(page.problems, [], 'no script errors on the pages');
    });
  });
});
