// The operations timeline (issue 11, "What to build"): the script as a list of administrator
// actions at times, in BizTalk's words; a line is moved (its time), edited (target, count),
// removed and added through the real UI; the raw JSON stays available; Undo covers each change.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson } from './ui5_helpers.mjs';

const kinds = doc => (doc.script ?? []).map(e => `${e.at} ${Object.keys(e).filter(k => k !== 'at')[0]}`);
const doc = page => page.evaluate(() => window.portsim.scenario());

test('operations: add, move, edit, remove a line; raw JSON; Undo covers it', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({
    until: '1h',
    sendPorts: [port('SP_A', 'bound'), port('SP_B', 'bound')],
    script: [
      { at: '0s', enlist: { port: 'SP_A' } },
      { at: '1m', start: { port: 'SP_A' } },
      { at: '2m', send: { port: 'SP_A' }, },
    ],
  }));
  await page.getByRole('tab', { name: 'Operations', exact: true }).click();
  const ops = page.getByRole('region', { name: 'Operations timeline' });
  const table = ops.getByRole('table', { name: 'Operations timeline' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(1)).toContainText('Enlist SP_A');
  await expect(table.getByRole('row').nth(3)).toContainText('Send 1 message to SP_A');

  // Move "Start SP_A" from 1m to 3m: it now comes after the send (time order kept).
  const at2 = ops.getByLabel('Time of operation 2: Start SP_A');
  await at2.fill('3m');
  await at2.press('Enter');
  await expect.poll(async () => kinds(await doc(page))).toEqual(['0s enlist', '2m send', '3m start']);
  const undo = page.getByRole('banner').getByRole('button', { name: 'Undo', exact: true });
  await expect(undo).toHaveAttribute('title', /^Undo Move Start SP_A to 3m/);

  // Edit: the send goes to SP_B with 5 messages.
  await ops.getByLabel('Target of operation 2: Send 1 message to SP_A').selectOption('SP_B');
  await expect.poll(async () => (await doc(page)).script[1].send.port).toBe('SP_B');
  const count = ops.getByLabel('Message count of operation 2: Send 1 message to SP_B');
  await count.fill('5');
  await count.blur();
  await expect.poll(async () => (await doc(page)).script[1].send.count).toBe(5);

  // Remove the enlist, add a Stop SP_A at 10m.
  await ops.getByRole('button', { name: 'Remove operation 1: Enlist SP_A' }).click();
  await expect.poll(async () => kinds(await doc(page))).toEqual(['2m send', '3m start']);
  const add = ops.getByRole('form', { name: 'Add an operation' });
  await add.getByLabel('At', { exact: true }).fill('10m');
  await add.getByLabel('Action', { exact: true }).selectOption('stop');
  await add.getByLabel('Target', { exact: true }).selectOption('SP_A');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect.poll(async () => kinds(await doc(page))).toEqual(['2m send', '3m start', '10m stop']);
  await expect(table.getByRole('row').nth(3)).toContainText('Stop SP_A');

  // Undo, step by step: the add, then the remove.
  await undo.click();
  await expect.poll(async () => kinds(await doc(page))).toEqual(['2m send', '3m start']);
  await undo.click();
  await expect.poll(async () => kinds(await doc(page))).toEqual(['0s enlist', '2m send', '3m start']);

  // The raw JSON is there, and applying an edited array replaces the script (one undo step).
  await ops.getByText('Raw JSON of the script').click();
  const raw = ops.getByLabel('Script (JSON array of operations)');
  await expect(raw).toHaveValue(/"enlist"/);
  await raw.fill(JSON.stringify([{ at: '0s', enlist: { port: 'SP_B' } }]));
  await raw.blur();
  await ops.getByRole('button', { name: 'Apply JSON' }).click();
  await expect.poll(async () => kinds(await doc(page))).toEqual(['0s enlist']);
  await undo.click();
  await expect.poll(async () => kinds(await doc(page))).toEqual(['0s enlist', '2m send', '3m start']);

  // A wrong array is refused with the place of each error (the engine's reader, JSON Pointers
  // relative to the array) and leaves the script as it was.
  await raw.fill(JSON.stringify([{ at: '0s', enlist: { port: 'SP_B' } }, { at: '1m', stat: { port: 'SP_B' } }]));
  await raw.blur();
  await ops.getByRole('button', { name: 'Apply JSON' }).click();
  const status = page.locator('footer.statusbar').getByRole('status');
  await expect(status).toContainText('The script JSON is not valid');
  await expect(status).toContainText('/1/stat');
  expect(kinds(await doc(page))).toEqual(['0s enlist', '2m send', '3m start']);
  await page.screenshot({ path: 'test-results/operations-raw-error.png' });

  // The scenario's Details list the same script, each action as its JSON without `at`.
  await page.getByRole('tab', { name: 'Details', exact: true }).click();
  const rows = page.locator('table.grid.script tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveText('0s{"enlist":{"port":"SP_A"}}');
  await expect(rows.nth(2)).toHaveText('3m{"start":{"port":"SP_A"}}');
  watch.assertClean();
});
