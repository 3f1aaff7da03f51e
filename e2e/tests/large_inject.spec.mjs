// Issue 9 §7 in the page: an injection of 100,000 messages at one instant goes in slices, with a
// progress bar ("Injecting … of 100,000 messages") and a Stop button; Stop pauses it and the page
// answers; the rest goes in with the next run, and the Group Hub then counts every copy.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, inject, clock, runToEnd, hubTable } from './ui5_helpers.mjs';

test('a 100,000-message burst to a group goes in slices with progress and Stop, then completes', async ({ page }) => {
  test.setTimeout(180_000);
  const watch = watchPage(page);
  await openApp(page);
  const members = ['SP_A', 'SP_B', 'SP_C'];
  await importJson(page, scenario({
    sendPorts: members.map(n => port(n, 'started')),
    sendPortGroups: [{ name: 'SPG_All', state: 'started', members }],
  }));
  // The burst goes in within a second here, faster than a test step: the page itself presses
  // Stop the moment the first progress line appears (a DOM click, before the next slice runs)
  // and keeps that line for the test.
  await page.evaluate(() => {
    const seen = new MutationObserver(() => {
      const status = document.querySelector('[data-testid="run-status"]');
      if (status && /Injecting/.test(status.textContent)) {
        window.__progressLine = status.textContent;
        seen.disconnect();
        status.closest('[role="group"]').querySelector('button.run-stop').click();
      }
    });
    seen.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await inject(page, { group: 'SPG_All', count: 100000, every: '0s' });

  const progress = page.getByRole('group', { name: 'Run progress' });
  await expect.poll(() => page.evaluate(() => window.__progressLine ?? '')).toMatch(/Injecting 10,000 of 100,000 messages · 30,000 instances/);
  await expect(progress).toHaveCount(0);

  // The page answers after Stop: the Group Hub renders a part of the burst.
  await hubTable(page);
  const hub = page.getByRole('region', { name: 'Service instances' });
  const all = hub.getByLabel('Status', { exact: true }).locator('option').first();
  await expect(all).toHaveText(/^All \([\d,]+\)$/);
  const partial = Number((await all.textContent()).replace(/\D/g, ''));
  expect(partial).toBe(30000);

  // The rest goes in first when the run goes on: every copy, on every member.
  await runToEnd(page);
  await expect(all).toHaveText('All (300,000)');
  await expect(clock(page).getByText('Finished')).toBeVisible();
  watch.assertClean();
});
