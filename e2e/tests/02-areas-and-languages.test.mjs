// Areas and population from real files (Kenya's 47 counties and its 2019 census), files that are read with a
// note or refused, then the pages in Chinese and Arabic (right to left) through the header's language menu.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED_DATA, parseProperties, provideLanguage, readJarEntry, startKit } from '../lib/kit.mjs';
import { VIEWPORT, launchBrowser, newPage, shot, squash, step } from '../lib/browser.mjs';
import { chooseLanguage, completeSetup, submitAndWait } from '../lib/flows.mjs';

const COUNTIES = path.join(SHARED_DATA, 'boundaries', 'kenya_admin1_counties.geojson');
const POPULATION = path.join(SHARED_DATA, 'population', 'kenya_ken_admpop_adm1_2019.csv');
const SAO_PAULO = path.join(SHARED_DATA, 'boundaries', 'sao_paulo_region_municipalities.geojson');
const ECHARTS = path.join(SHARED_DATA, 'boundaries', 'beijing_districts.echarts-encoded.json');
// The city's own code: not KE047, which is Nairobi County's code in the counties file (it would collide).
const CITY_CODE = 'KE-NBO';

/** Nairobi's row of the census CSV (BOM, header line, 47 data rows among empty ones). */
function nairobiCensus() {
  const lines = readFileSync(POPULATION, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split(',');
  const row = lines.map((l) => l.split(',')).find((cells) => cells[header.indexOf('ADM1_PCODE')] === 'KE047');
  return Object.fromEntries(header.map((h, i) => [h, row[i]]));
}

const digits = (s) => (s ?? '').replace(/\D/g, '');

describe('areas, population and languages', { timeout: 600_000 }, () => {
  let kit;
  let browser;
  let page;
  let en;
  const languages = {};

  before(async () => {
    kit = await startKit({
      label: 'areas',
      prepare: (dataDir) => {
        for (const lang of ['zh', 'ar']) languages[lang] = provideLanguage(dataDir, lang);
      },
    });
    for (const l of Object.values(languages)) console.log(`language ${l.lang}: bundle from ${l.source}`);
    en = parseProperties(readJarEntry('locales/platform_en.properties'));
    browser = await launchBrowser();
    page = await newPage(browser, kit);
    await completeSetup(page, { name: 'Nairobi', country: 'KE', currency: 'KES', cityCode: CITY_CODE });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  /** Uploads a file with one of the two forms of /areas/import; returns once the page's script has acted. */
  async function upload(inputId, file) {
    await page.goto('/areas/import');
    const form = page.locator(`form[data-upload]:has(#${inputId})`);
    await page.setInputFiles(`#${inputId}`, file);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.request().resourceType() !== 'document'),
      form.locator('button[type=submit]').click(),
    ]);
    return { form, response };
  }

  it('c) imports the Kenya counties under the city, then their 2019 population', { timeout: 240_000 }, async () => {
    await step(page, 'import', async () => {
      await page.goto('/areas/import');
      assert.equal(await page.locator('form[data-upload]').count(), 2, 'two upload forms: boundaries and population');
      await shot(page, '05-import-en');

      // boundaries: upload, map, preview, import
      await upload('boundaries-file', COUNTIES);
      await page.waitForURL(/\/areas\/import\/[^/?]+$/);
      assert.match(squash(await page.locator('main .lead').textContent()), /kenya_admin1_counties\.geojson.*\b47\b/);
      await page.selectOption('#code', 'adm1_pcode');
      await page.selectOption('#name', 'adm1_name');
      await page.selectOption('#parent', '');
      const cityOption = page.locator('#under option', { hasText: `(${CITY_CODE})` });
      await page.selectOption('#under', await cityOption.getAttribute('value'));
      await Promise.all([
        page.waitForURL(/[?&]code=adm1_pcode/),
        page.locator('form[method=get] button[type=submit]').click(),
      ]);
      const summary = squash(await page.locator('section.card > p').first().textContent());
      assert.match(summary, /^47\b/, `the preview should announce 47 new areas: "${summary}"`);
      assert.equal(await page.locator('table.data tr.bad').count(), 0, 'no row with a problem');
      assert.ok(await page.locator('table.data tbody tr').count() > 0, 'the preview lists rows');
      const importButton = page.locator('form[method=post][action^="/areas/import/"] button[type=submit]');
      assert.ok(await importButton.isVisible(), 'everything importable: the Import button shows');
      await shot(page, '06-import-counties-preview-en');
      await submitAndWait(page, importButton, new URL(page.url()).pathname);
      await page.waitForURL((u) => u.pathname === '/areas');
      assert.match(squash(await page.locator('.flash').textContent()), /\b47\b/, 'the flash message counts 47 areas');
      assert.equal(await page.locator('table.data tbody tr').count(), 48, 'the city and its 47 counties');

      // population: upload, map, preview, import
      await upload('population-file', POPULATION);
      await page.waitForURL(/\/population\/import\/[^/?]+$/);
      await page.selectOption('#area', 'ADM1_PCODE');
      await page.fill('#year', '2019');
      await Promise.all([
        page.waitForURL(/[?&]area=ADM1_PCODE/),
        page.locator('form[method=get] button[type=submit]').click(),
      ]);
      const popImport = page.locator('form[method=post][action^="/population/import/"] button[type=submit]');
      assert.ok(await popImport.isVisible(), `the census file should be importable; the page says: ${
        squash(await page.locator('section.card').textContent().catch(() => ''))}`);
      assert.equal(await page.locator('table.data tr.bad').count(), 0, 'no problem rows');
      await shot(page, '07-import-population-preview-en');
      await submitAndWait(page, popImport, new URL(page.url()).pathname);
      await page.waitForURL((u) => u.pathname === '/areas');
      const flash = squash(await page.locator('.flash').textContent());
      assert.ok(flash.length > 0, 'a flash message confirms the import');
      assert.match(flash, /\b2019\b/, `the flash message names the year as a year (not "2,019"): "${flash}"`);

      // Nairobi County shows its 2019 population, as in the census file
      const nairobi = page.locator('table.data tbody tr', { has: page.locator('code', { hasText: /^KE047$/ }) });
      assert.equal(squash(await nairobi.locator('td a').textContent()), 'Nairobi');
      const shown = squash(await nairobi.locator('td.num').textContent());
      const census = nairobiCensus();
      const figure = digits(shown.replace(/\(.*?\)/g, ''));
      assert.ok(figure.length > 0, `Nairobi has a population figure ("${shown}")`);
      assert.ok([census.T_TL, String(Number(census.F_TL) + Number(census.M_TL))].includes(figure),
        `Nairobi's population "${shown}" should be the census total ${census.T_TL}`);
      await shot(page, '08-areas-en');
      const align = await nairobi.locator('td.num').evaluate((td) => getComputedStyle(td).textAlign);
      assert.ok(['end', 'right'].includes(align), `figures are aligned to the end of their column (text-align: ${align})`);
      assert.deepEqual(page.problems, [], 'no script errors on the pages');
    });
  });

  it('reads a GeoJSON in EPSG:4674 (SIRGAS 2000) as WGS 84, with a note on the mapping page', { timeout: 120_000 }, async () => {
    await step(page, 'crs', async () => {
      await upload('boundaries-file', SAO_PAULO);
      await page.waitForURL(/\/areas\/import\/[^/?]+$/);
      const note = page.locator('main .notice.info');
      assert.ok(await note.isVisible(), 'a note tells how the coordinate system is read');
      assert.match(squash(await note.textContent()), /4674/);
      assert.match(squash(await note.textContent()), /WGS 84/);
      await shot(page, '09-import-sao-paulo-crs-en');
      // the preview answers (whatever it finds in the numeric municipality codes) and keeps the note
      await Promise.all([
        page.waitForURL(/[?&]code=/),
        page.locator('form[method=get] button[type=submit]').click(),
      ]);
      assert.ok(await page.locator('section.card table.data').isVisible(), 'the preview shows a table');
      assert.ok(await note.isVisible(), 'the note stays on the preview');
      await shot(page, '09b-import-sao-paulo-preview-en');
    });
  });

  it('e) refuses an ECharts-encoded map file with a visible message and stays on the upload page', { timeout: 120_000 }, async () => {
    await step(page, 'echarts', async () => {
      const { form, response } = await upload('boundaries-file', ECHARTS);
      assert.ok(response.status() >= 400, `the upload is refused (status ${response.status()})`);
      const error = form.locator('.upload-error');
      await error.waitFor({ state: 'visible' });
      const text = squash(await error.textContent());
      assert.equal(text, squash(en['platform.geojson.echartsEncoded']), 'the message says what the file is');
      assert.equal(new URL(page.url()).pathname, '/areas/import', 'no navigation');
      assert.equal(await form.locator('button[type=submit]').isDisabled(), false, 'the button can be used again');
      await shot(page, '10-import-echarts-refused-en');
    });
  });

  /** The translated text of `key` in `lang` where a real bundle has it, else null (then only lang/dir are checked). */
  function expected(lang, key) {
    const v = languages[lang].bundle?.[key];
    return v && !/[{}]/.test(v) ? squash(v) : null;
  }

  async function checkTranslated(lang) {
    const menuAreas = expected(lang, 'platform.menu.areas');
    if (menuAreas) {
      assert.equal(squash(await page.locator('nav.side a[href="/areas"]').textContent()), menuAreas,
        `the menu entry of the areas in ${lang}`);
    }
    const signOut = expected(lang, 'platform.layout.signOut');
    if (signOut) {
      assert.equal(squash(await page.locator('form[action="/logout"] button').textContent()), signOut);
    }
  }

  it('d) switches to Chinese, then Arabic (right to left, menu on the right) with the header menu', { timeout: 180_000 }, async () => {
    await step(page, 'languages', async () => {
      await page.goto('/');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');

      await chooseLanguage(page, 'zh');
      assert.equal(new URL(page.url()).pathname, '/', 'the language menu comes back to the same page');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh');
      assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
      assert.equal(await page.inputValue('#lang-select'), 'zh');
      await checkTranslated('zh');
      await shot(page, '11-home-zh');
      await page.goto('/areas');
      assert.equal(await page.getAttribute('html', 'lang'), 'zh', 'the choice holds on the next page');
      const areasTitle = expected('zh', 'platform.areas.title');
      if (areasTitle) assert.equal(squash(await page.locator('main h1').textContent()), areasTitle);
      await shot(page, '12-areas-zh');

      await chooseLanguage(page, 'ar');
      assert.equal(new URL(page.url()).pathname, '/areas');
      assert.equal(await page.getAttribute('html', 'lang'), 'ar');
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      await checkTranslated('ar');
      const arTitle = expected('ar', 'platform.areas.title');
      if (arTitle) assert.equal(squash(await page.locator('main h1').textContent()), arTitle);
      const nav = await page.locator('nav.side').boundingBox();
      const main = await page.locator('main').boundingBox();
      assert.ok(nav.x > VIEWPORT.width / 2, `in Arabic the menu is on the right (nav.side x=${nav.x})`);
      assert.ok(main.x < nav.x, 'and the content on its left');
      await shot(page, '13-areas-ar');
      await page.goto('/');
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      await shot(page, '14-home-ar');
      await page.goto('/areas/import');
      await shot(page, '15-import-ar');
      // a phone-sized window: the menu goes above the content, nothing may stick out sideways
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/areas');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await shot(page, '15b-areas-ar-narrow');
      await page.setViewportSize(VIEWPORT);
      if (overflow > 0) console.log(`note: at 390 px wide, /areas in Arabic is ${overflow} px wider than the window`);

      // back to English: the account keeps the language it chose
      await chooseLanguage(page, 'en');
      assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
      assert.deepEqual(page.problems, [], 'no script errors on the pages');
    });
  });
});
