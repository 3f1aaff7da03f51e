// Issue 9 §7, through the real page: the Timeline's whole run at scale is built from aggregated
// counts (attempts per port lane and time bin, suspensions), not from every instance; its lanes
// and counts are right; a click on a bin zooms to it and, with few instances in view, the
// instances are drawn one by one (bars that select their instance).
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, runToEnd, observeTab } from './ui5_helpers.mjs';

// 400 messages, one a second, to both ports: SP_Ok delivers each (1 attempt), SP_Down fails
// twice (first attempt + 1 retry) and suspends each — 800 instances, more than are drawn one by one.
const MANY = scenario({
  until: '2h',
  sendPorts: [
    port('SP_Ok', 'started', { filter: [[{ property: 'T', operator: '==', value: 'x' }]] }),
    port('SP_Down', 'started', {
      filter: [[{ property: 'T', operator: '==', value: 'x' }]],
      primary: { transport: 'FILE', address: 'C:\\out\\down', retryCount: 1, retryInterval: '1m' },
    }),
  ],
  endpoints: [{ address: 'C:\\out\\down', latency: '1s', failures: [{ kind: 'always' }] }],
  script: [{ at: '0s', publish: { context: { T: 'x' }, count: 400, every: '1s' } }],
});

/** Sums a number from every list line of a lane: `{port}, … (n OK, n failed, …), n suspended…`. */
function sums(lines, lane) {
  const out = { ok: 0, failed: 0, suspended: 0, lines: 0 };
  for (const l of lines.filter(l => l.startsWith(`${lane},`))) {
    const m = l.match(/\(([\d,]+) OK, ([\d,]+) failed, [\d,]+ in flight\), ([\d,]+) suspended or terminated/);
    if (!m) throw new Error(`unexpected line: ${l}`);
    const n = s => Number(s.replace(/,/g, ''));
    out.ok += n(m[1]); out.failed += n(m[2]); out.suspended += n(m[3]); out.lines += 1;
  }
  return out;
}

test('issue 9 §7: the whole run is drawn from counts per port and bin; a click on a bin zooms in to its instances', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, MANY);
  await runToEnd(page);
  await observeTab(page, 'Timeline');
  const timeline = page.locator('.obs-timeline');
  await expect(timeline).not.toHaveAttribute('data-busy', 'true');
  const plot = page.getByRole('group', { name: 'Timeline chart' });
  // One lane per send port, drawn as bins (no per-instance bars), with the note saying why.
  await expect(plot.locator('.tl-lane .tl-lane-label')).toHaveText(['SP_Ok', 'SP_Down']);
  await expect(plot.locator('.tl-bin-lane')).toHaveCount(2);
  await expect(plot.locator('.tl-bar')).toHaveCount(0);
  await expect(plot.locator('.tl-bin.ok').first()).toHaveAttribute('d', /^M/);
  await expect(plot.locator('.tl-bin.failed').nth(1)).toHaveAttribute('d', /^M/);
  await expect(plot.locator('.tl-bin.failed').nth(0)).toHaveAttribute('d', '');
  await expect(page.locator('.tl-bins-note')).toContainText('800 instances in view');

  // The text alternative lists each non-empty bin; its counts add up to the run's.
  await timeline.locator('details.tl-list summary').click();
  const lines = await timeline.locator('details.tl-list li').allTextContents();
  const ok = sums(lines, 'SP_Ok');
  const down = sums(lines, 'SP_Down');
  expect(ok.lines).toBeGreaterThan(10);
  // An attempt straddling two bins is counted in both: at least one count per attempt.
  expect(ok.ok).toBeGreaterThanOrEqual(400);
  expect(ok.ok).toBeLessThan(800);
  expect(ok.failed + ok.suspended).toBe(0);
  expect(down.ok).toBe(0);
  expect(down.failed).toBeGreaterThanOrEqual(800);
  expect(down.suspended).toBe(400);

  // A click on SP_Down's lane zooms to the bin under the pointer and says what it held.
  const lane = plot.locator('.tl-bin-hit').nth(1);
  const box = await lane.boundingBox();
  await page.mouse.click(box.x + box.width * 0.1, box.y + box.height / 2);
  await expect(page.locator('.tl-picked')).toContainText(/SP_Down, .* attempts \(0 OK, [\d,]+ failed/);
  await expect(timeline).not.toHaveAttribute('data-busy', 'true');
  // Zoomed in, few instances are in view: they are drawn one by one, the bins are gone.
  await expect(plot.locator('.tl-bin-lane')).toHaveCount(0);
  await expect(page.locator('.tl-bins-note')).toHaveCount(0);
  const bars = plot.locator('.tl-bar');
  expect(await bars.count()).toBeGreaterThan(0);
  // A bar selects its instance (the detail names the message and its attempt).
  await plot.locator('.tl-bar.failed').first().click();
  await expect(page.locator('.tl-picked')).toContainText(/M\d+ #\d/);
  // Back to the whole run, still zoomed in (instances one by one); Fit shows its bins again.
  const toolbar = page.getByRole('toolbar', { name: 'Timeline view' });
  await toolbar.getByRole('button', { name: 'Whole run' }).click();
  await expect(plot.locator('.tl-bar').first()).toBeVisible();
  await toolbar.getByRole('button', { name: 'Fit' }).click();
  await expect(plot.locator('.tl-bin-lane')).toHaveCount(2);
  watch.assertClean();
});
