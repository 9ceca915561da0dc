// Finding one's way, as a new user sees it (issue #13): every menu entry in all six languages, signed in as the
// demo coordinator and then as the demo administrator (for the entries only administrators have), each page
// screenshotted (e2e/screenshots/menu-<lang>-<page>.png) and checked: its title says what its menu entry
// said, its step is the one open in the menu, and nothing on it failed. Then the network of actors at
// 1280x800 (no two names overlap, the search box finds an actor), and Chinese and Arabic pages in a chromium
// whose fontconfig knows only a Latin font: the kit's own fonts must draw them. One kit, one browser, one page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, shot, squash, step, CHROMIUM, SCREENSHOTS } from '../lib/browser.mjs';
import { chooseLanguage, signIn } from '../lib/flows.mjs';
import { chromium } from 'playwright-core';

const LANGUAGES = ['en', 'fr', 'es', 'ru', 'ar', 'zh'];

/** The menu as the page shows it: every entry with its step (null for the home page) and label. */
async function menuEntries(page) {
  return page.locator('nav.side a').evaluateAll((links) => links.map((a) => {
    const details = a.closest('details');
    return { href: a.getAttribute('href'), label: a.textContent.replace(/\s+/g, ' ').trim(),
      step: details ? details.querySelector('summary .n').textContent.trim() : null };
  }));
}

function slug(href) {
  return href === '/' ? 'home' : href.slice(1).replace(/[^a-z0-9]+/gi, '-');
}

async function visitAll(page, lang, entries, seen) {
  for (const e of entries) {
    if (seen.has(`${lang}|${e.href}`)) continue;
    seen.add(`${lang}|${e.href}`);
    await step(page, `menu-${lang}-${slug(e.href)}`, async () => {
      const before = page.problems.length;
      const r = await page.goto(e.href);
      assert.equal(r.status(), 200, `${lang} ${e.href} answers 200`);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      const h1 = squash(await page.locator('main h1').first().textContent());
      // the diagnosis report's title adds the city's name to the entry's words
      assert.ok(h1 === e.label || h1.startsWith(e.label), `${lang} ${e.href}: menu "${e.label}", page title "${h1}"`);
      if (e.step !== null) {
        const open = await page.locator('nav.side details[open] summary .n').allTextContents();
        assert.deepEqual(open.map((s) => s.trim()), [e.step], `${lang} ${e.href}: only its step is open`);
      }
      // nothing wider than the window (a long word in a narrow column, a table that does not scroll)
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${lang} ${e.href}: the page is ${overflow}px wider than the window`);
      // the first view, as a person opening the page sees it (full pages of the report run to 5,000 px)
      await page.screenshot({ path: path.join(SCREENSHOTS, `menu-${lang}-${slug(e.href)}.png`) });
      assert.deepEqual(page.problems.slice(before), [], `${lang} ${e.href}: no script errors`);
    });
  }
}

describe('navigation', { timeout: 900_000 }, () => {
  let kit;
  let browser;
  let page;

  before(async () => {
    kit = await startKit({ label: 'navigation', demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, kit);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  it('every menu entry opens a page titled like the entry, in six languages, for the coordinator and the administrator',
    { timeout: 700_000 }, async () => {
      const seen = new Set();
      const counts = {};
      for (const user of ['demo-coordinator', 'demo-admin']) {
        await page.context().clearCookies();
        const status = await signIn(page, user, 'demo-city-2026');
        assert.ok(status === 303 || status === 302, `${user} signs in (${status})`);
        for (const lang of LANGUAGES) {
          await chooseLanguage(page, lang);
          const entries = await menuEntries(page);
          counts[`${user}|${lang}`] = entries.length;
          // the steps in order, each named, with the home page alone on top
          const steps = await page.locator('nav.side summary .n').allTextContents();
          assert.deepEqual(steps, [...steps].sort(), 'steps in order');
          assert.ok(steps.length >= 5, `${lang}: the menu has the process steps (${steps})`);
          await visitAll(page, lang, entries, seen);
        }
      }
      // every language offers the same entries
      for (const user of ['demo-coordinator', 'demo-admin']) {
        const n = LANGUAGES.map((l) => counts[`${user}|${l}`]);
        assert.ok(n.every((x) => x === n[0]), `${user}: the same number of entries in every language (${n})`);
      }
      assert.ok(counts['demo-admin|en'] > counts['demo-coordinator|en'] || counts['demo-admin|en'] > 0);
    });

  it('the network of actors is readable at 1280x800: names that fit, the rest on hover, a legend, a search box',
    { timeout: 120_000 }, async () => {
      await page.goto('/');
      if (new URL(page.url()).pathname === '/login') await signIn(page, 'demo-coordinator', 'demo-city-2026');
      for (const lang of ['en', 'ar']) {
        await step(page, `network-${lang}`, async () => {
          await chooseLanguage(page, lang);
          await page.goto('/partnerships/network');
          await page.waitForFunction(() => window.echarts && window.echarts.getInstanceByDom(document.getElementById('network')));
          await page.waitForTimeout(1500);   // laid out before drawing (layoutAnimation: false); labels placed
          const labels = await page.evaluate(() => {
            const chart = window.echarts.getInstanceByDom(document.getElementById('network'));
            const data = chart.getModel().getSeriesByIndex(0).getData();
            const rects = [];
            for (let i = 0; i < data.count(); i++) {
              const el = data.getItemGraphicEl(i);
              // a graph's node is a Symbol group; its label hangs on the symbol's path
              const label = el && (el.getTextContent() || (el.childAt && el.childAt(0) && el.childAt(0).getTextContent()));
              if (!label || label.ignore || label.invisible || !label.style.text) continue;
              const r = label.getBoundingRect().clone();
              r.applyTransform(label.getComputedTransform());
              rects.push({ text: label.style.text, x: r.x, y: r.y, w: r.width, h: r.height });
            }
            return rects;
          });
          assert.ok(labels.length >= 3, `${lang}: some actors are named at first sight (${labels.length})`);
          for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) {
              const a = labels[i];
              const b = labels[j];
              const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
              assert.ok(!overlap, `${lang}: "${a.text}" and "${b.text}" overlap`);
            }
          }
          assert.ok(await page.locator('#network canvas').count() > 0);
          await shot(page, `network-${lang}`);
          // the search box names an actor that has no label at first sight
          const names = await page.locator('#network-names option').evaluateAll((os) => os.map((o) => o.value));
          const shown = new Set(labels.map((l) => l.text));
          const hidden = names.find((n) => !shown.has(n)) || names[0];
          await page.fill('#network-find', hidden);
          await page.press('#network-find', 'Enter');
          const tip = page.locator('#network div').filter({ hasText: hidden }).last();
          await tip.waitFor({ state: 'visible', timeout: 10_000 });
          await shot(page, `network-${lang}-found`);
          await page.fill('#network-find', 'no such actor 42');
          await page.press('#network-find', 'Enter');
          assert.ok(squash(await page.locator('#network-found').textContent()).length > 0, 'an unknown name is said so');
        });
      }
    });

  it('draws Chinese and Arabic with the kit\'s fonts on a PC without such fonts', { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sck-fonts-'));
    const conf = path.join(dir, 'fonts.conf');
    // only Liberation (Latin, Greek, Cyrillic): no Chinese and no Arabic glyph on this "PC"
    fs.writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
      <dir>/usr/share/fonts/truetype/liberation</dir><cachedir>${dir}/cache</cachedir></fontconfig>`);
    const bare = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: 120_000,
      env: { ...process.env, FONTCONFIG_FILE: conf },
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
    try {
      const context = await bare.newContext({ baseURL: kit.baseUrl, viewport: { width: 1280, height: 800 } });
      const p = await context.newPage();
      const fetched = [];
      p.on('response', (r) => { if (r.url().includes('.woff2')) fetched.push(`${new URL(r.url()).pathname} ${r.status()}`); });
      await p.goto('/login');
      await p.fill('#username', 'demo-coordinator');
      await p.fill('#password', 'demo-city-2026');
      await Promise.all([p.waitForURL((u) => u.pathname === '/'), p.click('form[action="/login"] button[type=submit]')]);
      for (const [lang, family, file, sample] of [
        ['zh', 'Kit Noto Sans SC', '/assets/noto-sans-sc-gb2312.woff2', '示范城市'],
        ['ar', 'Kit Noto Sans Arabic', '/assets/noto-sans-arabic.woff2', 'مدينة تجريبية']]) {
        await chooseLanguage(p, lang);
        await p.goto('/');
        await p.evaluate(() => document.fonts.ready);
        const faces = await p.evaluate(() => [...document.fonts].map((f) => `${f.family.replace(/"/g, '')}|${f.status}`));
        assert.ok(faces.includes(`${family}|loaded`), `${lang}: ${family} is loaded (${faces})`);
        assert.ok(fetched.includes(`${file} 200`), `${lang}: the font came from the kit (${fetched})`);
        assert.ok(await p.evaluate(([f, s]) => document.fonts.check(`16px "${f}"`, s), [family, sample]),
          `${lang}: ${family} has "${sample}"`);
        assert.equal(squash(await p.locator('header .city').textContent()), sample, `${lang}: the city's name in the header`);
        await p.screenshot({ path: path.join(SCREENSHOTS, `fonts-${lang}-no-system-font.png`) });
      }
      const asset = await p.request.get(`/assets/noto-sans-sc-gb2312.woff2`);
      assert.equal(asset.headers()['content-type'], 'font/woff2');
      assert.match(asset.headers()['cache-control'], /max-age=31536000/);
    } finally {
      await bare.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
