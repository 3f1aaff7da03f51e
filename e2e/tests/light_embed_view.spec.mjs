// The light embed's own view (src/ui/embed_dom, no Yew): every control does what the full page's does —
// a click on a bar selects its instance and says what it was, the zoom buttons and keys move the time
// axis, the list alternative opens, the speed and Play move the clock, Stop ends a long Run to end in
// slices, a work limit leaves its notice with reruns, an invalid link names each error's JSON path, and
// at 390 px the timeline redraws for the narrow screen.
import { test, expect } from '@playwright/test';
import { watchPage } from './helpers.mjs';
import { preset, ready, sharePayload } from './ui6_helpers.mjs';
import { scenario } from './ui5_helpers.mjs';

const open = async (page, json, query = '') => {
  await page.goto('about:blank');
  await page.goto(`/embed/${query}#s=${sharePayload(json)}`);
  await ready(page);
};

test('timeline: a bar selects its instance, zoom and keys move the axis, the list opens, Whole run returns', async ({ page }) => {
  const watch = watchPage(page);
  await open(page, preset('backup_transport'));
  const tl = page.getByRole('region', { name: 'Timeline' });
  await expect(tl.locator('.tl-heading')).toContainText('Whole run');
  await expect(tl.getByRole('button', { name: 'Selected instance' })).toBeDisabled();
  await tl.locator('svg g.tl-bar').first().click();
  await expect(tl.locator('.tl-heading')).toHaveText(/^M1 on SP_Orders — ‖ Suspended \(resumable\)$/);
  await expect(tl.locator('.tl-picked')).toContainText('Selected: 00:00:00.000 (00:00:00)');
  await expect(tl.getByRole('button', { name: 'Selected instance' })).toHaveAttribute('aria-pressed', 'true');
  // Primary and Backup lanes, one bar per attempt (the report's 9 attempts are all M1's and M2's).
  await expect(tl.locator('svg .tl-lane .tl-lane-label')).toHaveText(['Primary', 'Backup']);
  const bars = await tl.locator('svg g.tl-bar').count();
  expect(bars).toBeGreaterThan(3);

  const firstTick = () => tl.locator('svg g.tl-tick text').first().textContent();
  const fitted = await firstTick();
  await tl.getByRole('button', { name: 'Zoom in' }).click();
  await tl.getByRole('button', { name: 'Zoom in' }).click();
  await tl.getByRole('button', { name: 'Later' }).click();
  await expect.poll(firstTick).not.toBe(fitted);
  await tl.getByRole('button', { name: 'Fit' }).click();
  await expect.poll(firstTick).toBe(fitted);
  await tl.getByRole('group', { name: 'Timeline chart' }).focus();
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  await expect.poll(firstTick).not.toBe(fitted);
  await page.keyboard.press('0');
  await expect.poll(firstTick).toBe(fitted);

  // The text alternative lists every item in view.
  await tl.getByText(/Timeline as a list \(\d+ items in view\)/).click();
  await expect(tl.locator('.tl-list li')).toHaveCount(await tl.locator('svg g.tl-bar, svg g.tl-mark, svg line.tl-wait').count());
  await expect(tl.locator('.tl-list li').first()).toContainText('00:00:00.000');

  await tl.getByRole('button', { name: 'Whole run' }).click();
  await expect(tl.locator('.tl-heading')).toContainText('Whole run');
  await expect(tl.locator('svg .tl-lane .tl-lane-label')).toHaveText(['SP_Orders']);
  watch.assertClean();
});

test('clock: Reset, speed and Play move the clock; Step goes one event; Finished at the end', async ({ page }) => {
  const watch = watchPage(page);
  await open(page, preset('backup_transport'));
  const clock = page.getByRole('toolbar', { name: 'Simulation clock' });
  await expect(clock.getByText('Finished')).toBeVisible();
  await clock.getByRole('button', { name: /Reset/ }).click();
  await expect(clock.getByTestId('clock-elapsed')).toHaveText('00:00:00.000');
  await expect(clock.getByText('Finished')).toBeHidden();
  await clock.getByRole('button', { name: /Step/ }).click();
  expect(await page.evaluate(() => window.portsim.now())).toBe(0);
  await expect(clock.getByTestId('clock-next')).not.toHaveText('Next event: none');
  await clock.getByLabel('Speed').selectOption('10000');
  await expect(clock.getByLabel('Speed')).toHaveValue('10000');
  await clock.getByRole('button', { name: /Play/ }).click();
  await expect(clock.getByRole('button', { name: /Pause/ })).toBeVisible();
  await expect(clock.getByText('Finished')).toBeVisible({ timeout: 20_000 });
  await expect(clock.getByRole('button', { name: /Play/ })).toBeDisabled();
  const report = await page.evaluate(() => window.portsim.report());
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome.getByRole('listitem').filter({ hasText: 'completed' }).locator('.n')).toHaveText(`${report.totals.completed}`);
  watch.assertClean();
});

test('a long Run to end goes in slices with progress and Stop; a work limit leaves its notice and reruns', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchPage(page);
  const long = scenario({
    until: '2d',
    sendPorts: [{ name: 'SP_Down', kind: 'static-one-way', state: 'started',
      primary: { transport: 'FILE', address: 'C:\\down', retryCount: 1000, retryInterval: '1m' } }],
    endpoints: [{ address: 'C:\\down', failures: [{ kind: 'always' }] }],
    script: [{ at: '0s', send: { port: 'SP_Down', count: 6000 } }],
  });
  await open(page, long);
  const progress = page.getByRole('group', { name: 'Run progress' });
  await expect(progress).toBeVisible();
  await expect(progress.getByTestId('run-status')).toContainText('events/s');
  await progress.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(progress).toBeHidden();
  const stopped = await page.evaluate(() => window.portsim.now());
  expect(stopped).toBeLessThan(2 * 86_400_000);
  await expect(page.getByRole('button', { name: /Run to end/ })).toBeEnabled();

  const sr = name => ({ name, kind: 'static-solicit-response', state: 'started',
    filter: [[{ property: 'BTS.SPName', operator: 'exists' }]], primary: { transport: 'HTTP', address: 'http://x' } });
  const storm = scenario({
    limits: { maxInstances: 300 },
    sendPorts: [sr('S0'), sr('S1'), sr('S2'),
      { name: 'E', kind: 'static-solicit-response', state: 'started', primary: { transport: 'HTTP', address: 'http://x' } }],
    script: [{ at: '0s', send: { port: 'E' } }],
  });
  await open(page, storm);
  const notice = page.getByRole('alert').filter({ hasText: 'The run stopped at a work limit' });
  await expect(notice).toContainText('Instance limit reached at 00:00:00.000: more than 300 instances.');
  await expect(notice).toContainText('What was growing: responses of S0, S1 and S2 subscribe to each other:');
  await notice.getByRole('button', { name: 'Rerun with limits ×10' }).click();
  await expect(notice).toContainText('more than 3,000 instances.');
  watch.assertClean();
});

test('an invalid linked scenario lists each error with its JSON path; at 390 px the timeline fits the screen', async ({ page }) => {
  const watch = watchPage(page);
  await open(page, JSON.stringify({ format: 'portsim-scenario/1', sendPorts: [{ name: '' }] }));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/error/);
  await expect(alert.locator('li code').first()).toHaveText(/^\/sendPorts\/0/);

  await open(page, preset('combined_state'));
  await page.setViewportSize({ width: 390, height: 844 });
  const tl = page.getByRole('region', { name: 'Timeline' });
  // The narrow gutter shortens the port names; the plot is as wide as its box.
  await expect(tl.locator('svg .tl-lane-label').first()).toHaveText('SP_Star…');
  const widths = await tl.evaluate(s => [s.querySelector('.tl-plot').clientWidth, Number(s.querySelector('svg').getAttribute('width'))]);
  expect(Math.abs(widths[0] - widths[1])).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/light-embed-view-390.png', fullPage: true });
  watch.assertClean();
});
