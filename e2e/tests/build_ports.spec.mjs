// Building ports and groups from the console tree's New menu: the four send port kinds and a send
// port group. The port editor shows transport and backup fields only for static kinds (dynamic:
// an explanation instead), offers no one-way-only adapter on solicit-response ports, shows a
// retry-count error next to its field with Apply disabled, and never loses what was typed.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { tree, treeItem, docShot } from './ui5_helpers.mjs';

async function newFromMenu(page, node, entry) {
  // Right-click the node's own row (its children are drawn inside the same tree item, below it).
  await tree(page).getByRole('treeitem', { name: node, exact: true }).click({ button: 'right', position: { x: 60, y: 10 } });
  const menu = page.getByRole('menu', { name: node });
  await expect(menu).toBeVisible();
  await menu.getByRole('menuitem', { name: entry, exact: true }).click();
  await expect(menu).toHaveCount(0);
}

function editor(page, title) {
  return page.getByRole('main').getByRole('form', { name: title });
}

test('static one-way: transport and backup fields, retry count 1001 refused at its field, nothing lost', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await newFromMenu(page, 'Send Ports', 'Static One-way Send Port');
  const form = editor(page, 'New Static one-way send port');
  await expect(form).toBeVisible();
  const general = form.getByRole('group', { name: 'General' });
  const backup = form.getByRole('group', { name: 'Backup Transport' });
  await expect(general.getByLabel('Transport type')).toBeVisible();
  await expect(general.getByLabel('Address (URI)')).toBeVisible();
  await expect(general.getByLabel('Retry count')).toHaveValue('3');
  await expect(general.getByLabel('Retry interval')).toHaveValue('5m');
  // A one-way port offers the one-way adapters.
  for (const a of ['FILE', 'FTP', 'SMTP', 'HTTP']) {
    await expect(general.getByLabel('Transport type').locator('option', { hasText: new RegExp(`^${a}$`) })).toHaveCount(1);
  }
  await expect(form.getByText(/A dynamic send port has no transport type/)).toHaveCount(0);

  await form.getByLabel('Name', { exact: true }).fill('SP_Orders');
  await general.getByLabel('Address (URI)').fill('C:\\out\\orders');
  await backup.getByLabel('Use a backup transport').check();
  await expect(backup.getByLabel('Transport type')).toBeVisible();
  await backup.getByLabel('Address (URI)').fill('ftp://backup/orders');
  await backup.getByLabel('Retry count').fill('2');
  // Seed 004: the backup transport has its own Send handler (host), as the primary does.
  await backup.getByLabel('Send handler').fill('BackupHost');

  const retry = general.getByLabel('Retry count');
  await retry.fill('1001');
  await expect(retry).toHaveAttribute('aria-invalid', 'true');
  // The error is next to the field (its description) and Apply cannot be pressed.
  const err = general.getByRole('alert');
  await expect(err).toHaveCount(1);
  await expect(err).toContainText(/1000/);
  await expect(retry).toHaveAccessibleDescription(/1000/);
  const apply = form.getByRole('button', { name: 'Apply', exact: true });
  await expect(apply).toBeDisabled();
  await expect(form.getByText('Fix 1 problem to apply.')).toBeVisible();
  await docShot(page, 'test-results/port-editor.png', { height: 1400 });

  // Nothing typed was lost while the form was invalid.
  await expect(form.getByLabel('Name', { exact: true })).toHaveValue('SP_Orders');
  await expect(general.getByLabel('Address (URI)')).toHaveValue('C:\\out\\orders');
  await expect(backup.getByLabel('Address (URI)')).toHaveValue('ftp://backup/orders');
  await expect(backup.getByLabel('Retry count')).toHaveValue('2');
  await expect(retry).toHaveValue('1001');

  await retry.fill('10');
  await expect(retry).toHaveAttribute('aria-invalid', 'false');
  await expect(apply).toBeEnabled();
  await apply.click();
  await expect(treeItem(page, 'SP_Orders')).toBeVisible();
  await expect(treeItem(page, 'SP_Orders')).toContainText('Bound');
  const detail = page.getByRole('main').getByRole('region', { name: 'SP_Orders' });
  await expect(detail.getByText('FILE C:\\out\\orders — retry count 10, retry interval 5\u00a0min')).toBeVisible();
  await expect(detail.getByText('FTP ftp://backup/orders — retry count 2, retry interval 5\u00a0min')).toBeVisible();

  const saved = await page.evaluate(() => window.portsim.scenario());
  const savedPort = (typeof saved === 'string' ? JSON.parse(saved) : saved).sendPorts.find(p => p.name === 'SP_Orders');
  expect(savedPort.backup.sendHandler).toBe('BackupHost');

  // Reopening the editor shows the applied values.
  await detail.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = editor(page, 'Send Port Properties — SP_Orders');
  await expect(edit.getByRole('group', { name: 'General' }).getByLabel('Retry count')).toHaveValue('10');
  await expect(edit.getByRole('group', { name: 'Backup Transport' }).getByLabel('Address (URI)')).toHaveValue('ftp://backup/orders');
  watch.assertClean();
});

test('static solicit-response offers no FILE, FTP, SFTP or SMTP adapter', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await newFromMenu(page, 'Send Ports', 'Static Solicit-Response Send Port');
  const form = editor(page, 'New Static solicit-response send port');
  const general = form.getByRole('group', { name: 'General' });
  const select = general.getByLabel('Transport type');
  await expect(select).toHaveValue('HTTP');
  const options = await select.locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(1);
  for (const banned of ['FILE', 'FTP', 'SFTP', 'SMTP']) expect(options).not.toContain(banned);
  await expect(form.getByText(/Solicit-response ports only offer adapters that return a response/)).toBeVisible();
  // The backup transport offers the same restricted list.
  const backup = form.getByRole('group', { name: 'Backup Transport' });
  await backup.getByLabel('Use a backup transport').check();
  const backupOptions = await backup.getByLabel('Transport type').locator('option').allTextContents();
  for (const banned of ['FILE', 'FTP', 'SFTP', 'SMTP']) expect(backupOptions).not.toContain(banned);
  await backup.getByLabel('Address (URI)').fill('http://backup.example/');
  await form.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(treeItem(page, 'SendPort1')).toBeVisible();
  await expect(page.getByRole('main').getByRole('region', { name: 'SendPort1' }).getByText('Static solicit-response send port')).toBeVisible();
  watch.assertClean();
});

for (const [entry, title, kindText] of [
  ['Dynamic One-way Send Port', 'New Dynamic one-way send port', 'Dynamic one-way send port'],
  ['Dynamic Solicit-Response Send Port', 'New Dynamic solicit-response send port', 'Dynamic solicit-response send port'],
]) {
  test(`${entry}: no transport or backup fields, with the explanation`, async ({ page }) => {
    const watch = watchPage(page);
    await openApp(page);
    await newFromMenu(page, 'Send Ports', entry);
    const form = editor(page, title);
    await expect(form).toBeVisible();
    await expect(form.getByLabel('Transport type')).toHaveCount(0);
    await expect(form.getByLabel('Address (URI)')).toHaveCount(0);
    await expect(form.getByLabel('Retry count')).toHaveCount(0);
    await expect(form.getByLabel('Use a backup transport')).toHaveCount(0);
    await expect(form.getByRole('note').filter({ hasText: /has no transport type or address of its own.*BTS\.OutboundTransportLocation/ })).toBeVisible();
    await expect(form.getByRole('note').filter({ hasText: 'Dynamic send ports have no backup transport' })).toBeVisible();
    await form.getByLabel('Name', { exact: true }).fill('SP_Dyn');
    await form.getByRole('button', { name: 'Apply', exact: true }).click();
    const detail = page.getByRole('main').getByRole('region', { name: 'SP_Dyn' });
    await expect(detail.getByText(kindText, { exact: true })).toBeVisible();
    await expect(detail.getByText(/Taken from each message/)).toBeVisible();
    watch.assertClean();
  });
}

test('New Send Port Group: only static one-way ports can be members (G4)', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await newFromMenu(page, 'Send Ports', 'Static One-way Send Port');
  await editor(page, 'New Static one-way send port').getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(treeItem(page, 'SendPort1')).toBeVisible();
  await newFromMenu(page, 'Send Ports', 'Dynamic One-way Send Port');
  await editor(page, 'New Dynamic one-way send port').getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(treeItem(page, 'SendPort2')).toBeVisible();

  await newFromMenu(page, 'Send Port Groups', 'New Send Port Group');
  const form = editor(page, 'New Send Port Group');
  await expect(form).toBeVisible();
  const members = form.getByRole('group', { name: 'Send ports' });
  await expect(members.getByLabel('SendPort2')).toBeDisabled();
  await expect(members.getByLabel('SendPort2')).toHaveAccessibleDescription(/only static one-way send ports can join a group \(G4\)/);
  await members.getByLabel('SendPort1').check();
  await form.getByLabel('Name', { exact: true }).fill('SPG_Partners');
  await form.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(treeItem(page, 'SPG_Partners')).toBeVisible();
  await expect(treeItem(page, 'SPG_Partners')).toContainText('Bound');
  const detail = page.getByRole('main').getByRole('region', { name: 'SPG_Partners' });
  await expect(detail.getByRole('button', { name: 'SendPort1', exact: true })).toBeVisible();
  await expect(detail.getByRole('button', { name: 'SendPort2', exact: true })).toHaveCount(0);
  watch.assertClean();
});
