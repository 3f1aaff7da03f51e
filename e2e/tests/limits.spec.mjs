// Issue 9 §7 and §4 in the page: a long Run to end runs in slices with a progress bar and a Stop
// button, and the page keeps answering; a run that reaches a work limit leaves a clear notice
// (which limit, what was growing) with a rerun offer, and keeps the scenario.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { scenario, clock, importJson, observeTab } from './ui5_helpers.mjs';

/** 2,000 messages on a port whose partner is always down, 1,000 retries a minute apart: ~4 M events. */
const LONG_RUN = scenario({
  until: '2d',
  sendPorts: [{
    name: 'SP_Down', kind: 'static-one-way', state: 'started',
    primary: { transport: 'FILE', address: 'C:\\down', retryCount: 1000, retryInterval: '1m' },
  }],
  endpoints: [{ address: 'C:\\down', failures: [{ kind: 'always' }] }],
  script: [{ at: '0s', send: { port: 'SP_Down', count: 6000 } }],
});

/** Solicit-response ports that take each other's responses, with a low instance limit. */
function storm(limits) {
  const sr = name => ({
    name, kind: 'static-solicit-response', state: 'started',
    filter: [[{ property: 'BTS.SPName', operator: 'exists' }]],
    primary: { transport: 'HTTP', address: 'http://x' },
  });
  return scenario({
    limits,
    sendPorts: [sr('S0'), sr('S1'), sr('S2'),
      { name: 'E', kind: 'static-solicit-response', state: 'started', primary: { transport: 'HTTP', address: 'http://x' } }],
    script: [{ at: '0s', send: { port: 'E' } }],
  });
}

test('Run to end of a large scenario shows progress, Stop works and the page still answers', async ({ page }) => {
  test.setTimeout(120_000);
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, LONG_RUN);
  await clock(page).getByRole('button', { name: /Run to end/ }).click();

  const progress = page.getByRole('group', { name: 'Run progress' });
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar', { name: 'Run progress' })).toBeVisible();
  // The status line moves: simulated time, events per second, instances.
  const status = progress.getByTestId('run-status');
  await expect(status).toContainText(/events\/s · 6,000 instances/);
  const first = await status.textContent();
  await expect(status).not.toHaveText(first ?? '');

  await progress.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(progress).toHaveCount(0);
  await expect(clock(page).getByText('Finished')).toHaveCount(0);
  const stoppedAt = await clock(page).getByTestId('clock-elapsed').textContent();

  // The page answers: a tab switch renders, Step moves the clock by one event, nothing ran on.
  await observeTab(page, 'Event log');
  await expect(page.getByRole('tab', { name: 'Event log', selected: true })).toBeVisible();
  const t0 = Date.now();
  await clock(page).getByRole('button', { name: /Step/ }).click();
  await expect(page.getByRole('tab', { name: 'Event log', selected: true })).toBeVisible();
  console.log(`Step after Stop answered in ${Date.now() - t0} ms; stopped at ${stoppedAt}`);
  expect(Date.now() - t0).toBeLessThan(5_000);
  await expect(progress).toHaveCount(0);
  watch.assertClean();
});

test('a work limit leaves a clear notice, in English and French, and a rerun raises it', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, storm({ maxInstances: 300 }));
  await clock(page).getByRole('button', { name: /Run to end/ }).click();

  const notice = page.getByRole('alert').filter({ hasText: 'The run stopped at a work limit' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Instance limit reached at 00:00:00.000: more than 300 instances.');
  await expect(notice).toContainText('What was growing: responses of S0, S1 and S2 subscribe to each other:');
  await expect(notice).toContainText('Your scenario is kept');
  // The scenario is kept: its ports are still in the tree.
  await expect(page.getByRole('navigation', { name: 'Console tree' }).getByText('S2', { exact: true })).toBeVisible();

  await notice.getByRole('button', { name: 'Rerun with limits ×10' }).click();
  await expect(notice).toContainText('more than 3,000 instances.');

  await page.getByRole('combobox', { name: /Language|Langue/ }).selectOption('fr');
  const avis = page.getByRole('alert').filter({ hasText: "L'exécution s'est arrêtée à une limite de travail" });
  await expect(avis).toContainText("Limite d'instances atteinte à 00:00:00.000 : plus de 3\u202f000 instances.");
  await expect(avis).toContainText("les réponses de S0, S1 et S2 s'abonnent les unes aux autres");
  await expect(avis.getByRole('button', { name: 'Relancer avec des limites ÷10' })).toBeVisible();
  // The event log's last line says the same in French (not the engine's English sentence).
  await page.getByRole('tab', { name: 'Journal des événements' }).click();
  const last = page.locator('.log-line').last();
  await expect(last).toContainText("simulation arrêtée\u202f: Limite d'instances atteinte à 00:00:00.000\u202f: plus de 3\u202f000 instances.");
  await expect(last).toContainText("les réponses de S0, S1 et S2 s'abonnent les unes aux autres");
  await expect(last).not.toContainText('instance limit');
  watch.assertClean();
});

test('the memory limit (an engine that would run out of memory) stops a huge publish with a notice', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await importJson(page, scenario({
    limits: { maxMemoryMb: 8 },
    sendPorts: [{ name: 'SP_All', kind: 'static-one-way', state: 'started',
      filter: [[{ property: 'X', operator: 'exists' }]], primary: { transport: 'FILE', address: 'C:\\all' } }],
    script: [{ at: '0s', publish: { context: { X: 1 }, count: 100000 } }],
  }));
  await clock(page).getByRole('button', { name: /Run to end/ }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'The run stopped at a work limit' });
  await expect(notice).toContainText('Memory limit reached at 00:00:00.000: more than 8 MB (estimated).');
  await expect(notice).toContainText('What was growing: instances of SP_All:');
  // The report says the same to a script (window.portsim).
  const limit = await page.evaluate(() => window.portsim.report().limit);
  expect(limit.kind).toBe('memory');
  expect(limit.limit).toBe(8);
  watch.assertClean();
});
