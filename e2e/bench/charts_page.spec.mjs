// Charts in the page at scale (issue 13 targets), measured in headless Chromium — a benchmark that
// prints figures, not a timed test: nothing here fails on a slow machine.
//
//   make bench-page                     (builds nothing: run `trunk build --release` first)
//   cd e2e && PORTSIM_PAGE_BENCH=100000,1000000 npx playwright test -c bench.config.mjs
//
// For each size: a scenario of N messages over 10 send ports (the one of benches/charts.rs) is
// loaded through the JS API, the Charts tab is opened and Run to end is clicked (the run goes in
// slices). Measured in the page's own clock (performance.now):
//   * run end → Charts drawn: from the moment the run's progress bar leaves the page to the first
//     frame after the chart SVG is shown with no aggregation in progress (target ≤ 200 ms);
//   * the longest main-thread task in that span and the longest during the run, from
//     PerformanceObserver('longtask') (target: none over 100 ms);
//   * switching chart type: click on a chart-type radio → the next frame after the new SVG is in
//     the page (target ≤ 50 ms), each of the three types, twice;
//   * opening Charts after a run that ended in another tab: click → frame after the SVG.
// Ratios are printed against the run itself (run wall time in the page), measured in the same run.
import { test } from '@playwright/test';

/** The bench scenario of benches/charts.rs (`scenario_json(messages, ports)`). */
function scenario(messages, ports = 10) {
  const perPort = Math.floor(messages / ports);
  const sendPorts = [], endpoints = [], script = [];
  const failures = [
    { kind: 'random', probability: 0.2 }, { kind: 'window', from: '10m', to: '40m' },
    { kind: 'firstAttempts', count: 100 }, { kind: 'random', probability: 0.02 }];
  for (let k = 0; k < ports; k++) {
    const port = {
      name: `SP_${k}`, kind: 'static-one-way', state: 'started',
      filter: [[{ property: 'T', operator: '==', value: `${k}` }]],
      primary: { transport: 'FILE', address: `out/${k}`, retryCount: k % 4, retryInterval: '5m' },
    };
    if (k % 3 === 0) port.backup = { transport: 'FTP', address: `ftp://backup/${k}`, retryCount: 1, retryInterval: '1m' };
    sendPorts.push(port);
    endpoints.push({ address: `out/${k}`, latency: `${1 + (k % 3)}s`, failures: [failures[k % 4]] });
    script.push({ at: `${k}s`, publish: { context: { T: `${k}` }, count: perPort, every: '1s' } });
  }
  return JSON.stringify({ format: 'portsim-scenario/1', name: `charts bench ${messages}`, seed: 1, until: '30d',
    sendPorts, endpoints, script });
}

/** Installed before the page loads: long tasks and the DOM moments the bench waits for. */
function instrument() {
  const w = window;
  w.__bench = { longtasks: [], runEnd: null, drawn: null };
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) w.__bench.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Charts are "drawn" when the chart SVG is in the page and no aggregation is in progress.
  w.__chartsReady = () => !!document.querySelector('.charts-panel figure.chart svg[role="img"]')
    && !document.querySelector('.charts-panel [data-busy="true"]');
  w.__nextFrame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
}

const fmt = v => (v == null ? '—' : `${v.toFixed(1)} ms`);
const sizes = (process.env.PORTSIM_PAGE_BENCH ?? '100000,1000000').split(',').map(Number).filter(n => n > 0);

/** Clicks Run to end and resolves (in the page) when the run's progress bar has gone: its time. */
async function runToEnd(page) {
  return page.evaluate(async () => {
    const b = window.__bench;
    const start = performance.now();
    const button = [...document.querySelectorAll('button.clock-btn')].find(x => x.textContent.includes('Run to end'));
    let sawRun = false;
    const end = new Promise(resolve => {
      const check = () => {
        const running = !!document.querySelector('.run-progress');
        sawRun ||= running;
        if (!running && (sawRun || window.portsim.now() > 0)) { obs.disconnect(); resolve(performance.now()); }
      };
      const obs = new MutationObserver(check);
      obs.observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    b.longtasks = [];
    button.click();
    b.runEnd = await end;
    return { start, end: b.runEnd };
  });
}

/** Waits (in the page) until the charts are ready, then one frame: the frame's time. */
function chartsDrawn() {
  return new Promise(resolve => {
    const done = () => window.__nextFrame().then(resolve);
    if (window.__chartsReady()) return done();
    const obs = new MutationObserver(() => { if (window.__chartsReady()) { obs.disconnect(); done(); } });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** Long tasks that ended after `from` (page time), collected for one more second. */
async function longTasksAfter(page, from) {
  await page.waitForTimeout(1000);
  return page.evaluate(from => window.__bench.longtasks.filter(l => l.start + l.duration > from).map(l => l.duration), from);
}

const tab = (page, name) => page.getByRole('tab', { name, exact: true }).click();

for (const n of sizes) {
  test(`charts in the page at ${n.toLocaleString('en')} messages`, async ({ page }) => {
    // A page error (an engine that runs out of wasm memory, say) is printed, not waited on forever.
    page.on('pageerror', e => console.log(`page error: ${e.message}`));
    page.on('console', m => { if (m.type() === 'error') console.log(`console error: ${m.text()}`); });
    await page.addInitScript(instrument);
    await page.goto('/');
    await page.waitForFunction(() => typeof window.portsim === 'object');
    const r = await page.evaluate(j => window.portsim.loadScenario(j), scenario(n));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    await page.waitForFunction(name => document.querySelector('.doc-name')?.textContent === name, `charts bench ${n}`);

    // A. Run to end with another view open (Why?), then open Charts: click → drawn.
    await tab(page, 'Why?');
    const runA = await runToEnd(page);
    // What the page itself does when a run ends, without Charts (the baseline of B's figures).
    const endTasksA = await longTasksAfter(page, runA.end);
    const limit = await page.evaluate(() => window.portsim.limits().reached);
    const instances = await page.evaluate(() => window.portsim.report().totals.instances);
    // The first tab switch after the run, to a view that aggregates nothing (Event log): what the
    // page itself costs on a tab switch at this size, apart from Charts.
    const other = await page.evaluate(async () => {
      const t = [...document.querySelectorAll('[role="tab"]')].find(x => x.textContent.trim() === 'Event log');
      const t0 = performance.now();
      window.__bench.longtasks = [];
      t.click();
      return (await window.__nextFrame()) - t0;
    });
    const otherTasks = await longTasksAfter(page, 0);
    const open = await page.evaluate(async () => {
      const t = [...document.querySelectorAll('[role="tab"]')].find(x => x.textContent.trim() === 'Charts');
      const t0 = performance.now();
      window.__bench.longtasks = [];
      t.click();
      const frame = await (async () => new Promise(resolve => {
        const done = () => window.__nextFrame().then(resolve);
        if (window.__chartsReady()) return done();
        const obs = new MutationObserver(() => { if (window.__chartsReady()) { obs.disconnect(); done(); } });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true });
      }))();
      return { t0, ms: frame - t0 };
    });
    const openTasks = await longTasksAfter(page, open.t0);

    // Switching chart type: three types, twice.
    const switches = [];
    for (const round of [0, 1]) {
      for (const kind of ['attempts', 'delivery', 'status']) {
        const ms = await page.evaluate(async kind => {
          const radio = document.querySelector(`input[name="chart-kind"][value="${kind}"]`);
          const before = document.querySelector('.charts-panel figure.chart svg')?.getAttribute('aria-label');
          const t0 = performance.now();
          radio.click();
          await new Promise(resolve => {
            const ok = () => {
              const now = document.querySelector('.charts-panel figure.chart svg')?.getAttribute('aria-label');
              return now && now !== before && window.__chartsReady();
            };
            if (ok()) return resolve();
            const obs = new MutationObserver(() => { if (ok()) { obs.disconnect(); resolve(); } });
            obs.observe(document.body, { subtree: true, childList: true, attributes: true });
          });
          return (await window.__nextFrame()) - t0;
        }, kind);
        switches.push({ round, kind, ms });
      }
    }
    // Coming back to Charts from another tab.
    await tab(page, 'Why?');
    const reopen = await page.evaluate(async () => {
      const t = [...document.querySelectorAll('[role="tab"]')].find(x => x.textContent.trim() === 'Charts');
      const t0 = performance.now();
      t.click();
      return new Promise(resolve => {
        const done = () => window.__nextFrame().then(f => resolve(f - t0));
        if (window.__chartsReady()) return done();
        const obs = new MutationObserver(() => { if (window.__chartsReady()) { obs.disconnect(); done(); } });
        obs.observe(document.body, { subtree: true, childList: true, attributes: true });
      });
    });

    // B. Reset, then Run to end with Charts open: run end → charts drawn.
    await page.getByRole('button', { name: /^Reset( clock)?$/ }).click();
    // Older pages ask before replaying; the current one replays at once.
    const ask = page.getByRole('alertdialog').getByRole('button', { name: 'Replace' });
    if (await ask.isVisible().catch(() => false)) await ask.click();
    await tab(page, 'Charts');
    await page.waitForFunction(() => window.portsim.now() === 0);
    const runB = await runToEnd(page);
    const drawnB = await page.evaluate(chartsDrawn);
    const tasksB = await page.evaluate(() => window.__bench.longtasks.map(l => ({ end: l.start + l.duration, d: l.duration })));
    const duringB = tasksB.filter(l => l.end <= runB.end).map(l => l.d);
    const afterB = (await longTasksAfter(page, runB.end));

    // A picture of the Charts view after the run, to look at (PORTSIM_CHARTS_SHOT=dir).
    if (process.env.PORTSIM_CHARTS_SHOT) {
      await page.screenshot({ path: `${process.env.PORTSIM_CHARTS_SHOT}/charts-${n}.png` });
      for (const kind of ['status', 'attempts', 'delivery']) {
        await page.locator(`input[name="chart-kind"][value="${kind}"]`).check();
        await page.locator('.charts-panel figure.chart').screenshot({ path: `${process.env.PORTSIM_CHARTS_SHOT}/charts-${n}-${kind}.png` });
      }
      await page.locator('input[name="chart-kind"][value="status"]').check();
    }
    const run = runA.end - runA.start;
    const worstSwitch = Math.max(...switches.map(s => s.ms));
    const max = a => Math.max(0, ...a);
    const verdict = ok => (ok ? 'met' : 'MISSED');
    const list = a => `[${a.map(Math.round).join(', ')}]`;
    console.log([
      `charts in the page: ${n.toLocaleString('en')} messages, ${instances.toLocaleString('en')} instances (10 ports)` +
        (limit ? ` — a work limit stopped the run: ${JSON.stringify(limit)}` : ''),
      `  A. run to end in slices (Why? open)  ${fmt(run).padStart(10)}`,
      `     long tasks after the run end      ${fmt(max(endTasksA)).padStart(10)}   ${list(endTasksA)}   (without Charts: the page's own end of run)`,
      `     first tab switch (Event log)      ${fmt(other).padStart(10)}   long tasks ${list(otherTasks)}   (the page's own cost, before Charts)`,
      `     open Charts: click → drawn        ${fmt(open.ms).padStart(10)}   = ${(open.ms / run).toFixed(3)} x the run   (target <= 200 ms: ${verdict(open.ms <= 200)})`,
      `     long tasks from the click         ${fmt(max(openTasks)).padStart(10)}   ${list(openTasks)}   (target <= 100 ms: ${verdict(max(openTasks) <= 100)})`,
      ...switches.map(s => `     switch to ${s.kind.padEnd(9)} (round ${s.round + 1})  ${fmt(s.ms).padStart(10)}`),
      `     worst chart switch               ${fmt(worstSwitch).padStart(10)}   (target <= 50 ms: ${verdict(worstSwitch <= 50)})`,
      `     back to Charts from Why?         ${fmt(reopen).padStart(10)}`,
      `  B. run to end with Charts open      ${fmt(runB.end - runB.start).padStart(10)}   = ${((runB.end - runB.start) / run).toFixed(2)} x run A; longest task during the run ${fmt(max(duringB))} (${duringB.length} long tasks)`,
      `     run end → charts drawn           ${fmt(drawnB - runB.end).padStart(10)}   = ${((drawnB - runB.end) / run).toFixed(3)} x the run   (target <= 200 ms: ${verdict(drawnB - runB.end <= 200)})`,
      `     long tasks after the run end     ${fmt(max(afterB)).padStart(10)}   ${list(afterB)}   (target <= 100 ms: ${verdict(max(afterB) <= 100)})`,
    ].join('\n'));
  });
}
