// Browser half of bench/partnerships-network.sh: opens the network of actors in Debian's Chromium (the e2e
// tests' playwright-core) signed in as the demo coordinator, N times, and prints one line per load:
//   RENDER ms_to_picture ms_to_settled nodes links
// ms_to_picture: from the start of navigation to two animation frames after the chart holds every node and
// link with its canvas in the page (so the whole picture is painted; the goal: < 2 s); ms_to_settled: until the force layout stopped moving (ECharts' "finished"), for the record.
// Usage: node bench/partnerships-render.mjs BASE_URL RUNS
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(path.join(root, 'e2e', 'package.json'))('playwright-core');
const [base, runsText] = process.argv.slice(2);
const runs = Number(runsText || 5);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-dev-shm-usage'] });
try {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.fill('#username', 'demo-coordinator');
  await page.fill('#password', 'demo-city-2026');
  await Promise.all([page.waitForURL((u) => u.pathname === '/'), page.locator('main form button[type=submit]').click()]);
  for (let i = 0; i <= runs; i++) {   // the first load warms the browser cache (scripts) and is not reported
    await page.goto('/partnerships/network', { waitUntil: 'commit' });
    const picture = await page.waitForFunction(() => {
      const box = document.getElementById('network');
      const chart = box && window.echarts && window.echarts.getInstanceByDom(box);
      if (!chart) { return false; }
      const series = chart.getOption().series;
      if (!series || !series[0] || !box.querySelector('canvas')) { return false; }
      if (!window.__settled) {
        window.__settled = -1;
        chart.on('finished', () => { if (window.__settled < 0) { window.__settled = performance.now(); } });
      }
      return { ms: performance.now(), nodes: series[0].data.length, links: series[0].links.length };
    }, null, { polling: 'raf', timeout: 60_000 });
    const drawn = await picture.jsonValue();
    // the frame after next is certainly painted with the whole picture (slightly late, never early)
    drawn.ms = await page.evaluate(() => new Promise((resolve) =>
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))));
    let settled = -1;
    try {
      settled = await (await page.waitForFunction(() => window.__settled > 0 && window.__settled, null,
        { timeout: 30_000 })).jsonValue();
    } catch { settled = -1; }
    if (i > 0) {
      console.log(`RENDER ${Math.round(drawn.ms)} ${Math.round(settled)} ${drawn.nodes} ${drawn.links}`);
    }
  }
} finally {
  await browser.close();
}
