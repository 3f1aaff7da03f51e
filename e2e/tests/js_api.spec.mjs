// window.portsim (src/ui/js_api.rs): loadScenario with an object or a string, refusals with JSON
// paths that keep the current model, runUntil / step / runToEnd / trace / on, the report equal to
// the native CLI's `portsim run FILE --json` for every preset, and the same verbs over postMessage
// from a parent page that embeds the simulator in an iframe.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { watchPage, openApp } from './helpers.mjs';
import { preset, presets, ready, scenarioOf, treeChildren } from './ui6_helpers.mjs';

/** `HH:MM:SS.mmm` as the clock shows elapsed time (under a day). */
/** Opens the page, waits for its API and loads the backup_transport preset through it; returns the page watch. */
async function openWithBackupPreset(page) {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  expect((await page.evaluate(s => window.portsim.loadScenario(s), preset('backup_transport'))).ok).toBe(true);
  return watch;
}

function elapsed(ms) {
  const p = (n, w = 2) => String(n).padStart(w, '0');
  return `${p(Math.floor(ms / 3_600_000))}:${p(Math.floor(ms / 60_000) % 60)}:${p(Math.floor(ms / 1000) % 60)}.${p(ms % 1000, 3)}`;
}

const CLI = path.resolve(process.env.PORTSIM_CLI ?? '../target/debug/portsim');

test('loadScenario takes an object or a string; a bad scenario is refused with paths and the model is kept', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  const bound = JSON.parse(preset('bound_port'));
  expect(await page.evaluate(o => window.portsim.loadScenario(o), bound)).toEqual({ ok: true, errors: [] });
  await expect(page.locator('.doc-name')).toHaveText(bound.name);
  expect(await treeChildren(page, 'Send Ports')).toEqual(['SP_Orders']);

  const text = preset('partner_broadcast');
  expect(await page.evaluate(s => window.portsim.loadScenario(s), text)).toEqual({ ok: true, errors: [] });
  await expect(page.locator('.doc-name')).toHaveText(JSON.parse(text).name);
  const kept = await scenarioOf(page);
  const keptPorts = await treeChildren(page, 'Send Ports');
  expect(kept.name).toBe(JSON.parse(text).name);

  const bad = { format: 'portsim-scenario/1', name: 'Broken', sendPorts: [{ name: 'X', kind: 'static-one-way', primary: { transport: 'FILE', address: 'C:\\x', retryCount: 5000 } }] };
  const refused = await page.evaluate(o => window.portsim.loadScenario(o), bad);
  expect(refused.ok).toBe(false);
  expect(refused.errors.length).toBeGreaterThan(0);
  for (const e of refused.errors) {
    expect(typeof e.path).toBe('string');
    expect(typeof e.kind).toBe('string');
    expect(e.message.length).toBeGreaterThan(0);
  }
  expect(refused.errors.map(e => e.path)).toContain('/sendPorts/0/primary/retryCount');
  const notJson = await page.evaluate(() => window.portsim.loadScenario('{ this is not json'));
  expect(notJson.ok).toBe(false);
  expect(notJson.errors.length).toBeGreaterThan(0);
  expect(notJson.errors[0]).toHaveProperty('path');

  expect(await scenarioOf(page)).toEqual(kept);
  await expect(page.locator('.doc-name')).toHaveText(kept.name);
  expect(await treeChildren(page, 'Send Ports')).toEqual(keptPorts);
  watch.assertClean();
});

test('runUntil, step, runToEnd, trace and on("completed") drive and observe the page', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  const json = preset('backup_transport');
  expect((await page.evaluate(s => window.portsim.loadScenario(s), json)).ok).toBe(true);

  const r = await page.evaluate(() => {
    const completed = [];
    const all = [];
    const before = window.portsim.trace().length;
    const okCompleted = window.portsim.on('completed', e => completed.push(e));
    const okAll = window.portsim.on('*', e => all.push(e.kind));
    const thrown = f => { try { f(); return 'no error'; } catch (e) { return `${e.name}: ${e.message}`; } };
    const okBogus = thrown(() => window.portsim.on('no-such-kind', () => {}));
    const at = window.portsim.runUntil('1h');
    const now = window.portsim.now();
    const traceAt1h = window.portsim.trace();
    const stepped = window.portsim.step();
    const traceAfterStep = window.portsim.trace();
    const end = window.portsim.runToEnd();
    const trace = window.portsim.trace();
    const badDuration = thrown(() => window.portsim.runUntil('soon'));
    return { before, okCompleted, okAll, okBogus, at, now, traceAt1h, stepped, traceAfterStep, end, trace, completed, all,
      report: window.portsim.report(), badDuration };
  });
  expect([r.okCompleted, r.okAll]).toEqual([true, true]);
  expect(r.okBogus).toMatch(/^TypeError: portsim\.on\(kind, callback\): "no-such-kind" is not an event kind/);
  expect(r.at).toBe(3_600_000);
  expect(r.now).toBe(3_600_000);
  expect(Array.isArray(r.trace)).toBe(true);
  expect(r.trace.every(l => typeof l === 'string' && /^\d\d:\d\d:\d\d\.\d{3} /.test(l))).toBe(true);
  expect(r.traceAt1h.length).toBeGreaterThan(0);
  expect(typeof r.stepped).toBe('boolean');
  expect(r.traceAfterStep.length).toBeGreaterThanOrEqual(r.traceAt1h.length);
  expect(r.trace.slice(0, r.traceAt1h.length)).toEqual(r.traceAt1h);
  expect(r.end).toBe(r.report.endMs);
  // Every trace event after the subscription was announced once to the "*" listener.
  expect(r.all.length).toBe(r.trace.length - r.before);
  expect(r.all.length).toBeGreaterThan(0);
  expect(r.completed.length).toBe(r.report.totals.completed);
  expect(r.completed.length).toBeGreaterThan(0);
  for (const e of r.completed) {
    expect(e.kind).toBe('completed');
    expect(typeof e.at).toBe('number');
    expect(typeof e.port).toBe('string');
    expect(r.trace).toContain(e.line);
  }
  expect(r.badDuration).toMatch(/^TypeError: portsim\.runUntil\(duration\): /);
  // The page shows where the API left the clock.
  await expect(page.getByTestId('clock-elapsed')).toHaveText(elapsed(r.end));
  watch.assertClean();
});

test('the report equals the native CLI `portsim run --json` on every preset', async ({ page }) => {
  expect(existsSync(CLI), `no CLI binary at ${CLI}: set PORTSIM_CLI or run cargo build --bin portsim first`).toBe(true);
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  const all = presets();
  expect(all.length).toBeGreaterThanOrEqual(13);
  for (const p of all) {
    const cli = JSON.parse(execFileSync(CLI, ['run', p.path, '--json'], { encoding: 'utf8' }));
    const web = await page.evaluate(j => {
      const loaded = window.portsim.loadScenario(j);
      window.portsim.runToEnd();
      return { loaded, report: window.portsim.report() };
    }, p.json);
    expect(web.loaded, p.file).toEqual({ ok: true, errors: [] });
    expect(web.report, p.file).toEqual(cli);
  }
  watch.assertClean();
});

const HARNESS = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portsim harness</title></head>
<body><h1>Harness</h1><iframe id="sim" title="portsim" src="/embed/" width="900" height="500"></iframe>
<script>
  let nextId = 1;
  const pending = new Map();
  window.events = [];
  window.addEventListener('message', e => {
    const d = e.data;
    if (!d || e.source !== document.getElementById('sim').contentWindow) return;
    if (d.portsim === 'event') { window.events.push(d); return; }
    if (d.portsim === 'result' && pending.has(d.id)) { pending.get(d.id)(d.value); pending.delete(d.id); }
  });
  window.call = (verb, args = [], timeout = 5000) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, resolve);
    setTimeout(() => { if (pending.delete(id)) reject(new Error('no answer to ' + verb)); }, timeout);
    document.getElementById('sim').contentWindow.postMessage({ portsim: verb, args, id }, '*');
  });
  window.callId = () => nextId;
</script></body></html>`;

test('the postMessage verbs answer a parent page that embeds the simulator', async ({ page }) => {
  const watch = watchPage(page);
  await page.route('**/e2e6-harness.html', route => route.fulfill({ status: 200, contentType: 'text/html', body: HARNESS }));
  await page.goto('/e2e6-harness.html');
  const frame = page.frameLocator('#sim');
  await expect(frame.getByRole('link', { name: 'Open full simulator' })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => page.evaluate(() => window.call('now', [], 500).catch(() => null)), { timeout: 20_000 }).toBe(0);

  const json = preset('combined_state');
  const name = JSON.parse(json).name;
  expect(await page.evaluate(j => window.call('loadScenario', [j]), json)).toEqual({ ok: true, errors: [] });
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(name);
  const refused = await page.evaluate(() => window.call('loadScenario', [{ format: 'portsim-scenario/9' }]));
  expect(refused.ok).toBe(false);
  expect(refused.errors[0]).toHaveProperty('path');
  expect((await page.evaluate(() => window.call('scenario'))).name).toBe(name);

  const onId = await page.evaluate(() => window.callId());
  expect(await page.evaluate(() => window.call('on', ['completed']))).toBe(true);
  expect(await page.evaluate(() => window.call('runUntil', ['1m']))).toBe(60_000);
  expect(typeof (await page.evaluate(() => window.call('step')))).toBe('boolean');
  const end = await page.evaluate(() => window.call('runToEnd'));
  const report = await page.evaluate(() => window.call('report'));
  expect(report.format).toBe('portsim-report/1');
  expect(report.scenario).toBe(name);
  expect(end).toBe(report.endMs);
  const trace = await page.evaluate(() => window.call('trace'));
  expect(trace.length).toBeGreaterThan(0);
  expect(trace.every(l => typeof l === 'string')).toBe(true);
  expect(await page.evaluate(() => window.call('noSuchVerb'))).toHaveProperty('error');
  // The "on" subscription's events came back tagged with its request id.
  await expect.poll(() => page.evaluate(() => window.events.length)).toBe(report.totals.completed);
  const events = await page.evaluate(() => window.events);
  expect(report.totals.completed).toBeGreaterThan(0);
  for (const e of events) {
    expect(e.id).toBe(onId);
    expect(e.value.kind).toBe('completed');
    expect(trace).toContain(e.value.line);
  }
  // The embedded page shows the outcome the parent asked for.
  await expect(frame.getByRole('region', { name: 'Outcome' })).toContainText(`${report.totals.completed}`);
  watch.assertClean();
});

test('strict arguments: clear TypeErrors, off removes exactly one subscription, no subscription by accident', async ({ page }) => {
  const watch = await openWithBackupPreset(page);
  const r = await page.evaluate(() => {
    const thrown = f => { try { f(); return 'no error'; } catch (e) { return `${e.name}: ${e.message}`; } };
    const cyclic = { format: 'portsim-scenario/1' };
    cyclic.self = cyclic;
    const errors = {
      onNumber: thrown(() => window.portsim.on(42, () => {})),
      onNoCallback: thrown(() => window.portsim.on('completed', 'not a function')),
      offNumber: thrown(() => window.portsim.off(42, () => {})),
      bigint: thrown(() => window.portsim.loadScenario({ format: 'portsim-scenario/1', seed: 1n })),
      cyclic: thrown(() => window.portsim.loadScenario(cyclic)),
      number: thrown(() => window.portsim.loadScenario(5)),
      runUntilNumber: thrown(() => window.portsim.runUntil(5)),
      reportArg: thrown(() => window.portsim.report('x')),
    };
    const seen = [];
    const f = e => seen.push(e.kind);
    const g = e => seen.push('g:' + e.kind);
    window.portsim.on('completed', f);
    window.portsim.on('*', g);
    const removed = window.portsim.off('completed', f);
    const removedAgain = window.portsim.off('completed', f);
    const removedWrongKind = window.portsim.off('suspended', g);
    window.portsim.runToEnd();
    return { errors, removed, removedAgain, removedWrongKind, seen, completed: window.portsim.report().totals.completed };
  });
  expect(r.errors.onNumber).toMatch(/^TypeError: portsim\.on\(kind, callback\): kind must be a string.*not a number$/);
  expect(r.errors.onNoCallback).toMatch(/^TypeError: portsim\.on\(kind, callback\): callback must be a function, not a string$/);
  expect(r.errors.offNumber).toMatch(/^TypeError: portsim\.off\(kind, callback\): kind must be a string/);
  expect(r.errors.bigint).toMatch(/^TypeError: portsim\.loadScenario\(scenario\): the object cannot be written as JSON \(.*BigInt/);
  expect(r.errors.cyclic).toMatch(/^TypeError: portsim\.loadScenario\(scenario\): the object cannot be written as JSON/);
  expect(r.errors.number).toBe('TypeError: portsim.loadScenario(scenario): scenario must be a JSON string or a scenario object, not a number');
  expect(r.errors.runUntilNumber).toMatch(/^TypeError: portsim\.runUntil\(duration\): duration must be a string/);
  expect(r.errors.reportArg).toBe('TypeError: portsim.report() takes no argument');
  expect([r.removed, r.removedAgain, r.removedWrongKind]).toEqual([true, false, false]);
  // Only g (all kinds) is still subscribed; the failed on(42, …) subscribed nothing.
  expect(r.seen.length).toBeGreaterThan(0);
  expect(r.seen.every(k => k.startsWith('g:'))).toBe(true);
  expect(r.seen.filter(k => k === 'g:completed').length).toBe(r.completed);
  watch.assertClean();
});

test('setLimits applies any subset of the limits; a wrong argument throws naming the rule and changes nothing', async ({ page }) => {
  const watch = await openWithBackupPreset(page);
  const r = await page.evaluate(() => {
    const thrown = f => { try { f(); return 'no error'; } catch (e) { return `${e.name}: ${e.message}`; } };
    const before = window.portsim.limits();
    const set = window.portsim.setLimits({ maxEvents: 5000, maxMemoryMb: 64 });
    const errors = {
      unknownField: thrown(() => window.portsim.setLimits({ maxEvent: 5 })),
      negative: thrown(() => window.portsim.setLimits({ maxEvents: -1 })),
      fraction: thrown(() => window.portsim.setLimits({ maxEvents: 1.5 })),
      notFinite: thrown(() => window.portsim.setLimits({ maxEvents: NaN })),
      text: thrown(() => window.portsim.setLimits({ maxEvents: '5' })),
      number: thrown(() => window.portsim.setLimits(5)),
      array: thrown(() => window.portsim.setLimits([5])),
    };
    const after = window.portsim.limits();
    // A run stopped by a limit: limits().reached is the report's limit record.
    window.portsim.setLimits({ maxInstances: 1 });
    window.portsim.runToEnd();
    const stopped = window.portsim.limits();
    const reportLimit = window.portsim.report().limit;
    return { before, set, after, errors, stopped, reportLimit };
  });
  expect(r.before.reached).toBeNull();
  expect(r.set).toMatchObject({ maxInstances: r.before.maxInstances, maxEvents: 5000, maxMemoryMb: 64, reached: null });
  expect(r.after).toEqual(r.set);
  expect(r.stopped).toMatchObject({ maxInstances: 1, maxEvents: 5000, maxMemoryMb: 64 });
  expect(r.stopped.reached).toMatchObject({ kind: 'instances', limit: 1 });
  expect(r.stopped.reached).toEqual(r.reportLimit);
  const rule = 'TypeError: portsim.setLimits expects {maxInstances, maxEvents, maxMemoryMb}, each an integer from 1 to ';
  for (const [name, e] of Object.entries(r.errors)) expect(e.startsWith(rule), `${name}: ${e}`).toBe(true);
  expect(r.errors.unknownField).toContain('unknown field `maxEvent`');
  expect(r.errors.negative).toContain('invalid value');
  expect(r.errors.notFinite).toContain('got a number that is not finite');
  expect(r.errors.number).toMatch(/got a number$/);
  expect(r.errors.array).toMatch(/got an array$/);
  watch.assertClean();
});
