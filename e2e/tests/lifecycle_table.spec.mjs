// Seed table L1–L4, every cell, for a send port and for a send port group: available actions move
// the badge to the right state; "Not available" actions are disabled buttons with the engine's
// reason visible and as their description. Guards G1 (start a group with no enlisted member),
// G2 (last enlisted member) and G3 (unenlist a port that owns suspended instances).
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, openItem, lifecycleButton, treeItem, inject, hubTable, hubRow } from './ui5_helpers.mjs';

const RULE = { Enlist: 'L1', Start: 'L2', Stop: 'L3', Unenlist: 'L4' };
// [from, action, to-or-null (Not available)]
const CELLS = [
  ['Bound', 'Enlist', 'Stopped'], ['Bound', 'Start', 'Started'], ['Bound', 'Stop', null], ['Bound', 'Unenlist', null],
  ['Stopped', 'Enlist', null], ['Stopped', 'Start', 'Started'], ['Stopped', 'Stop', null], ['Stopped', 'Unenlist', 'Bound'],
  ['Started', 'Enlist', null], ['Started', 'Start', null], ['Started', 'Stop', 'Stopped'], ['Started', 'Unenlist', 'Bound'],
];

/** The target under test is named X; for groups, a Started member keeps G1/G2 out of the way. */
function doc(kind, state) {
  const s = state.toLowerCase();
  if (kind === 'port') return scenario({ sendPorts: [port('X', s)] });
  return scenario({
    sendPorts: [port('M1', 'started'), port('M2', 'started')],
    sendPortGroups: [{ name: 'X', state: s, members: ['M1', 'M2'] }],
  });
}

for (const kind of ['port', 'group']) {
  test(`table L1–L4, all 12 cells, for a send ${kind}`, async ({ page }) => {
    const watch = watchPage(page);
    await openApp(page);
    for (const [from, action, to] of CELLS) {
      await importJson(page, doc(kind, from));
      const region = await openItem(page, 'X');
      await expect(treeItem(page, 'X'), `${from} ${action}`).toContainText(from);
      const button = lifecycleButton(region, action);
      if (to) {
        await expect(button, `${from} ${action} should be available`).toBeEnabled();
        await button.click();
        await expect(treeItem(page, 'X'), `${from} ${action} → ${to}`).toContainText(to);
      } else {
        const reason = `Not available while ${from} (rule ${RULE[action]}).`;
        await expect(button, `${from} ${action} should be Not available`).toBeDisabled();
        await expect(button).toHaveAccessibleDescription(reason);
        await expect(region.getByText(reason, { exact: true })).toBeVisible();
        await expect(treeItem(page, 'X')).toContainText(from);
      }
    }
    watch.assertClean();
  });
}

test('G1: a group cannot start without an enlisted member (disabled with the reason)', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({
    sendPorts: [port('SP_Bound', 'bound')],
    sendPortGroups: [{ name: 'SPG', state: 'bound', members: ['SP_Bound'] }],
  }));
  let region = await openItem(page, 'SPG');
  const g1 = 'A send port group can start only when one of its send ports is enlisted (rule G1).';
  await expect(lifecycleButton(region, 'Start')).toBeDisabled();
  await expect(lifecycleButton(region, 'Start')).toHaveAccessibleDescription(g1);
  await expect(region.getByText(g1)).toBeVisible();
  // Enlisting the group is allowed (creates no subscription for a Bound member)...
  await lifecycleButton(region, 'Enlist').click();
  await expect(treeItem(page, 'SPG')).toContainText('Stopped');
  await expect(lifecycleButton(region, 'Start')).toBeDisabled();
  await expect(region.getByText(g1)).toBeVisible();
  // ...and once the member is enlisted, Start becomes available and works.
  const member = await openItem(page, 'SP_Bound');
  await lifecycleButton(member, 'Enlist').click();
  await expect(treeItem(page, 'SP_Bound')).toContainText('Stopped');
  region = await openItem(page, 'SPG');
  await expect(lifecycleButton(region, 'Start')).toBeEnabled();
  await lifecycleButton(region, 'Start').click();
  await expect(treeItem(page, 'SPG')).toContainText('Started');
  // G2: now SP_Bound is the last enlisted member of a started group.
  const m = await openItem(page, 'SP_Bound');
  await expect(lifecycleButton(m, 'Unenlist')).toBeDisabled();
  await expect(m.getByText('This is the last enlisted member of the enlisted group SPG (rule G2).')).toBeVisible();
  watch.assertClean();
});

test('G3: a port with a suspended instance cannot be unenlisted', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({ sendPorts: [port('SP_Stopped', 'stopped')] }));
  let region = await openItem(page, 'SP_Stopped');
  await expect(lifecycleButton(region, 'Unenlist')).toBeEnabled();
  await inject(page, { port: 'SP_Stopped' });
  const table = await hubTable(page);
  await expect(hubRow(table, 'M1', 'SP_Stopped')).toContainText('Suspended (resumable)');
  region = await openItem(page, 'SP_Stopped');
  const g3 = 'The send port still has 1 unfinished service instance (rule G3).';
  await expect(lifecycleButton(region, 'Unenlist')).toBeDisabled();
  await expect(lifecycleButton(region, 'Unenlist')).toHaveAccessibleDescription(g3);
  await expect(region.getByText(g3)).toBeVisible();
  await expect(treeItem(page, 'SP_Stopped')).toContainText('Stopped');
  // Terminating the instance lifts the guard.
  const t2 = await hubTable(page);
  await hubRow(t2, 'M1', 'SP_Stopped').getByRole('checkbox').check();
  await page.getByRole('region', { name: 'Service instances' }).getByRole('button', { name: 'Terminate', exact: true }).click();
  await expect(hubRow(t2, 'M1', 'SP_Stopped')).toContainText('Terminated');
  region = await openItem(page, 'SP_Stopped');
  await expect(lifecycleButton(region, 'Unenlist')).toBeEnabled();
  await lifecycleButton(region, 'Unenlist').click();
  await expect(treeItem(page, 'SP_Stopped')).toContainText('Bound');
  watch.assertClean();
});

test("the tree's context menu offers the same lifecycle cells, with the same reasons", async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, doc('port', 'Started'));
  await treeItem(page, 'X').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'X' });
  await expect(menu).toBeVisible();
  for (const action of ['Enlist', 'Start']) {
    const item = menu.getByRole('menuitem', { name: action, exact: true });
    await expect(item).toBeDisabled();
    await expect(item).toHaveAccessibleDescription(`Not available while Started (rule ${RULE[action]}).`);
  }
  await expect(menu.getByText('Not available while Started (rule L1).')).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Stop', exact: true }).click();
  await expect(menu).toHaveCount(0);
  await expect(treeItem(page, 'X')).toContainText('Stopped');
  // Keyboard: Shift+F10 on the focused item opens the menu; Escape closes it.
  await treeItem(page, 'X').press('Shift+F10');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Stop', exact: true })).toBeDisabled();
  await expect(menu.getByRole('menuitem', { name: 'Unenlist', exact: true })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  watch.assertClean();
});
