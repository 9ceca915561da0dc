// Steps several test files share: the first-start form and signing in, done the way a person does them.
import assert from 'node:assert/strict';

export const ADMIN = {
  username: 'amina.admin',
  displayName: 'Amina Wanjiru',
  password: 'safer streets for everyone',
};

/** Fills the set-up form (the page must be on /setup). Fields not given keep what the form proposes. */
export async function fillSetup(page, f) {
  if (f.name !== undefined) await page.fill('#name', f.name);
  if (f.localNames) {
    const details = page.locator('form[action="/setup"] details').first();
    if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
    for (const [field, value] of Object.entries(f.localNames)) await page.fill(`#${field}`, value);
  }
  if (f.country !== undefined) await page.selectOption('#country', f.country);
  if (f.defaultLang !== undefined) await page.selectOption('#defaultLang', f.defaultLang);
  if (f.currency !== undefined) await page.selectOption('#currency', f.currency);
  if (f.referenceYear !== undefined) await page.fill('#referenceYear', String(f.referenceYear));
  if (f.levels !== undefined) await page.fill('#levels', f.levels);
  if (f.cityCode !== undefined) await page.fill('#cityCode', f.cityCode);
  if (f.username !== undefined) await page.fill('#username', f.username);
  if (f.displayName !== undefined) await page.fill('#displayName', f.displayName);
  if (f.password !== undefined) await page.fill('#password', f.password);
  if (f.confirm !== undefined) await page.fill('#confirm', f.confirm);
}

/** Clicks a submit button and waits for the POST's answer and the page it leads to; returns the POST's status. */
export async function submitAndWait(page, buttonLocator, urlPart) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === urlPart),
    buttonLocator.click(),
  ]);
  await page.waitForLoadState('load');
  if (response.status() === 403) {
    // say what the kit's origin check saw, since a refused form is otherwise hard to tell from a CSRF failure
    const sent = await response.request().allHeaders();
    console.log(`POST ${urlPart} answered 403; the browser sent Origin: ${sent.origin ?? '(none)'}, `
      + `Sec-Fetch-Site: ${sent['sec-fetch-site'] ?? '(none)'}, Referer: ${sent.referer ?? '(none)'}`);
  }
  return response.status();
}

/** The text of the page's error notice, if any (to explain a failed step). */
export async function noticeText(page) {
  const n = page.locator('main .notice.error, main .field-error');
  if (await n.count() === 0) return '';
  return (await n.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ');
}

/** Completes the set-up in one go with valid values and lands on home. */
export async function completeSetup(page, { name = 'Nairobi', country = 'KE', currency = 'KES', cityCode, referenceYear = 2019,
  levels = 'City\nCounty\nWard' } = {}) {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await fillSetup(page, {
    name, country, defaultLang: 'en', currency, referenceYear, levels, cityCode,
    username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password, confirm: ADMIN.password,
  });
  const status = await submitAndWait(page, page.locator('form[action="/setup"] button[type=submit]'), '/setup');
  assert.equal(new URL(page.url()).pathname, '/',
    `set-up should land on home; it answered ${status} on ${page.url()}: ${await noticeText(page)}`);
}

/** Signs in on /login; returns the POST's status. */
export async function signIn(page, username, password) {
  if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
  await page.fill('#username', username);
  await page.fill('#password', password);
  return submitAndWait(page, page.locator('form[action="/login"] button[type=submit]'), '/login');
}

/** Chooses a language in the header's menu (it submits by itself) and waits until the page is in it. */
export async function chooseLanguage(page, lang) {
  const offered = await page.locator('#lang-select option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(offered.includes(lang), `the language menu should offer "${lang}"; it offers ${JSON.stringify(offered)}`);
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/language'),
    page.selectOption('#lang-select', lang),
  ]);
  await page.waitForFunction((l) => document.documentElement.lang === l && document.readyState === 'complete', lang,
    { timeout: 30_000 });
}
