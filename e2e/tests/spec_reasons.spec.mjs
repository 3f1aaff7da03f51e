// The report reasons of the current spec, as the Group Hub shows them (SCENARIO.md, report
// `reason`): a dynamic port whose address names no known adapter (§1, unknown-transport), a
// solicit-response whose response nobody takes (§9, response-not-routed) and failed message
// routing whose error report a subscriber takes (§6, completed with failed-message-routed) —
// each with its own label, in English and in French.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, runToEnd, hubTable, hubRow } from './ui5_helpers.mjs';

const REASONS = scenario({
  name: 'Reasons',
  sendPorts: [
    { name: 'DP', kind: 'dynamic-one-way', state: 'started' },
    { name: 'SR', kind: 'static-solicit-response', state: 'started',
      primary: { transport: 'HTTP', address: 'http://partner/quote' } },
    port('SP_F', 'started', { primary: { transport: 'HTTP', address: 'http://down', retryCount: 0 }, routeFailedMessages: true }),
    port('SP_Err', 'started', { filter: [[{ property: 'ErrorReport.SendPortName', operator: '==', value: 'SP_F' }]] }),
  ],
  endpoints: [{ address: 'http://down', failures: [{ kind: 'always' }] }],
  script: [
    { at: '0s', send: { port: 'DP', id: 'Dyn', context: { 'BTS.OutboundTransportLocation': 'gopher://old/x' } } },
    { at: '0s', send: { port: 'SR', id: 'Req' } },
    { at: '0s', send: { port: 'SP_F', id: 'Fail' } },
  ],
});

test('the Group Hub labels unknown-transport, response-not-routed and failed-message-routed (en, fr)', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, REASONS);
  await runToEnd(page);

  const table = await hubTable(page);
  const expectRow = async (message, portName, status, reason) => {
    const cells = hubRow(table, message, portName).getByRole('cell');
    await expect(cells.nth(6)).toHaveText(status);
    await expect(cells.nth(7)).toHaveText(reason);
  };
  await expectRow('Dyn', 'DP', /Suspended \(resumable\)$/, 'Unknown transport (no adapter)');
  await expectRow('Req', 'SR', /Suspended \(resumable\)$/, 'Response not routed (no subscriber)');
  await expectRow('Fail', 'SP_F', /Completed$/, 'Failed message routed (error report delivered)');
  await expectRow('Fail.failed', 'SP_Err', /Completed$/, '');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  const fr = page.getByRole('table', { name: 'Instances de service' });
  for (const label of ['Transport inconnu (aucun adaptateur)', 'Réponse non routée (aucun abonné)',
    "Message en échec routé (rapport d'erreur remis)"]) {
    await expect(fr.getByRole('cell', { name: label, exact: true })).toHaveCount(1);
  }
  watch.assertClean();
});
