// Undo / redo of model edits: each of several edits (new port, duplicate, rename, new group) is
// undone one step at a time with Ctrl+Z and with the Undo button, and redone with Ctrl+Shift+Z,
// Ctrl+Y and the Redo button; Ctrl+Z inside a text field is left to the field.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { ready, scenarioOf, treeChildren, selectNode, preset } from './ui6_helpers.mjs';

async function snapshot(page) {
  return {
    ports: await treeChildren(page, 'Send Ports'),
    groups: await treeChildren(page, 'Send Port Groups'),
    doc: await scenarioOf(page),
  };
}

async function expectAt(page, snap, label) {
  await expect.poll(() => treeChildren(page, 'Send Ports'), { message: label }).toEqual(snap.ports);
  expect(await treeChildren(page, 'Send Port Groups'), label).toEqual(snap.groups);
  expect(await scenarioOf(page), label).toEqual(snap.doc);
}

async function key(page, combo) {
  // Shortcuts apply outside text fields: take focus off whatever was clicked last.
  await page.evaluate(() => document.activeElement instanceof HTMLElement && document.activeElement.blur());
  await page.keyboard.press(combo);
}

test('four edits are undone and redone step by step with the keyboard and the buttons', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  const undo = page.getByRole('button', { name: 'Undo' });
  const redo = page.getByRole('button', { name: 'Redo' });
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();
  const steps = [await snapshot(page)];

  // 1. A new port.
  await selectNode(page, 'Send Ports');
  await page.getByRole('button', { name: 'Static One-way Send Port' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('treeitem', { name: 'SendPort1' })).toBeVisible();
  steps.push(await snapshot(page));
  // 2. Duplicate it.
  await page.getByRole('main').getByRole('button', { name: 'Duplicate' }).click();
  await expect.poll(() => treeChildren(page, 'Send Ports')).toHaveLength(2);
  steps.push(await snapshot(page));
  // 3. Rename the copy.
  await page.getByRole('main').getByRole('button', { name: 'Rename' }).click();
  const rename = page.getByRole('dialog', { name: /^Rename / });
  await rename.getByLabel('New name').fill('SP_Renamed');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('treeitem', { name: 'SP_Renamed' })).toBeVisible();
  steps.push(await snapshot(page));
  // 4. A new group.
  await selectNode(page, 'Send Port Groups');
  await page.getByRole('main').getByRole('button', { name: 'New Send Port Group' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('treeitem', { name: 'SendPortGroup1' })).toBeVisible();
  steps.push(await snapshot(page));
  expect(steps[3].ports).toContain('SP_Renamed');
  expect(steps[4].groups).toEqual(['SendPortGroup1']);
  await expect(undo).toBeEnabled();
  await expect(redo).toBeDisabled();

  // Ctrl+Z inside a text field belongs to the field, not to the model.
  await selectNode(page, 'Scenario');
  await page.getByLabel('Scenario name').first().focus();
  await page.keyboard.press('Control+z');
  await expectAt(page, steps[4], 'Ctrl+Z in a text field');

  // Ctrl+Z back to the start, one step at a time.
  for (let i = 3; i >= 0; i--) {
    await key(page, 'Control+z');
    await expectAt(page, steps[i], `after Ctrl+Z to step ${i}`);
  }
  await expect(undo).toBeDisabled();
  await expect(redo).toBeEnabled();
  // Ctrl+Shift+Z and Ctrl+Y forward.
  await key(page, 'Control+Shift+Z');
  await expectAt(page, steps[1], 'after Ctrl+Shift+Z');
  await key(page, 'Control+y');
  await expectAt(page, steps[2], 'after Ctrl+Y');
  // The buttons.
  await redo.click();
  await expectAt(page, steps[3], 'after Redo');
  await redo.click();
  await expectAt(page, steps[4], 'after second Redo');
  await expect(redo).toBeDisabled();
  await undo.click();
  await expectAt(page, steps[3], 'after Undo');
  await undo.click();
  await expectAt(page, steps[2], 'after second Undo');
  // A new edit after undoing clears the redo history.
  await selectNode(page, 'Send Ports');
  await page.getByRole('button', { name: 'Dynamic One-way Send Port' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('treeitem', { name: 'SendPort2' })).toBeVisible();
  await expect(redo).toBeDisabled();
  watch.assertClean();
});

test('Undo after New brings the whole previous scenario back, its script included', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  const json = preset('backup_transport');
  expect((await page.evaluate(j => window.portsim.loadScenario(j), json)).ok).toBe(true);
  const before = await scenarioOf(page);
  expect(before.script.length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Replace the current work?' }).getByRole('button', { name: 'Replace' }).click();
  expect((await scenarioOf(page)).sendPorts).toEqual([]);
  await page.getByRole('button', { name: 'Undo' }).click();
  // The confirmation promised "Undo brings it back": ports, endpoints and the scripted messages.
  expect(await scenarioOf(page)).toEqual(before);
  watch.assertClean();
});
