// Issue 11 #6 (layout), measured in the real page: at 1280×800 no Hub column is cut off (the row's
// Why? and ⋯ stay fully visible, sticky on the right) and the table box uses the pane's height;
// at 390×844 the row keeps its identity (message and port stay visible when the table scrolls
// sideways) and the sticky clock never covers a heading brought into view. Also writes the
// documentation screenshots of the Hub and the timeline (looked at; copied to docs/screenshots).
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, runToEnd, hubTable, hubRow, observeTab } from './ui5_helpers.mjs';

const ORDER = [[{ property: 'X.Type', operator: '==', value: 'Order' }]];
const WIDE = scenario({
  until: '2h',
  sendPorts: [
    port('SP_Orders_To_Partner_Long_Name_FILE', 'started', { filter: ORDER }),
    port('SP_Down', 'stopped'),
    port('SP_Fail', 'started', {
      primary: { transport: 'FILE', address: 'C:\\out\\fail', retryCount: 2, retryInterval: '5m' },
      backup: { transport: 'FTP', address: 'ftp://backup/out', retryCount: 1, retryInterval: '5m' },
    }),
  ],
  sendPortGroups: [{ name: 'SPG_Partners', state: 'started', members: ['SP_Orders_To_Partner_Long_Name_FILE', 'SP_Down'], filter: ORDER }],
  endpoints: [
    { address: 'C:\\out\\fail', latency: '2s', failures: [{ kind: 'always' }] },
    { address: 'ftp://backup/out', latency: '3s', failures: [{ kind: 'firstAttempts', count: 1 }] },
  ],
  script: [
    { at: '1s', publish: { context: { 'X.Type': 'Order', 'X.Amount': 12 }, count: 40, every: '1m' } },
    { at: '2m', send: { port: 'SP_Fail' }, },
    { at: '10m', send: { port: 'SP_Fail' } },
  ],
});

const inside = (inner, outer) =>
  inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;

test('#6 at 1280×800 no Hub column is cut off and the table box uses the pane height', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, WIDE);
  await runToEnd(page);
  const table = await hubTable(page);
  const scroll = page.getByRole('region', { name: /^Instance rows/ });
  const observeRegion = page.getByRole('region', { name: 'Observation' });
  const pane = await observeRegion.boundingBox();
  const box0 = await scroll.boundingBox();
  // The table box is as tall as the pane less its tab bar (scrolled to, it fills the pane)…
  expect(box0.height).toBeGreaterThan(pane.height - 90);
  expect(box0.height).toBeLessThanOrEqual(pane.height);
  // …and grows by exactly what the splitter gives the pane.
  const split = page.getByRole('separator', { name: /Resize the work area and the Group Hub/ });
  await split.focus();
  await page.keyboard.press('PageUp');
  await expect.poll(async () => (await observeRegion.boundingBox()).height).toBeGreaterThan(pane.height + 100);
  const pane1 = await observeRegion.boundingBox();
  const box1 = await scroll.boundingBox();
  expect(Math.abs((box1.height - box0.height) - (pane1.height - pane.height))).toBeLessThan(4);
  const box = await scroll.boundingBox();
  const first = hubRow(table, 'M1', 'SP_Orders_To_Partner_Long_Name_FILE', 'SPG_Partners');
  for (const name of ['Why?', /^Actions for M1/]) {
    const b = await first.getByRole('button', { name }).boundingBox();
    expect(inside(b, box), `${name} inside the table box`).toBe(true);
  }
  await page.screenshot({ path: 'test-results/hub-1280.png' });

  // The timeline of a retried, failed-over instance, for the docs.
  await page.getByRole('region', { name: 'Service instances', exact: true }).getByLabel('Port', { exact: true }).selectOption('SP_Fail');
  await hubRow(table, 'M3', 'SP_Fail').getByRole('button', { name: 'Why?' }).click();
  await observeTab(page, 'Timeline');
  await page.screenshot({ path: 'test-results/timeline-1280.png' });
  await page.getByRole('toolbar', { name: 'Timeline view' }).getByRole('button', { name: 'Whole run' }).click();
  await page.screenshot({ path: 'test-results/timeline-run-1280.png' });
  watch.assertClean();
});

test('#6 at 390×844 the row keeps its identity when scrolled sideways and the clock covers no heading', async ({ page }) => {
  const watch = watchPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  await importJson(page, WIDE);
  await runToEnd(page);
  const table = await hubTable(page);
  const scroll = page.getByRole('region', { name: /^Instance rows/ });
  await scroll.evaluate(el => { el.scrollLeft = el.scrollWidth; });
  await expect.poll(() => scroll.evaluate(el => el.scrollLeft)).toBeGreaterThan(100);
  const box = await scroll.boundingBox();
  const row = hubRow(table, 'M1', 'SP_Orders_To_Partner_Long_Name_FILE', 'SPG_Partners');
  const msg = await row.getByRole('button', { name: 'M1', exact: true }).boundingBox();
  expect(inside(msg, box), 'message id visible after sideways scroll').toBe(true);
  const portCell = await row.locator('td.port-cell').boundingBox();
  expect(portCell.x).toBeGreaterThanOrEqual(box.x);
  expect(portCell.x + 40).toBeLessThanOrEqual(box.x + box.width);
  const why = await row.getByRole('button', { name: 'Why?' }).boundingBox();
  expect(inside(why, box), 'Why? visible after sideways scroll').toBe(true);
  await page.getByRole('heading', { name: 'Service instances', exact: true }).evaluate(el => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: 'test-results/hub-390.png' });

  // Headings brought into view are never under the sticky clock.
  const clockBox = async () => page.locator('.clock-region').boundingBox();
  for (const heading of [page.getByRole('heading', { name: 'Service instances', exact: true }), page.getByRole('heading', { name: /^Routing failures/ })]) {
    await heading.evaluate(el => el.scrollIntoView({ block: 'start' }));
    const c = await clockBox();
    const h = await heading.boundingBox();
    expect(h.y, 'heading below the clock').toBeGreaterThanOrEqual(c.y + c.height - 0.5);
  }
  await page.getByRole('region', { name: 'Service instances', exact: true }).getByLabel('Port', { exact: true }).selectOption('SP_Fail');
  await hubRow(table, 'M3', 'SP_Fail').getByRole('button', { name: 'Why?' }).click();
  await observeTab(page, 'Timeline');
  await page.getByRole('heading', { name: 'Timeline', exact: true }).evaluate(el => el.scrollIntoView({ block: 'start' }));
  const c = await clockBox();
  expect((await page.getByRole('heading', { name: 'Timeline', exact: true }).boundingBox()).y).toBeGreaterThanOrEqual(c.y + c.height - 0.5);
  await page.screenshot({ path: 'test-results/timeline-390.png' });
  watch.assertClean();
});
