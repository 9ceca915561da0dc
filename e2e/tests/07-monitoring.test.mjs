// Monitoring in the demo city, in Arabic and Chinese: the halve-by-2030 target of 16.1.1 is set, the dashboard's
// progress chart and the indicator's chart and map are drawn, a refused value keeps what was typed (422) and the
// corrected one is saved; screenshots of each.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseProperties, readJarEntry, startKit } from '../lib/kit.mjs';
import path from 'node:path';
import { launchBrowser, newPage, SCREENSHOTS, shot, squash, step } from '../lib/browser.mjs';
import { chooseLanguage, noticeText, signIn, submitAndWait } from '../lib/flows.mjs';

describe('monitoring', { timeout: 400_000 }, () => {
  let kit;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    kit = await startKit({ label: 'monitoring', demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, kit);
    page.on('pageerror', (e) => errors.push(String(e)));
    // the refused value's 422 is expected: the browser logs it as a failed resource
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('status of 422')) errors.push(m.text()); });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  it('i) sets a target, reads the dashboard, chart and map, and enters a value, in Arabic and Chinese', { timeout: 360_000 }, async () => {
    await step(page, 'monitoring', async () => {
      const status = await signIn(page, 'demo-coordinator', 'demo-city-2026');
      assert.ok(status === 303 || status === 302, `signs in (status ${status}: ${await noticeText(page)})`);
      await page.waitForURL((u) => u.pathname === '/');
      for (const lang of ['ar', 'zh']) {
        await chooseLanguage(page, lang);
        const t = parseProperties(readJarEntry(`locales/monitoring_${lang}.properties`));
        assert.equal(await page.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr');

        // 16.1.1: halve by 2030 from its first year
        await page.goto('/monitoring/indicators/16.1.1');
        assert.ok(squash(await page.locator('h2').first().textContent()).includes(t['monitoring.indicator.16.1.1.name']),
          'the official SDG name in the language');
        const halved = await submitAndWait(page, page.locator('#halve-form button[type=submit]'), '/monitoring/indicators/16.1.1/halve');
        assert.equal(halved, 303, await noticeText(page));
        assert.ok(squash(await page.locator('#progress').textContent()).includes(t['monitoring.halve.short']));
        await page.locator('#indicator-chart svg').waitFor();
        await page.locator('#indicator-map svg path').first().waitFor();
        await shot(page, `40-monitoring-indicator-${lang}`);
        await page.locator('#indicator-chart').screenshot({ path: path.join(SCREENSHOTS, `40-monitoring-chart-${lang}.png`) });
        await page.locator('#indicator-map').screenshot({ path: path.join(SCREENSHOTS, `40-monitoring-map-${lang}.png`) });

        await page.goto('/monitoring');
        await page.locator('#progress-chart svg').waitFor();
        const row = squash(await page.locator('tr[data-code="16.1.1"]').textContent());
        assert.ok(row.includes('2030'), row);
        await shot(page, `41-monitoring-dashboard-${lang}`);
        await page.locator('#progress-chart').screenshot({ path: path.join(SCREENSHOTS, `41-monitoring-progress-${lang}.png`) });

        // a value out of range is refused; what was typed stays in the form
        await page.goto('/monitoring/indicators/16.1.4');
        const form = page.locator('#value-form');
        const source = lang === 'ar' ? 'استقصاء الأسر 2023' : '2023年住户调查';
        const period = lang === 'ar' ? '2022' : '2023';
        await form.locator('#v-period').fill(period);
        await form.locator('#v-sex').selectOption('F');
        await form.locator('#v-value').fill('150');
        await form.locator('#v-source').fill(source);
        const refused = await submitAndWait(page, form.locator('button[type=submit]'), '/monitoring/indicators/16.1.4/values');
        assert.equal(refused, 422);
        assert.equal(await page.locator('#v-value').inputValue(), '150');
        assert.equal(await page.locator('#v-source').inputValue(), source);
        assert.equal(await page.locator('#v-sex').inputValue(), 'F');
        const message = squash(await page.locator('#value-error').textContent());
        assert.ok(message.startsWith(t['monitoring.error.range'].split('{0}')[0].trim()), message);
        await page.locator('#value-form').scrollIntoViewIfNeeded();
        await shot(page, `42-monitoring-refused-${lang}`);
        await page.locator('#value-form').screenshot({ path: path.join(SCREENSHOTS, `42-monitoring-refused-form-${lang}.png`) });

        await page.locator('#v-value').fill('61,5');
        const saved = await submitAndWait(page, page.locator('#value-form button[type=submit]'), '/monitoring/indicators/16.1.4/values');
        assert.equal(saved, 303, await noticeText(page));
        assert.equal(new URL(page.url()).searchParams.get('period'), period);
        assert.ok(squash(await page.locator('#breakdown').textContent()).includes(source), 'the entered value is listed');
        await shot(page, `43-monitoring-saved-${lang}`);
      }
      assert.deepEqual(errors, [], 'no script errors');
    });
  });
});
