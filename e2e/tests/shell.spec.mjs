// The page loads cleanly and the shell's main regions are visible, at 1280 px and at 390 px.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';

async function expectShell(page) {
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('toolbar', { name: 'Scenario commands' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Simulation clock' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Console tree' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Observation' })).toBeAttached();
  const tree = page.getByRole('tree');
  await expect(tree.getByRole('treeitem', { name: 'Send Ports', exact: true })).toBeVisible();
  await expect(tree.getByRole('treeitem', { name: 'Send Port Groups', exact: true })).toBeVisible();
  await expect(page.getByRole('tablist', { name: 'Work area' }).getByRole('tab')).toHaveText(['Details', 'Inject', 'Operations', 'Topology', 'Learn']);
  await expect(page.getByRole('tablist', { name: 'Observation' }).getByRole('tab')).toHaveText(['Group Hub', 'Timeline', 'Why?', 'Event log', 'Charts', 'Compare', 'Sweep']);
}

test('page loads with no console errors or failed requests and shows the shell regions', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await expectShell(page);
  await page.screenshot({ path: 'test-results/shell-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expectShell(page);
  // Nothing is wider than the phone screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/shell-390.png', fullPage: true });
  watch.assertClean();
});

test('an empty scenario offers a getting-started hint that opens the presets and lessons', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  const hint = page.getByRole('complementary', { name: 'Getting started' });
  await expect(hint).toBeVisible();
  await hint.getByRole('button', { name: 'Browse presets and lessons' }).click();
  await expect(page.getByRole('tab', { name: 'Learn' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Load Retries, backup transport, suspension' }).click();
  await page.getByRole('tab', { name: 'Details' }).click();
  await expect(page.getByRole('treeitem', { name: /SP_Orders/ })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Getting started' })).toHaveCount(0);
  watch.assertClean();
});
