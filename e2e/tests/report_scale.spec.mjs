// portsim.report() at any size (issue 9, src/ui/js_api.rs): the report object is built in chunks
// of records, never from the whole JSON text. At the 1,000,000-message benchmark that text is
// 695 MB, over the longest string the browser holds, and report() used to answer null there.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { watchPage, openApp } from './helpers.mjs';
import { ready } from './ui6_helpers.mjs';

const CLI = path.resolve(process.env.PORTSIM_CLI ?? '../target/debug/portsim');

/** 20,000 delivered copies (3 chunks of instances, 2 attempts each on a failing window, a group
 *  copy each) and 9,000 messages nobody takes (2 chunks of routing failures). */
const manyRecords = {
  format: 'portsim-scenario/1',
  name: 'Many records',
  seed: 3,
  sendPorts: [{
    name: 'SP_A', kind: 'static-one-way', state: 'started',
    filter: [[{ property: 'Target', operator: '==', value: 'A' }]],
    primary: { transport: 'FILE', address: 'C:\\out\\a', retryCount: 1, retryInterval: '1m' },
  }],
  sendPortGroups: [{ name: 'SPG', state: 'started', members: ['SP_A'], filter: [[{ property: 'Target', operator: '==', value: 'A' }]] }],
  endpoints: [{ address: 'C:\\out\\a', latency: '0s', failures: [{ kind: 'window', from: '0m', to: '30m' }] }],
  script: [
    { at: '0s', publish: { context: { Target: 'A' }, count: 10000, every: '0s' } },
    { at: '1s', publish: { context: { Target: 'B' }, count: 9000, every: '0s' } },
  ],
};

test('report() equals the native CLI `portsim run --json` across several chunks of records', async ({ page }) => {
  expect(existsSync(CLI), `no CLI binary at ${CLI}: set PORTSIM_CLI or run cargo build --bin portsim first`).toBe(true);
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'portsim-report-')), 'many.json');
  writeFileSync(file, JSON.stringify(manyRecords));
  const cli = JSON.parse(execFileSync(CLI, ['run', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 }));
  expect(cli.instances.length).toBe(20000);
  expect(cli.routingFailures.length).toBe(9000);
  const web = await page.evaluate(j => {
    const loaded = window.portsim.loadScenario(j);
    window.portsim.runToEnd();
    const report = window.portsim.report();
    return { loaded, report, keys: Object.keys(report) };
  }, manyRecords);
  expect(web.loaded).toEqual({ ok: true, errors: [] });
  expect(web.report).toEqual(cli);
  expect(web.keys).toEqual(Object.keys(cli));
  watch.assertClean();
});

test('report() at 1,000,000 messages returns the whole report, not null', async ({ page }) => {
  test.setTimeout(600_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'portsim-report-'));
  const file = path.join(dir, 'bench-1000000.json');
  // The benchmark's own scenario (../shared/bench/gen_scenario.py: 20 ports, groups, retries, backups).
  execFileSync('python3', [path.resolve('../../shared/bench/gen_scenario.py'), '1000000', file]);
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  const r = await page.evaluate(j => {
    const loaded = window.portsim.loadScenario(j);
    window.portsim.runToEnd();
    const report = window.portsim.report();
    if (report === null || typeof report !== 'object') return { loaded, report };
    // Checked here, in the page: the object is too big to send back whole.
    const byStatus = {};
    let attempts = 0;
    let idsInOrder = true;
    report.instances.forEach((i, k) => {
      byStatus[i.status] = (byStatus[i.status] ?? 0) + 1;
      attempts += i.attempts.length;
      if (i.id !== k + 1) idsInOrder = false;
    });
    return {
      loaded, format: report.format, totals: report.totals, instances: report.instances.length,
      routingFailures: report.routingFailures.length, byStatus, attempts, idsInOrder,
      first: report.instances[0], keys: Object.keys(report),
    };
  }, readFileSync(file, 'utf8'));
  expect(r.loaded).toEqual({ ok: true, errors: [] });
  expect(r.report, 'report() answered null or a non-object').toBeUndefined();
  expect(r.format).toBe('portsim-report/1');
  expect(r.totals.messages).toBe(1_000_000);
  expect(r.instances).toBe(r.totals.instances);
  expect(r.instances).toBeGreaterThan(1_000_000);
  expect(r.routingFailures).toBe(r.totals.routingFailures);
  expect(r.attempts).toBe(r.totals.attempts);
  expect(r.idsInOrder).toBe(true);
  expect(r.byStatus.completed ?? 0).toBe(r.totals.completed);
  expect(r.byStatus['suspended-resumable'] ?? 0).toBe(r.totals.suspendedResumable);
  expect(r.first).toMatchObject({ id: 1, message: 'M1' });
  expect(r.keys).toEqual(['format', 'scenario', 'seed', 'endMs', 'instances', 'routingFailures', 'rejectedActions',
    'warnings', 'ports', 'groups', 'totals']);
  watch.assertClean();
});
