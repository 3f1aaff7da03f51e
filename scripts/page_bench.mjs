#!/usr/bin/env node
// The page at scale (issue 9): the benchmark's own 1,000,000-message scenario, trace on, in the
// real page (dist/, headless system Chromium), measured side by side with the native engine.
//
//   node scripts/page_bench.mjs [MESSAGES=1000000]      (after `trunk build --release`)
//
// Prints, for the scenario written by ../shared/bench/gen_scenario.py MESSAGES:
//  * Run to end pressed in the page (sliced, progress bar): wall time to "Finished", the report's
//    totals, whether a work limit stopped it, and the LONGEST main-thread task seen
//    (PerformanceObserver 'longtask'; issue 9 target: none over 100 ms);
//  * opening the Timeline tab and the Group Hub after the run: the longest task of each;
//  * the engine alone: `portsim.runToEnd()` timed inside the page (wasm) against
//    `cargo bench --bench native_run` on the same file (native, best of 3): wasm ÷ native
//    (target ≤ 1.5×);
//  * the wasm memory's size (it only grows: the peak).
// Timings are printed, never asserted (the Playwright specs check behaviour, not time).
import { createRequire } from 'node:module';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'e2e', 'package.json'));
const { chromium } = require('playwright');

const messages = Number(process.argv[2] ?? 1_000_000);
const port = Number(process.env.E2E_PORT ?? 8141);
const dir = mkdtempSync(join(tmpdir(), 'portsim-page-bench-'));
const file = join(dir, `bench-${messages}.json`);
execFileSync('python3', [join(root, '..', 'shared', 'bench', 'gen_scenario.py'), String(messages), file]);
const json = readFileSync(file, 'utf8');

// Native side first (it builds the bench binary if needed).
const nativeOut = execFileSync('cargo', ['bench', '--quiet', '--bench', 'native_run', '--', file, '3'],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
const native = JSON.parse(nativeOut.trim().split('\n').pop());

const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', join(root, 'dist')],
  { stdio: 'ignore' });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const fmt = s => `${s.toFixed(2)} s`;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // Trunk announces the wasm instance: its memory only grows, so its size at the end is the peak.
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', e => {
    window.__wasmMemory = e.detail?.wasm?.memory;
  }));
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  for (let i = 0; ; i++) {
    try { await page.goto(`http://127.0.0.1:${port}/`); break; } catch (e) { if (i > 50) throw e; await page.waitForTimeout(200); }
  }
  await page.getByRole('banner').waitFor({ timeout: 30_000 });
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const longest = async () => page.evaluate(() => { const v = window.__longest; window.__longest = 0; return v; });
  const frame = () => page.evaluate(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0))));

  const load = async () => {
    const r = await page.evaluate(text => window.portsim.loadScenario(text), json);
    if (!r.ok) throw new Error(`loadScenario: ${JSON.stringify(r.errors)}`);
    await frame();
  };
  await load();
  await longest();

  // 1. Run to end pressed in the page: slices, progress bar, Stop available.
  const clock = page.getByRole('toolbar', { name: 'Simulation clock' });
  const t0 = Date.now();
  await clock.getByRole('button', { name: /Run to end/ }).click();
  await clock.getByText('Finished').waitFor({ timeout: 15 * 60_000 });
  const pageRun = (Date.now() - t0) / 1000;
  const memoryMb = () => page.evaluate(() => (window.__wasmMemory?.buffer.byteLength ?? NaN) / 2 ** 20);
  const afterRunMb = await memoryMb();
  const runLongest = await longest();
  const outcome = await page.evaluate(() => {
    const l = window.portsim.limits();
    return { reached: l.reached, now: window.portsim.now() };
  });
  const totals = await page.evaluate(() => {
    const text = document.querySelector('[role="toolbar"][aria-label="Simulation clock"]')?.textContent ?? '';
    return text.slice(0, 200);
  });

  // 2. After the run: open the Timeline and the Group Hub; a clock tick at 10,000×.
  const observe = page.getByRole('region', { name: 'Observation' });
  const tab = async name => {
    await observe.getByRole('tab', { name, exact: true }).click();
    await frame();
    return longest();
  };
  const timelineLongest = await tab('Timeline');
  const hubLongest = await tab('Group Hub');

  // 3. The engine alone, in wasm: portsim.runToEnd() on a fresh load of the same scenario.
  await load();
  await longest();
  const wasm = await page.evaluate(() => {
    const t = performance.now();
    window.portsim.runToEnd();
    return (performance.now() - t) / 1000;
  });
  await frame();

  console.log(`portsim in the page, ${messages.toLocaleString('en')} messages (trace on), port ${port}`);
  console.log(`  Run to end in the page (sliced)   ${fmt(pageRun)}   ${outcome.reached ? `STOPPED by a limit: ${JSON.stringify(outcome.reached)}` : 'finished, no limit reached'}`);
  console.log(`  clock bar after the run: ${totals.replace(/\s+/g, ' ').trim()}`);
  console.log(`  longest main-thread task: Run to end ${runLongest.toFixed(0)} ms, opening Timeline ${timelineLongest.toFixed(0)} ms, Group Hub ${hubLongest.toFixed(0)} ms   (target ≤ 100 ms)`);
  console.log(`  wasm memory: ${afterRunMb.toFixed(0)} MiB after the page's run, ${(await memoryMb()).toFixed(0)} MiB peak (wasm32 maximum 4,096 MiB)`);
  console.log(`  engine alone: wasm portsim.runToEnd() ${fmt(wasm)}, native run_to_end ${fmt(native.seconds)} (best of ${native.rounds}; ${native.instances.toLocaleString('en')} instances, ${native.events.toLocaleString('en')} events)`);
  const ratio = wasm / native.seconds;
  console.log(`  wasm ÷ native ${ratio.toFixed(2)}×   target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'NOT met'}`);
  console.log(`  page errors: ${errors.length ? errors.join(' | ') : 'none'}`);
} finally {
  await browser.close();
  server.kill();
}
