// Issue 11 #6 (layout): a keyboard-accessible splitter between the work area and the Group Hub,
// remembered across a reload; the mouse drags it; the Hub gets the height it is given.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';

test('#6 the work/Hub splitter moves with the keyboard and the mouse and is remembered', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  const split = page.getByRole('separator', { name: /Resize the work area and the Group Hub/ });
  await expect(split).toHaveAttribute('aria-valuenow', '57');
  const observe = page.getByRole('region', { name: 'Observation' });
  const before = (await observe.boundingBox()).height;

  await split.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('PageUp');
  await expect(split).toHaveAttribute('aria-valuenow', '27');
  const after = (await observe.boundingBox()).height;
  expect(after).toBeGreaterThan(before + 150); // the Hub really got the height

  await page.reload();
  await expect(page.getByRole('banner')).toBeVisible({ timeout: 20_000 });
  await expect(split).toHaveAttribute('aria-valuenow', '27');

  // Drag it down with the mouse.
  const box = await split.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 200, { steps: 5 });
  await page.mouse.up();
  const dragged = Number(await split.getAttribute('aria-valuenow'));
  expect(dragged).toBeGreaterThan(27);
  await page.keyboard.press('End');
  watch.assertClean();
});
