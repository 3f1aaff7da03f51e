// The example documentation page (static/examples/docs.html): both embedded light embeds open on
// their run-to-end summary, answer the postMessage API, and the page writes their report's totals
// into the prose — with one Run to end button per simulator (the embed's own), no view the embed
// lacks, and statuses in words, not raw ids (issue 11 #10).
import { test, expect } from '@playwright/test';
import { watchPage } from './helpers.mjs';

test('docs page reads its two embedded scenarios and shows their totals in words', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('examples/docs.html');
  // One Run to end per simulator: the embed's clock bar; the page adds none of its own.
  await expect(page.getByRole('button', { name: 'Run to end' })).toHaveCount(0);
  for (const title of ['portsim: combined state of port and group', 'portsim: retries, backup transport, suspension']) {
    const frame = page.frameLocator(`iframe[title="${title}"]`);
    await page.locator(`iframe[title="${title}"]`).scrollIntoViewIfNeeded();
    await expect(frame.getByRole('button', { name: /Run to end/ })).toHaveCount(1, { timeout: 30_000 });
  }

  const combined = page.locator('#result-combined_state');
  await expect(combined.locator('[data-total="completed"]')).toHaveText('2', { timeout: 30_000 });
  await expect(combined.locator('[data-total="suspendedResumable"]')).toHaveText('3');
  await expect(combined.locator('[data-total="routingFailures"]')).toHaveText('1');

  const backup = page.locator('#result-backup_transport');
  await expect(backup.locator('[data-total="attempts"]')).toHaveText('9', { timeout: 30_000 });
  await expect(backup.locator('[data-total="completed"]')).toHaveText('1');
  await expect(backup.locator('[data-attempts="M1"] li')).toHaveCount(6);
  await expect(backup.locator('[data-attempts="M1"]')).toContainText('00:10:00 — backup');
  await expect(backup.locator('[data-attempts="M1"] li').last()).toHaveText('Status at the end: Suspended (resumable) — transport failure');
  await expect(page.locator('.demo-status').first()).toContainText('ran this scenario to its end at');

  // No view the embed does not have, no raw ids, no count that disagrees with its noun.
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/Instances view|Instances\b.*\bview/);
  expect(text).not.toMatch(/suspended-resumable|transport-failure|routing-failure/);
  expect(text).not.toMatch(/\b1 routing failures/);
  watch.assertClean();
});
