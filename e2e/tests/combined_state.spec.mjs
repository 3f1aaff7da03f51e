// Seed table C1–C5 (+ C6): a scenario imported through the Import dialog, one message per row
// injected through the Inject panel, the clock run to the end, and each outcome read in the Group
// Hub (status and reason), with the Why? panel citing the row.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, inject, runToEnd, hubTable, hubRow, observeTab, openItem, docShot } from './ui5_helpers.mjs';

const DOC = scenario({
  sendPorts: [
    port('SP_C1', 'started'),
    port('SP_C2', 'stopped'),
    port('SP_C3', 'started'),
    port('SP_C4', 'stopped'),
    port('SP_C5', 'started'),
    port('SP_C6_bound', 'bound'),
    port('SP_C6_started', 'started'),
  ],
  sendPortGroups: [
    { name: 'SPG_C3', state: 'started', members: ['SP_C3'] },
    { name: 'SPG_C4', state: 'started', members: ['SP_C4', 'SP_C1'] },
    { name: 'SPG_C5', state: 'stopped', members: ['SP_C5'] },
    { name: 'SPG_C6', state: 'started', members: ['SP_C6_bound', 'SP_C6_started'] },
  ],
});

test('C1–C6: every combined-state row ends with the right status and reason in the Group Hub', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, DOC);
  await inject(page, { port: 'SP_C1', id: 'C1' });
  await inject(page, { port: 'SP_C2', id: 'C2' });
  await inject(page, { group: 'SPG_C3', id: 'C3' });
  await inject(page, { group: 'SPG_C4', id: 'C4' });
  await inject(page, { group: 'SPG_C5', id: 'C5' });
  await inject(page, { group: 'SPG_C6', id: 'C6g' });
  await inject(page, { port: 'SP_C6_bound', id: 'C6d' });
  await runToEnd(page);

  const table = await hubTable(page);
  const expectRow = async (msg, portName, group, status, reason) => {
    const row = hubRow(table, msg, portName, group);
    await expect(row, `${msg} on ${portName}`).toHaveCount(1);
    await expect(row.getByRole('cell').nth(6)).toHaveText(new RegExp(`${status.replace(/[()]/g, '\\$&')}$`));
    await expect(row.getByRole('cell').nth(7)).toHaveText(reason);
  };
  // C1: direct, port Started → processed.
  await expectRow('C1', 'SP_C1', null, 'Completed', '');
  // C2: direct, port Stopped → Suspended (resumable), send-port-stopped.
  await expectRow('C2', 'SP_C2', null, 'Suspended (resumable)', 'Send port stopped');
  // C3: via group, group Started and port Started → processed.
  await expectRow('C3', 'SP_C3', 'SPG_C3', 'Completed', '');
  // C4: via group, port Stopped (group Started) → Suspended (resumable), send-port-stopped;
  // the Started member of the same group processes its copy.
  await expectRow('C4', 'SP_C4', 'SPG_C4', 'Suspended (resumable)', 'Send port stopped');
  await expectRow('C4', 'SP_C1', 'SPG_C4', 'Completed', '');
  // C5: via group, group Stopped (port Started) → Suspended (resumable), send-port-group-stopped.
  await expectRow('C5', 'SP_C5', 'SPG_C5', 'Suspended (resumable)', 'Send port group stopped');
  // C6: the Bound member gets no copy through its group; the Started one does.
  await expectRow('C6g', 'SP_C6_started', 'SPG_C6', 'Completed', '');
  await expect(hubRow(table, 'C6g', 'SP_C6_bound', 'SPG_C6')).toHaveCount(0);
  // C6: sent directly to a Bound port → a routing failure, no instance.
  await expect(hubRow(table, 'C6d', 'SP_C6_bound')).toHaveCount(0);
  const hub = page.getByRole('region', { name: 'Service instances' });
  await expect(hub.getByRole('heading', { name: 'Routing failures (1)' })).toBeVisible();
  const rf = hub.getByRole('table', { name: 'Routing failures (1)' });
  await expect(rf.getByRole('row').filter({ hasText: 'C6d' })).toContainText('No subscribers were found');
  // Counts by status: 4 completed, 3 suspended (resumable).
  const counts = hub.getByRole('list', { name: 'Instances by status' });
  await expect(counts.getByRole('listitem').filter({ hasText: /^\W*Completed:/ })).toContainText('Completed: 4');
  await expect(counts.getByRole('listitem').filter({ hasText: /^\W*Suspended \(resumable\):/ })).toContainText('Suspended (resumable): 3');
  await openItem(page, 'SPG_C4');
  await docShot(page, 'test-results/main.png');

  // Why? for the C5 instance cites row C5 of the combined-state table.
  await hubRow(table, 'C5', 'SP_C5', 'SPG_C5').getByRole('button', { name: 'Why?' }).click();
  await observeTab(page, 'Why?');
  const why = page.getByRole('region', { name: /Why is C5 on SP_C5 \(via SPG_C5\)/ });
  await expect(why).toBeVisible();
  const c5 = why.getByRole('table', { name: 'Combined state (C1–C5)' }).getByRole('row').filter({ hasText: 'C5' });
  await expect(c5).toHaveAttribute('aria-current', 'true');
  await expect(c5).toContainText('Cited');
  await expect(why.getByLabel('Rule C5').first()).toBeVisible();
  await docShot(page, 'test-results/why-combined.png', { height: 1300 });

  // Topology of the same scenario.
  await page.getByRole('tab', { name: 'Topology', exact: true }).click();
  await expect(page.getByRole('main').getByText('MessageBox').first()).toBeVisible();
  await docShot(page, 'test-results/topology.png');
  watch.assertClean();
});
