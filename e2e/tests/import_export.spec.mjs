// Import of bad scenarios (a file chosen in the Import dialog, and pasted text): every error is
// listed with its JSON path and the current model is untouched. Export (a download) round-trips
// through Import.
import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, treeItem, tree } from './ui5_helpers.mjs';

const GOOD = scenario({
  name: 'Round trip',
  sendPorts: [port('SP_Keep', 'started'), port('SP_Other', 'stopped')],
  sendPortGroups: [{ name: 'SPG_Keep', state: 'started', members: ['SP_Keep'] }],
  endpoints: [{ address: 'C:\\out\\SP_Keep', latency: '2s', failures: [{ kind: 'firstAttempts', count: 1 }] }],
  script: [{ at: '1m', send: { port: 'SP_Keep' } }],
});

const BAD = JSON.stringify({
  format: 'portsim-scenario/1',
  name: 'Bad',
  sendPorts: [
    { name: 'SP_Bad', kind: 'static-one-way', primary: { transport: 'FILE', address: 'x', retryCount: 1001 } },
    { name: 'SP_SR', kind: 'static-solicit-response', primary: { transport: 'FTP', address: 'ftp://x', retryInterval: 'soon' } },
  ],
  sendPortGroups: [{ name: 'SPG', members: ['SP_Missing'] }],
});

async function expectModelUntouched(page) {
  await expect(treeItem(page, 'SP_Keep')).toBeVisible();
  await expect(treeItem(page, 'SP_Other')).toBeVisible();
  await expect(treeItem(page, 'SPG_Keep')).toBeVisible();
  await expect(treeItem(page, 'SP_Bad')).toHaveCount(0);
  await expect(page.getByRole('banner').getByText('Round trip')).toBeVisible();
}

async function expectErrors(page, paths) {
  const dialog = page.getByRole('alertdialog', { name: /This scenario cannot be loaded: \d+ errors?$/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Nothing was changed: the current model is untouched.')).toBeVisible();
  const table = dialog.getByRole('table');
  for (const p of paths) {
    await expect(table.getByRole('cell', { name: p, exact: true }), p).toBeVisible();
  }
  const rows = await table.getByRole('row').count();
  expect(rows - 1).toBeGreaterThanOrEqual(paths.length);
  await expect(dialog).toHaveAccessibleName(`This scenario cannot be loaded: ${rows - 1} error${rows - 1 === 1 ? '' : 's'}`);
  return dialog;
}

test('a bad file chosen in the Import dialog lists every error with its JSON path; the model is untouched', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, GOOD);
  await expectModelUntouched(page);

  await page.getByRole('toolbar', { name: 'Scenario commands' }).getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a scenario' });
  await dialog.getByLabel('Scenario file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(BAD) });
  const errors = await expectErrors(page, [
    '/sendPorts/0/primary/retryCount',
    '/sendPorts/1/primary/transport',
    '/sendPorts/1/primary/retryInterval',
    '/sendPortGroups/0/members/0',
  ]);
  await errors.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(errors).toHaveCount(0);
  await expectModelUntouched(page);
  watch.assertClean();
});

test('pasted bad text: unknown field, wrong format and broken JSON are refused with their paths', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, GOOD);

  // Structural errors (stage one of loading) and range errors (stage two) are listed together,
  // so the file can be fixed in one pass.
  const structural = BAD.replace('"name":"SP_Bad"', '"name":"SP_Bad","colour":"red"').replace('"name":"SP_SR"', '"name":"SP_SR","priority":"high"');
  await importJson(page, structural, { expectOk: false });
  let errors = await expectErrors(page, ['/sendPorts/0/colour', '/sendPorts/1/priority', '/sendPorts/0/primary/retryCount', '/sendPortGroups/0/members/0']);
  await expect(errors.getByRole('row').filter({ hasText: '/sendPorts/0/colour' })).toContainText('unknown-field');
  await errors.getByRole('button', { name: 'OK', exact: true }).click();
  await expectModelUntouched(page);

  await importJson(page, JSON.stringify({ format: 'portsim-scenario/9', name: 'x' }), { expectOk: false });
  errors = await expectErrors(page, ['/format']);
  await errors.press('Escape');
  await expect(errors).toHaveCount(0);
  await expectModelUntouched(page);

  await importJson(page, '{ "format": "portsim-scenario/1", "sendPorts": [', { expectOk: false });
  errors = page.getByRole('alertdialog', { name: 'This scenario cannot be loaded: 1 error', exact: true });
  await expect(errors).toBeVisible();
  await expect(errors.getByRole('row')).toHaveCount(2);
  await errors.getByRole('button', { name: 'OK', exact: true }).click();
  await expectModelUntouched(page);
  watch.assertClean();
});

test('Export downloads the scenario and importing that file restores it exactly', async ({ page }, testInfo) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, GOOD);
  const toolbar = page.getByRole('toolbar', { name: 'Scenario commands' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    toolbar.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('round-trip.json');
  const file = testInfo.outputPath('exported.json');
  await download.saveAs(file);
  const exported = fs.readFileSync(file, 'utf8');
  const doc = JSON.parse(exported);
  expect(doc.format).toBe('portsim-scenario/1');
  expect(doc.sendPorts.map(p => p.name)).toEqual(['SP_Keep', 'SP_Other']);
  expect(doc.sendPortGroups[0].members).toEqual(['SP_Keep']);
  expect(doc.endpoints[0].failures).toEqual([{ kind: 'firstAttempts', count: 1 }]);
  await expect(page.getByRole('status')).toHaveText('Download started.');

  // Replace the work with an empty scenario, then import the downloaded file.
  await toolbar.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Replace the current work?' }).getByRole('button', { name: 'Replace' }).click();
  await expect(treeItem(page, 'SP_Keep')).toHaveCount(0);
  await expect(tree(page).getByRole('treeitem', { name: 'Send Ports', exact: true })).toBeVisible();

  await toolbar.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('dialog', { name: 'Import a scenario' }).getByLabel('Scenario file').setInputFiles(file);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expectModelUntouched(page);

  const [again] = await Promise.all([
    page.waitForEvent('download'),
    toolbar.getByRole('button', { name: 'Export', exact: true }).click(),
  ]);
  const file2 = testInfo.outputPath('exported-again.json');
  await again.saveAs(file2);
  expect(fs.readFileSync(file2, 'utf8')).toBe(exported);
  watch.assertClean();
});
