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

test('the light embed shows minimal chrome, and Run to end fills the outcome', async ({ page }) => {
  const watch = watchPage(page);
  const json = preset('backup_transport');
  await page.goto(`/embed/#s=${sharePayload(json)}`);
  await ready(page);
  await expectEmbedChrome(page, JSON.parse(json).name);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await page.getByRole('button', { name: /Run to end/ }).click();
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
  await embedded.getByRole('button', { name: /Run to end/ }).click();
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
