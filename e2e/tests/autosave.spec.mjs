// Autosave: every model edit is kept in localStorage ('portsim.autosave.v1', src/ui/persist.rs)
// with the view, and a reload restores it. An unreadable or no-longer-valid saved value is
// reported, set aside under 'portsim.autosave.v1.set-aside' (and downloadable from the notice),
// and an empty scenario opens — no crash, no page error.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { watchPage, openApp } from './helpers.mjs';
import { ready, scenarioOf, treeChildren, selectNode } from './ui6_helpers.mjs';

const KEY = 'portsim.autosave.v1';
const SET_ASIDE = 'portsim.autosave.v1.set-aside';

test('an edit is saved and restored after a reload, with the selection', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await selectNode(page, 'Send Ports');
  await page.getByRole('button', { name: 'Static Solicit-Response Send Port' }).click();
  await page.getByLabel('Name', { exact: true }).fill('SP_Saved');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('treeitem', { name: 'SP_Saved' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Timeline' }).click();
  const doc = await scenarioOf(page);

  const saved = JSON.parse(await page.evaluate(k => localStorage.getItem(k), KEY));
  expect(saved.format).toBe('portsim-autosave/1');
  expect(JSON.parse(saved.scenario).sendPorts.map(p => p.name)).toEqual(['SP_Saved']);

  await page.reload();
  await ready(page);
  expect(await treeChildren(page, 'Send Ports')).toEqual(['SP_Saved']);
  expect(await scenarioOf(page)).toEqual(doc);
  await expect(page.getByRole('treeitem', { name: 'SP_Saved' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Timeline' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  watch.assertClean();
});

for (const [what, value, message] of [
  ['unreadable', '{"format": garbage ]]', 'The saved work in this browser was not readable, so it was set aside'],
  ['no longer valid', JSON.stringify({ format: 'portsim-autosave/1', scenario: JSON.stringify({ format: 'portsim-scenario/1', sendPorts: [{ name: '' }] }) }),
    'The saved scenario in this browser is no longer valid, so it was set aside'],
]) {
  test(`an ${what} autosave is reported, set aside and downloadable; the page still works`, async ({ page }) => {
    const watch = watchPage(page);
    await page.addInitScript(([k, v]) => {
      // Only before the first load: later reloads must see what the app itself stored.
      if (!sessionStorage.getItem('e2e6-seeded')) {
        sessionStorage.setItem('e2e6-seeded', '1');
        localStorage.setItem(k, v);
      }
    }, [KEY, value]);
    await openApp(page);
    await ready(page);
    const notice = page.getByRole('dialog', { name: 'Notice' });
    await expect(notice).toContainText(message);
    await expect(notice.getByLabel('Details')).toHaveValue(value);
    expect(await page.evaluate(k => localStorage.getItem(k), SET_ASIDE)).toBe(value);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      notice.getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('portsim-set-aside.json');
    expect(readFileSync(await download.path(), 'utf8')).toBe(value);

    await notice.getByRole('button', { name: 'OK' }).click();
    await expect(notice).toHaveCount(0);
    expect(await treeChildren(page, 'Send Ports')).toEqual([]);
    // The page works: a new port can be made, and it is what gets autosaved now.
    await selectNode(page, 'Send Ports');
    await page.getByRole('button', { name: 'Static One-way Send Port' }).click();
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByRole('treeitem', { name: 'SendPort1' })).toBeVisible();
    await page.reload();
    await ready(page);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    expect(await treeChildren(page, 'Send Ports')).toEqual(['SendPort1']);
    expect(await page.evaluate(k => localStorage.getItem(k), SET_ASIDE)).toBe(value);
    watch.assertClean();
  });
}
