// The page never freezes (issue 9 §7) — a benchmark that prints figures, not a timed test: nothing
// here fails on a slow machine.
//
//   make bench-page                     (builds nothing: run `trunk build --release` first)
//   cd e2e && PORTSIM_FREEZE_BENCH=400000,1000000 npx playwright test -c bench.config.mjs freeze
//
// For each size N, the benchmark's own scenario (../shared/bench/gen_scenario.py N: 20 ports,
// retries, backups, groups) is loaded through the JS API and the page is driven as a user would:
// Run to end (Group Hub open), open the Timeline (whole run), zoom in three times, click a bin of the
// whole-run view, open the Group Hub, query by a status, page to the next 100 rows, sort nothing.
// Then, on a run of 100,000 messages, Play at 10,000× for a few seconds (clock ticks).
// Every main-thread task over 50 ms is seen by PerformanceObserver('longtask'); for each step the
// bench prints the longest task and how many went over 100 ms (target: none).
import { test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sizes = (process.env.PORTSIM_FREEZE_BENCH ?? '400000,1000000').split(',').map(Number).filter(n => n > 0);
const tickSize = Number(process.env.PORTSIM_FREEZE_TICK ?? 100000);
// PORTSIM_FREEZE_SHOTS=DIR: screenshots of the Timeline (whole run, and zoomed to a clicked bin).
const shots = process.env.PORTSIM_FREEZE_SHOTS;
async function shot(page, n, name) {
  if (!shots) return;
  // 1280 px wide, tall enough for the twenty lanes; the timeline scrolled into view.
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.locator('.obs-timeline').evaluate(e => e.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await page.screenshot({ path: join(shots, `timeline-${n}-${name}.png`) });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The scenario of ../shared/bench/gen_scenario.py N (the issue's own benchmark). */
function scenario(n) {
  const dir = mkdtempSync(join(tmpdir(), 'portsim-freeze-'));
  const file = join(dir, `bench-${n}.json`);
  execFileSync('python3', [join(here, '..', '..', '..', 'shared', 'bench', 'gen_scenario.py'), String(n), file]);
  return readFileSync(file, 'utf8');
}

/** Installed before the page loads: every long task, and a frame helper. */
function instrument() {
  window.__freeze = { tasks: [] };
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) window.__freeze.tasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.__nextFrame = () => new Promise(r => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
  // Ready = nothing in the page says it is still counting or running.
  window.__idle = () => !document.querySelector('.run-progress') && !document.querySelector('[data-busy="true"]');
  window.__whenIdle = () => new Promise(resolve => {
    const done = () => window.__nextFrame().then(() => window.__nextFrame()).then(resolve);
    if (window.__idle()) return done();
    const obs = new MutationObserver(() => { if (window.__idle()) { obs.disconnect(); done(); } });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

/** Runs `act` (in the test), waits until the page is idle and one more second, and returns the
 *  step's long tasks and its wall time (page clock, from the action to idle). */
async function step(page, act) {
  await page.evaluate(() => { window.__freeze.tasks = []; window.__freeze.t0 = performance.now(); });
  await act();
  const idleAt = await page.evaluate(async () => { await window.__whenIdle(); return performance.now(); });
  await page.waitForTimeout(1000);
  return page.evaluate(idleAt => ({
    ms: idleAt - window.__freeze.t0,
    tasks: window.__freeze.tasks.filter(t => t.start + t.duration >= window.__freeze.t0).map(t => t.duration),
    at: window.__freeze.tasks.filter(t => t.start + t.duration >= window.__freeze.t0).map(t => t.start - window.__freeze.t0),
  }), idleAt);
}

const line = (name, r) => {
  const longest = Math.max(0, ...r.tasks);
  const over = r.tasks.filter(d => d > 100).length;
  return `  ${name.padEnd(34)} ${`${(r.ms / 1000).toFixed(2)} s`.padStart(9)}   longest task ${`${longest.toFixed(0)} ms`.padStart(7)}` +
    `   tasks > 100 ms: ${over}${over ? ` [${r.tasks.map((d, i) => [d, r.at[i]]).filter(([d]) => d > 100).slice(0, 8)
      .map(([d, at]) => `${Math.round(d)} ms at +${Math.round(at)} ms`).join(', ')}${over > 8 ? ', …' : ''}]` : ''}`;
};

async function open(page, n) {
  page.on('pageerror', e => console.log(`page error: ${e.message}`));
  await page.addInitScript(instrument);
  await page.goto('/');
  await page.waitForFunction(() => typeof window.portsim === 'object');
  const r = await page.evaluate(j => window.portsim.loadScenario(j), scenario(n));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  await page.evaluate(() => window.__whenIdle());
}

const tab = (page, name) => page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name, exact: true }).click();

for (const n of sizes) {
  test(`no frozen page at ${n.toLocaleString('en')} messages`, async ({ page }) => {
    await open(page, n);
    const clock = page.getByRole('toolbar', { name: 'Simulation clock' });
    const out = [];
    out.push(line('Run to end (Group Hub open)', await step(page, async () => {
      await clock.getByRole('button', { name: /Run to end/ }).click();
      await clock.getByText('Finished').waitFor({ timeout: 20 * 60_000 });
    })));
    const instances = await page.evaluate(() => window.portsim.report()?.totals.instances ?? NaN);
    out.push(line('open Timeline (whole run)', await step(page, () => tab(page, 'Timeline'))));
    await shot(page, n, 'whole-run');
    const tl = page.locator('.obs-timeline');
    out.push(line('Zoom in ×3', await step(page, async () => {
      for (let i = 0; i < 3; i++) await tl.getByRole('button', { name: 'Zoom in' }).click();
    })));
    out.push(line('Fit', await step(page, () => tl.getByRole('button', { name: 'Fit' }).click())));
    // A click on the first lane, a third of the way along: zooms to the bin under the pointer.
    const lane = tl.locator('.tl-bin-hit').first();
    if (await lane.count()) {
      const box = await lane.boundingBox();
      out.push(line('click a bin (zoom to it)', await step(page, () => page.mouse.click(box.x + box.width / 3, box.y + box.height / 2))));
      await shot(page, n, 'bin');
      const again = await lane.boundingBox();
      out.push(line('click a bin again', await step(page, () => page.mouse.click(again.x + again.width / 2, again.y + again.height / 2))));
      await shot(page, n, 'zoomed');
      out.push(line('Fit again', await step(page, () => tl.getByRole('button', { name: 'Fit' }).click())));
    }
    out.push(line('open Group Hub', await step(page, () => tab(page, 'Group Hub'))));
    const hub = page.getByRole('region', { name: 'Observation' });
    out.push(line('query: Suspended (resumable)', await step(page, async () => {
      await hub.getByRole('combobox', { name: 'Status' }).selectOption({ label: /Suspended \(resumable\)/ }).catch(() => {});
      await hub.getByRole('button', { name: 'Run query' }).click().catch(() => {});
    })));
    out.push(line('next page', await step(page, () => hub.getByRole('button', { name: /Next/ }).first().click().catch(() => {}))));
    console.log([`page freeze bench: ${n.toLocaleString('en')} messages, ${instances.toLocaleString('en')} instances`, ...out].join('\n'));
  });
}

test(`clock ticks at 10,000× with ${tickSize.toLocaleString('en')} messages`, async ({ page }) => {
  await open(page, tickSize);
  const clock = page.getByRole('toolbar', { name: 'Simulation clock' });
  await clock.getByRole('combobox', { name: /Speed/ }).selectOption('10000');
  const r = await step(page, async () => {
    await clock.getByRole('button', { name: /^Play/ }).click();
    // Until every message is published (20 ports × N/20 messages, one a second) and 3 s more.
    await page.waitForFunction(n => window.portsim.now() >= (n / 20 + 60) * 1000, tickSize, { timeout: 5 * 60_000, polling: 250 });
    await page.waitForTimeout(3000);
    const pause = clock.getByRole('button', { name: 'Pause', exact: true });
    if (await pause.isVisible()) await pause.click();
  });
  const instances = await page.evaluate(() => window.portsim.report()?.totals.instances ?? NaN);
  console.log([`page freeze bench: Play at 10,000×, ${instances.toLocaleString('en')} instances`, line('Play (ticks) then Pause', r)].join('\n'));
});
