// BizTalk binding files in the page (issue 12): drop a real binding file on the Import dialog,
// read the summary, Start all, publish, see the outcomes; export a binding file and import it
// back; bad input (malformed XML, a scenario JSON given as bindings, an MSI manifest, a 50 MB
// file, an XML bomb) is a clear error and the current work is kept. The tree groups by
// application; the filter finder answers "who subscribes to X?" from the tree and the Inject panel.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, treeItem, tree, runToEnd, hubTable, hubRow } from './ui5_helpers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHARED = path.resolve(HERE, '../../../shared/bindings');
const HANDMADE = path.resolve(HERE, '../../tests/data/bindings');
const SESAM = fs.readFileSync(path.join(SHARED, 'uu-int0009-sesam.xml'), 'utf8');

function commands(page) {
  return page.getByRole('toolbar', { name: 'Scenario commands' });
}

async function openImport(page) {
  await commands(page).getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a scenario' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Drops a file on the Import dialog's drop zone, as a user dragging it from the desktop. */
async function dropFile(page, name, text, type = 'text/xml') {
  const dataTransfer = await page.evaluateHandle(({ name, text, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, { type }));
    return dt;
  }, { name, text, type });
  const zone = page.locator('#import-drop');
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

const KEEP = scenario({ name: 'Work in progress', sendPorts: [port('SP_Mine', 'started')] });

async function expectWorkKept(page) {
  await expect(treeItem(page, 'SP_Mine')).toBeVisible();
  await expect(page.getByRole('banner').getByText('Work in progress')).toBeVisible();
}

test('drop a real binding file: summary, Start all, publish, outcomes', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await openImport(page);
  await dropFile(page, 'INT0009.Sesam.Events.BindingInfo.xml', SESAM);
  const summary = page.getByRole('dialog', { name: 'Import a BizTalk binding file' });
  await expect(summary).toBeVisible();
  await expect(summary.getByText('This file holds 5 send ports and 1 send port groups.')).toBeVisible();
  await expect(summary.getByText('Applications: INT0009.Sesam.Events')).toBeVisible();
  await expect(summary.getByText(/Pipelines are not simulated \(2 ports/)).toBeVisible();
  await expect(summary.getByLabel('UTC offset of the server (service-window times)')).toHaveValue('+00:00');
  const axe = await new AxeBuilder({ page }).include('.modal').analyze();
  const serious = axe.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map(v => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: test.info().outputPath('bindings-summary.png') });
  await summary.getByLabel(/Start all/).check();
  await summary.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(summary).toHaveCount(0);

  await expect(treeItem(page, 'INT0009.Sesam.CreateSesamImportfiles')).toBeVisible();
  const groupItem = treeItem(page, 'INT0009.Sesam.SendGroup.sesamfiles');
  await expect(groupItem).toContainText('Bound');
  // "Start all" is scripted at 0 s (the trace shows it): step the clock through those actions.
  const step = page.getByRole('toolbar', { name: 'Simulation clock' }).getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40 && !(await groupItem.textContent()).includes('Started'); i++) await step.click();
  await expect(groupItem).toContainText('Started');
  await expect(treeItem(page, 'INT0009.Sesam.CreateSesamImportfiles')).toContainText('Started');

  // Publish what the group subscribes to (BTS.ReceivePortName == INT0009.Sesam.Sesamimport).
  await page.getByRole('tab', { name: 'Inject', exact: true }).click();
  const form = page.getByRole('form', { name: 'Inject messages' });
  await form.locator('#inj-prop-0').fill('BTS.ReceivePortName');
  await form.locator('#inj-value-0').fill('INT0009.Sesam.Sesamimport');
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await runToEnd(page);
  const table = await hubTable(page);
  const group = 'INT0009.Sesam.SendGroup.sesamfiles';
  await expect(hubRow(table, 'M1', 'INT0009.Sesam.CreateSesamImportfiles', group)).toContainText('Completed');
  await expect(hubRow(table, 'M1', 'INT0009.Sesam.CreateBackupImportfiles', group)).toContainText('Completed');
  const report = await page.evaluate(() => window.portsim.report());
  expect(report.ports.every(p => p.state === 'started'), JSON.stringify(report.ports)).toBe(true);
  expect(report.totals.completed).toBe(2);
  watch.assertClean();
});

test('export a binding file and import it back', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({
    name: 'Two apps',
    sendPorts: [
      port('SP_A', 'started', { application: 'Orders', filter: [[{ property: 'BTS.MessageType', operator: '==', value: 'http://x#Order' }]] }),
      port('SP_B', 'bound', { application: 'Billing', filter: [[{ property: 'X.Amount', operator: '>', value: 100 }]] }),
    ],
    sendPortGroups: [{ name: 'SPG_A', members: ['SP_A'], application: 'Orders' }],
  }));
  const download = page.waitForEvent('download');
  await commands(page).getByRole('button', { name: 'BizTalk binding file (.xml)' }).click();
  const file = await (await download).path();
  expect((await download).suggestedFilename()).toBe('two-apps.BindingInfo.xml');
  const xml = fs.readFileSync(file, 'utf8');
  expect(xml).toContain('<BindingInfo ');
  expect(xml).toContain('&lt;Statement Property="BTS.MessageType" Operator="0" Value="http://x#Order" /&gt;');

  await importJson(page, KEEP);
  const dialog = await openImport(page);
  await dialog.getByLabel('Scenario file').setInputFiles({ name: 'two-apps.BindingInfo.xml', mimeType: 'text/xml', buffer: Buffer.from(xml) });
  const summary = page.getByRole('dialog', { name: 'Import a BizTalk binding file' });
  await expect(summary.getByText('This file holds 2 send ports and 1 send port groups.')).toBeVisible();
  await expect(summary.getByText('Applications: Billing, Orders')).toBeVisible();
  await summary.getByRole('button', { name: 'Import', exact: true }).click();
  // Two applications: the tree groups ports and groups under them (the console's Applications node).
  await expect(tree(page).getByRole('treeitem', { name: 'Orders' }).first()).toBeVisible();
  const billing = tree(page).getByRole('treeitem', { name: 'Billing', exact: true });
  await expect(billing.getByRole('treeitem', { name: 'SP_B', exact: true })).toBeVisible();
  // Undo brings the previous work back.
  await commands(page).getByRole('button', { name: 'Undo' }).click();
  await expectWorkKept(page);
  watch.assertClean();
});

test('bad binding input is a clear error and the current work is kept', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, KEEP);
  const summary = page.getByRole('dialog', { name: 'Import a BizTalk binding file' });
  const cases = [
    ['malformed.xml', '<BindingInfo>\n  <SendPortCollection>\n</BindingInfo>', /Not well-formed XML/],
    ['scenario.xml', KEEP, /This is a JSON document, not a BizTalk binding file/],
    ['ApplicationDefinition.adf.xml', fs.readFileSync(path.join(HANDMADE, 'msi_manifest.xml'), 'utf8'), /The root element is <ApplicationDefinition>/],
    ['bomb.xml', fs.readFileSync(path.join(HANDMADE, 'xml_bomb.xml'), 'utf8'), /refuses DTDs/],
    ['range.xml', fs.readFileSync(path.join(HANDMADE, 'out_of_range.xml'), 'utf8'), /Retry count 1001 is out of range/],
  ];
  for (const [name, text, message] of cases) {
    const dialog = await openImport(page);
    await dialog.getByLabel('Scenario file').setInputFiles({ name, mimeType: 'text/xml', buffer: Buffer.from(text) });
    await expect(summary.getByText('This binding file cannot be imported', { exact: false })).toBeVisible();
    await expect(summary.getByRole('table')).toContainText(message);
    await summary.getByRole('button', { name: 'OK', exact: true }).click();
    await expect(summary).toHaveCount(0);
    await expectWorkKept(page);
  }
  // Errors name the line:column, the element path and the port.
  const dialog = await openImport(page);
  await dialog.getByLabel('Or paste scenario JSON').fill(fs.readFileSync(path.join(HANDMADE, 'unknown_operator.xml'), 'utf8'));
  await dialog.getByRole('button', { name: 'Load', exact: true }).click();
  const row = summary.getByRole('row').filter({ hasText: 'Operator "7"' });
  await expect(row).toContainText("/BindingInfo/SendPortCollection/SendPort[@Name='SP_Bitwise']/Filter/Group[2]/Statement[1]/@Operator");
  await expect(row).toContainText('send port "SP_Bitwise"');
  await expect(row.getByRole('cell').first()).toHaveText(/^\d+:\d+$/);
  await summary.getByRole('button', { name: 'OK', exact: true }).click();
  // A 50 MB file: refused before parsing.
  const bigFile = test.info().outputPath('big.xml');
  fs.writeFileSync(bigFile, Buffer.alloc(50 * 1024 * 1024, 0x20));
  const big = await openImport(page);
  await big.getByLabel('Scenario file').setInputFiles(bigFile);
  await expect(summary.getByRole('table')).toContainText('a binding file of at most 8 MiB is accepted', { timeout: 30_000 });
  await summary.getByRole('button', { name: 'OK', exact: true }).click();
  await expectWorkKept(page);
  watch.assertClean();
});

test('filter finder: from the tree and from the Inject panel', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({
    name: 'Finder',
    sendPorts: [
      port('SP_Orders', 'started', { filter: [[{ property: 'BTS.MessageType', operator: '==', value: 'http://x#Order' }]] }),
      port('SP_Big', 'started', { filter: [[{ property: 'BTS.MessageType', operator: '==', value: 'http://x#Order' }, { property: 'X.Amount', operator: '>', value: 100 }]] }),
      port('SP_Other', 'started', { filter: [[{ property: 'BTS.MessageType', operator: '==', value: 'http://x#Invoice' }]] }),
    ],
  }));
  await treeItem(page, 'Filter finder').click();
  const finder = page.getByRole('region', { name: 'Who subscribes to what' });
  await expect(finder.getByRole('table').last()).toContainText('X.Amount');
  await finder.getByLabel('Property', { exact: true }).fill('BTS.MessageType');
  await finder.getByLabel('Value', { exact: true }).fill('http://x#Order');
  const results = finder.getByRole('table', { name: 'Subscribers for BTS.MessageType = http://x#Order' });
  await expect(results.getByRole('row')).toHaveCount(3);
  await expect(results).toContainText('send port "SP_Orders"');
  await expect(results.getByRole('row').filter({ hasText: 'SP_Big' })).toContainText('the other conditions must hold too');
  await expect(results).not.toContainText('SP_Other');

  await page.getByRole('tab', { name: 'Inject', exact: true }).click();
  const form = page.getByRole('form', { name: 'Inject messages' });
  await form.locator('#inj-prop-0').fill('BTS.MessageType');
  await form.locator('#inj-value-0').fill('http://x#Invoice');
  await form.getByRole('button', { name: 'Who subscribes to BTS.MessageType = http://x#Invoice?' }).click();
  const invoice = page.getByRole('table', { name: 'Subscribers for BTS.MessageType = http://x#Invoice' });
  await expect(invoice).toContainText('send port "SP_Other"');
  await expect(invoice.getByRole('row')).toHaveCount(2);
  watch.assertClean();
});
