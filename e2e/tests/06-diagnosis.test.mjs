// The safety diagnosis in the demo city: an incident file imported through the browser (upload with kit.js,
// column mapping, the background check with its progress, the value mapping, the load), then the hotspot map
// and the printable diagnosis report, in Chinese and Arabic (right to left), with screenshots and a PDF.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseProperties, readJarEntry, startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, shot, SCREENSHOTS, squash, step } from '../lib/browser.mjs';
import { chooseLanguage, noticeText, signIn } from '../lib/flows.mjs';

/** A small police export of the demo city: semicolons, decimal commas, UTC times, one row without a date. */
function incidentFile() {
  const lines = ['fecha;tipo;sexo;edad;longitud;latitud'];
  const kinds = ['Robo', 'Hurto', 'Lesiones', 'Acoso'];
  for (let i = 0; i < 240; i++) {
    const lon = (0.11 + (i % 7) * 0.005).toFixed(5).replace('.', ',');
    const lat = (0.02 + (i % 11) * 0.015).toFixed(5).replace('.', ',');
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    lines.push(`2024-${month}-${day}T${String(i % 24).padStart(2, '0')}:15:00Z;${kinds[i % 4]};${i % 3 ? 'Hombre' : 'Mujer'};${18 + (i % 50)};${lon};${lat}`);
  }
  lines.push(';Robo;Mujer;30;0,1;0,1');
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'incidents-')), 'policia-demo.csv');
  fs.writeFileSync(file, lines.join('\n') + '\n', 'utf8');
  return file;
}

describe('diagnosis', { timeout: 420_000 }, () => {
  let kit;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    kit = await startKit({ label: 'diagnosis', demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, kit);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  it('i) imports an incident file, maps it and prints the report in Chinese and Arabic', { timeout: 400_000 }, async () => {
    await step(page, 'diagnosis', async () => {
      const status = await signIn(page, 'demo-coordinator', 'demo-city-2026');
      assert.ok(status === 303 || status === 302, `signs in (status ${status}: ${await noticeText(page)})`);
      await page.waitForURL((u) => u.pathname === '/');
      await chooseLanguage(page, 'zh');
      const zh = parseProperties(readJarEntry('locales/diagnosis_zh.properties'));

      // upload: kit.js sends the raw file and follows the server's answer to the mapping page
      await page.goto('/diagnosis/import');
      await page.setInputFiles('#incident-file', incidentFile());
      await Promise.all([page.waitForURL((u) => /^\/diagnosis\/import\/[\w-]+$/.test(u.pathname), { timeout: 60_000 }),
        page.locator('form[data-upload] button[type=submit]').click()]);
      assert.equal(await page.locator('#col-date').inputValue(), 'fecha', 'the date column is guessed');
      assert.equal(await page.locator('#col-longitude').inputValue(), 'longitud');
      assert.ok(await page.locator('input[name=decimalComma]').isChecked(), 'decimal commas are seen');
      await page.fill('#newName', '示范警方记录');
      await page.selectOption('#zone', 'Africa/Nairobi');
      await shot(page, '40-diagnosis-mapping-zh');

      // the check runs in the background; the page follows its progress and reloads when it is done
      await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/diagnosis/jobs/')),
        page.locator('form[action^="/diagnosis/import/"] button[type=submit]').first().click()]);
      await page.waitForSelector('form[action$="/load"]', { timeout: 120_000 });
      const checked = squash(await page.locator('main').textContent());
      assert.ok(checked.includes(zh['diagnosis.import.error.noDate']), 'the row without a date is listed with its reason');
      assert.ok(checked.includes('Acoso'), 'the source\'s own words are offered for mapping');
      // "Acoso" (harassment) → 0208, "Mujer" → F
      await page.locator('tr', { hasText: 'Acoso' }).locator('select').selectOption('0208');
      await shot(page, '41-diagnosis-checked-zh');
      await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/diagnosis/jobs/')),
        page.locator('form[action$="/load"] button[type=submit]').click()]);
      await page.waitForSelector('.notice.ok', { timeout: 120_000 });
      const done = squash(await page.locator('main').textContent());
      assert.ok(done.includes(zh['diagnosis.import.doneTitle']), done.slice(0, 300));
      await shot(page, '42-diagnosis-imported-zh');

      for (const lang of ['zh', 'ar']) {
        if (lang !== 'zh') await chooseLanguage(page, lang);
        const bundle = parseProperties(readJarEntry(`locales/diagnosis_${lang}.properties`));
        // the map: boundaries from the kit, coloured by hotspot class, with the walks' points
        await page.goto('/diagnosis/map?level=2&measure=hotspot');
        assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
        assert.equal(squash(await page.locator('h1').textContent()), squash(bundle['diagnosis.map.title']));
        await page.waitForSelector('#map svg path', { timeout: 30_000 });
        const hot = await page.locator('.spot[class*="spot-hot_"]').count();
        assert.ok(hot > 0, 'the demo hotspot is found');
        await shot(page, `43-diagnosis-map-${lang}`);

        // the report, as printed: charts and map drawn, then the A4 PDF the browser would save
        await page.goto('/diagnosis/report?level=2');
        await page.waitForSelector('#map svg path', { timeout: 30_000 });
        await page.waitForSelector('#analysis-chart svg', { timeout: 30_000 });
        const report = squash(await page.locator('article.report').textContent());
        for (const key of ['diagnosis.report.profile', 'diagnosis.report.mainFigures', 'diagnosis.report.mapTitle',
          'diagnosis.report.surveys', 'diagnosis.report.walksTitle', 'diagnosis.report.factorsTitle',
          'diagnosis.report.sources']) {
          assert.ok(report.includes(squash(bundle[key])), `the report has its section ${key}`);
        }
        assert.ok(report.includes('示范警方记录'), 'the imported source is among the sources of the data');
        await page.emulateMedia({ media: 'print' });
        await shot(page, `44-diagnosis-report-print-${lang}`);
        const pdf = path.join(SCREENSHOTS, `44-diagnosis-report-${lang}.pdf`);
        await page.pdf({ path: pdf, format: 'A4', printBackground: true });
        await page.emulateMedia({ media: 'screen' });
        const bytes = fs.readFileSync(pdf);
        assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
        const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
        assert.ok(pages >= 3, `an A4 document of several pages (${pages})`);
      }
      assert.deepEqual(errors, [], 'no script error');
    });
  });

  it('ii) a column of street addresses chosen as the area stops the check and names the column, in Arabic', { timeout: 200_000 }, async () => {
    await step(page, 'diagnosis-too-many-values', async () => {
      await chooseLanguage(page, 'ar');
      const ar = parseProperties(readJarEntry('locales/diagnosis_ar.properties'));
      const lines = ['fecha;tipo;calle'];
      for (let i = 0; i < 3000; i++) lines.push(`2024-03-${String(1 + (i % 28)).padStart(2, '0')};Robo;Calle ${i}`);
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'streets-')), 'calles.csv');
      fs.writeFileSync(file, lines.join('\n') + '\n', 'utf8');
      await page.goto('/diagnosis/import');
      await page.setInputFiles('#incident-file', file);
      await Promise.all([page.waitForURL((u) => /^\/diagnosis\/import\/[\w-]+$/.test(u.pathname), { timeout: 60_000 }),
        page.locator('form[data-upload] button[type=submit]').click()]);
      await page.fill('#newName', 'عناوين الشوارع');
      await page.selectOption('#col-area', 'calle');
      await Promise.all([page.waitForURL((u) => u.pathname.startsWith('/diagnosis/jobs/')),
        page.locator('form[action^="/diagnosis/import/"] button[type=submit]').first().click()]);
      const alert = page.locator('.notice.error[role=alert]');
      await alert.waitFor({ timeout: 120_000 });
      const said = squash(await alert.textContent());
      const expected = squash(ar['diagnosis.import.tooManyValues'].replace('{0}', 'calle')).split('{1}')[0];
      assert.ok(said.startsWith(expected), `the reason names the column: ${said}`);
      await shot(page, '45-diagnosis-too-many-values-ar');
      assert.deepEqual(errors, [], 'no script error');
    });
  });
});
