// The light embed (embed/; the old `?embed` address redirects there) shows only the scenario name, the clock controls, the outcome, the
// timeline and an "Open full simulator" link — no console tree, no editors, no document commands.
// The full page's Embed action gives an iframe snippet whose `embed/#s=` address shows the same
// scenario, works pasted into another page, and never overwrites the visitor's autosaved work.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { preset, ready, loadViaApi, confirmIfAsked, sharePayload, treeChildren } from './ui6_helpers.mjs';

async function expectEmbedChrome(page, name) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('link', { name: 'Open full simulator' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Simulation clock' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Run to end/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Step/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Outcome' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timeline' }).first()).toBeVisible();
  // Not the full console.
  await expect(page.getByRole('tree')).toHaveCount(0);
  await expect(page.getByRole('treeitem')).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Console tree' })).toHaveCount(0);
  await expect(page.getByRole('toolbar', { name: 'Scenario commands' })).toHaveCount(0);
  await expect(page.getByRole('tab')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveCount(0);
}

test('the light embed shows minimal chrome and opens on the run-to-end summary; Reset and Run to end give it again', async ({ page }) => {
  const watch = watchPage(page);
  const json = preset('backup_transport');
  await page.goto(`/embed/#s=${sharePayload(json)}`);
  await ready(page);
  await expectEmbedChrome(page, JSON.parse(json).name);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  // Issue 11 #10: opened on the summary, not at 00:00 with an empty outcome and timeline.
  await expect(page.getByRole('button', { name: /Run to end/ })).toBeDisabled();
  const end = await page.evaluate(() => window.portsim.now());
  expect(end).toBeGreaterThan(0);
  const outcome0 = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome0.getByRole('listitem').filter({ hasText: 'completed' }).locator('.n')).toHaveText('1');
  await expect(page.locator('.obs-timeline svg g').first()).toBeAttached();
  await page.getByRole('button', { name: /Reset/ }).click();
  await expect(outcome0.getByRole('listitem').filter({ hasText: 'completed' }).locator('.n')).toHaveText('0');
  await page.getByRole('button', { name: /Run to end/ }).click();
  expect(await page.evaluate(() => window.portsim.now())).toBe(end);
  const totals = (await page.evaluate(() => window.portsim.report())).totals;
  expect(totals.completed).toBe(1);
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome.getByRole('listitem').filter({ hasText: 'messages' }).locator('.n')).toHaveText(`${totals.messages}`);
  await expect(outcome.getByRole('listitem').filter({ hasText: 'completed' }).locator('.n')).toHaveText(`${totals.completed}`);
  await expect(outcome.getByRole('listitem').filter({ hasText: 'suspended (resumable)' }).locator('.n'))
    .toHaveText(`${totals.suspendedResumable}`);
  // The link opens the same scenario in the full simulator.
  const href = await page.getByRole('link', { name: 'Open full simulator' }).getAttribute('href');
  expect(href).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#s=1\./);
  expect(href).not.toContain('embed');
  watch.assertClean();
});

test('the Embed action gives an iframe snippet of the light embed that shows the scenario and keeps the visitor\'s work', async ({ page, context }) => {
  const watch = watchPage(page);
  await openApp(page);
  const json = preset('partner_broadcast');
  const name = JSON.parse(json).name;
  await loadViaApi(page, json);
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this scenario' });
  const snippet = await dialog.getByLabel('Iframe snippet').inputValue();
  // The snippet points at the light embed (embed/), not the full page.
  expect(snippet).toMatch(/^<iframe src="http:\/\/127\.0\.0\.1:\d+\/embed\/#s=1\.[A-Za-z0-9_-]+" title="[^"]+"/);
  expect(snippet).toContain(`title="${name}"`);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toHaveCount(0);
  const saved = await page.evaluate(() => localStorage.getItem('portsim.autosave.v1'));

  // The snippet's address, opened on its own, is the embed view of this scenario.
  const src = snippet.match(/src="([^"]+)"/)[1];
  const embedded = await context.newPage();
  const watchEmbed = watchPage(embedded);
  await embedded.goto(src);
  await ready(embedded);
  await expectEmbedChrome(embedded, name);
  // It opened on the run-to-end summary (issue 11 #10).
  await expect(embedded.getByRole('button', { name: /Run to end/ })).toBeDisabled();
  // An embed never overwrites the visitor's autosaved work.
  expect(await embedded.evaluate(() => localStorage.getItem('portsim.autosave.v1'))).toBe(saved);

  // "Open full simulator" opens the full console with the same scenario.
  const [full] = await Promise.all([
    context.waitForEvent('page'),
    embedded.getByRole('link', { name: 'Open full simulator' }).click(),
  ]);
  await ready(full);
  await confirmIfAsked(full);
  await expect(full.locator('.doc-name')).toHaveText(name);
  expect(await treeChildren(full, 'Send Ports')).toEqual(JSON.parse(json).sendPorts.map(p => p.name));
  watchEmbed.assertClean();

  // The snippet works pasted into another site's page.
  await page.route('**/e2e6-host.html', route => route.fulfill({
    status: 200, contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><title>host</title></head><body><h1>Host page</h1>${snippet}</body></html>`,
  }));
  await page.goto('/e2e6-host.html');
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(name, { timeout: 20_000 });
  await expect(frame.getByRole('link', { name: 'Open full simulator' })).toBeVisible();
  await expect(frame.getByRole('tree')).toHaveCount(0);
  watch.assertClean();
});

test('?play plays the embed from its start instead of opening on the summary', async ({ page }) => {
  const watch = watchPage(page);
  const json = preset('backup_transport');
  await page.goto(`/embed/?play#s=${sharePayload(json)}`);
  await ready(page);
  await expect(page.getByRole('button', { name: /Pause/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /Run to end/ })).toBeEnabled();
  await expect.poll(() => page.evaluate(() => window.portsim.now())).toBeGreaterThan(0);
  await page.getByRole('button', { name: /Pause/ }).click();
  await expect(page.getByRole('button', { name: /Play/ })).toBeVisible();
  watch.assertClean();
});

test('the embed never points to a view it lacks, and its totals agree with their counts', async ({ page }) => {
  const watch = watchPage(page);
  const json = preset('combined_state');
  await page.goto(`/embed/#s=${sharePayload(json)}`);
  await ready(page);
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome.getByRole('listitem').filter({ hasText: 'completed' }).locator('.n')).toHaveText('2');
  // No Why? view in the embed: no text refers to one.
  await expect(page.locator('body')).not.toContainText('Why?');
  await expect(page.getByRole('region', { name: 'Timeline' }).first()).toContainText('Click a bar');
  // "1 routing failure", "1 message" — never "1 routing failures".
  await expect(outcome.getByRole('listitem').filter({ hasText: 'routing' })).toHaveText(/^\s*1\s*routing failure\s*$/);
  await expect(outcome.getByRole('listitem').filter({ hasText: 'messages' })).toHaveText(/^\s*5\s*messages\s*$/);
  // Screenshots for docs/screenshots (embed-1280.png, embed-390.png); at 390 px nothing is wider than the screen.
  await page.screenshot({ path: 'test-results/embed-1280.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await page.screenshot({ path: 'test-results/embed-390.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  // French: 0 and 1 take the singular.
  await page.goto(`/embed/?lang=fr#s=${sharePayload(json)}`);
  await ready(page);
  const fr = page.getByRole('region', { name: 'Résultat' });
  await expect(fr.getByRole('listitem').filter({ hasText: 'routage' })).toHaveText(/^\s*1\s*échec de routage\s*$/);
  await expect(page.locator('body')).not.toContainText('Pourquoi ?');
  watch.assertClean();
});
