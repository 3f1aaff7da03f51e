// Charts view (issue 13): open Charts after a run, read the stacked status chart's data table
// against the engine's report, switch chart type, export CSV, SVG and PNG (a real PNG); axe scans the view in
// English and French.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchPage, openApp } from './helpers.mjs';
import { preset, readyIn, loadViaApi } from './ui6_helpers.mjs';

test('Charts: stacked statuses match the report, chart type switches, CSV, SVG and PNG export', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('backup_transport'));
  await page.evaluate(() => window.portsim.runToEnd());
  const report = await page.evaluate(() => window.portsim.report());
  await page.getByRole('tab', { name: 'Charts' }).click();

  const chart = page.locator('figure.chart svg[role="img"]');
  await expect(chart).toHaveAttribute('aria-label', 'Instances by status');
  // The data table (text alternative): its last row is the run's end, as the report counts it.
  await page.getByText('Data table', { exact: true }).click();
  const table = page.getByRole('region', { name: 'Instances by status — Data table' });
  await expect(table).toBeVisible();
  const headers = await table.locator('thead th').allInnerTexts();
  expect(headers).toEqual(['Time', 'Active', 'Scheduled', 'Suspended (resumable)', 'Suspended (not resumable)', 'Completed', 'Terminated']);
  const last = await table.locator('tbody tr').last().locator('th, td').allInnerTexts();
  expect(Number(last[3])).toBe(report.totals.suspendedResumable);
  expect(Number(last[5])).toBe(report.totals.completed);
  expect(last.slice(1).reduce((a, b) => a + Number(b), 0)).toBe(report.totals.instances);

  // Attempts per endpoint: primary and backup series, failures counted per bin.
  await page.getByRole('radio', { name: 'Attempts per endpoint' }).check();
  await expect(chart).toHaveAttribute('aria-label', 'Attempts per endpoint');
  const attempts = page.getByRole('region', { name: 'Attempts per endpoint — Data table' });
  await expect(attempts.getByRole('cell', { name: 'ftp://backup.example/orders' }).first()).toBeVisible();
  const rows = await attempts.locator('tbody tr').evaluateAll(trs => trs.map(tr => [...tr.children].map(c => c.textContent)));
  expect(rows.reduce((a, r) => a + Number(r[3]), 0)).toBe(report.totals.attempts);
  const failed = report.instances.flatMap(i => i.attempts).filter(a => !a.ok).length;
  expect(rows.reduce((a, r) => a + Number(r[4]), 0)).toBe(failed);
  expect(new Set(rows.map(r => r[2]))).toEqual(new Set(['primary', 'backup']));

  // CSV of the shown chart: milliseconds, one line per row plus the header.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/\.attempts\.csv$/);
  const text = await (await csv.createReadStream()).toArray().then(b => Buffer.concat(b).toString('utf8'));
  expect(text.split('\r\n')[0]).toBe('Time,Address,Transport,Attempts,Failures');
  expect(text.trim().split('\r\n').length).toBe(rows.length + 1);

  // Delivery time per port, and the per-port table with its sparkline.
  await page.getByRole('radio', { name: 'Delivery time per port' }).check();
  await expect(chart).toHaveAttribute('aria-label', 'Delivery time per port');
  const ports = page.getByRole('region', { name: 'Per send port' });
  const row = ports.getByRole('row', { name: /SP_Orders/ });
  await expect(row).toBeVisible();
  const cells = await row.locator('th, td').allInnerTexts();
  expect(cells[0]).toBe('SP_Orders');
  expect(Number(cells[1])).toBe(report.totals.instances);
  expect(Number(cells[4])).toBe(report.totals.attempts);
  await expect(row.locator('td.spark svg polyline')).toHaveCount(1);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG' }).click()]);
  expect(svg.suggestedFilename()).toMatch(/\.delivery\.svg$/);
  // PNG: the same SVG drawn into a canvas at twice its size — a real PNG (signature, IHDR size).
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.delivery\.png$/);
  const bytes = await (await png.createReadStream()).toArray().then(b => Buffer.concat(b));
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const size = await chart.evaluate(s => [Number(s.getAttribute('width')), Number(s.getAttribute('height'))]);
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([size[0] * 2, size[1] * 2]);
  expect(bytes.length).toBeGreaterThan(2000);
  await expect(page.locator('.charts-panel [role="alert"]')).toHaveCount(0);
  watch.assertClean();
});

test('Charts of a large run are aggregated after the run, off the click, and match the report', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  // 60,000 instances: over the panel's one-go limit (50,000), so the aggregation runs as a job.
  const doc = JSON.parse(preset('backup_transport'));
  doc.name = 'large run';
  doc.script = [{ at: '0s', publish: { context: doc.script[0].publish.context, count: 60000, every: '100ms' } }];
  await loadViaApi(page, JSON.stringify(doc));
  await page.getByRole('tab', { name: 'Charts' }).click();
  await page.getByRole('button', { name: 'Run to end' }).click();
  await expect(page.locator('.run-progress')).toHaveCount(0, { timeout: 60_000 });
  await expect(page.locator('.charts-panel [data-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
  const report = await page.evaluate(() => window.portsim.report().totals);
  expect(report.instances).toBe(60000);
  await page.getByText('Data table', { exact: true }).click();
  const table = page.getByRole('region', { name: 'Instances by status — Data table' });
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const last = await table.locator('tbody tr').last().locator('th, td').allInnerTexts();
  expect(last.slice(1).reduce((a, b) => a + Number(b), 0)).toBe(report.instances);
  expect(Number(last[5])).toBe(report.completed);
  // Leaving the tab and coming back shows the same charts without aggregating again.
  await page.getByRole('tab', { name: 'Why?' }).click();
  await page.getByRole('tab', { name: 'Charts' }).click();
  await expect(page.locator('.charts-panel [data-busy="true"]')).toHaveCount(0);
  await expect(page.locator('figure.chart svg[role="img"]')).toHaveAttribute('aria-label', 'Instances by status');
  watch.assertClean();
});

// Short times read in the page's language (the charts' note): a run of 1.5 s is binned in tens of
// milliseconds — written "20ms", never "0.0s" — and French writes "1,5 s" and "20 ms" (decimal comma,
// narrow no-break space before the unit).
for (const lang of ['en', 'fr']) {
  test(`Charts: the note's times read in the page's language, below a second too (${lang})`, async ({ page }) => {
    const watch = watchPage(page);
    await openApp(page);
    await readyIn(page, lang);
    await loadViaApi(page, JSON.stringify({
      format: 'portsim-scenario/1', name: 'short run', seed: 7, until: '1h',
      sendPorts: [{ name: 'SP', kind: 'static-one-way', state: 'started',
        primary: { transport: 'HTTP', address: 'http://quick/a', retryCount: 0, retryInterval: '1m' } }],
      sendPortGroups: [],
      endpoints: [{ address: 'http://quick/a', latency: '1500ms' }],
      script: [{ at: '0s', send: { port: 'SP' } }],
    }));
    await page.evaluate(() => window.portsim.runToEnd());
    await page.getByRole('tab', { name: lang === 'fr' ? 'Graphiques' : 'Charts' }).click();
    const note = page.locator('.charts-note');
    if (lang === 'fr') {
      await expect(note).toHaveText(/^À 1,5\u202Fs, par intervalles de [1-9]\d*\u202Fms\.$/);
    } else {
      await expect(note).toHaveText(/^At 1\.5s, in bins of [1-9]\d*ms\.$/);
    }
    await expect(note).not.toContainText('0.0');
    watch.assertClean();
  });
}

for (const lang of ['en', 'fr']) {
  test(`axe: the Charts view has no serious or critical violations (${lang})`, async ({ page }) => {
    const watch = watchPage(page);
    await openApp(page);
    await readyIn(page, lang);
    await loadViaApi(page, preset('backup_transport'));
    await page.evaluate(() => window.portsim.runToEnd());
    await page.getByRole('tab', { name: lang === 'fr' ? 'Graphiques' : 'Charts' }).click();
    await page.getByText(lang === 'fr' ? 'Tableau des données' : 'Data table', { exact: true }).click();
    const bad = [];
    for (const kind of lang === 'fr'
      ? ['Instances par statut', 'Tentatives par adresse', 'Délai de livraison par port']
      : ['Instances by status', 'Attempts per endpoint', 'Delivery time per port']) {
      await page.getByRole('radio', { name: kind }).check();
      await expect(page.locator('figure.chart svg')).toHaveAttribute('aria-label', kind);
      const results = await new AxeBuilder({ page }).include('.observe').analyze();
      bad.push(...results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `[${lang} ${kind}] ${v.impact} ${v.id}: ${v.help} — ${v.nodes.map(n => n.target.join(' ')).slice(0, 4).join('; ')}`));
    }
    expect(bad, bad.join('\n')).toEqual([]);
    watch.assertClean();
  });
}
