// The partnership module in the demo city: the network of actors drawn from the kit's own chart library,
// filtered by type, in French and Arabic (right to left), with screenshots; the gaps page; the coverage
// matrix in both languages; importing actors from CSV through kit.js's upload, with a duplicate skipped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  it('h) shows the coverage matrix in French and Arabic, and imports actors from CSV', { timeout: 240_000 }, async () => {
    await step(page, 'coverage-import', async () => {
      for (const lang of ['fr', 'ar']) {
        await chooseLanguage(page, lang);
        const bundle = parseProperties(readJarEntry(`locales/partnerships_${lang}.properties`));
        await page.goto('/partnerships/coverage');
        assert.equal(squash(await page.locator('h1').textContent()), squash(bundle['partnerships.coverage.title']));
        assert.ok(await page.locator('#areas tbody a').count() > 0, 'the demo coalition covers areas');
        assert.ok(await page.locator('#groups tbody tr').count() > 0, 'and serves target groups');
        // without the strategy module in this kit, the priorities matrix says why it is absent (or is drawn with it)
        assert.ok(await page.locator('#priorities').count() === 1);
        await shot(page, `23-coverage-${lang}`);
        // a count opens the list of exactly the actors it counts
        const first = page.locator('#areas tbody td a').first();
        const count = Number((await first.textContent()).trim());
        await Promise.all([page.waitForURL((u) => u.pathname === '/partnerships/actors'), first.click()]);
        assert.equal(await page.locator('main table tbody tr').count(), count);
      }

      // import: one new actor, one duplicate of a demo actor (skipped), uploaded by kit.js with its progress bar
      await chooseLanguage(page, 'fr');
      const demoName = await page.evaluate(async () => {
        const csv = await (await fetch('/partnerships/actors.csv')).text();
        const line = csv.replace(/^\uFEFF/, '').split('\r\n')[1].split(',');
        return { name: line[1], type: line[2] };
      });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-import-'));
      const file = path.join(dir, 'acteurs.csv');
      fs.writeFileSync(file, `name;type;status\nAssociation des femmes du marché;women_led;engaged\n${demoName.name.toUpperCase()};${demoName.type};engaged\n`);
      await page.goto('/partnerships/import');
      await page.setInputFiles('#actors-file', file);
      await Promise.all([page.waitForURL((u) => /\/partnerships\/import\/.+/.test(u.pathname)),
        page.locator('form[data-upload] button[type=submit]').click()]);
      const bundle = parseProperties(readJarEntry('locales/partnerships_fr.properties'));
      assert.ok((await page.locator('main').textContent()).includes(bundle['partnerships.import.duplicateOf']));
      await page.selectOption('select[name="line3"]', 'skip');
      await shot(page, '24-import-preview-fr');
      await Promise.all([page.waitForURL((u) => u.pathname === '/partnerships/actors'),
        page.locator('main form button[type=submit]').click()]);
      assert.ok(squash(await page.locator('.flash').textContent()).includes('1'), 'the import reports what it did');
      assert.ok(await page.locator('main a', { hasText: 'Association des femmes du marché' }).count() === 1);

      // a damaged file is refused at upload, with its reason in the user's language (the browser logs the 422)
      assert.deepEqual(errors, [], 'no script error in the browser before the refused upload');
      fs.writeFileSync(file, Buffer.concat([Buffer.from('name,type\nCafé,ngo\n', 'utf8'), Buffer.from('Soci\xe9t\xe9,ngo\n', 'latin1')]));
      await page.goto('/partnerships/import');
      await page.setInputFiles('#actors-file', file);
      await page.locator('form[data-upload] button[type=submit]').click();
      await page.waitForSelector('.upload-error:not([hidden])');
      assert.ok((await page.locator('.upload-error').textContent()).includes('UTF-8'));
      await shot(page, '25-import-refused-fr');
      fs.rmSync(dir, { recursive: true, force: true });
      assert.ok(errors.every((e) => e.includes('status of 422')), `only the refusal's own 422: ${errors}`);
    });
  });
  it('i) filters the network by target group and saves it as SVG, in Arabic', { timeout: 120_000 }, async () => {
    await step(page, 'network-svg', async () => {
      errors.length = 0;
      await chooseLanguage(page, 'ar');
      await page.goto('/partnerships/network');
      await page.selectOption('#group', 'women_girls');
      await Promise.all([page.waitForURL((u) => u.search.includes('group=women_girls')),
        page.locator('form[action="/partnerships/network"] button').click()]);
      await page.waitForSelector('#network canvas', { timeout: 30_000 });
      const data = await page.evaluate(async () => {
        const src = document.getElementById('network').getAttribute('data-src');
        return (await fetch(src, { headers: { Accept: 'application/json' } })).json();
      });
      assert.ok(data.nodes.length > 0, 'the demo has actors serving women and girls');
      await page.waitForTimeout(2_000); // the force layout settles
      await shot(page, '26-network-women-girls-ar');
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#network-svg').click()]);
      assert.equal(download.suggestedFilename(), 'network.svg');
      const svg = fs.readFileSync(await download.path(), 'utf8');
      assert.ok(svg.startsWith('<svg'), svg.slice(0, 80));
      // only the names that fit are drawn (the influential actors first): at least one of them is in the picture
      const named = data.nodes.filter((n) => svg.includes(n.name.replace(/&/g, '&amp;').replace(/</g, '&lt;')));
      assert.ok(named.length > 0, 'the nodes are named in the picture');
      assert.deepEqual(errors, [], 'no script error in the browser');
    });
  });
  it('j) the demo\'s bodies, memoranda and an actor\'s commitments, in French and Arabic', { timeout: 120_000 }, async () => {
    await step(page, 'bodies-memoranda', async () => {
      errors.length = 0;
      for (const lang of ['fr', 'ar']) {
        await chooseLanguage(page, lang);
        const bundle = parseProperties(readJarEntry(`locales/partnerships_${lang}.properties`));
        await page.goto('/partnerships/bodies');
        assert.equal(squash(await page.locator('h1').textContent()), squash(bundle['partnerships.body.title']));
        const text = await page.locator('main').textContent();
        assert.ok(text.includes('Demo Multi-sector Technical Group') && text.includes('Demo Coordination Centre for Urban Safety'));
        assert.ok(!text.includes(bundle['partnerships.meeting.none']), 'both bodies have meetings');
        assert.ok(!text.includes(bundle['partnerships.body.noMembers']), 'and members');
        await shot(page, `27-bodies-${lang}`);
        await page.goto('/partnerships/memoranda');
        assert.ok((await page.locator('main').textContent()).includes('DEMO-MOU-001 (synthetic)'));
        await shot(page, `28-memoranda-${lang}`);
        // a party to the first memorandum: its commitments, with their kind, dates and state
        await Promise.all([page.waitForURL((u) => /\/partnerships\/actors\/\d+$/.test(u.pathname)),
          page.locator('main tr', { hasText: 'DEMO-MOU-001' }).locator('a[href^="/partnerships/actors/"]').first().click()]);
        const commitments = await page.locator('#commitments + .table-wrap').textContent();
        assert.ok(['resources', 'staff', 'data', 'venues'].some((k) => commitments.includes(bundle[`partnerships.commitmentKind.${k}`])),
          'kinds named in the user\'s language');
        assert.ok(commitments.includes('Demo: '), commitments);
        await page.locator('#commitments').scrollIntoViewIfNeeded();
        await shot(page, `29-actor-commitments-${lang}`);
      }
      assert.deepEqual(errors, [], 'no script error in the browser');
    });
  });
});
