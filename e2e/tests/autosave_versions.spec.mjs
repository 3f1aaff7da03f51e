// Earlier versions of the autosave (issue 10, src/ui/autosave_versions.rs + app.rs): each changed
// document is kept (last 5, bounded size) next to the autosave; "Versions…" lists them with their
// time and name after a reload, and restoring one is a single undoable step. When storage is full,
// the versions give way to the autosave and the status bar says so.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { ready, treeChildren, selectNode } from './ui6_helpers.mjs';

const KEY = 'portsim.autosave.v1';
const VERSIONS = 'portsim.autosave.v1.versions';

async function addPort(page, name) {
  await selectNode(page, 'Send Ports');
  await page.getByRole('button', { name: 'Static One-way Send Port' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('treeitem', { name })).toBeVisible();
  await expect.poll(() => page.evaluate(k => localStorage.getItem(k), KEY)).toContain(name);
}

const versionNames = page =>
  page.evaluate(k => JSON.parse(localStorage.getItem(k) || '{"versions":[]}').versions
    .map(v => JSON.parse(v.scenario).sendPorts?.length ?? 0), VERSIONS);

test('versions survive a reload; restoring one is undoable', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  await addPort(page, 'SendPort1');
  await addPort(page, 'SendPort2');
  await addPort(page, 'SendPort3');
  // Newest first: 3, 2, 1 send ports, then the empty document the page opened with.
  await expect.poll(() => versionNames(page)).toEqual([3, 2, 1, 0]);

  await page.reload();
  await ready(page);
  expect(await treeChildren(page, 'Send Ports')).toEqual(['SendPort1', 'SendPort2', 'SendPort3']);
  await page.getByRole('button', { name: 'Versions…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore an earlier version' });
  const rows = dialog.getByRole('listitem');
  // The open document is not offered; each row shows a time, the scenario name and
  // what it holds.
  await expect(rows).toHaveCount(3);
  const name = await page.locator('.doc-name').textContent();
  for (const row of await rows.all()) {
    await expect(row.locator('time')).toHaveText(/\d/);
    await expect(row).toContainText(name);
    await expect(row).toContainText(/\(send ports: \d, send port groups: 0\)/);
  }
  await expect(rows.nth(1)).toContainText('(send ports: 1, send port groups: 0)');
  await rows.nth(1).getByRole('button', { name: /^Restore / }).click();
  await expect(dialog).toHaveCount(0);
  expect(await treeChildren(page, 'Send Ports')).toEqual(['SendPort1']);
  await expect.poll(() => page.evaluate(k => localStorage.getItem(k), KEY)).not.toContain('SendPort2');

  // One Undo brings the newer document back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  expect(await treeChildren(page, 'Send Ports')).toEqual(['SendPort1', 'SendPort2', 'SendPort3']);
  await expect.poll(() => page.evaluate(k => localStorage.getItem(k), KEY)).toContain('SendPort3');
  watch.assertClean();
});

test('with storage full, the versions give way to the autosave and the status says so', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  await addPort(page, 'SendPort1');
  // A large ring of earlier versions, then storage filled to the brim.
  const fillers = await page.evaluate(k => {
    const big = JSON.stringify({ format: 'portsim-scenario/1', name: 'Big', description: 'x'.repeat(900_000) });
    localStorage.setItem(k, JSON.stringify({ versions: [{ t: Date.now(), name: 'Big', scenario: big }] }));
    const keys = [];
    let chunk = 'x'.repeat(1 << 20);
    for (let i = 0; chunk.length > 0 && i < 10_000; i++) {
      try { localStorage.setItem(`filler.${i}`, chunk); keys.push(`filler.${i}`); } catch { chunk = chunk.slice(0, chunk.length >> 1); }
    }
    return keys;
  }, VERSIONS);
  expect(fillers.length).toBeGreaterThan(0);
  await addPort(page, 'SendPort2');
  await expect(page.locator('.statusbar [role=status]')).toContainText('the earlier versions were removed so that the autosave could be kept');
  // No false "could not be saved" notice: the autosave holds the latest work.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await page.evaluate(k => localStorage.getItem(k), VERSIONS) ?? '').not.toContain('Big');
  await page.evaluate(keys => keys.forEach(k => localStorage.removeItem(k)), fillers);
  await page.reload();
  await ready(page);
  expect(await treeChildren(page, 'Send Ports')).toEqual(['SendPort1', 'SendPort2']);
  watch.assertClean();
});
