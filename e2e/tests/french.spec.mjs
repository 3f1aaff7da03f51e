// French complete (issue 11): the page walked in French — tree, details, editor, inject,
// operations, topology, learn (with an open lesson and its Check), Group Hub, timeline, Why?,
// event log — shows no English word from a list of the UI's English vocabulary and no raw id
// (reason ids, trace kind codes); the event log's lines and its Type filter values are French;
// "Untitled scenario", `exists` and the routing-failure details are translated; French spacing
// (U+202F) before ":" and "?"; the backup transport has its Send handler field.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { ready, loadViaApi, preset, sharePayload } from './ui6_helpers.mjs';

// English words and phrases of the UI (not of the scenario's own names and addresses).
const ENGLISH = [
  'Send port', 'Send Port', 'Suspended', 'Completed', 'Terminated', 'Retry count', 'Retry interval', 'Untitled',
  'published to the MessageBox', 'reaches ', 'Routing failure', 'routing failure', 'Attempt', 'attempt ',
  'Reset', 'Undo', 'Cancel', 'Close', 'Check', 'Show a hint', 'Next lesson', 'Run to end', 'Details', 'Group Hub',
  'Timeline', 'Event log', 'No subscribers', 'no subscribers', 'exists', 'Started', 'Stopped', 'Bound',
  'Primary', 'Backup', 'Transmission Failure', 'Not yet', 'Passed', 'The lesson', 'instances on', 'Waiting',
  'simulation ended', 'enlisted', 'Resume', 'Terminate',
];
// Ids the page must never show as text.
const RAW_IDS = ['transport-failure', 'send-port-stopped', 'send-port-group-stopped', 'suspended-resumable',
  'suspended-not-resumable', 'attempt-failed', 'attempt-ok', 'routing-failure', 'no-subscriber', 'static-one-way'];

async function runToEnd(page) {
  const run = page.getByRole('toolbar', { name: 'Horloge de la simulation' }).getByRole('button', { name: 'Aller à la fin' });
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r())));
  await run.click();
  await expect(run).toBeDisabled();
}

/** The visible text of the page, minus what the scenario itself names (its title). */
async function pageText(page) {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll('.doc-name, script, style, [aria-hidden="true"]').forEach(e => e.remove());
    return clone.innerText;
  });
}

async function expectAllFrench(page, where) {
  const text = await pageText(page);
  const english = ENGLISH.filter(w => text.includes(w));
  const ids = RAW_IDS.filter(w => text.includes(w));
  expect(english, `${where}: English in the French page:\n${english.map(w => `  ${w}: …${text.slice(Math.max(0, text.indexOf(w) - 60), text.indexOf(w) + 60)}…`).join('\n')}`).toEqual([]);
  expect(ids, `${where}: raw ids in the French page`).toEqual([]);
  // French spacing: a narrow no-break space before : ; ! ? (never a plain space, never none).
  const spacing = [...text.matchAll(/.{0,30}(?: |[A-Za-zÀ-ÿ)])[:;!?](?=\s|$).{0,10}/gm)].map(m => m[0]);
  expect(spacing, `${where}: French spacing`).toEqual([]);
}

test('the French page, walked through every view, shows no English and no raw id', async ({ page }) => {
  test.setTimeout(90_000);
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  // A new document is "Scénario sans titre".
  await page.getByRole('button', { name: 'Nouveau', exact: true }).click();
  const ask = page.getByRole('alertdialog');
  if (await ask.count()) await ask.getByRole('button').first().click();
  await expect(page.locator('.doc-name')).toHaveText('Scénario sans titre');

  // Retries, backup transport and suspension; a stopped port; a routing failure.
  await loadViaApi(page, preset('backup_transport'));
  await runToEnd(page);
  const tree = page.getByRole('navigation', { name: 'Arborescence de la console' });
  await tree.getByRole('treeitem', { name: 'SP_Orders', exact: true }).click();
  await expectAllFrench(page, 'details');
  // U+202F before "?" in the Why? tab, before ":" in sentences.
  const whyTab = page.getByRole('tab', { name: /Pourquoi/ });
  expect(await whyTab.textContent()).toBe('Pourquoi\u202f?');

  for (const tab of ['Injecter', 'Opérations', 'Topologie']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expectAllFrench(page, tab);
  }
  for (const tab of ['Hub de groupe', 'Chronologie', 'Journal des événements']) {
    await page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name: tab, exact: true }).click();
    await expectAllFrench(page, tab);
  }
  // The event log's lines and its Type values are French.
  const log = page.getByRole('region', { name: 'Journal des événements' }).first();
  const kinds = await page.locator('#obs-log-kind option').allTextContents();
  expect(kinds).toContain('Tentative échouée');
  expect(kinds.filter(k => /^[a-z-]+$/.test(k))).toEqual([]);
  await page.locator('#obs-log-kind').selectOption('inject');
  await expect(page.locator('.log-line').first()).toContainText('publié dans la MessageBox');

  // Why? of the suspended instance: reason by its label.
  await page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name: 'Hub de groupe', exact: true }).click();
  await page.getByRole('button', { name: /Pourquoi/ }).first().click();
  await expectAllFrench(page, 'Pourquoi ?');

  // The port editor: the operator `exists` in words, the backup transport's Send handler.
  await page.getByRole('tab', { name: 'Détails', exact: true }).click();
  await tree.getByRole('treeitem', { name: 'SP_Orders', exact: true }).click();
  await page.getByRole('main').getByRole('button', { name: 'Modifier', exact: true }).click();
  const editor = page.getByRole('form').first();
  const backup = editor.getByRole('group', { name: 'Transport de secours' });
  await expect(backup.getByLabel("Gestionnaire d'envoi")).toBeVisible();
  const ops = await editor.locator('select[id$="-op"] option').allTextContents();
  if (ops.length) {
    expect(ops).toContain('existe');
    expect(ops).not.toContain('exists');
  }
  await expectAllFrench(page, 'port editor');
  await editor.getByRole('button', { name: 'Annuler', exact: true }).click();

  // Scenario settings, partner endpoints, filter finder, charts, compare and sweep.
  for (const item of ['Scénario', 'Points de terminaison partenaires', 'Recherche par filtre']) {
    const node = tree.getByRole('treeitem', { name: item, exact: true });
    if (await node.count()) {
      await node.click();
      await expectAllFrench(page, item);
    }
  }
  for (const tab of ['Graphiques', 'Comparer', 'Balayage']) {
    await page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name: tab, exact: true }).click();
    await expectAllFrench(page, tab);
  }

  // A routing failure's details in French.
  await loadViaApi(page, preset('bound_port'));
  await runToEnd(page);
  await page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name: 'Hub de groupe', exact: true }).click();
  await expect(page.locator('.rf-table .details').first()).toContainText("n'a pas pu être routé");
  await expectAllFrench(page, 'routing failure');

  // Learn: a lesson open beside the console, checked.
  await page.getByRole('tab', { name: 'Apprendre', exact: true }).click();
  await expectAllFrench(page, 'learn');
  const tutorials = page.getByRole('region', { name: 'Tutoriels' });
  await tutorials.getByRole('button', { name: 'Commencer la leçon' }).click();
  // The loaded work is replaced after asking (in French, with French spacing before "?").
  const again = page.getByRole('alertdialog', { name: 'Remplacer le travail en cours\u202f?' });
  await expect(again).toBeVisible();
  await again.getByRole('button', { name: 'Remplacer', exact: true }).click();
  const lesson = page.getByRole('complementary', { name: /Leçon/ });
  await lesson.getByRole('button', { name: 'Vérifier', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Pas encore');
  await runToEnd(page);
  await lesson.getByRole('button', { name: 'Vérifier', exact: true }).click();
  await expect(lesson.getByRole('list', { name: 'Ce que votre exécution a fait' })).toContainText('échec de routage');
  await expectAllFrench(page, 'lesson');
  watch.assertClean();
});

test('an embed in French never writes the language to the visitor\'s storage', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/embed/?lang=fr#s=' + sharePayload(preset('combined_state')));
  await expect(page.getByRole('region', { name: 'Horloge de la simulation' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
  watch.assertClean();
});
