// The embed with its Charts view (issue 14 §1): `embed/?charts` (and an old `?embed&charts` link)
// go by redirect to `embed/charts/`, a wasm of its own with the Charts view, so the light embed
// without charts loads none of the charts' code. The Charts view there draws the run the embed
// opened on; the light embed shows no charts.
import { test, expect } from '@playwright/test';
import { watchPage } from './helpers.mjs';
import { preset, sharePayload } from './ui6_helpers.mjs';

// Requests of the document left behind by a redirect that the browser aborts (its preloaded js and
// wasm, its css, and the document itself when still arriving): not problems.
const abortedByRedirect = p => p.includes('ERR_ABORTED') &&
  /requestfailed: \S+\/(portsim-web|portsim-embed)-[^/]*\.(js|wasm)|requestfailed: \S+\/(base|style|observe|hub)-[^/]*\.css|requestfailed: \S+:\d+\/(embed\/)?\?/.test(p);

test('embed/?charts opens the embed with charts: the run it opened on, drawn and counted', async ({ page }) => {
  const watch = watchPage(page);
  const requests = [];
  page.on('request', r => requests.push(r.url()));
  const json = preset('backup_transport');
  await page.goto(`/embed/?charts#s=${sharePayload(json)}`);
  await expect(page).toHaveURL(/\/embed\/charts\/\?charts#s=1\./);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name, { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Outcome' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' }).first()).toBeVisible();

  // The Charts view of the run-to-end summary: its data table's last row is the report's end.
  const report = await page.evaluate(() => window.portsim.report());
  expect(report.totals.instances).toBeGreaterThan(0);
  const chart = page.locator('.embed-charts figure.chart svg[role="img"]');
  await expect(chart).toHaveAttribute('aria-label', 'Instances by status');
  await page.locator('.embed-charts').getByText('Data table', { exact: true }).click();
  const table = page.getByRole('region', { name: 'Instances by status — Data table' });
  const last = await table.locator('tbody tr').last().locator('th, td').allInnerTexts();
  expect(Number(last[3])).toBe(report.totals.suspendedResumable);
  expect(Number(last[5])).toBe(report.totals.completed);
  expect(last.slice(1).reduce((a, b) => a + Number(b), 0)).toBe(report.totals.instances);

  // "Open full simulator" leads to the full page (two levels up), not to embed/.
  const href = await page.getByRole('link', { name: 'Open full simulator' }).getAttribute('href');
  expect(new URL(href).pathname).toBe('/');
  expect(href).toContain('#s=');

  // It runs the charts entry's wasm; the light embed's was at most started before the redirect.
  const wasm = requests.filter(u => u.endsWith('.wasm'));
  expect(wasm).toContainEqual(expect.stringMatching(/\/embed\/charts\/portsim-embed-charts-[^/]*\.wasm$/));
  expect(wasm.every(u => /\/embed\/(charts\/portsim-embed-charts|portsim-embed)-[^/]*\.wasm$/.test(u))).toBe(true);
  expect(watch.problems.filter(p => !abortedByRedirect(p))).toEqual([]);
});

test('an old ?embed&charts link goes straight to the embed with charts; the light embed has none', async ({ page }) => {
  const watch = watchPage(page);
  const json = preset('combined_state');
  await page.goto(`/?embed&charts#s=${sharePayload(json)}`);
  await expect(page).toHaveURL(/\/embed\/charts\/\?embed&charts#s=1\./);
  await expect(page.locator('.embed-charts figure.chart svg[role="img"]')).toBeVisible({ timeout: 20_000 });
  expect(watch.problems.filter(p => !abortedByRedirect(p))).toEqual([]);

  // Without ?charts: the light embed, with no Charts view and no charts wasm.
  const requests = [];
  page.on('request', r => requests.push(r.url()));
  await page.goto(`/embed/#s=${sharePayload(json)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name, { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Outcome' })).toBeVisible();
  await expect(page.locator('.embed-charts')).toHaveCount(0);
  expect(requests.filter(u => u.endsWith('.wasm'))).toEqual([expect.stringMatching(/\/embed\/portsim-embed-[^/]*\.wasm$/)]);
});
