// §6 retries → backup transport → Suspended (resumable), seen in the Timeline and explained by
// the Why? panel; and the two ways out of Suspended: Start auto-resumes a message held by a
// Stopped port (§4, C2), and a manual Resume from the Group Hub delivers a transport-failure
// suspension once the endpoint has recovered.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, port, importJson, inject, runToEnd, hubTable, hubRow, observeTab, openItem, lifecycleButton, docShot } from './ui5_helpers.mjs';

const FAILING = scenario({
  name: 'Primary and backup down',
  sendPorts: [port('SP_Fail', 'started', {
    primary: { transport: 'FILE', address: 'C:\\out\\primary', retryCount: 2, retryInterval: '1m' },
    backup: { transport: 'FTP', address: 'ftp://backup/out', retryCount: 1, retryInterval: '2m' },
  })],
  endpoints: [
    { address: 'C:\\out\\primary', latency: '1s', failures: [{ kind: 'always' }] },
    { address: 'ftp://backup/out', latency: '1s', failures: [{ kind: 'always' }] },
  ],
});

test('retry → backup → Suspended (resumable): the timeline shows every attempt and the Why? panel cites §6', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, FAILING);
  await inject(page, { port: 'SP_Fail' });
  await runToEnd(page);

  const table = await hubTable(page);
  const row = hubRow(table, 'M1', 'SP_Fail');
  await expect(row.getByRole('cell').nth(6)).toHaveText(/Suspended \(resumable\)$/);
  await expect(row.getByRole('cell').nth(7)).toHaveText('Transport failure (all retries spent)');
  // 1 + 2 primary attempts, 1 + 1 backup attempts.
  await expect(row.getByRole('cell').nth(8)).toHaveText('5');

  await row.getByRole('button', { name: 'Why?' }).click();
  await observeTab(page, 'Timeline');
  const tl = page.getByRole('region', { name: 'Timeline' });
  await expect(tl.getByText('M1 on SP_Fail — ‖ Suspended (resumable)')).toBeVisible();
  await expect(tl.getByRole('button', { name: 'Selected instance' })).toHaveAttribute('aria-pressed', 'true');
  // The text alternative lists each attempt with its lane and outcome, the waits and the marks.
  await tl.getByText(/Timeline as a list/).click();
  const list = tl.getByRole('listitem');
  await expect(list.filter({ hasText: /Primary, Transmission Failure/ })).toHaveCount(3);
  await expect(list.filter({ hasText: /Backup, Transmission Failure/ })).toHaveCount(2);
  await expect(list.filter({ hasText: /OK$/ })).toHaveCount(0);
  await expect(list.filter({ hasText: /Waiting to retry/ })).toHaveCount(3);
  const lines = await list.allTextContents();
  const at = re => lines.findIndex(l => re.test(l));
  // §6 timing: attempts last 1 s; primary retries 1 m apart, backup retries 2 m apart.
  const p1 = at(/^00:00:00\.000 .*→ 00:00:01: M1 #1 C:\\out\\primary, Primary, Transmission Failure$/);
  const p2 = at(/^00:01:01\.000 .*→ 00:01:02: M1 #2 C:\\out\\primary, Primary, Transmission Failure$/);
  const p3 = at(/^00:02:02\.000 .*→ 00:02:03: M1 #3 C:\\out\\primary, Primary, Transmission Failure$/);
  const failover = at(/^00:02:03\.000 .*⇄ Transmission Failure \(to be resubmitted in backup transport\)/);
  const b1 = at(/^00:02:03\.000 .*→ 00:02:04: M1 #4 ftp:\/\/backup\/out, Backup, Transmission Failure$/);
  const b2 = at(/^00:04:04\.000 .*→ 00:04:05: M1 #5 ftp:\/\/backup\/out, Backup, Transmission Failure$/);
  const suspended = at(/^00:04:05\.000 .*‖ .*Suspended \(resumable\), reason “Transport failure \(all retries spent\)”$/);
  for (const [name, i] of Object.entries({ p1, p2, p3, failover, b1, b2, suspended })) {
    expect(i, `${name} in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  }
  expect(p1).toBeLessThan(p2);
  expect(p2).toBeLessThan(p3);
  expect(p3).toBeLessThan(b1);
  expect(b1).toBeLessThan(b2);
  expect(b2).toBeLessThan(suspended);
  // The chart has the Primary and Backup lanes with one bar per attempt (SVG titles name them).
  const plot = tl.getByRole('group', { name: 'Timeline chart' });
  await expect(plot.getByText('Primary', { exact: true })).toBeVisible();
  await expect(plot.getByText('Backup', { exact: true })).toBeVisible();
  await openItem(page, 'SP_Fail');
  await docShot(page, 'test-results/timeline.png');

  await observeTab(page, 'Why?');
  const why = page.getByRole('region', { name: /Why is M1 on SP_Fail ‖ Suspended \(resumable\)\?/ });
  await expect(why).toBeVisible();
  await expect(why.getByRole('listitem').filter({ has: page.getByLabel('Rule §6') }).first()).toBeVisible();
  await expect(why.getByLabel('Rule §6').first()).toHaveText('§6');
  await expect(why.getByRole('listitem').filter({ hasText: /moving to backup transport FTP ftp:\/\/backup\/out/ }).getByLabel('Rule §6')).toBeVisible();
  await expect(why.getByRole('listitem').last()).toContainText('Suspended (resumable), reason “Transport failure (all retries spent)”');
  await expect(why).not.toContainText('transport-failure');
  await docShot(page, 'test-results/why.png');
  watch.assertClean();
});

test('Start auto-resumes a message suspended because the port was Stopped (C2), and it completes', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({ sendPorts: [port('SP_Held', 'stopped')] }));
  await inject(page, { port: 'SP_Held' });
  await runToEnd(page);
  const table = await hubTable(page);
  const row = hubRow(table, 'M1', 'SP_Held');
  await expect(row.getByRole('cell').nth(6)).toHaveText(/Suspended \(resumable\)$/);
  await expect(row.getByRole('cell').nth(7)).toHaveText('Send port stopped');
  await expect(row.getByRole('cell').nth(8)).toHaveText('0');

  const region = await openItem(page, 'SP_Held');
  await lifecycleButton(region, 'Start').click();
  await runToEnd(page);
  const t2 = await hubTable(page);
  const r2 = hubRow(t2, 'M1', 'SP_Held');
  await expect(r2.getByRole('cell').nth(6)).toHaveText(/Completed$/);
  await expect(r2.getByRole('cell').nth(7)).toHaveText('');
  await expect(r2.getByRole('cell').nth(8)).toHaveText('1');
  watch.assertClean();
});

test('manual Resume from the Group Hub delivers a transport-failure suspension after the endpoint recovers', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({
    sendPorts: [port('SP_Flaky', 'started', {
      primary: { transport: 'HTTP', address: 'http://partner/flaky', retryCount: 1, retryInterval: '1m' },
    })],
    // The partner fails the first two attempts, then recovers.
    endpoints: [{ address: 'http://partner/flaky', latency: '0s', failures: [{ kind: 'firstAttempts', count: 2 }] }],
  }));
  await inject(page, { port: 'SP_Flaky' });
  await runToEnd(page);
  const table = await hubTable(page);
  const row = hubRow(table, 'M1', 'SP_Flaky');
  await expect(row.getByRole('cell').nth(6)).toHaveText(/Suspended \(resumable\)$/);
  await expect(row.getByRole('cell').nth(7)).toHaveText('Transport failure (all retries spent)');
  await expect(row.getByRole('cell').nth(8)).toHaveText('2');

  const hub = page.getByRole('region', { name: 'Service instances' });
  const resume = hub.getByRole('button', { name: 'Resume', exact: true });
  await expect(resume).toBeDisabled();
  await row.getByRole('checkbox', { name: 'Select M1 on SP_Flaky' }).check();
  await expect(hub.getByText('1 selected of 1 shown')).toBeVisible();
  await expect(resume).toBeEnabled();
  await resume.click();
  await runToEnd(page);
  const r2 = hubRow(await hubTable(page), 'M1', 'SP_Flaky');
  await expect(r2.getByRole('cell').nth(6)).toHaveText(/Completed$/);
  await expect(r2.getByRole('cell').nth(8)).toHaveText('3');
  watch.assertClean();
});
