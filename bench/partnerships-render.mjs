// Browser half of bench/partnerships-network.sh: opens the network of actors in Debian's Chromium (the e2e
// tests' playwright-core) signed in as the demo coordinator, N times, and prints one line per load:
//   RENDER ms_to_picture ms_to_settled nodes links
// ms_to_picture: from the start of navigation to two animation frames after the chart holds its nodes and
// links with its canvas in the page (so the whole picture is painted; the goal: < 2 s); ms_to_settled: until
// ECharts' "finished" (no animation or layout step left), for the record.
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
  // Watches the page from its first frame without disturbing it (no copy of the chart's option per frame):
  // when the chart holds its series and its canvas is in the page, two frames later the picture is painted.
  // Counts actors and relationships in either picture network.js draws: ECharts' graph (small coalitions),
  // or points and "large" lines per type (beyond 300 actors; progressive rendering off, so one frame).
  await page.addInitScript(() => {
    function counts(chart) {
      let nodes = 0;
      let links = 0;
      chart.getModel().eachSeries((s) => {
        if (s.subType === 'graph') { nodes += s.getData().count(); links += s.getEdgeData().count(); }
        if (s.subType === 'scatter') { nodes += s.getData().count(); }
        if (s.subType === 'lines') { links += s.getData().count(); }
      });
      return [nodes, links];
    }
    function poll() {
      const box = document.getElementById('network');
      const chart = box && window.echarts && window.echarts.getInstanceByDom(box);
      const model = chart && chart.getModel();
      if (model && model.getSeriesCount() > 0 && box.querySelector('canvas')) {
        window.__counts = counts(chart);
        requestAnimationFrame(() => requestAnimationFrame(() => { window.__drawn = performance.now(); }));
        return;
      }
      requestAnimationFrame(poll);
    }
    requestAnimationFrame(poll);
    // "finished" may come in the very frame of the first drawing (no layout left to animate): listen from the
    // chart's creation, by wrapping echarts.init as the library defines it (its UMD wrapper sets window.echarts
    // to an empty object, then fills it in).
    const watch = (init) => function (...args) {
      const chart = init.apply(this, args);
      if (args[0] && args[0].id === 'network') {
        chart.on('finished', () => { if (!window.__settled) { window.__settled = performance.now(); } });
      }
      return chart;
    };
    let lib;
    Object.defineProperty(window, 'echarts', { configurable: true, get: () => lib, set: (v) => {
      lib = v;
      let init = v.init && watch(v.init);
      Object.defineProperty(v, 'init', { configurable: true, enumerable: true, get: () => init, set: (f) => { init = watch(f); } });
    } });
  });
  if (process.env.BENCH_NETWORK_JS) {   // a network.js to try before building the jar (never in the recorded runs)
    const fs = await import('node:fs');
    await page.route('**/assets/partnerships-network.js*', (route) =>
      route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(process.env.BENCH_NETWORK_JS, 'utf8') }));
  }
  for (let i = 0; i <= runs; i++) {   // the first load warms the browser cache (scripts) and is not reported
    await page.goto('/partnerships/network', { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__drawn > 0, null, { polling: 100, timeout: 60_000 });
    let settled = -1;
    try {
      await page.waitForFunction(() => window.__settled > 0, null, { polling: 250, timeout: 30_000 });
      settled = await page.evaluate(() => window.__settled);
    } catch { settled = -1; }
    const drawn = await page.evaluate(() => ({ ms: window.__drawn, nodes: window.__counts[0], links: window.__counts[1] }));
    if (i > 0) {
      console.log(`RENDER ${Math.round(drawn.ms)} ${Math.round(settled)} ${drawn.nodes} ${drawn.links}`);
    }
  }
} finally {
  await browser.close();
}
