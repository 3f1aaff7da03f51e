// The Learn tab: a lesson is started from its preset, checked by the engine before and after the
// learner acts, progress survives a reload, a corrupt saved value starts fresh, and the preset
// gallery's buttons are named "Load <title>".
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';

async function confirmIfAsked(page) {
  const dialog = page.getByRole('dialog');
  if (await dialog.count()) await dialog.getByRole('button').first().click();
}

test('lesson 1: check fails, Start the port, check passes, progress is kept', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await page.getByRole('tab', { name: 'Learn' }).click();
  const panel = page.getByRole('region', { name: 'Tutorials' });
  await expect(panel.getByText('0 of 10 completed')).toBeVisible();

  await panel.getByRole('button', { name: 'Start lesson' }).click();
  await confirmIfAsked(page);
  const lesson = page.getByRole('complementary', { name: 'Lesson: Bound, Stopped, Started' });
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Not yet');

  await lesson.getByRole('button', { name: 'Show a hint' }).click();
  await expect(lesson.getByText('Hint 1')).toBeVisible();
  await expect(lesson.getByText('Hint 2')).toHaveCount(0);

  await page.getByRole('treeitem', { name: /SP_Orders/ }).first().click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: /Run to end/ }).click();
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Passed');
  await page.getByRole('tab', { name: 'Learn' }).click();
  await expect(panel.getByText('1 of 10 completed')).toBeVisible();

  await page.reload();
  await page.getByRole('tab', { name: 'Learn' }).click();
  await expect(panel.getByText('1 of 10 completed')).toBeVisible();
  await expect(panel.getByRole('img', { name: 'Completed', exact: true })).toHaveCount(1);

  await page.evaluate(() => localStorage.setItem('portsim.tutorials.v1', '{not json'));
  await page.reload();
  await page.getByRole('tab', { name: 'Learn' }).click();
  await expect(panel.getByText('0 of 10 completed')).toBeVisible();
  watch.assertClean();
});

test('the preset gallery loads a preset by its named button', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await page.getByRole('tab', { name: 'Learn' }).click();
  const load = page.getByRole('button', { name: 'Load Retries, backup transport, suspension' });
  await expect(load).toHaveCount(1);
  await load.click();
  await confirmIfAsked(page);
  await expect(page.getByRole('treeitem', { name: /SP_Orders/ }).first()).toBeVisible();
  await page.getByRole('button', { name: /Run to end/ }).click();
  const report = await page.evaluate(() => window.portsim.report());
  expect(report.scenario).toBe('Retries, then the backup transport, then suspension');
  expect(report.totals.attempts).toBe(9);
  watch.assertClean();
});

// Issue 14 §2: the page's wasm carries no preset file; Load and Start lesson fetch presets/NN_name.json.
test('a preset is fetched only when loaded, and a failed fetch says so and keeps the work', async ({ page }) => {
  const fetched = [];
  page.on('request', r => { if (r.url().includes('/presets/')) fetched.push(new URL(r.url()).pathname); });
  let offline = true;
  await page.route('**/presets/*.json', route => (offline ? route.abort() : route.continue()));
  await openApp(page);
  await page.getByRole('tab', { name: 'Learn' }).click();
  expect(fetched, 'no preset is downloaded with the page').toEqual([]);

  // Offline: the notice names the preset and its file, and nothing is replaced.
  await page.getByRole('button', { name: 'Load Retries, backup transport, suspension' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'could not be fetched' })).toHaveText(
    'The scenario “Retries, backup transport, suspension” could not be fetched (presets/04_backup_transport.json): check the connection, then try again. Your work is unchanged.');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect(await page.evaluate(() => (window.portsim.scenario().sendPorts ?? []).length)).toBe(0);
  await page.getByRole('region', { name: 'Tutorials' }).getByRole('button', { name: 'Start lesson' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'could not be fetched' })).toContainText('(presets/11_bound_port.json)');
  await expect(page.getByRole('complementary', { name: /^Lesson:/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/preset-fetch-failed.png' });

  // Back online: the same buttons load the fetched file.
  offline = false;
  await page.getByRole('button', { name: 'Load Retries, backup transport, suspension' }).click();
  await confirmIfAsked(page);
  await expect(page.getByRole('treeitem', { name: /SP_Orders/ }).first()).toBeVisible();
  expect(fetched).toContain('/presets/04_backup_transport.json');
  await expect(page.getByRole('status').filter({ hasText: 'could not be fetched' })).toHaveCount(0);
  await page.getByRole('region', { name: 'Tutorials' }).getByRole('button', { name: 'Start lesson' }).click();
  // The fetched preset would replace the loaded work: asked first (the question comes after the fetch).
  await page.getByRole('alertdialog', { name: 'Replace the current work?' }).getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('complementary', { name: 'Lesson: Bound, Stopped, Started' })).toBeVisible();
  expect(fetched).toContain('/presets/11_bound_port.json');
  await page.screenshot({ path: 'test-results/preset-fetched-lesson.png' });
});
