// A new installation as a city officer sees it (issue #12), in English and in French, with a national forum's
// kit profile made by the kit's own `profile key` and `profile sign` commands: the first start offers the
// profile (its fingerprint is the forum's), set-up keeps it and creates the city's areas from its area tree, the
// header carries the forum's brand and logo, and the menu leads to the kit profile and office network pages.
// The screenshots of docs/install-city.md come from here, the window only (1280x800), so that the guide shows what
// the officer sees without scrolling: e2e/screenshots/install-<lang>-NN-<page>.png on every run, and with
// GUIDE_SCREENSHOTS=1 into docs/img/install/<lang>-NN-<page>.png (the committed ones) instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { E2E_DIR, JAR, REPO_DIR, javaBin, startKit } from '../lib/kit.mjs';
import { launchBrowser, newPage, squash, step, SCREENSHOTS } from '../lib/browser.mjs';
import { ADMIN, fillSetup, noticeText, submitAndWait } from '../lib/flows.mjs';

const GUIDE = process.env.GUIDE_SCREENSHOTS === '1';
const GUIDE_IMAGES = GUIDE ? path.join(REPO_DIR, 'docs', 'img', 'install') : SCREENSHOTS;

/** Runs `java -jar kit.jar profile ...`; returns its output, failing the test with it when the exit code is not 0. */
function profileCommand(...args) {
  const r = spawnSync(javaBin(), ['-jar', JAR, 'profile', ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, `profile ${args[0]} answered ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** The forum's side: a key, the fixture profile with the logo, signed. Returns { file, fingerprint, name }. */
function forumProfile(dir) {
  writeFileSync(path.join(dir, 'pass.txt'), 'forum passphrase for the e2e test\n');
  const made = profileCommand('key', 'Kenya Safer Cities Forum <forum@example.org>', '--out', path.join(dir, 'key'),
    '--passphrase-file', path.join(dir, 'pass.txt'));
  const fingerprint = made.match(/fingerprint \(publish it for the cities to compare\): ([0-9A-F ]+)/)[1].trim();
  const profile = JSON.parse(readFileSync(path.join(E2E_DIR, 'fixtures', 'kit-profile.json'), 'utf8'));
  profile.logoPng = readFileSync(path.join(E2E_DIR, 'fixtures', 'forum-logo.png')).toString('base64');
  // the cities' exports go to the forum itself (its national roll-up)
  profile.recipients = [{ label: 'Kenya Safer Cities Forum (national roll-up)',
    publicKey: readFileSync(path.join(dir, 'key', 'forum-public.asc'), 'utf8') }];
  const file = path.join(dir, 'kit-profile.json');
  writeFileSync(file, JSON.stringify(profile, null, 2));
  const signed = profileCommand('sign', '--key', path.join(dir, 'key', 'forum-secret.asc'), '--public',
    path.join(dir, 'key', 'forum-public.asc'), '--passphrase-file', path.join(dir, 'pass.txt'), file);
  assert.match(signed, /signed and valid/);
  return { file, fingerprint, name: profile.name };
}

/** The window as the officer sees it, into the guide's folder. */
async function guideShot(page, name) {
  mkdirSync(GUIDE_IMAGES, { recursive: true });
  await page.screenshot({ path: path.join(GUIDE_IMAGES, `${GUIDE ? '' : 'install-'}${name}.png`) });
}

/** Opens a step-0 menu entry the way a person does: the step's group, then the link; checks label = title. */
async function openFromMenu(page, href) {
  const link = page.locator(`nav.side a[href="${href}"]`);
  assert.equal(await link.count(), 1, `the menu has an entry for ${href}`);
  const group = page.locator('nav.side details').filter({ has: page.locator(`a[href="${href}"]`) });
  if (!(await group.evaluate((d) => d.open))) await group.locator('summary').click();
  const label = squash(await link.textContent());
  await Promise.all([page.waitForURL((u) => u.pathname === href), link.click()]);
  assert.equal(squash(await page.locator('main h1').textContent()), label, `${href}: the page's title is its menu label`);
}

const WALKS = [
  { lang: 'en', locale: 'en-GB' },
  { lang: 'fr', locale: 'fr-FR' },
];

describe('a city officer installs the kit from a national forum stick', { timeout: 600_000 }, () => {
  let dir;
  let forum;
  let browser;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sck-e2e-forum-'));
    forum = forumProfile(dir);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close().catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const { lang, locale } of WALKS) {
    it(`${lang}: first start, set-up with the offered profile, home, kit profile, areas, office network`, { timeout: 300_000 }, async () => {
      const kit = await startKit({ label: `install-${lang}`, args: ['--profile', forum.file] });
      const page = await newPage(browser, kit, { locale });
      try {
        await step(page, `install-${lang}`, async () => {
          await page.goto('/');
          await page.waitForURL('**/setup');
          assert.equal(await page.locator('html').getAttribute('lang'), lang, 'the page speaks the browser\'s language');
          const offer = page.locator('section.kit-profile');
          assert.ok(squash(await offer.textContent()).includes(forum.name), 'the stick\'s profile is offered');
          assert.equal(squash(await offer.locator('code.fingerprint').textContent()), forum.fingerprint,
            'with the fingerprint the forum published');
          assert.ok(await offer.locator('img.profile-logo').evaluate((i) => i.complete && i.naturalWidth > 0), 'its logo is shown');
          assert.equal(await page.inputValue('#country'), 'KE', 'the profile fills in the country');
          assert.equal((await page.inputValue('#levels')).replace(/\r\n/g, '\n'), 'City\nSub-county\nWard', 'and the level names');
          assert.ok(squash(await page.locator('#cityCode-hint').textContent()).includes('KE047 (Nairobi)'), 'the tree\'s cities are named');
          await guideShot(page, `${lang}-01-setup-profile`);

          await fillSetup(page, {
            name: 'Nairobi', currency: 'KES', referenceYear: 2019, cityCode: 'KE047', defaultLang: lang,
            username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password, confirm: ADMIN.password,
          });
          await page.locator('#cityCode').scrollIntoViewIfNeeded();
          await page.evaluate(() => window.scrollBy(0, -220));
          await guideShot(page, `${lang}-02-setup-form`);
          const status = await submitAndWait(page, page.locator('form[action="/setup"] button[type=submit]'), '/setup');
          assert.equal(new URL(page.url()).pathname, '/', `set-up lands on home (${status}: ${await noticeText(page)})`);

          const brand = page.locator('header .national-brand');
          assert.equal(squash(await brand.textContent()), 'Safer Cities Kenya', 'the header carries the forum\'s brand');
          assert.ok(await brand.locator('img').evaluate((i) => i.complete && i.naturalWidth === 144), 'and its logo');
          assert.equal(squash(await page.locator('header .city').textContent()), 'Nairobi');
          assert.match(squash(await page.locator('main .flash').textContent()), /\b8\b/, 'the flash counts the areas that came with the profile');
          await guideShot(page, `${lang}-03-home`);

          await openFromMenu(page, '/kit-profile');
          assert.ok(squash(await page.locator('main').textContent()).includes(forum.name), 'the kit profile page names the profile');
          assert.equal(squash(await page.locator('main code.fingerprint').textContent()), forum.fingerprint);
          await guideShot(page, `${lang}-04-kit-profile`);

          await page.goto('/areas');
          const areas = squash(await page.locator('main').textContent());
          for (const name of ['Westlands', 'Kibra', 'Kasarani', 'Laini Saba']) assert.ok(areas.includes(name), `${name} came from the profile`);
          assert.ok(!areas.includes('Mombasa'), 'another city\'s areas did not');
          await guideShot(page, `${lang}-05-areas`);

          await openFromMenu(page, '/network');
          await guideShot(page, `${lang}-06-network`);
          assert.deepEqual(page.problems, [], 'no script errors on the pages');
        });
      } finally {
        await page.context().close().catch(() => {});
        await kit.stop();
      }
    });
  }
});
