// The example documentation page (static/examples/docs.html): both embedded simulators answer the
// postMessage API, and "Run to end" writes the report's totals into the prose.
import { test, expect } from '@playwright/test';
import { watchPage } from './helpers.mjs';

test('docs page drives its two embedded scenarios and shows their totals', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('examples/docs.html');
  const run = page.getByRole('button', { name: 'Run to end' });
  await expect(run).toHaveCount(2);

  await run.nth(0).click();
  const combined = page.locator('#result-combined_state');
  await expect(combined.locator('[data-total="completed"]')).toHaveText('2', { timeout: 30_000 });
  await expect(combined.locator('[data-total="suspendedResumable"]')).toHaveText('3');
  await expect(combined.locator('[data-total="routingFailures"]')).toHaveText('1');

  await run.nth(1).click();
  const backup = page.locator('#result-backup_transport');
  await expect(backup.locator('[data-total="attempts"]')).toHaveText('9', { timeout: 30_000 });
  await expect(backup.locator('[data-total="completed"]')).toHaveText('1');
  await expect(backup.locator('[data-attempts="M1"] li')).toHaveCount(6);
  await expect(backup.locator('[data-attempts="M1"]')).toContainText('00:10:00 — backup');
  watch.assertClean();
});
