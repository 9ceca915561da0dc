// The partnership module in the demo city: the network of actors drawn from the kit's own chart library,
// filtered by type, in French and Arabic (right to left), with screenshots; the gaps page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseProperties, readJarEntry, startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, shot, squash, step } from '../lib/browser.mjs';
import { chooseLanguage, noticeText, signIn } from '../lib/flows.mjs';

describe('partnerships', { timeout: 300_000 }, () => {
  let kit;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    kit = await startKit({ label: 'partnerships', demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, kit);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  it('g) draws the network of actors, filters it, in French and Arabic', { timeout: 240_000 }, async () => {
    await step(page, 'network', async () => {
      const status = await signIn(page, 'demo-coordinator', 'demo-city-2026');
      assert.ok(status === 303 || status === 302, `signs in (status ${status}: ${await noticeText(page)})`);
      await page.waitForURL((u) => u.pathname === '/');
      for (const lang of ['fr', 'ar']) {
        await chooseLanguage(page, lang);
        const bundle = parseProperties(readJarEntry(`locales/partnerships_${lang}.properties`));
        await page.goto('/partnerships/network');
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
        assert.equal(squash(await page.locator('h1').textContent()), squash(bundle['partnerships.network.title']));
        await page.waitForSelector('#network canvas', { timeout: 30_000 });
        await page.waitForTimeout(2_000); // the force layout settles
        await shot(page, `20-network-${lang}`);

        // filter: only the women-led organisations
        await page.selectOption('#type', 'women_led');
        await Promise.all([page.waitForURL((u) => u.search.includes('type=women_led')),
          page.locator('form[action="/partnerships/network"] button').click()]);
        await page.waitForSelector('#network canvas', { timeout: 30_000 });
        const data = await page.evaluate(async () => {
          const src = document.getElementById('network').getAttribute('data-src');
          return (await fetch(src, { headers: { Accept: 'application/json' } })).json();
        });
        assert.ok(data.nodes.length > 0, 'the demo has women-led organisations');
        assert.ok(data.nodes.every((n) => n.typeName === bundle['partnerships.type.women_led']),
          'only the chosen type, named in the user\'s language');
        await page.waitForTimeout(1_000);
        await shot(page, `21-network-women-led-${lang}`);
        if (lang === 'ar') {
          const nav = await page.locator('nav.side').boundingBox();
          assert.ok(nav.x > 640, 'the menu is on the right in Arabic');
        }
      }
      await page.goto('/partnerships/gaps');
      assert.ok(await page.locator('main li').count() > 0, 'the demo coalition has gaps to show');
      await shot(page, '22-gaps-ar');
      assert.deepEqual(errors, [], 'no script error in the browser');
    });
  });
});
