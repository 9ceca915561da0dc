// Script in every text field: every form the signed-in pages show (found by crawling, so modules merged later are
// covered) is sent with script payloads in each of its text fields; then every page is visited again, and also
// printed (print media), and the exports (CSV, XLSX) are fetched. Nothing may execute (no dialog), no CSP
// violation may be reported, no element the payloads carry (script without src, on* handlers, javascript: URLs)
// may be in any page, and exports are attachments whose cells cannot start a formula.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, shot } from '../lib/browser.mjs';
import { signIn } from '../lib/flows.mjs';

const DEMO_PASSWORD = 'demo-city-2026';
const PAYLOADS = [
  '<script>alert("xss-1")</script>',
  '"><img src=x onerror=alert("xss-2")>',
  "'><svg onload=alert('xss-3')>",
  'javascript:alert("xss-4")',
  '</textarea><script>alert("xss-5")</script>',
  '=HYPERLINK("http://example.invalid","xss-6")',
  '{{#t}}x{{/t}}<iframe srcdoc="<script>alert(7)</script>">',
];
// forms that would end the sweep's own session or lose what it needs to look at
const SKIP = /\/(logout|language|login|delete|erase|erase-person|disable|enable|password|undo|discard|cancel|revise|adopt|restore|now|settings)(\/|$)|^\/setup|^\/unlock|^\/backups/;
const PER_SHAPE = Number(process.env.XSS_PER_SHAPE || 1); // pages of each shape (/x/{n}) visited
const MAX_PAGES = Number(process.env.XSS_MAX_PAGES || 160);

function shape(p) {
  return p.replace(/\?.*/, '').replace(/\/\d+(?=\/|$)/g, '/{n}');
}

describe('script in every text field', { timeout: 900_000 }, () => {
  let kit;
  let browser;
  let page;
  const dialogs = [];

  before(async () => {
    kit = await startKit({ label: 'xss', demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, kit);
    page.on('dialog', async (d) => { dialogs.push(`${page.url()}: ${d.message()}`); await d.dismiss(); });
    await page.addInitScript(() => {
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__csp.push(`${e.violatedDirective} ${e.blockedURI || ''} ${(e.sample || '').slice(0, 60)}`);
      });
    });
    const status = await signIn(page, 'demo-admin', DEMO_PASSWORD);
    assert.ok(status === 303 || status === 302, `signed in (${status})`);
    // the demo's strategy is adopted (read only): a revision opens a draft, whose forms the sweep then finds
    await page.goto('/strategy');
    const version = await page.evaluate(() => [...document.querySelectorAll('a[href^="/strategy/versions/"]')]
      .map((a) => a.getAttribute('href')).find((h) => /^\/strategy\/versions\/\d+$/.test(h)));
    if (version) {
      await page.goto(version);
      const revise = page.locator('form[action$="/revise"] button[type=submit]');
      if (await revise.count()) await Promise.all([page.waitForNavigation().catch(() => {}), revise.first().click()]);
    }
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  /** What a page holds that a payload could have put there, and the CSP violations it reported. */
  async function inspect() {
    return page.evaluate(() => {
      const found = [];
      for (const s of document.querySelectorAll('script:not([src])')) found.push(`inline script: ${s.textContent.slice(0, 60)}`);
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
          if (/^(href|src|action|formaction|srcdoc)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) {
            found.push(`${el.tagName} ${a.name}=${a.value.slice(0, 60)}`);
          }
        }
      }
      for (const f of document.querySelectorAll('iframe, object, embed')) found.push(`${f.tagName}`);
      return { found, csp: window.__csp || [] };
    });
  }

  /** Visits the signed-in pages breadth first (a few of each shape); returns their paths and their forms. */
  async function crawl() {
    const pages = [];
    const forms = new Map();
    const seen = new Set(['/']);
    const shapes = new Map();
    const todo = ['/'];
    while (todo.length && pages.length < MAX_PAGES) {
      const p = todo.shift();
      const res = await page.goto(p).catch(() => null);
      if (!res || res.status() !== 200 || !(res.headers()['content-type'] || '').startsWith('text/html')) continue;
      pages.push(p);
      const { links, found } = await page.evaluate(() => ({
        links: [...document.querySelectorAll('a[href^="/"]')].map((a) => a.getAttribute('href')),
        found: [...document.querySelectorAll('form[method="post" i]')].map((f) => ({
          action: f.getAttribute('action'),
          fields: [...f.elements].filter((e) => e.name && (e.tagName === 'TEXTAREA'
            || (e.tagName === 'INPUT' && /^(text|search|email|url|tel|number|date|month|time)$/.test(e.type || 'text'))))
            .map((e) => e.name),
          upload: !!f.querySelector('input[type=file]'),
        })),
      }));
      for (const f of found) {
        if (f.action && !f.upload && f.fields.length && !SKIP.test(f.action) && !forms.has(shape(f.action))) {
          forms.set(shape(f.action), { page: p, ...f });
        }
      }
      for (const l of links) {
        const link = l.replace(/#.*/, '');
        if (!link || link.startsWith('/assets/') || link.includes('lang=') || /\.(csv|xlsx|json|zip|geojson)(\?|$)/.test(link)) continue;
        const s = shape(link);
        shapes.set(s, (shapes.get(s) || 0) + 1);
        if (shapes.get(s) <= PER_SHAPE && !seen.has(link)) {
          seen.add(link);
          todo.push(link);
        }
      }
    }
    return { pages, forms: [...forms.values()] };
  }

  it('puts script payloads in every text field of every form, and nothing runs anywhere', async () => {
    const first = await crawl();
    assert.ok(first.forms.length > 15, `the crawl found the forms (${first.forms.length} on ${first.pages.length} pages)`);
    const problems = [];
    let sent = 0;
    const log = [];
    // each form twice: every text field holding a payload (mostly refused: the 422 page shows the input again),
    // then only the free-text fields, with plausible numbers and dates, so that most forms store the payloads
    for (const [i, f] of first.forms.entries()) {
      for (const mode of ['all', 'plausible']) {
        await page.goto(f.page);
        if (new URL(page.url()).pathname === '/login') {
          log.push(`signed out before ${f.action}: signing in again`);
          await signIn(page, 'demo-admin', DEMO_PASSWORD);
          await page.goto(f.page);
        }
        const done = await page.evaluate(({ action, fields, payloads, start, mode }) => {
          const form = [...document.querySelectorAll('form[method="post" i]')].find((x) => x.getAttribute('action') === action);
          if (!form) return false;
          fields.forEach((name, j) => {
            for (const el of form.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
              const payload = `${payloads[(start + j) % payloads.length]} ${name}`;
              const plain = el.tagName === 'TEXTAREA' || el.type === 'text' || el.type === 'search';
              if (mode === 'plausible' && !plain) {
                el.value = { number: '1', date: '2024-03-15', month: '2024-03', time: '10:30', email: 'x@example.org',
                  url: 'https://example.org/', tel: '+1 555 0100' }[el.type] ?? el.value;
                continue;
              }
              if (!plain) el.type = 'text';
              el.value = payload;
            }
          });
          return true;
        }, { action: f.action, fields: f.fields, payloads: PAYLOADS, start: i, mode });
        if (!done) continue;
        await Promise.all([
          page.waitForNavigation({ timeout: 30_000 }).catch(() => {}),
          page.evaluate(({ action }) => [...document.querySelectorAll('form[method="post" i]')]
            .find((x) => x.getAttribute('action') === action).submit(), { action: f.action }),
        ]);
        sent++;
        log.push(`${f.action} (${mode}) -> ${new URL(page.url()).pathname}`);
        const after = await inspect();
        if (after.found.length || after.csp.length) {
          problems.push(`after posting ${f.action}: ${[...after.found, ...after.csp.map((c) => `CSP ${c}`)].join('; ')}`);
          await shot(page, `FAIL-xss-${sent}`);
        }
      }
    }
    // every page again, now that the payloads are stored: on screen and as printed
    if (process.env.XSS_LOG) console.log(log.join('\n'));
    if (new URL(page.url()).pathname === '/login' || (await page.goto('/')) && new URL(page.url()).pathname === '/login') {
      await signIn(page, 'demo-admin', DEMO_PASSWORD);
    }
    const second = await crawl();
    const exports = new Set();
    for (const p of second.pages) {
      await page.goto(p);
      for (const media of ['screen', 'print']) {
        await page.emulateMedia({ media });
        const seen = await inspect();
        if (seen.found.length || seen.csp.length) {
          problems.push(`${p} (${media}): ${[...seen.found, ...seen.csp.map((c) => `CSP ${c}`)].join('; ')}`);
        }
      }
      await page.emulateMedia({ media: 'screen' });
      for (const href of await page.evaluate(() => [...document.querySelectorAll('a[href$=".csv"], a[href*=".csv?"], a[href$=".xlsx"], a[href*=".xlsx?"]')]
        .map((a) => a.getAttribute('href')))) exports.add(href);
    }
    let formulas = 0;
    for (const href of exports) {
      const res = await page.request.get(href);
      const type = res.headers()['content-type'] || '';
      if (res.status() !== 200) continue;
      if (!/attachment/.test(res.headers()['content-disposition'] || '')) problems.push(`${href}: not sent as an attachment`);
      if (/text\/html/.test(type)) problems.push(`${href}: served as HTML`);
      if ((res.headers()['x-content-type-options'] || '') !== 'nosniff') problems.push(`${href}: no nosniff`);
      if (href.includes('.csv')) {
        const text = await res.text();
        for (const cell of text.split(/[\r\n,;]+/)) {
          const c = cell.replace(/^"/, '');
          if (/^[=+@]/.test(c) && /xss|HYPERLINK/.test(c)) problems.push(`${href}: a cell starts a formula: ${c.slice(0, 60)}`);
          if (/HYPERLINK/.test(c)) formulas++;
        }
      }
    }
    console.log(`XSS sweep: ${sent} forms posted with payloads, ${second.pages.length} pages checked on screen and in print, `
      + `${exports.size} exports fetched (${formulas} formula payloads found in CSV cells, all neutralised)`);
    assert.deepEqual(dialogs, [], 'a payload executed');
    assert.deepEqual(problems, [], 'payload markup reached a page or an export');
    assert.ok(sent > 15, `forms were posted (${sent})`);
  });
});
