// Permalinks: the header's Permalink button puts the whole document into the URL fragment; a fresh
// browser opening that link gets the same ports, groups and report. A damaged link, or one that
// would inflate past the 2 MiB bound (src/share.rs), shows a clear notice and keeps the current
// work; a valid link over existing work asks before replacing it.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { readFileSync } from 'node:fs';
import { preset, sharePayload, ready, loadViaApi, scenarioOf, treeChildren, selectNode, confirmIfAsked } from './ui6_helpers.mjs';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('Permalink round trip: a fresh browser opens the same ports, groups and report', async ({ page, browser, baseURL }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('combined_state'));
  // An edit made in the UI (so the link carries more than the preset): a new port, applied.
  await selectNode(page, 'Send Ports');
  await page.getByRole('button', { name: 'Static One-way Send Port' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('treeitem', { name: 'SendPort1' })).toBeVisible();

  const ports = await treeChildren(page, 'Send Ports');
  const groups = await treeChildren(page, 'Send Port Groups');
  expect(ports).toContain('SendPort1');
  expect(groups.length).toBeGreaterThan(0);
  const doc = await scenarioOf(page);

  await page.getByRole('button', { name: 'Permalink' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Permalink copied to the clipboard.' })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link.startsWith(`${baseURL}#s=1.`), link.slice(0, 80)).toBe(true);
  const report = await page.evaluate(() => { window.portsim.runToEnd(); return window.portsim.report(); });

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const watchOther = watchPage(other);
  await other.goto(link);
  await ready(other);
  // Nothing to lose in a fresh browser: the link opens without asking.
  await expect(other.getByRole('alertdialog')).toHaveCount(0);
  expect(await treeChildren(other, 'Send Ports')).toEqual(ports);
  expect(await treeChildren(other, 'Send Port Groups')).toEqual(groups);
  expect(await scenarioOf(other)).toEqual(doc);
  await other.getByRole('button', { name: /Run to end/ }).click();
  expect(await other.evaluate(() => window.portsim.report())).toEqual(report);
  // The handled link leaves the address bar, so a reload restores the autosave without asking again.
  expect(other.url()).not.toContain('#s=');
  await other.reload();
  await ready(other);
  await expect(other.getByRole('alertdialog')).toHaveCount(0);
  expect(await scenarioOf(other)).toEqual(doc);
  watchOther.assertClean();
  await fresh.close();
  watch.assertClean();
});

/** Opens `fragment` as a new document load of the app (a hash-only change would not reload). */
async function openLink(page, fragment) {
  await page.goto('about:blank');
  await page.goto(`/${fragment}`);
  await ready(page);
}

test('a damaged or oversized permalink shows a clear notice and keeps the current work', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('backup_transport'));
  const before = await scenarioOf(page);
  const ports = await treeChildren(page, 'Send Ports');

  // 3 MB of spaces deflates to a few KB but inflates past the 2 MiB bound.
  const bomb = sharePayload(Buffer.alloc(3 * 1024 * 1024, 0x20));
  expect(bomb.length).toBeLessThan(20_000);
  // The headline names the cause: an over-size or other-version link is not "damaged" (issue 10 §8).
  const damaged = 'This link is damaged or incomplete, so it could not be opened. Your current work was kept.';
  const cases = [
    ['#s=garbage', /unknown format version/, 'This link was made by another version of portsim and cannot be opened here.'],
    ['#s=1.@@not-base64@@', /damaged: invalid base64url/, damaged],
    ['#s=1.' + Buffer.from('not deflate at all').toString('base64url'), /damaged/, damaged],
    [`#s=${bomb}`, /larger than the limit of 2097152 bytes \(2 MiB\)/, "This link's scenario is too large to open in a link (over 2 MiB). Your current work was kept"],
  ];
  for (const [fragment, detail, headline] of cases) {
    await openLink(page, fragment);
    const notice = page.getByRole('dialog', { name: 'Notice' });
    await expect(notice, fragment.slice(0, 40)).toBeVisible();
    await expect(notice).toContainText(headline);
    if (headline !== damaged) await expect(notice).not.toContainText('damaged');
    await expect(notice.getByLabel('Details')).toHaveValue(detail);
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
    await notice.getByRole('button', { name: 'OK' }).click();
    await expect(notice).toHaveCount(0);
    expect(await scenarioOf(page)).toEqual(before);
    expect(await treeChildren(page, 'Send Ports')).toEqual(ports);
  }
  watch.assertClean();
});

test('a permalink pasted into the open page\'s address bar asks before replacing; a bad one only informs', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('backup_transport'));
  const before = await scenarioOf(page);
  const linked = preset('bound_port');

  await page.evaluate(h => { location.hash = h; }, '#s=1.%%%');
  const notice = page.getByRole('dialog', { name: 'Notice' });
  await expect(notice).toContainText('This link is damaged or incomplete');
  await notice.getByRole('button', { name: 'OK' }).click();
  expect(await scenarioOf(page)).toEqual(before);

  await page.evaluate(h => { location.hash = h; }, `#s=${sharePayload(linked)}`);
  const ask = page.getByRole('alertdialog', { name: 'Replace the current work?' });
  await expect(ask).toBeVisible();
  expect(await scenarioOf(page)).toEqual(before);
  await ask.getByRole('button', { name: 'Replace' }).click();
  await expect(page.locator('.doc-name')).toHaveText(JSON.parse(linked).name);
  expect(await treeChildren(page, 'Send Ports')).toEqual(['SP_Orders']);
  expect(page.url()).not.toContain('#s=');
  watch.assertClean();
});

test('a permalink to an invalid scenario lists its errors with paths and keeps the current work', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('backup_transport'));
  const before = await scenarioOf(page);
  const invalid = JSON.stringify({ format: 'portsim-scenario/1', name: 'Bad link',
    sendPorts: [{ name: 'X', kind: 'static-one-way', primary: { transport: 'FILE', address: 'C:\\x', retryCount: 5000 } }] });
  await openLink(page, `#s=${sharePayload(invalid)}`);
  const ask = page.getByRole('alertdialog', { name: 'Replace the current work?' });
  if (await ask.count()) await ask.getByRole('button', { name: 'Replace' }).click();
  const errors = page.getByRole('alertdialog', { name: "The link's scenario is not valid: 1 error" });
  await expect(errors).toBeVisible();
  await expect(errors.getByRole('cell', { name: '/sendPorts/0/primary/retryCount' })).toBeVisible();
  await expect(errors).toContainText('Nothing was changed: the current model is untouched.');
  await errors.getByRole('button', { name: 'OK' }).click();
  expect(await scenarioOf(page)).toEqual(before);
  watch.assertClean();
});

test('a valid permalink over existing work asks first; Cancel keeps the work, Replace loads the link', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('backup_transport'));
  const mine = await scenarioOf(page);
  const linked = preset('partner_broadcast');
  const fragment = `#s=${sharePayload(linked)}`;

  await openLink(page, fragment);
  const ask = page.getByRole('alertdialog', { name: 'Replace the current work?' });
  await expect(ask).toContainText('This link carries a scenario. Replace your current work with it?');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  expect(await scenarioOf(page)).toEqual(mine);

  await openLink(page, fragment);
  await ask.getByRole('button', { name: 'Replace' }).click();
  await expect(page.locator('.doc-name')).toHaveText(JSON.parse(linked).name);
  expect((await scenarioOf(page)).name).toBe(JSON.parse(linked).name);
  // Undo brings the replaced work back, as the dialog promised.
  await page.getByRole('button', { name: 'Undo' }).click();
  expect(await scenarioOf(page)).toEqual(mine);
  watch.assertClean();
});

test('Permalink and Embed refuse a scenario the page could not open, and offer Export; a %-escaped link opens', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  const big = JSON.parse(preset('backup_transport'));
  big.description = 'x'.repeat(2 * 1024 * 1024 + 10);
  expect((await page.evaluate(o => window.portsim.loadScenario(o), big)).ok).toBe(true);
  await page.getByRole('button', { name: 'Permalink' }).click();
  const notice = page.getByRole('dialog', { name: 'Notice' });
  await expect(notice).toContainText('This scenario is too large for a link');
  const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Export' }).click()]);
  expect(JSON.parse(readFileSync(await download.path(), 'utf8')).description.length).toBe(big.description.length);
  await notice.getByRole('button', { name: 'OK' }).click();
  await page.getByRole('button', { name: 'Embed' }).click();
  const embed = page.getByRole('dialog', { name: 'Embed this scenario' });
  await expect(embed.getByRole('alert')).toContainText('This scenario is too large for a link');
  await expect(embed.getByRole('textbox')).toHaveCount(0);
  await embed.getByRole('button', { name: 'Close', exact: true }).last().click();

  // A link whose '-', '_' and '=' a mail client escaped still opens.
  const small = preset('bound_port');
  const escaped = sharePayload(Buffer.from(small)).replace(/[-_.]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  await openLink(page, `#s%3D${escaped}`);
  await confirmIfAsked(page);
  await expect(page.locator('.doc-name')).toHaveText(JSON.parse(small).name);
  watch.assertClean();
});
