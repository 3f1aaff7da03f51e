// The page loads cleanly and the shell's main regions are visible.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';

test('page loads with no console errors or failed requests and shows the shell regions', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('navigation')).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /Send Ports/ }).first()).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /Send Port Groups/ }).first()).toBeVisible();
  await page.screenshot({ path: 'test-results/shell-1280.png', fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('banner')).toBeVisible();
  await page.screenshot({ path: 'test-results/shell-390.png', fullPage: true });
  watch.assertClean();
});
