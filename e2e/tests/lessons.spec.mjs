// Issue 11 #9 "Lessons lose the learner", clicked through the real UI: the lesson panel stays
// beside the console while the tree, the tabs and the lifecycle buttons are used; Check tells what
// the learner's run actually did (a different story for a different run); Reset clock replays
// without asking and is distinct from Reset progress; after Passed a debrief quotes the Why? line
// and the seed row, opens the Why?, and Next lesson moves on. Screenshots of the panel (with its
// debrief) at 1280×800 and 390×844 go to e2e/test-results/ (copied to docs/screenshots/ by hand once looked at).
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { clock, runToEnd, treeItem, lifecycleButton } from './ui5_helpers.mjs';

const TITLE = 'Messages for a stopped port';

async function startLesson(page, title) {
  await page.getByRole('tab', { name: 'Learn' }).click();
  const tutorials = page.getByRole('region', { name: 'Tutorials' });
  await tutorials.getByRole('button', { name: new RegExp(title) }).click();
  await tutorials.getByRole('button', { name: 'Start lesson' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Replace the current work?' });
  if (await ask.count()) await ask.getByRole('button', { name: 'Replace' }).click();
  const lesson = page.getByRole('complementary', { name: `Lesson: ${title}` });
  await expect(lesson).toBeVisible();
  return lesson;
}

/** The lesson panel is shown and inside the viewport (not scrolled or covered away). */
async function expectInView(page, lesson) {
  await expect(lesson).toBeVisible();
  await expect(lesson.getByText('Deliver all three invoices without terminating any of them.')).toBeInViewport();
  const box = await lesson.boundingBox();
  const vp = page.viewportSize();
  expect(box.width).toBeGreaterThan(200);
  expect(box.x + box.width).toBeLessThanOrEqual(vp.width + 1);
}

test('the lesson panel stays visible while the tree, the tabs and the lifecycle buttons are used', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  const lesson = await startLesson(page, TITLE);
  await expectInView(page, lesson);
  // What the lesson asks: select the port in the tree and Start it.
  await treeItem(page, 'SP_Invoices').click();
  await expectInView(page, lesson);
  await expect(page.getByRole('tab', { name: 'Details', exact: true })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: 'Inject', exact: true }).click();
  await expectInView(page, lesson);
  await treeItem(page, 'SP_Invoices').click();
  await lifecycleButton(page.getByRole('main'), 'Start').click();
  await expect(treeItem(page, 'SP_Invoices')).toContainText('Started');
  await expectInView(page, lesson);
  // Close hides it; progress is kept.
  await lesson.getByRole('button', { name: 'Close lesson' }).click();
  await expect(lesson).toHaveCount(0);
  watch.assertClean();
});

test('Check tells what the run actually did, and a different run gets a different story', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  const lesson = await startLesson(page, TITLE);
  const findings = lesson.getByRole('list', { name: 'What your run did' });

  // At 00:00 nothing has happened yet: the clock is the story.
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Not yet');
  await expect(findings).toContainText('The clock is at 00:00:00.000');
  await expect(findings).toContainText('Run the clock to the end (Run to end), then Check again.');
  const first = await findings.textContent();

  // Run without starting the port: suspended because it was Stopped, and the step that fixes it.
  await runToEnd(page);
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(findings.getByRole('listitem')).toHaveText([
    '3 messages were suspended because SP_Invoices was Stopped when they arrived (C2).',
    'The lesson expects them processed: Start SP_Invoices — the instances it suspended resume on their own (§4).',
  ]);
  expect(await findings.textContent()).not.toBe(first);
  watch.assertClean();
});

test('Reset clock replays without asking; Reset progress only forgets completed lessons', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  const lesson = await startLesson(page, TITLE);
  await treeItem(page, 'SP_Invoices').click();
  await lifecycleButton(page.getByRole('main'), 'Start').click();
  await runToEnd(page);
  const live = await page.evaluate(() => JSON.stringify(window.portsim.report()));

  await clock(page).getByRole('button', { name: 'Reset clock', exact: true }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(clock(page)).toContainText('00:00:00.000');
  await expectInView(page, lesson);
  await runToEnd(page);
  expect(await page.evaluate(() => JSON.stringify(window.portsim.report()))).toBe(live);
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Passed');

  // Reset progress: 0 completed, the document and the clock untouched.
  await page.getByRole('tab', { name: 'Learn' }).click();
  const tutorials = page.getByRole('region', { name: 'Tutorials' });
  await expect(tutorials.getByText('1 of 10 completed')).toBeVisible();
  await tutorials.getByRole('button', { name: 'Reset progress' }).click();
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(tutorials.getByText('0 of 10 completed')).toBeVisible();
  await expect(clock(page).getByText('Finished')).toBeVisible();
  await expect(treeItem(page, 'SP_Invoices')).toContainText('Started');
  watch.assertClean();
});

test('after Passed: a debrief with the Why? line and the seed row, Open its Why?, Next lesson', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  const lesson = await startLesson(page, TITLE);
  await expect(lesson.getByRole('region', { name: 'Debrief' })).toHaveCount(0);
  await treeItem(page, 'SP_Invoices').click();
  await lifecycleButton(page.getByRole('main'), 'Start').click();
  await runToEnd(page);
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Passed');
  await expect(lesson.getByRole('list', { name: 'What your run did' })).toContainText('3 instances on SP_Invoices completed.');

  const debrief = lesson.getByRole('region', { name: 'Debrief' });
  await expect(debrief.getByRole('heading', { name: 'Why? of M1 on SP_Invoices' })).toBeVisible();
  await expect(debrief.locator('.debrief-why')).toContainText(' · §4 · ');
  await expect(debrief.getByRole('heading', { name: 'Seed row §4' })).toBeVisible();
  await expect(debrief).toContainText('§4 Starting a port (or group) resumes the instances it suspended');

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await page.screenshot({ path: 'test-results/lesson-debrief-1280.png' });

  await debrief.getByRole('button', { name: 'Open its Why?' }).click();
  await expect(page.getByRole('region', { name: /Why is M1 on SP_Invoices/ })).toBeVisible();
  await expectInView(page, lesson);

  await debrief.getByRole('button', { name: 'Next lesson' }).click();
  // The lesson's work would be replaced: asked, once the next preset has been fetched.
  await page.getByRole('alertdialog', { name: 'Replace the current work?' }).getByRole('button', { name: 'Replace' }).click();
  await expect(page.getByRole('complementary', { name: 'Lesson: The group and its members' })).toBeVisible();
  await expect(treeItem(page, 'SPG_Partners')).toBeVisible();
  watch.assertClean();
});

test('phone (390×844): the lesson panel stays on the page while the tree is used; debrief screenshot', async ({ page }) => {
  const watch = watchPage(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await openApp(page);
  const lesson = await startLesson(page, TITLE);
  await treeItem(page, 'SP_Invoices').click();
  await expect(lesson).toBeVisible();
  const box = await lesson.boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(391);
  await lifecycleButton(page.getByRole('main'), 'Start').click();
  await runToEnd(page);
  await lesson.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(lesson.getByRole('status')).toContainText('Passed');
  await expect(lesson.getByRole('region', { name: 'Debrief' })).toBeVisible();
  // The panel's heading just under the sticky clock, then the viewport as the learner sees it.
  await page.evaluate(() => {
    const panel = document.querySelector('.lesson-dock');
    const clockBottom = document.querySelector('.clock-region').getBoundingClientRect().height;
    window.scrollTo(0, panel.getBoundingClientRect().top + window.scrollY - clockBottom - 6);
  });
  await expect(lesson.getByRole('heading', { name: TITLE })).toBeInViewport();
  await page.screenshot({ path: 'test-results/lesson-debrief-390.png' });
  watch.assertClean();
});
