// Issue 11 #8 (group semantics shown, SEMANTICS §3): the group's detail page shows its filter; a
// group without a filter says it receives only direct sends (detail and editor, never "the port
// subscribes to nothing"); a member whose own filter also matches is said to get two copies; and
// Why? links the twin instance — clicking it opens the other copy's explanation.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, openItem, runToEnd, hubTable, hubRow } from './ui5_helpers.mjs';

const ORDER = [[{ property: 'X.Type', operator: '==', value: 'Order' }]];
const TWINS = scenario({
  until: '10m',
  sendPorts: [port('SP_A', 'started', { filter: ORDER }), port('SP_B', 'started')],
  sendPortGroups: [
    { name: 'SPG_Orders', state: 'started', members: ['SP_A', 'SP_B'], filter: ORDER },
    { name: 'SPG_Direct', state: 'started', members: ['SP_B'] },
  ],
  script: [{ at: '1s', publish: { context: { 'X.Type': 'Order' } } }],
});

test('#8 a group page shows its filter, the direct-sends-only note and the two-copies note', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, TWINS);

  const orders = await openItem(page, 'SPG_Orders');
  await expect(orders.getByRole('definition').filter({ hasText: 'X.Type == Order' })).toBeVisible();
  await expect(orders).toContainText('SP_A also subscribe with their own filter');
  await expect(orders).toContainText('one copy via SPG_Orders, one direct (§3)');
  await expect(orders).not.toContainText('receives only messages sent directly');

  const direct = await openItem(page, 'SPG_Direct');
  await expect(direct).toContainText('This group has no filter, so a published message never reaches it');
  await expect(direct).not.toContainText('two copies');
  // The editor of a filterless group speaks of the group, never of "the port".
  await direct.getByRole('button', { name: 'Edit', exact: true }).click();
  const editor = page.getByRole('form', { name: /SPG_Direct/ });
  await expect(editor).toContainText('No filter: the group subscribes to nothing in the MessageBox; it receives only messages sent directly to the group.');
  await expect(editor).not.toContainText('the port subscribes to nothing');
  await editor.getByRole('button', { name: 'Cancel', exact: true }).click();

  // French too.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('tab', { name: 'Détails', exact: true }).click();
  await page.getByRole('navigation', { name: /arborescence/i }).getByRole('treeitem', { name: 'SPG_Direct', exact: true }).click();
  await expect(page.getByRole('main').getByRole('region', { name: 'SPG_Direct', exact: true }))
    .toContainText('il ne reçoit que les messages envoyés directement au groupe');
  watch.assertClean();
});

test('#8 Why? links the twin copy of a message, and the link opens it', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, TWINS);
  await runToEnd(page);
  const table = await hubTable(page);
  await hubRow(table, 'M1', 'SP_A', 'SPG_Orders').getByRole('button', { name: 'Why?' }).click();
  const viaGroup = page.getByRole('region', { name: /Why is M1 on SP_A \(via SPG_Orders\)/ });
  await expect(viaGroup).toContainText('This message reached the same send port twice');
  await viaGroup.getByRole('button', { name: 'Open the other copy: M1 on SP_A (direct)' }).click();
  const own = page.getByRole('region', { name: /^Why is M1 on SP_A ✔/ });
  await expect(own).toBeVisible();
  // And back: the direct copy links the group copy.
  await own.getByRole('button', { name: 'Open the other copy: M1 on SP_A via SPG_Orders' }).click();
  await expect(viaGroup).toBeVisible();
  // SP_B got one copy through SPG_Orders only (its own filter is empty): no twin link.
  await hubTable(page);
  await hubRow(table, 'M1', 'SP_B', 'SPG_Orders').getByRole('button', { name: 'Why?' }).click();
  await expect(page.getByRole('region', { name: /Why is M1 on SP_B/ })).not.toContainText('reached the same send port twice');
  watch.assertClean();
});
