// Tutorials end to end through the UI only: lesson 1 (Bound, Stopped, Started) is started from
// the Learn tab and solved with the tree's context menu and the clock; lesson 4 (The group and its
// members) replaces that work after asking and is solved with the detail view's lifecycle buttons.
// Each Check is evaluated by the engine; progress and the current lesson survive a reload (and
// read the same in French).
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { ready } from './ui6_helpers.mjs';

async function learn(page) {
  await page.getByRole('tab', { name: 'Learn' }).click();
  return page.getByRole('region', { name: 'Tutorials' });
}

/** The open lesson panel (it stays beside the console while the learner works). */
function lessonPanel(page, title) {
  return page.getByRole('complementary', { name: `Lesson: ${title}` });
}

async function runToEnd(page) {
  await page.getByRole('toolbar', { name: 'Simulation clock' }).getByRole('button', { name: /Run to end/ }).click();
}

test('two lessons completed through the UI; progress and the current lesson survive a reload', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);

  // Lesson 1: Start the Bound port so that Order1 is delivered.
  let panel = await learn(page);
  await expect(panel.getByText('0 of 10 completed')).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Bound, Stopped, Started' })).toBeVisible();
  await panel.getByRole('button', { name: 'Start lesson' }).click();
  await expect(page.getByRole('treeitem', { name: 'SP_Orders', exact: true })).toBeVisible();
  let lesson = lessonPanel(page, 'Bound, Stopped, Started');
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Not yet');

  await page.getByRole('treeitem', { name: 'SP_Orders', exact: true }).click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'SP_Orders' });
  await expect(menu.getByRole('menuitem', { name: 'Enlist', exact: true })).toBeEnabled();
  await expect(menu.getByRole('menuitem', { name: 'Unenlist', exact: true })).toBeDisabled();
  await menu.getByRole('menuitem', { name: 'Start', exact: true }).click();
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('treeitem', { name: 'SP_Orders', exact: true })).toContainText('Started');
  await runToEnd(page);
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Passed');
  panel = await learn(page);
  await expect(panel.getByText('1 of 10 completed')).toBeVisible();

  // Lesson 4: start the group, then its Stopped member, and both A and B deliver the broadcast.
  await panel.getByRole('button', { name: /The group and its members/ }).click();
  await expect(panel.getByRole('heading', { name: 'The group and its members' })).toBeVisible();
  await panel.getByRole('button', { name: 'Start lesson' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Replace the current work?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('treeitem', { name: 'SPG_Partners', exact: true })).toBeVisible();

  const lifecycle = page.getByRole('main').getByRole('group', { name: 'Lifecycle actions' });
  await page.getByRole('treeitem', { name: 'SPG_Partners', exact: true }).click();
  await lifecycle.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('treeitem', { name: 'SPG_Partners', exact: true })).toContainText('Started');
  await page.getByRole('treeitem', { name: 'SP_B', exact: true }).click();
  await lifecycle.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(page.getByRole('treeitem', { name: 'SP_B', exact: true })).toContainText('Started');
  await runToEnd(page);
  lesson = lessonPanel(page, 'The group and its members');
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Passed');
  panel = await learn(page);
  await expect(panel.getByRole('heading', { name: 'The group and its members' })).toBeVisible();
  await expect(panel.getByText('2 of 10 completed')).toBeVisible();

  // After a reload: the same progress, the same current lesson.
  await page.reload();
  await ready(page);
  panel = await learn(page);
  await expect(panel.getByText('2 of 10 completed')).toBeVisible();
  await expect(panel.getByRole('img', { name: 'Completed', exact: true })).toHaveCount(2);
  await expect(panel.getByRole('button', { name: /The group and its members/ })).toHaveAttribute('aria-current', 'step');
  await expect(panel.getByRole('heading', { name: 'The group and its members' })).toBeVisible();
  // The lesson panel is open again, and the check still passes on the restored, replayed run.
  await runToEnd(page);
  lesson = lessonPanel(page, 'The group and its members');
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Passed');

  // And in French.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('tab', { name: 'Apprendre' }).click();
  const fr = page.getByRole('region', { name: 'Tutoriels' });
  await expect(fr.getByText('2 leçons sur 10 réussies')).toBeVisible();
  await expect(fr.getByRole('img', { name: 'Réussie', exact: true })).toHaveCount(2);
  watch.assertClean();
});
