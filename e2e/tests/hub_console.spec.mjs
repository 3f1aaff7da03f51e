// Issue 11 "Group Hub like the BizTalk console's": query by status, port, group, reason, message
// id and creation time; grouped counts by port / reason / endpoint address; a message view with
// its context properties, its delivery copies (twins linked) and its errors in the event log's
// words; and "Resume all / Terminate all" for a port or a group from a row's menu (the ⋯ button
// or a right-click), with a count and a confirmation, as ONE labelled undo step recorded in the
// script — which replays to the same result.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, runToEnd, hubTable, hubRow, clock } from './ui5_helpers.mjs';

const ORDER = [[{ property: 'X.Type', operator: '==', value: 'Order' }]];
const CONSOLE = scenario({
  until: '1h',
  sendPorts: [
    port('SP_A', 'started', { filter: ORDER }),
    port('SP_Down', 'stopped'),
    port('SP_Fail', 'started', { primary: { transport: 'FILE', address: 'C:\\out\\fail', retryCount: 0, retryInterval: '1m' } }),
  ],
  sendPortGroups: [{ name: 'SPG', state: 'started', members: ['SP_A', 'SP_Down'], filter: ORDER }],
  endpoints: [{ address: 'C:\\out\\fail', latency: '1s', failures: [{ kind: 'always' }] }],
  script: [
    { at: '1s', publish: { context: { 'X.Type': 'Order', 'X.Amount': 12 }, count: 3 } },
    { at: '2m', send: { port: 'SP_Fail' }, },
    { at: '3m', send: { port: 'SP_Fail' } },
  ],
});

const hub = page => page.getByRole('region', { name: 'Service instances', exact: true });
const rowsShown = async table => (await table.getByRole('row').count()) - 1;

test('Hub query by group, reason, message id and time range; grouped counts by port, reason and address', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, CONSOLE);
  await runToEnd(page);
  const table = await hubTable(page);
  const h = hub(page);
  expect(await rowsShown(table)).toBe(11); // 3 direct + 3 via SPG on SP_A, 3 on SP_Down, 2 on SP_Fail
  await h.getByLabel('Group', { exact: true }).selectOption('SPG');
  expect(await rowsShown(table)).toBe(6);
  await h.getByLabel('Group', { exact: true }).selectOption({ label: 'Direct sends only' });
  expect(await rowsShown(table)).toBe(5);
  await h.getByRole('button', { name: 'Clear the query' }).click();
  await h.getByLabel('Reason', { exact: true }).selectOption({ label: 'Transport failure (all retries spent)' });
  expect(await rowsShown(table)).toBe(2);
  await h.getByRole('button', { name: 'Clear the query' }).click();
  await h.getByLabel('Message id').fill('M2');
  await h.getByLabel('Message id').press('Enter');
  expect(await rowsShown(table)).toBe(3);
  await h.getByRole('button', { name: 'Clear the query' }).click();
  await h.getByLabel('Created from').fill('2m');
  await h.getByLabel('Created from').press('Enter');
  expect(await rowsShown(table)).toBe(2);
  await h.getByLabel('Created until').fill('2m30s');
  await h.getByLabel('Created until').press('Enter');
  expect(await rowsShown(table)).toBe(1);
  await h.getByLabel('Created until').fill('soon');
  await h.getByLabel('Created until').press('Enter');
  await expect(h.getByText('Not a duration: soon')).toBeVisible();
  await h.getByRole('button', { name: 'Clear the query' }).click();

  // Grouped counts.
  await h.getByText('Grouped counts').click();
  const grouped = h.getByRole('table', { name: /Instances grouped by/ });
  await expect(grouped.getByRole('row', { name: /SP_A/ })).toContainText('6');
  await h.getByLabel('Group by').selectOption({ label: 'Reason' });
  await expect(grouped.getByRole('row', { name: /Send port stopped/ })).toContainText('3');
  await expect(grouped.getByRole('row', { name: /Transport failure/ })).toContainText('2');
  await h.getByLabel('Group by').selectOption({ label: 'Endpoint address' });
  await expect(grouped.getByRole('row', { name: /C:\\out\\fail/ })).toContainText('2');
  // A grouped row narrows the query.
  await h.getByLabel('Group by').selectOption({ label: 'Send port' });
  await grouped.getByRole('button', { name: 'Show only SP_Down' }).click();
  expect(await rowsShown(table)).toBe(3);
  watch.assertClean();
});

test('Hub message view: context properties, delivery copies with the twin linked, errors in the event log words', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, CONSOLE);
  await runToEnd(page);
  const table = await hubTable(page);
  await hubRow(table, 'M1', 'SP_A', 'SPG').getByRole('button', { name: 'M1', exact: true }).click();
  const view = page.getByRole('region', { name: 'Message M1 on SP_A via SPG' });
  await expect(view.getByRole('table', { name: 'Context properties' }).getByRole('row', { name: /X.Type/ })).toContainText('Order');
  await expect(view.getByRole('table', { name: 'Context properties' }).getByRole('row', { name: /X.Amount/ })).toContainText('12');
  const copies = view.getByRole('list', { name: 'Delivery copies (3)' });
  await expect(copies.getByRole('listitem')).toHaveCount(3);
  await expect(copies.getByRole('listitem').filter({ hasText: 'on SP_A (direct)' })).toContainText('twin');
  await copies.getByRole('button', { name: 'on SP_A (direct)' }).click();
  await expect(page.getByRole('region', { name: 'Message M1 on SP_A (direct)' })).toBeVisible();

  // A transport failure: the adapter's error as the event log words it.
  await hubRow(table, 'M4', 'SP_Fail').getByRole('button', { name: 'M4', exact: true }).click();
  const failed = page.getByRole('region', { name: 'Message M4 on SP_Fail (direct)' });
  await expect(failed.getByRole('list', { name: 'Errors, as the event log words them' }))
    .toContainText('The adapter failed to transmit message going to send port "SP_Fail" with URL "C:\\out\\fail"');
  watch.assertClean();
});

test('Resume all via a group from the row menu: count, confirmation, one undo step, recorded and replayed', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, CONSOLE);
  await runToEnd(page);
  const table = await hubTable(page);
  const lines = () => page.evaluate(() => window.portsim.scenario().script.length);
  expect(await lines()).toBe(3);

  // Right-click a row: its menu.
  await hubRow(table, 'M1', 'SP_Down', 'SPG').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for M1 on SP_Down via SPG' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Terminate all on send port SP_Fail' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  // The ⋯ button: Resume all suspended via group SPG (3), confirmed.
  await hubRow(table, 'M1', 'SP_Down', 'SPG').getByRole('button', { name: 'Actions for M1 on SP_Down via SPG' }).click();
  await menu.getByRole('menuitem', { name: 'Resume all suspended via group SPG (3)' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Resume the 3 suspended (resumable) instances that came via group SPG?' });
  await expect(ask).toContainText('Recorded in the script as one action');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  expect(await lines()).toBe(3);
  await hubRow(table, 'M1', 'SP_Down', 'SPG').getByRole('button', { name: 'Actions for M1 on SP_Down via SPG' }).click();
  await menu.getByRole('menuitem', { name: 'Resume all suspended via group SPG (3)' }).click();
  await ask.getByRole('button', { name: 'Resume 3' }).click();
  await expect.poll(lines).toBe(4);
  const script = await page.evaluate(() => window.portsim.scenario().script);
  expect(script[3].resume).toEqual({ group: 'SPG' });
  // §4: a manual Resume delivers even though SP_Down is Stopped; the SP_Fail suspensions stay.
  await runToEnd(page);
  const totals = await page.evaluate(() => window.portsim.report().totals);
  expect(totals.suspendedResumable).toBe(2);
  const snapshot = () => page.evaluate(() => JSON.stringify({ report: window.portsim.report(), trace: window.portsim.trace() }));
  const live = await snapshot();

  // One undo step, labelled.
  const undo = page.getByRole('toolbar', { name: 'Scenario commands' }).getByRole('button', { name: /^Undo/ });
  await expect(undo).toHaveAttribute('title', /^Undo Resume all via SPG/);

  // Replay: Reset clock and run to end give the same report and trace.
  await clock(page).getByRole('button', { name: /^Reset( clock)?$/ }).click();
  const replace = page.getByRole('alertdialog');
  if (await replace.count()) await replace.getByRole('button', { name: 'Replace' }).click();
  await expect(clock(page)).toContainText('00:00:00.000');
  await runToEnd(page);
  expect(await snapshot()).toBe(live);

  await undo.click();
  await expect.poll(lines).toBe(3);
  await runToEnd(page);
  expect((await page.evaluate(() => window.portsim.report().totals)).suspendedResumable).toBe(5);
  watch.assertClean();
});
