// Debian's chromium driven by playwright-core (no browser download), plus screenshot helpers.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { E2E_DIR } from './kit.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const SCREENSHOTS = path.join(E2E_DIR, 'screenshots');
export const VIEWPORT = { width: 1280, height: 800 };

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 120_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A fresh context (own cookies) and page on the kit, English first, with generous timeouts for a slow machine. */
export async function newPage(browser, kit, { locale = 'en-GB', viewport = VIEWPORT } = {}) {
  const context = await browser.newContext({ baseURL: kit.baseUrl, locale, viewport });
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // (a 4xx/5xx answer is logged by chromium as "Failed to load resource": expected where a test provokes one)
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error: ${m.text()}`);
  });
  page.problems = problems;
  return page;
}

/** A full-page screenshot in e2e/screenshots/<name>.png; returns the path. */
export async function shot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs fn; if it throws, a screenshot FAIL-<name>.png shows where the page was, then the error goes on. */
export async function step(page, name, fn) {
  try {
    return await fn();
  } catch (e) {
    try { await shot(page, `FAIL-${name}`); } catch { /* page gone */ }
    throw e;
  }
}

/** Text with runs of white space made single spaces, as a person reads it. */
export function squash(s) {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}
