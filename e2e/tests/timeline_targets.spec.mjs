// Issue 11 #7 (timeline hit targets and edges), through the real page: bars and marks are at
// least 8 px, the dashed retry-wait lines lie under the bars (a click on a failure bar reaches it
// and shows its detail), the end of the run is never under the "now" cursor, every tick drawn is
// labelled (the last one too), and the whole run gets a density strip at large counts.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, inject, runToEnd, hubTable, hubRow, observeTab } from './ui5_helpers.mjs';

const RETRIES = scenario({
  until: '1h',
  sendPorts: [port('SP_Fail', 'started', { primary: { transport: 'FILE', address: 'C:\\out\\fail', retryCount: 3, retryInterval: '1m' } })],
  endpoints: [{ address: 'C:\\out\\fail', latency: '200ms', failures: [{ kind: 'always' }] }],
});

async function boxes(locator) {
  const out = [];
  for (const l of await locator.all()) out.push(await l.boundingBox());
  return out;
}

test('#7 bars and marks are ≥ 8 px, waits lie under bars, a clicked failure bar shows its detail, every tick is labelled', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, RETRIES);
  await inject(page, { port: 'SP_Fail' });
  await runToEnd(page);
  const table = await hubTable(page);
  await hubRow(table, 'M1', 'SP_Fail').getByRole('button', { name: 'Why?' }).click();
  await observeTab(page, 'Timeline');
  const plot = page.getByRole('group', { name: 'Timeline chart' });
  const bars = plot.locator('.tl-bar.failed rect');
  await expect(bars).toHaveCount(4);
  for (const b of await boxes(bars)) {
    expect(b.height).toBeGreaterThanOrEqual(8);
    expect(b.width).toBeGreaterThanOrEqual(8);
  }
  for (const m of await boxes(plot.locator('.tl-mark .tl-hit'))) {
    expect(m.width).toBeGreaterThanOrEqual(8);
    expect(m.height).toBeGreaterThanOrEqual(8);
  }
  // Three retry waits, drawn before (under) the bars.
  await expect(plot.locator('.tl-wait')).toHaveCount(3);
  const order = await plot.locator('svg').evaluate(svg => [...svg.querySelectorAll('.tl-wait, .tl-bar')].map(e => e.classList.contains('tl-wait') ? 'w' : 'b').join(''));
  expect(order).toBe('wwwbbbb');

  // A click at the middle of the 2nd failure bar hits the bar (nothing above it) and shows its detail.
  const second = (await boxes(bars))[1];
  const hit = await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('.tl-bar.failed'),
    [second.x + second.width / 2, second.y + second.height / 2]);
  expect(hit).toBe(true);
  await page.mouse.click(second.x + second.width / 2, second.y + second.height / 2);
  await expect(page.locator('.tl-picked')).toContainText('M1 #2');
  await expect(page.locator('.tl-picked')).toContainText('Transmission Failure');

  // Every tick drawn has its label, the last one included.
  const ticks = plot.locator('.tl-tick');
  const n = await ticks.count();
  expect(n).toBeGreaterThan(2);
  for (let i = 0; i < n; i++) await expect(ticks.nth(i).locator('text').first()).not.toBeEmpty();
  await expect(ticks.nth(n - 1).locator('text')).toHaveCount(2);

  // The end of the run (the suspension mark) is inside the plot, left of its right edge, and on
  // top of the "now" cursor.
  const svgBox = await plot.locator('svg').boundingBox();
  const last = (await boxes(plot.locator('.tl-mark-suspended .tl-hit'))).at(-1);
  expect(last.x + last.width).toBeLessThanOrEqual(svgBox.x + svgBox.width);
  const onTop = await page.evaluate(([x, y]) => !!document.elementFromPoint(x, y)?.closest('.tl-mark'),
    [last.x + last.width / 2, last.y + last.height / 2]);
  expect(onTop).toBe(true);
  // No density strip for one instance.
  await expect(plot.locator('.tl-density')).toHaveCount(0);
  watch.assertClean();
});

test('#7 the whole run shows a density strip of instances by status when there are many', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({
    until: '30m',
    sendPorts: [port('SP_Ok', 'started'), port('SP_Down', 'stopped')],
    script: [{ at: '0s', send: { port: 'SP_Ok' } }],
  }));
  await inject(page, { port: 'SP_Down', count: 600 });
  await runToEnd(page);
  await observeTab(page, 'Timeline');
  await page.getByRole('toolbar', { name: 'Timeline view' }).getByRole('button', { name: 'Whole run' }).click();
  const plot = page.getByRole('group', { name: 'Timeline chart' });
  await expect(plot.locator('.tl-density')).toHaveCount(1);
  await expect(plot.locator('.tl-density rect.tl-dens.status-suspended-resumable').first()).toBeVisible();
  await expect(page.locator('.tl-density-summary')).toContainText('Density (instances by the time they reached their status): 601 in view');
  await expect(page.locator('.tl-density-summary')).toContainText('Suspended (resumable) 600');
  watch.assertClean();
});
