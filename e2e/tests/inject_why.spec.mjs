// Issue 11 problems 2 and 5, through the real UI: the Inject form keeps its fields for the session
// (tab switches, tree clicks, a reload through the autosave) and warns before a publish no
// subscription matches; the Why? panel numbers the 4th primary attempt "attempt 4 of 4" (English)
// and "tentative 4 sur 4" (French), as the event log does.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, inject, runToEnd, hubTable, hubRow, treeItem } from './ui5_helpers.mjs';

test('#2 the Inject form keeps its fields across tabs, tree clicks and a reload, and warns before a routing failure', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({
    sendPorts: [port('SP_Invoices', 'started', { filter: [[{ property: 'X.Type', operator: '==', value: 'Invoice' }]] })],
  }));
  await page.getByRole('tab', { name: 'Inject', exact: true }).click();
  const form = page.getByRole('form', { name: 'Inject messages' });
  await form.getByLabel('Property', { exact: true }).fill('X.Type');
  await form.getByLabel('Value', { exact: true }).fill('Invoice');
  await form.getByLabel('Count', { exact: true }).fill('7');

  // Another tab, a tree click, then back: nothing was reset.
  await page.getByRole('tab', { name: 'Topology', exact: true }).click();
  await treeItem(page, 'SP_Invoices').click();
  await page.getByRole('tab', { name: 'Inject', exact: true }).click();
  await expect(form.getByLabel('Property', { exact: true })).toHaveValue('X.Type');
  await expect(form.getByLabel('Value', { exact: true })).toHaveValue('Invoice');
  await expect(form.getByLabel('Count', { exact: true })).toHaveValue('7');

  // A reload restores them from the autosave.
  await page.reload();
  await expect(page.getByRole('banner')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('tab', { name: 'Inject', exact: true }).click();
  await expect(form.getByLabel('Value', { exact: true })).toHaveValue('Invoice');
  await expect(form.getByLabel('Count', { exact: true })).toHaveValue('7');

  // A matching publish goes straight through.
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect.poll(() => page.evaluate(() => window.portsim.scenario().script.length)).toBe(1);

  // A context nobody subscribes to: warned first; Cancel publishes nothing.
  await form.getByLabel('Value', { exact: true }).fill('Order');
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  const warn = page.getByRole('alertdialog', { name: 'No subscriber: publish anyway?' });
  await expect(warn).toContainText('no send port or group subscribes to this: it will be a routing failure', { ignoreCase: true });
  await warn.getByRole('button', { name: 'Cancel' }).click();
  await expect(warn).toHaveCount(0);
  expect(await page.evaluate(() => window.portsim.scenario().script.length)).toBe(1);
  // "Publish anyway" records it, as the user asked.
  await form.getByRole('button', { name: 'Publish', exact: true }).click();
  await warn.getByRole('button', { name: 'Publish anyway' }).click();
  await expect.poll(() => page.evaluate(() => window.portsim.scenario().script.length)).toBe(2);
  await runToEnd(page);
  // The kept count (7) was published: 7 routing failures, as warned.
  expect(await page.evaluate(() => window.portsim.report().totals.routingFailures)).toBe(7);
  watch.assertClean();
});

// The case the issue saw: the primary fails at once (latency 0), so the fail-over to the backup
// and the backup's first attempt happen at the same instant as the 4th primary attempt. Numbering
// "up to that instant" then counted past the fail-over and read "attempt 1 of 4"; the number must
// be that of the attempt itself, as the event log says.
const FAILING = scenario({
  until: '1h',
  sendPorts: [port('SP_Fail', 'started', {
    primary: { transport: 'FILE', address: 'C:\\out\\fail', retryCount: 3, retryInterval: '1m' },
    backup: { transport: 'FTP', address: 'ftp://backup/out', retryCount: 1, retryInterval: '1m' },
  })],
  endpoints: [
    { address: 'C:\\out\\fail', latency: '0s', failures: [{ kind: 'always' }] },
    { address: 'ftp://backup/out', latency: '1s' },
  ],
});

test('#5 Why? numbers the 4th primary attempt "4 of 4", in English and in French', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, FAILING);
  await inject(page, { port: 'SP_Fail' });
  await runToEnd(page);
  const table = await hubTable(page);
  await hubRow(table, 'M1', 'SP_Fail').getByRole('button', { name: 'Why?' }).click();
  // The row's Why? opens the Why? tab itself (issue 11 #6).
  await expect(page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name: 'Why?', exact: true }))
    .toHaveAttribute('aria-selected', 'true');
  const why = page.getByRole('region', { name: /Why is M1 on SP_Fail/ });
  const steps = why.getByRole('listitem').filter({ hasText: /In Transmission: primary/ });
  await expect(steps).toHaveCount(4);
  for (const n of [1, 2, 3, 4]) await expect(steps.nth(n - 1)).toContainText(`(attempt ${n} of 4)`);
  // The backup's own count starts at 1, at the same instant as the 4th primary attempt.
  await expect(why.getByRole('listitem').filter({ hasText: /In Transmission: backup/ })).toContainText('(attempt 1 of 2)');
  // The event log says the same.
  await page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name: 'Event log', exact: true }).click();
  await expect(page.getByText(/primary transport FILE .*\(attempt 4 of 4\)/)).toHaveCount(1);

  await page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name: 'Why?', exact: true }).click();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  const pourquoi = page.getByRole('region', { name: /Pourquoi M1 sur SP_Fail/ });
  const etapes = pourquoi.getByRole('listitem').filter({ hasText: /sur 4\)/ });
  await expect(etapes).toHaveCount(4);
  await expect(etapes.nth(3)).toContainText('(tentative 4 sur 4)');
  watch.assertClean();
});
