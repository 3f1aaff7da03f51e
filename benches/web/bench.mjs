// Browser benchmarks of issue 14, measured side by side in one run (headless system Chromium):
//
//  1. First run at native speed: the page's first `portsim.runToEnd()` in a fresh page, and a warm
//     one (the same scenario again in the same page), at 10,000 and 100,000 instances, as ratios to
//     native `Session::run_to_end` on the same files (benches/run_to_end.rs, run by this script).
//     Each page also times the same call once more on the finished run (the engine has nothing to
//     do: the JS API glue and the page's re-render alone) and prints the first run without it.
//     The fresh page is measured three ways to separate the causes (src/ui/warm_up.rs):
//     `?warm=none` (cold), `?warm=memory` (memory reserved only) and the default (idle warm-up done).
//     It also prints the wasm memory's size before and after the first run (growth would mean the
//     reserve of src/ui/warm_up.rs is too small).
//  2. Time to interactive: navigation → first paint → first contentful paint → interactive (the
//     `portsim-interactive` mark: first render done, handlers and API installed) for the full page,
//     the light embed and a minimal Yew hello-world (benches/hello_yew) built by the same toolchain.
//
//  bash scripts/bench_web.sh          (builds what is missing, then runs this file)
//  node benches/web/bench.mjs [--quick] [--first-run]   (expects dist/, dist/embed/, target/hello-yew/dist/)
//  node benches/web/bench.mjs --tti [--embeds main=DIR,new=dist/embed] [--loads N]
//     (the time-to-interactive table only; every page loaded once per round, rounds interleaved;
//      --embeds: light-embed builds side by side, each DIR under the repo holding its index.html)
//  node benches/web/bench.mjs --tti --fulls base=target/fr/base,new=dist   (full-page builds side by side)
//  node benches/web/bench.mjs --compiled [--fulls a=DIR,b=DIR] [--loads N]
//     (wasm functions and code bytes V8 compiled before `portsim-interactive`, from Chromium's
//      --trace-wasm-compilation-times; deterministic where the time to interactive is noisy)
//  node benches/web/bench.mjs --tti --phases   (also where each page's time goes: wasm downloaded,
//     instantiated — WebAssembly.instantiateStreaming wrapped to mark its end —, `main` returned
//     (trunk's start event), interactive; medians in ms from navigation)
//  BENCH_JS_FLAGS=--no-liftoff node benches/web/bench.mjs --first-run   (the tiers apart from the rest)
//  node benches/web/bench.mjs --first-run --sites z=target/fr/z,o3=target/fr/o3 [--modes none,full]
//     (builds of the full page compared side by side: fresh pages interleaved site by site, same
//      native baseline; each DIR under the repo holds an index.html built by trunk)
//  node benches/web/bench.mjs --first-run --modes full --wait-after-warm 300
//     (the first run starts 300 ms after the `portsim-warm` mark instead of at once: a first run
//      that gets faster with the wait means the warm-up marked itself done while V8 was still
//      compiling the tier-ups it had asked for, see src/ui/warm_up.rs `Rounds`)
//
// Targets: first run ≤ 1.3× native; TTI ≤ 2× hello-world for the embed, ≤ 3× for the full page.
import { createRequire } from 'node:module';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(path.join(repo, 'e2e', 'package.json'));
// --compiled reads what V8 prints on the browser's stdout, which Playwright passes to its
// `pw:browser` debug log (stderr): enabled before Playwright loads, those lines are captured below
// instead of printed.
const compiledLines = [];
if (process.argv.includes('--compiled')) {
  process.env.DEBUG = [process.env.DEBUG, 'pw:browser'].filter(Boolean).join(',');
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk, ...rest) => {
    const text = String(chunk);
    if (!text.includes('pw:browser')) return write(chunk, ...rest);
    for (const line of text.split('\n')) if (line.includes('using Liftoff')) compiledLines.push(line);
    return true;
  };
}
const { chromium } = require('playwright-core');

const quick = process.argv.includes('--quick');
// --first-run: the first-run table only (no time to interactive).
const firstRunOnly = process.argv.includes('--first-run');
// --tti: the time-to-interactive table only (no native baseline, no first-run table).
const ttiOnly = process.argv.includes('--tti') || process.argv.includes('--compiled');
// --phases: the time-to-interactive loads also mark where their time goes (see the header).
const phases = process.argv.includes('--phases');
// --compiled: instead of timing, count the wasm code V8 compiles (Liftoff, at each function's first
// call) before each page is interactive — the first render's work, without the machine's noise.
const compiledOnly = process.argv.includes('--compiled');
const argValue = name => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
// --sites label=dir,…: full-page builds measured side by side (default: dist only).
const SITES = (argValue('--sites') ?? 'dist=dist').split(',').map(kv => kv.split('='));
// --modes none,memory,full: which fresh-page modes to measure (default: all three).
const MODES = (argValue('--modes') ?? 'none,memory,full').split(',');
// --wait-after-warm MS: a pause between the warm-up's end and the first run (default none).
const WAIT_AFTER_WARM = Number(argValue('--wait-after-warm') ?? 0);
const PORT = Number(process.env.BENCH_PORT ?? process.env.E2E_PORT ?? 8139);
const PAGES = 'http://127.0.0.1:' + PORT;
const SIZES = [10_000, 100_000];
const FRESH_PAGES = Number(argValue('--pages') ?? (quick ? 1 : 3));
const TTI_LOADS = Number(argValue('--loads') ?? (quick ? 3 : 7));
// --embeds label=dir,…: light-embed builds measured side by side (default: dist/embed).
const EMBEDS = (argValue('--embeds') ?? 'light embed=dist/embed').split(',').map(kv => kv.split('='));
// --fulls label=dir,…: full-page builds measured side by side in the time-to-interactive table
// (default: dist; the labels prefix "full " when there are several).
const FULLS = (argValue('--fulls') ?? 'full page=dist').split(',').map(kv => kv.split('='));

for (const f of [...SITES.map(([, dir]) => `${dir}/index.html`), ...(firstRunOnly ? [] : [...EMBEDS.map(([, dir]) => `${dir}/index.html`), ...FULLS.map(([, dir]) => `${dir}/index.html`), 'target/hello-yew/dist/index.html'])]) {
  if (!existsSync(path.join(repo, f))) {
    console.error(`missing ${f}: run scripts/bench_web.sh (it builds the site and the hello-world)`);
    process.exit(2);
  }
}

/** A scenario with `n` service instances: one port with random failures and retries, one that fails over to its backup. */
function scenario(n) {
  const port = (name, extra) => ({
    name, kind: 'static-one-way', state: 'started',
    primary: { transport: 'FILE', address: `a:${name}`, retryCount: 2, retryInterval: '1m' }, ...extra,
  });
  return JSON.stringify({
    format: 'portsim-scenario/1', name: `bench ${n}`, seed: 11,
    sendPorts: [port('P1'), port('P2', { backup: { transport: 'FTP', address: `b:P2`, retryCount: 1, retryInterval: '1m' } })],
    endpoints: [
      { address: 'a:P1', failures: [{ kind: 'random', probability: 0.2 }] },
      { address: 'a:P2', failures: [{ kind: 'random', probability: 0.5 }] },
    ],
    script: [
      { at: '0s', send: { port: 'P1', count: n / 2, every: '1s' } },
      { at: '0s', send: { port: 'P2', count: n / 2, every: '1s' } },
    ],
  });
}

const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const fmt = (x, d = 1) => x.toFixed(d);

// Native baseline.
const work = path.join(repo, 'target', 'bench-web');
mkdirSync(work, { recursive: true });
const files = SIZES.map(n => {
  const file = path.join(work, `run_${n}.json`);
  writeFileSync(file, scenario(n));
  return file;
});
// Native `Session::run_to_end` on `file` (best of 5 in a fresh process). Measured again before
// every fresh page of the first-run table, so the page and its native baseline see the same load.
const nativeRun = file => {
  const out = execFileSync('cargo', ['bench', '--quiet', '--bench', 'run_to_end', '--', file], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').filter(l => l.startsWith('{')).pop());
};
if (!ttiOnly) {
  console.log('native baseline: cargo bench --bench run_to_end (bench profile), before every fresh page …');
  nativeRun(files[0]);
}

// One static server for the site and the hello-world.
const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', repo], { stdio: 'ignore' });
process.on('exit', () => server.kill());
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(`${PAGES}/dist/index.html`)).ok) break; } catch { /* not up yet */ }
  await new Promise(r => setTimeout(r, 100));
}

// BENCH_JS_FLAGS (e.g. `--no-liftoff`: every wasm function compiled by TurboFan before it first
// runs) separates the browser's compilation tiers from the rest of a slow first run.
const jsFlags = process.env.BENCH_JS_FLAGS ? [`--js-flags=${process.env.BENCH_JS_FLAGS}`] : [];
if (jsFlags.length) console.log(`Chromium ${jsFlags[0]}`);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', ...jsFlags],
});

async function freshPage(url) {
  const context = await browser.newContext();
  // The wasm instance's exports (trunk passes them in its start event), to read the memory size.
  await context.addInitScript(() => addEventListener('TrunkApplicationStarted', e => {
    window.__portsimWasm = e.detail.wasm;
    performance.mark('bench-started');
  }));
  if (phases) {
    await context.addInitScript(() => {
      const streaming = WebAssembly.instantiateStreaming;
      WebAssembly.instantiateStreaming = async (...args) => {
        const r = await streaming(...args);
        performance.mark('bench-instantiated');
        return r;
      };
    });
  }
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/** First and warm runToEnd of `json` in a fresh page of the full simulator. */
async function firstRun(json, warm, dir) {
  const query = warm === 'full' ? '' : `?warm=${warm}`;
  const { context, page } = await freshPage(`${PAGES}/${dir}/index.html${query}`);
  await page.waitForFunction(() => typeof window.portsim?.runToEnd === 'function', null, { timeout: 60_000 });
  if (warm === 'full') {
    await page.waitForFunction(() => performance.getEntriesByName('portsim-warm').length > 0, null, { timeout: 60_000 });
    if (WAIT_AFTER_WARM > 0) await page.evaluate(ms => new Promise(r => setTimeout(r, ms)), WAIT_AFTER_WARM);
  } else {
    // The same quiet moment for every mode, so only the warm-up differs.
    await page.evaluate(() => new Promise(r => requestIdleCallback(() => r(), { timeout: 1000 })));
  }
  const times = await page.evaluate(j => {
    const time = () => {
      const load = window.portsim.loadScenario(j);
      if (!load.ok) throw new Error(JSON.stringify(load.errors.slice(0, 3)));
      const t0 = performance.now();
      window.portsim.runToEnd();
      return performance.now() - t0;
    };
    const mem = () => window.__portsimWasm?.memory?.buffer.byteLength ?? NaN;
    const memBefore = mem();
    const first = time();
    const memAfter = mem();
    const warm = time();
    // The best of five more warm runs: the page's steady speed, less exposed to the machine's load.
    let best = warm;
    for (let k = 0; k < 5; k++) best = Math.min(best, time());
    // The same call on the finished run: the engine has nothing left to do, so this is the
    // JS API glue and the page's re-render alone (what the timed calls carry besides the engine).
    const t0 = performance.now();
    window.portsim.runToEnd();
    const glue = performance.now() - t0;
    return { first, warm, best, glue, memBefore, memAfter, instances: window.portsim.report().totals.instances };
  }, json);
  const { warmMark, rounds } = await page.evaluate(() => ({
    warmMark: performance.getEntriesByName('portsim-warm')[0]?.startTime ?? null,
    rounds: performance.getEntriesByName('portsim-warm-round').length,
  }));
  await context.close();
  return { ...times, warmMark, rounds };
}

if (!ttiOnly) {
console.log(`\n== first runToEnd in a fresh page vs native (median of ${FRESH_PAGES} fresh pages, each after a native best of 5; target ≤ 1.3×)${WAIT_AFTER_WARM ? `, first run ${WAIT_AFTER_WARM} ms after the warm-up` : ''}`);
const siteCol = SITES.length > 1;
console.log(`instances  native ms  ${siteCol ? 'site'.padEnd(10) + ' ' : ''}page mode        first ms  first/native  warm ms  warm/native  glue+render ms  (first-glue)/native  best warm/native`);
for (const [i, n] of SIZES.entries()) {
  const json = readFileSync(files[i], 'utf8');
  for (const warm of MODES) {
    // Fresh pages interleaved site by site, each round after its own native run, so every build
    // and the baseline see the same load.
    const runs = SITES.map(() => []);
    const natives = [];
    for (let k = 0; k < FRESH_PAGES; k++) {
      natives.push(nativeRun(files[i]));
      for (const [s, [, dir]] of SITES.entries()) runs[s].push(await firstRun(json, warm, dir));
    }
    const nat = median(natives.map(r => r.best_ms));
    for (const [s, [label]] of SITES.entries()) {
      const rs = runs[s];
      if (rs[0].instances !== natives[0].instances) throw new Error(`instances differ: page ${rs[0].instances}, native ${natives[0].instances}`);
      const first = median(rs.map(r => r.first));
      const warmRun = median(rs.map(r => r.warm));
      const glue = median(rs.map(r => r.glue));
      const best = Math.min(...rs.map(r => r.best));
      const mark = warm === 'full' ? ` (warm-up done at ${fmt(median(rs.map(r => r.warmMark)), 0)} ms, ${median(rs.map(r => r.rounds))} round(s))` : '';
      const mib = b => fmt(b / 1048576, 1);
      const memNote = ` memory ${mib(median(rs.map(r => r.memBefore)))} → ${mib(median(rs.map(r => r.memAfter)))} MiB over the first run`;
      console.log(`${String(n).padStart(9)}  ${fmt(nat).padStart(9)}  ${siteCol ? label.padEnd(10) + ' ' : ''}${('warm=' + warm).padEnd(14)} ${fmt(first).padStart(9)}  ${(fmt(first / nat, 2) + '×').padStart(12)}  ${fmt(warmRun).padStart(7)}  ${(fmt(warmRun / nat, 2) + '×').padStart(11)}  ${fmt(glue).padStart(14)}  ${(fmt(Math.max(0, first - glue) / nat, 2) + '×').padStart(19)}  ${(fmt(best / nat, 2) + '×').padStart(16)}${mark}${memNote}`);
    }
  }
}
}

/** navigation → first paint → FCP → interactive, in ms from navigation start. */
async function tti(url) {
  const { context, page } = await freshPage(url);
  await page.waitForFunction(() => performance.getEntriesByName('portsim-interactive').length > 0, null, { timeout: 60_000 });
  const m = await page.evaluate(() => {
    const paint = name => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const bytes = performance.getEntriesByType('resource').reduce((s, r) => s + (r.transferSize || 0), 0)
      + (performance.getEntriesByType('navigation')[0]?.transferSize || 0);
    const wasm = performance.getEntriesByType('resource').find(r => r.name.endsWith('.wasm'));
    return {
      fp: paint('first-paint'), fcp: paint('first-contentful-paint'), interactive: paint('portsim-interactive'), bytes,
      downloaded: wasm?.responseEnd ?? NaN, instantiated: paint('bench-instantiated'), started: paint('bench-started'),
    };
  });
  await context.close();
  return m;
}

if (firstRunOnly) {
  await browser.close();
  server.kill();
  process.exit(0);
}

const payload = '1.' + deflateRawSync(readFileSync(path.join(repo, 'src/presets/04_backup_transport.json'))).toString('base64url');
const targets = [
  ['hello-world (Yew)', `${PAGES}/target/hello-yew/dist/index.html`],
  ...EMBEDS.map(([label, dir]) => [label, `${PAGES}/${dir}/index.html#s=${payload}`]),
  ...FULLS.map(([label, dir]) => [FULLS.length > 1 ? `full ${label}` : label, `${PAGES}/${dir}/index.html`]),
];
if (compiledOnly) {
  // One browser per page load, with V8 printing every wasm function it compiles; the lines that
  // arrive before the page's `portsim-interactive` mark count (the warm-up is off: `?warm=none`).
  console.log(`\n== wasm code compiled before interactive (median of ${TTI_LOADS} fresh loads; Liftoff = first call)`);
  console.log('page                functions   code bytes   Liftoff ms');
  const counts = Object.fromEntries(targets.map(([name]) => [name, []]));
  for (let k = 0; k < TTI_LOADS; k++) {
    for (const [name, url] of targets) {
      compiledLines.length = 0;
      const lines = compiledLines;
      const b = await chromium.launch({
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
               '--disable-component-update', '--disable-sync', '--js-flags=--trace-wasm-compilation-times'],
      });
      const page = await b.newPage();
      await page.goto(url.includes('#') ? url.replace('#', '?warm=none#') : `${url}?warm=none`);
      await page.waitForFunction(() => performance.getEntriesByName('portsim-interactive').length > 0, null, { timeout: 60_000 });
      const n = lines.length;
      const sum = re => lines.slice(0, n).reduce((s, l) => s + Number(l.match(re)?.[1] ?? 0), 0);
      counts[name].push({ functions: n, bytes: sum(/bodysize (\d+)/), ms: sum(/took (\d+)/) / 1000 });
      await b.close();
    }
  }
  for (const [name, cs] of Object.entries(counts)) {
    console.log(`${name.padEnd(19)} ${String(median(cs.map(c => c.functions))).padStart(9)} ${String(median(cs.map(c => c.bytes))).padStart(12)} ${fmt(median(cs.map(c => c.ms))).padStart(12)}`);
  }
  await browser.close();
  server.kill();
  process.exit(0);
}
console.log(`\n== time to interactive (median of ${TTI_LOADS} fresh loads; targets: embed ≤ 2×, full page ≤ 3× the hello-world)`);
console.log('page                first paint ms   FCP ms   interactive ms   × hello   × hello per round   transfer bytes');
const results = {};
// Interleaved: each round loads every page once, so a change of load hits every page alike.
const loadsOf = Object.fromEntries(targets.map(([name]) => [name, []]));
for (let k = 0; k < TTI_LOADS; k++) {
  for (const [name, url] of targets) loadsOf[name].push(await tti(url));
}
for (const [name] of targets) {
  const loads = loadsOf[name];
  results[name] = {
    fp: median(loads.map(l => l.fp)), fcp: median(loads.map(l => l.fcp)),
    interactive: median(loads.map(l => l.interactive)), bytes: median(loads.map(l => l.bytes)),
  };
}
const base = results['hello-world (Yew)'].interactive;
// "× hello" divides the medians; "per round" is the median of each round's own ratio (the page and
// the hello-world loaded back to back), which a change of the machine's load between rounds moves
// less: the hello-world's own time moved 91 → 156 ms between two runs at load 6 (2026-12-07).
const perRound = name => median(loadsOf[name].map((l, k) => l.interactive / loadsOf['hello-world (Yew)'][k].interactive));
for (const [name, r] of Object.entries(results)) {
  console.log(`${name.padEnd(19)} ${fmt(r.fp).padStart(14)} ${fmt(r.fcp).padStart(8)} ${fmt(r.interactive).padStart(16)} ${(fmt(r.interactive / base, 2) + '×').padStart(9)} ${(fmt(perRound(name), 2) + '×').padStart(19)} ${String(r.bytes).padStart(16)}`);
}
if (phases) {
  console.log('\nwhere the time goes (median ms from navigation): wasm downloaded → instantiated → main returned → interactive');
  for (const [name] of targets) {
    const ls = loadsOf[name];
    const m = k => fmt(median(ls.map(l => l[k])), 0).padStart(6);
    console.log(`${name.padEnd(19)} ${m('downloaded')} ${m('instantiated')} ${m('started')} ${m('interactive')}`);
  }
}
await browser.close();
server.kill();
