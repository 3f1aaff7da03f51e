// What-if comparison and sweeps (issue 13): Compare… keeps the scenario as A, the port editor
// changes the Retry count in B, and the difference list shows the messages whose outcome changed;
// a small sweep of the retry count runs in slices and its table reads the suspension rate per value.
// axe scans both views in English and French.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchPage, openApp } from './helpers.mjs';
import { preset, loadViaApi, readyIn } from './ui6_helpers.mjs';
import { observeTab, openItem } from './ui5_helpers.mjs';

test('Compare: a changed Retry count in B lists the messages whose outcome changed', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('retry_settings'));
  await observeTab(page, 'Compare');
  await page.getByRole('button', { name: 'Compare…' }).click();

  // B = the document, edited with the usual port editor: Retry count 3 → 5.
  const detail = await openItem(page, 'SP_Partner');
  await detail.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = page.getByRole('form', { name: 'Send Port Properties — SP_Partner' });
  await form.getByRole('group', { name: 'General' }).getByLabel('Retry count').fill('5');
  await form.getByRole('button', { name: 'Apply', exact: true }).click();

  const totals = page.getByRole('region', { name: 'Totals of A and B' });
  const row = name => totals.getByRole('row', { name: new RegExp(`^${name}`) }).locator('td');
  await expect(row('Completed')).toHaveText(['12', '15', '+3']);
  await expect(row('Suspended \\(resumable\\)')).toHaveText(['3', '0', '-3']);

  await page.getByRole('checkbox', { name: 'Only messages whose outcome changed' }).check();
  const diff = page.getByRole('region', { name: 'Differences by message' });
  const changed = diff.locator('tbody tr');
  await expect(changed).toHaveCount(3);
  await expect(changed.locator('th')).toHaveText(['M1', 'M2', 'M3']);
  await expect(changed.first().locator('td').nth(1)).toHaveText(/^Suspended \(resumable\), 4 attempts$/);
  await expect(changed.first().locator('td').nth(2)).toHaveText(/^Completed .*, 5 attempts$/);
  await expect(changed.first().locator('td').nth(3)).toHaveText(/outcome changed/);
  // The overlay chart draws both runs; its data table is the text alternative.
  await expect(page.locator('.compare-panel figure svg[role="img"]')).toHaveAttribute('aria-label', 'Instances by status, A solid and B dashed');

  // Going back to A restores the kept scenario (Retry count 3) and ends the comparison.
  await page.getByRole('button', { name: 'Go back to A' }).click();
  await expect(page.getByRole('button', { name: 'Compare…' })).toBeVisible();
  const doc = await page.evaluate(() => window.portsim.scenario());
  expect(doc.sendPorts[0].primary.retryCount).toBe(3);
  watch.assertClean();
});

test('Sweep: the retry count from 3 to 5 runs in slices; the table reads the suspension rate per value', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('retry_settings'));
  await observeTab(page, 'Sweep');
  await page.getByLabel('Setting', { exact: true }).selectOption('/sendPorts/0/primary/retryCount');
  await page.getByLabel('Values', { exact: true }).fill('3..5');
  await page.getByLabel('Values', { exact: true }).press('Tab');
  await page.getByLabel('Seeds', { exact: true }).fill('2');
  await page.getByLabel('Seeds', { exact: true }).press('Tab');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'of 6 runs' })).toHaveText('6 of 6 runs');
  const table = page.getByRole('region', { name: 'Sweep results' });
  const rows = await table.locator('tbody tr').evaluateAll(trs => trs.map(tr => [...tr.children].map(c => c.textContent)));
  // 15 messages; 3 × 5 min suspends M1–M3 (20 %), 4 × 5 min rides out 20 minutes only for
  // messages published after the first, 5 × 5 min delivers all. No randomness: no band.
  expect(rows.map(r => [r[0], r[1], r[2]])).toEqual([['3', '2', '20.0 %'], ['4', '2', rows[1][2]], ['5', '2', '0.0 %']]);
  expect(Number(rows[1][2].replace(' %', ''))).toBeLessThan(20);
  // Bad values are refused with the pointer named, nothing runs.
  await page.getByLabel('Values', { exact: true }).fill('1000..1001');
  await page.getByLabel('Values', { exact: true }).press('Tab');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('alert')).toContainText('/sendPorts/0/primary/retryCount=1001');
  watch.assertClean();
});

test('Sweep over two settings: a heat map of the chosen figure with its legend and a table per pair', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await loadViaApi(page, preset('retry_settings'));
  await observeTab(page, 'Sweep');
  await page.getByLabel('Setting', { exact: true }).selectOption('/sendPorts/0/primary/retryCount');
  await page.getByLabel('Values', { exact: true }).fill('3..5');
  await page.getByLabel('Values', { exact: true }).press('Tab');
  await page.getByLabel('Second setting (heat map)').selectOption('/sendPorts/0/primary/retryInterval');
  await page.getByLabel('Values of the second setting').fill('5m,10m');
  await page.getByLabel('Values of the second setting').press('Tab');
  await page.getByRole('button', { name: 'Run sweep' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'of 6 runs' })).toHaveText('6 of 6 runs');
  const map = page.locator('.sweep-panel figure svg[role="img"]');
  await expect(map).toHaveAttribute('aria-label', 'Suspension rate per pair of values (mean across seeds)');
  // 3 × 2 cells, one per pair, each with its value written in; plus the legend bar.
  await expect(map.locator('rect title')).toHaveCount(6);
  await expect(map.locator('rect title').first()).toHaveText('/sendPorts/0/primary/retryCount = 3, /sendPorts/0/primary/retryInterval = 5m: 20.0 %');
  await expect(map.locator('linearGradient')).toHaveCount(1);
  // The table behind it: a column per setting; 3 × 5 min suspends 20 %, 3 × 10 min rides out the
  // 20-minute outage (0 %), and so does every longer setting.
  const table = page.getByRole('region', { name: 'Sweep results' });
  const headers = await table.locator('thead th').allInnerTexts();
  expect(headers.slice(0, 3)).toEqual(['/sendPorts/0/primary/retryCount', '/sendPorts/0/primary/retryInterval', 'Runs']);
  const rows = await table.locator('tbody tr').evaluateAll(trs => trs.map(tr => [...tr.children].map(c => c.textContent)));
  expect(rows.map(r => r.slice(0, 2))).toEqual([['3', '5m'], ['3', '10m'], ['4', '5m'], ['4', '10m'], ['5', '5m'], ['5', '10m']]);
  expect(rows[0][3]).toBe('20.0 %');
  expect(rows[1][3]).toBe('0.0 %');
  expect(rows[5][3]).toBe('0.0 %');
  // Another figure: the map recolours from the same runs.
  await page.getByLabel('Figure charted').selectOption('attempts');
  await expect(map).toHaveAttribute('aria-label', 'Attempts per run per pair of values (mean across seeds)');
  // Each cell says the same as its table row (attempts per run, no band: the scenario has no randomness).
  const titles = await map.locator('rect title').allTextContents();
  expect(titles.map(x => x.split(': ').pop())).toEqual(rows.map(r => r[5]));
  expect(Number(rows[0][5])).toBeGreaterThan(Number(rows[1][5]));
  watch.assertClean();
});

for (const lang of ['en', 'fr']) {
  test(`axe: Compare and Sweep have no serious or critical violations (${lang})`, async ({ page }) => {
    const watch = watchPage(page);
    await openApp(page);
    await readyIn(page, lang);
    await loadViaApi(page, preset('retry_settings'));
    const tab = name => page.getByRole('tab', { name, exact: true }).click();
    const bad = [];
    const scan = async view => {
      const results = await new AxeBuilder({ page }).include('.observe').analyze();
      bad.push(...results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `[${lang} ${view}] ${v.impact} ${v.id}: ${v.help} — ${v.nodes.map(n => n.target.join(' ')).slice(0, 4).join('; ')}`));
    };
    await tab(lang === 'fr' ? 'Comparer' : 'Compare');
    await page.getByRole('button', { name: lang === 'fr' ? 'Comparer…' : 'Compare…' }).click();
    await page.getByText(lang === 'fr' ? 'Tableau des données' : 'Data table', { exact: true }).click();
    await scan('compare');
    await tab(lang === 'fr' ? 'Balayage' : 'Sweep');
    await page.getByRole('button', { name: lang === 'fr' ? 'Lancer le balayage' : 'Run sweep' }).click();
    await expect(page.locator('.sweep-panel progress')).toHaveAttribute('value', '6');
    await scan('sweep');
    // Two settings: the heat map and its table.
    await page.getByLabel(lang === 'fr' ? 'Second paramètre (carte de chaleur)' : 'Second setting (heat map)')
      .selectOption('/sendPorts/0/primary/retryInterval');
    const second = page.getByLabel(lang === 'fr' ? 'Valeurs du second paramètre' : 'Values of the second setting');
    await second.fill('5m,10m');
    await second.press('Tab');
    await page.getByRole('button', { name: lang === 'fr' ? 'Lancer le balayage' : 'Run sweep' }).click();
    await expect(page.locator('.sweep-panel progress')).toHaveAttribute('value', '12');
    await expect(page.locator('.sweep-panel figure svg linearGradient')).toHaveCount(1);
    await scan('sweep heat map');
    expect(bad, bad.join('\n')).toEqual([]);
    watch.assertClean();
  });
}
