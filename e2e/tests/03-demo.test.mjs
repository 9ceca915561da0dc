// The demo city (--demo) in its own data folder: the banner on every page, and a role check on /accounts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseProperties, readJarEntry, startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, shot, squash, step } from '../lib/browser.mjs';
import { noticeText, signIn } from '../lib/flows.mjs';

const DEMO_PASSWORD = 'demo-city-2026';

describe('demo city', { timeout: 300_000 }, () => {
  let kit;
  let browser;
  let page;
  let en;

  before(async () => {
    kit = await startKit({ label: 'demo', demo: true });
    en = parseProperties(readJarEntry('locales/platform_en.properties'));
    browser = await launchBrowser();
    page = await newPage(browser, kit);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  it('f) shows the demo banner, and a partner viewer gets the 403 page on /accounts', { timeout: 180_000 }, async () => {
    assert.equal(kit.health.store, 'ready', 'the demo city is ready at once (no set-up)');
    await step(page, 'demo', async () => {
      await page.goto('/');
      assert.equal(new URL(page.url()).pathname, '/login', 'signed out, the demo asks to sign in');
      const banner = page.locator('.demo-banner');
      assert.ok(await banner.isVisible(), 'the demo banner shows on the sign-in page');
      assert.equal(squash(await banner.textContent()), squash(en['platform.layout.demoBanner']));
      await shot(page, '16-demo-login');

      const status = await signIn(page, 'demo-partner', DEMO_PASSWORD);
      assert.ok(status === 303 || status === 302, `demo-partner signs in (status ${status}: ${await noticeText(page)})`);
      await page.waitForURL((u) => u.pathname === '/');
      assert.ok(await page.locator('.demo-banner').isVisible(), 'the banner shows once signed in');
      assert.equal(await page.locator('nav.side a[href="/accounts"]').count(), 0,
        'the menu of a partner viewer has no Accounts entry');
      await shot(page, '17-demo-partner-home');

      const response = await page.goto('/accounts');
      assert.equal(response.status(), 403, 'a partner viewer may not see the accounts');
      const notice = page.locator('main .notice.error');
      assert.ok(await notice.isVisible(), 'the error page explains');
      assert.equal(squash(await notice.textContent()), squash(en['platform.error.forbidden']));
      assert.ok(await page.locator('.demo-banner').isVisible(), 'the banner shows on the error page too');
      assert.ok(await page.locator('main a[href="/"]').isVisible(), 'a link leads back home');
      await shot(page, '18-demo-accounts-403');

      // the administrator of the demo does see them
      await page.goto('/');
      await Promise.all([
        page.waitForURL((u) => u.pathname === '/login'),
        page.locator('form[action="/logout"] button').click(),
      ]);
      await signIn(page, 'demo-admin', DEMO_PASSWORD);
      const admin = await page.goto('/accounts');
      assert.equal(admin.status(), 200, 'demo-admin may see the accounts');
      const rows = await page.locator('main table tbody tr').count();
      assert.ok(rows >= 5, `the five demo accounts are listed (found ${rows} rows)`);
      await shot(page, '19-demo-accounts-admin');
      assert.deepEqual(page.problems, [], 'no script errors on the pages');
    });
  });
});
