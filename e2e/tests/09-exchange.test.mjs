// Review and exchange across two kits, as two offices do it: the demo city (in French) writes its review report,
// adds the national forum's public key as a recipient and exports a period; the forum's kit (in Arabic) knows the
// city's key as a sender and imports the sealed file, showing who signed it, which city and which period; a copy
// with one byte changed is refused in words and nothing is stored. Screenshots of each page in both languages.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseProperties, readJarEntry, startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, shot, squash, step } from '../lib/browser.mjs';
import { chooseLanguage, completeSetup, noticeText, signIn, submitAndWait } from '../lib/flows.mjs';

describe('review and exchange between two kits', { timeout: 600_000 }, () => {
  let city;
  let forum;
  let browser;
  let cityPage;
  let forumPage;
  const work = mkdtempSync(path.join(os.tmpdir(), 'exchange-e2e-'));

  before(async () => {
    [city, forum] = await Promise.all([startKit({ label: 'exchange-city', demo: true }),
      startKit({ label: 'exchange-forum' })]);
    browser = await launchBrowser();
    cityPage = await newPage(browser, city, { locale: 'fr-FR' });
    forumPage = await newPage(browser, forum, { locale: 'ar' });
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await Promise.all([city?.stop(), forum?.stop()]);
  });

  /** The office's public key as its keys page offers it for download. */
  async function officeKey(page) {
    await page.goto('/exchange/keys');
    const fingerprint = squash(await page.locator('#office-fingerprint').textContent());
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#office-key-download').click()]);
    const file = path.join(work, `${fingerprint.replace(/\s/g, '')}.asc`);
    await download.saveAs(file);
    const armoured = readFileSync(file, 'utf8');
    assert.match(armoured, /^-----BEGIN PGP PUBLIC KEY BLOCK-----/, 'the download is an armoured public key');
    return { fingerprint, armoured };
  }

  /** Pastes a public key into one of the keys page's lists ("recipients" or "senders"). */
  async function addKey(page, list, label, armoured) {
    await page.goto('/exchange/keys');
    const paste = page.locator(`#${list} details`).first();
    if (!(await paste.evaluate((d) => d.open))) await paste.locator('summary').click();
    await page.fill(`#${list}-label`, label);
    await page.fill(`#${list}-armoured`, armoured);
    const status = await submitAndWait(page, page.locator(`#${list}-add`), `/exchange/keys/${list}`);
    assert.equal(status, 303, `the ${list} key is added: ${await noticeText(page)}`);
    assert.ok(squash(await page.locator(`#${list}-table`).textContent()).includes(label));
  }

  it('i) the city reviews and exports in French; the forum imports in Arabic and refuses a changed copy', { timeout: 560_000 }, async () => {
    const fr = parseProperties(readJarEntry('locales/exchange_fr.properties'));
    const ar = parseProperties(readJarEntry('locales/exchange_ar.properties'));

    await step(forumPage, 'exchange-forum-setup', async () => {
      await completeSetup(forumPage, { name: 'Forum national', cityCode: 'forum-ke', country: 'KE', currency: 'KES' });
      await chooseLanguage(forumPage, 'ar');
    });
    await step(cityPage, 'exchange-city-signin', async () => {
      const status = await signIn(cityPage, 'demo-coordinator', 'demo-city-2026');
      assert.ok(status === 303 || status === 302, `signs in (status ${status}: ${await noticeText(cityPage)})`);
      await chooseLanguage(cityPage, 'fr');
    });

    // the two offices swap public keys: the forum's is a recipient of the city's exports, the city's a known sender
    const forumKey = await step(forumPage, 'exchange-forum-key', () => officeKey(forumPage));
    const cityKey = await step(cityPage, 'exchange-city-key', () => officeKey(cityPage));
    await step(cityPage, 'exchange-city-recipient', () => addKey(cityPage, 'recipients', 'Forum national', forumKey.armoured));
    await shot(cityPage, '60-exchange-keys-fr');
    await step(forumPage, 'exchange-forum-sender', () => addKey(forumPage, 'senders', 'مدينة العرض', cityKey.armoured));
    await shot(forumPage, '60-exchange-keys-ar');

    // the review report of the cycle, pre-filled from the other modules, completed and saved
    const cycle = await step(cityPage, 'exchange-review', async () => {
      await cityPage.goto('/exchange/review');
      await shot(cityPage, '61-exchange-review-list-fr');
      // 2025: the demo city's last year of incidents
      await Promise.all([cityPage.waitForURL((u) => u.pathname === '/exchange/review/2025'),
        cityPage.locator('#review-open-2025').click()]);
      const year = '2025';
      await cityPage.fill('#r-difficulties', 'Les données de la police arrivent avec trois mois de retard.');
      await cityPage.fill('#r-assistance', 'Formation des agents à l\'enquête de victimisation.');
      const status = await submitAndWait(cityPage, cityPage.locator('#review-save'), `/exchange/review/${year}`);
      assert.equal(status, 303, `the review is saved: ${await noticeText(cityPage)}`);
      await cityPage.goto(`/exchange/review/${year}`);
      assert.equal(await cityPage.locator('#r-difficulties').inputValue(), 'Les données de la police arrivent avec trois mois de retard.');
      assert.ok(squash(await cityPage.locator('#review-saved').textContent()).includes(fr['exchange.review.savedState']),
        'the page says in French that the report is saved');
      await shot(cityPage, '61-exchange-review-fr');
      await cityPage.goto(`/exchange/review/${year}/print`);
      await shot(cityPage, '61-exchange-review-print-fr');
      return Number(year);
    });

    // the export of that cycle: what goes out, then the job, its progress page and the sealed file
    const sealed = await step(cityPage, 'exchange-export', async () => {
      await cityPage.goto(`/exchange/export?fromYear=${cycle}&toYear=${cycle}`);
      assert.ok(squash(await cityPage.locator('#export-recipients').textContent()).length > 0, 'the recipients are named');
      await shot(cityPage, '62-exchange-export-fr');
      await Promise.all([cityPage.waitForURL((u) => u.pathname.startsWith('/exchange/export/jobs/')),
        cityPage.locator('#export-start').click()]);
      await cityPage.locator('#export-done').waitFor({ timeout: 180_000 });
      await shot(cityPage, '62-exchange-export-done-fr');
      const [download] = await Promise.all([cityPage.waitForEvent('download'), cityPage.locator('#export-download').click()]);
      const file = path.join(work, download.suggestedFilename());
      await download.saveAs(file);
      assert.match(path.basename(file), /\.gpg$/, 'the sealed file');
      await cityPage.goto('/exchange/export');
      assert.equal(await cityPage.locator('#exports-table tbody[data-export]').count(), 1, 'the export is listed');
      return file;
    });

    // the forum imports it: signer, city and period on the result page
    await step(forumPage, 'exchange-import', async () => {
      await forumPage.goto('/exchange/import');
      await shot(forumPage, '63-exchange-import-ar');
      await forumPage.setInputFiles('#export-file', sealed);
      await Promise.all([forumPage.waitForURL((u) => /^\/exchange\/received\/\d+$/.test(u.pathname), { timeout: 120_000 }),
        forumPage.locator('#import-button').click()]);
      assert.equal(squash(await forumPage.locator('#signer').textContent()), 'مدينة العرض');
      assert.equal(squash(await forumPage.locator('#fingerprint').textContent()), cityKey.fingerprint);
      assert.ok(squash(await forumPage.locator('#period').textContent()).includes(String(cycle)));
      assert.ok(squash(await forumPage.locator('main').textContent()).includes('Les données de la police arrivent'),
        'the review report travelled with the export');
      assert.ok(await forumPage.locator('#incidents-table tbody tr').count() > 0, 'the incident table travelled too');
      await shot(forumPage, '63-exchange-received-ar');
    });

    // one byte changed: refused in Arabic, nothing more stored
    await step(forumPage, 'exchange-tampered', async () => {
      const bytes = readFileSync(sealed);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      const changed = path.join(work, 'changed.zip.gpg');
      writeFileSync(changed, bytes);
      await forumPage.goto('/exchange/received');
      const before = await forumPage.locator('#received tbody tr').count();
      await forumPage.goto('/exchange/import');
      await forumPage.setInputFiles('#export-file', changed);
      await forumPage.locator('#import-button').click();
      const error = forumPage.locator('#import-form .upload-error');
      await error.waitFor({ state: 'visible', timeout: 60_000 });
      const said = squash(await error.textContent());
      assert.ok(Object.entries(ar).some(([k, v]) => k.startsWith('exchange.import.') && v === said),
        `the refusal is one of the import's messages in Arabic: ${said}`);
      await shot(forumPage, '63-exchange-import-refused-ar');
      await forumPage.goto('/exchange/received');
      assert.equal(await forumPage.locator('#received tbody tr').count(), before, 'nothing stored');
      await forumPage.goto('/exchange/rollup');
      await shot(forumPage, '64-exchange-rollup-ar');
      await forumPage.goto('/exchange/practices');
      assert.ok(squash(await forumPage.locator('main').textContent()).includes('Lights and stalls on the market lanes'),
        'the city\'s good practices are in the forum\'s library');
    });

    // the same pages in the other language
    await chooseLanguage(cityPage, 'ar');
    for (const [p, name] of [['/exchange/review', '61-exchange-review-list-ar'], ['/exchange/export', '62-exchange-exports-ar']]) {
      await cityPage.goto(p);
      await shot(cityPage, name);
    }
    await chooseLanguage(forumPage, 'fr');
    for (const [p, name] of [['/exchange/received', '63-exchange-received-list-fr'], ['/exchange/rollup', '64-exchange-rollup-fr'],
      ['/exchange/practices', '65-exchange-practices-fr']]) {
      await forumPage.goto(p);
      await shot(forumPage, name);
    }
    assert.deepEqual([...cityPage.problems, ...forumPage.problems].filter((p) => !p.includes('422')), []);
  });
});
