// The strategy in the demo city, in Chinese and Spanish: a revision of the adopted strategy is drafted (a priority,
// an action with its do-no-harm review and SDG targets, a self-assessment score drawn on the radar), adopted, and
// its printable document and its timeline opened, with screenshots (screen and print media).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseProperties, readJarEntry, startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, shot, squash, step } from '../lib/browser.mjs';
import { chooseLanguage, noticeText, signIn } from '../lib/flows.mjs';

describe('strategy', { timeout: 400_000 }, () => {
  let kit;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    kit = await startKit({ label: 'strategy', demo: true });
    browser = await launchBrowser();
    page = await newPage(browser, kit);
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await kit?.stop();
  });

  async function submit(form) {
    await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(),
      form.locator('button[type="submit"]').last().click()]);
    assert.equal(await noticeText(page), '', 'no error on the form');
  }

  it('h) drafts a revision, adopts it and prints it, in Chinese and Spanish', { timeout: 360_000 }, async () => {
    await step(page, 'strategy', async () => {
      const status = await signIn(page, 'demo-coordinator', 'demo-city-2026');
      assert.ok(status === 303 || status === 302, `signs in (status ${status}: ${await noticeText(page)})`);
      await page.waitForURL((u) => u.pathname === '/');
      for (const lang of ['zh', 'es']) {
        await chooseLanguage(page, lang);
        const t = parseProperties(readJarEntry(`locales/strategy_${lang}.properties`));
        // the strategy in force: the adopted version; start its revision
        await page.goto('/strategy/plan');
        await page.locator(`a[href$="/document"]`).first().waitFor();
        await page.goto(page.url().replace(/\/plan$/, ''));
        await submit(page.locator('form[action$="/revise"]'));
        assert.match(new URL(page.url()).pathname, /^\/strategy\/versions\/\d+$/);
        const draft = new URL(page.url()).pathname;

        const title = lang === 'zh' ? '市场夜间照明' : 'Iluminación nocturna del mercado';
        const p = page.locator('form[action$="/priorities"]');
        await p.locator('#p-group').selectOption('women_girls');
        await p.locator('#p-title').fill(lang === 'zh' ? '妇女夜间出行安全' : 'Seguridad de las mujeres de noche');
        await p.locator('#p-justification').fill(lang === 'zh' ? '安全审计显示市场周边照明不足。' : 'La auditoría mostró poca luz en el mercado.');
        await p.locator('#p-rank').fill('1');
        await submit(p);
        assert.ok((await page.locator('#priorities').textContent()).includes(lang === 'zh' ? '妇女夜间出行安全' : 'Seguridad de las mujeres'));

        await page.goto(`${draft}/actions/new`);
        await page.locator('#title').fill(title);
        await page.locator('input[name="areas"]').first().check();
        await page.locator('input[name="targetGroups"][value="women_girls"]').check();
        await page.locator('#supportNames').fill(lang === 'zh' ? '市场商户协会' : 'Asociación de comerciantes');
        const funder = lang === 'zh' ? '国家预防犯罪基金' : 'Fondo nacional de prevención';
        await page.locator('#funderNames').fill(funder);
        await page.locator('#start').fill('2027-01-01');
        await page.locator('#end').fill('2027-12-31');
        await page.locator('fieldset.sdg details').nth(6).locator('summary').click(); // goal 11
        await page.locator('input[name="sdgTargets"][value="11.7"]').check();
        await page.locator('#status').selectOption('ready');
        await page.locator('#harmDisplacement').fill(lang === 'zh' ? '犯罪可能转移到相邻街道。' : 'El delito puede desplazarse a calles vecinas.');
        await page.locator('#harmLikelihood').selectOption('low');
        await page.locator('#harmMitigation').fill(lang === 'zh' ? '每六个月与居民一起复查。' : 'Revisar con los vecinos cada seis meses.');
        await shot(page, `30-strategy-action-form-${lang}`);
        await submit(page.locator('form[method="post"]').filter({ has: page.locator('#title') }));
        assert.match(new URL(page.url()).pathname, /^\/strategy\/actions\/\d+$/);
        const sdg = squash(await page.locator('#sdg').textContent());
        assert.ok(sdg.includes('11.7'), 'the SDG target is listed');
        if (lang === 'zh') assert.ok(sdg.includes('公共空间'), 'with its Chinese name');
        assert.ok(squash(await page.locator('#funders').textContent()).includes(squash(funder)), 'the funding partner is listed');
        await shot(page, `31-strategy-action-${lang}`);

        // the self-assessment: one principle scored with its evidence; the radar is drawn by the kit's own script
        await page.goto(`${draft}/assessment`);
        await page.locator('#score-c').selectOption('3');
        await page.locator('#evidence-c').fill(lang === 'zh' ? '每项行动都经过审查。' : 'Cada acción tiene su revisión.');
        await submit(page.locator('form[action$="/assessment"]'));
        await page.waitForSelector('#radar[data-ready="true"] canvas', { timeout: 30_000 });
        await shot(page, `34-strategy-assessment-${lang}`);

        // adopt the draft
        await page.goto(draft);
        const adopt = page.locator('#adopt');
        await adopt.locator('#adoptedOn').fill('2027-01-15');
        await adopt.locator('#decisionRef').fill(lang === 'zh' ? '市议会 2027/3 号决定' : 'Acuerdo del Concejo 2027/3');
        await submit(adopt);
        assert.equal(squash(await page.locator('main .notice').first().textContent()).length > 0, true);
        assert.ok(await page.locator('form[action$="/adopt"]').count() === 0, 'an adopted version cannot be adopted again');

        // the printable document in the user's language
        await page.goto(`${draft}/document`);
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        assert.equal(squash(await page.locator('h1').textContent()), squash(t['strategy.document.title']));
        const doc = await page.locator('article.strategy-document').textContent();
        assert.ok(doc.includes(title), 'the new action is in the document');
        assert.ok(/KES/.test(doc) && !/KES\d/.test(doc), 'the currency code is apart from the digits');
        assert.ok(doc.includes(lang === 'zh' ? '每项行动都经过审查。' : 'Cada acción tiene su revisión.'), 'the self-assessment is printed');
        await shot(page, `32-strategy-document-${lang}`);
        await page.emulateMedia({ media: 'print' });
        await shot(page, `33-strategy-document-print-${lang}`);
        await page.emulateMedia({ media: 'screen' });

        // the timeline (Gantt) of the plan, linked from the document: a bar per dated action, the same dates in a table
        await Promise.all([page.waitForNavigation(), page.locator(`a[href="${draft}/timeline"]`).first().click()]);
        assert.equal(squash(await page.locator('h1').textContent()), squash(t['strategy.timeline.title']));
        await page.waitForSelector('#timeline[data-ready="true"] svg', { timeout: 30_000 });
        const rows = page.locator('#timeline-table tbody tr:not(.group)');
        assert.equal(await page.locator('#timeline').getAttribute('data-bars'), String(await rows.count()), 'one bar per row of the table');
        const row = squash(await rows.filter({ hasText: title }).textContent());
        assert.ok(row.includes('2027') && row.includes(t['strategy.actionStatus.ready']), `the new action with its dates: ${row}`);
        assert.ok((await page.locator('#timeline svg').textContent()).includes(t['strategy.timeline.today']), 'today is marked');
        await shot(page, `35-strategy-timeline-${lang}`);
        await page.emulateMedia({ media: 'print' });
        await page.waitForFunction(() => { const s = document.querySelector('#timeline svg'); return Math.round(parseFloat(s.getAttribute('width')) || s.getBoundingClientRect().width) === 1000; });
        await shot(page, `36-strategy-timeline-print-${lang}`);
        await page.emulateMedia({ media: 'screen' });
        // grouped by area: the new action's bar is under its area, one bar per row of the table again
        await Promise.all([page.waitForNavigation(), page.locator('a[href="?by=area"]').click()]);
        await page.waitForSelector('#timeline[data-ready="true"] svg', { timeout: 30_000 });
        assert.equal(squash(await page.locator('.timeline-grouping strong').textContent()), squash(t['strategy.timeline.byArea']));
        assert.equal(await page.locator('#timeline').getAttribute('data-bars'),
          String(await page.locator('#timeline-table tbody tr:not(.group)').count()), 'one bar per row, grouped by area');
        await shot(page, `38-strategy-timeline-by-area-${lang}`);
      }
      // in Arabic time runs from right to left: the names stand on the right of the bars
      await chooseLanguage(page, 'ar');
      await page.goto('/strategy/plan/timeline');
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      await page.waitForSelector('#timeline[data-ready="true"] svg', { timeout: 30_000 });
      await shot(page, '37-strategy-timeline-ar');
      assert.deepEqual(errors, [], 'no script error in the browser');
    });
  });
});
