// The embeds' French on demand (issue 14 §1): their wasm carries the English texts only (but for
// the notice below); a French visitor's embed fetches its French next to its page
// (embed/i18n/fr.json, embed/charts/i18n/fr.json) before it shows anything, an English visitor's
// never does. When that file cannot be read, the embed still opens and works, says so in French,
// and shows those texts in English.
import { test, expect } from '@playwright/test';
import { watchPage } from './helpers.mjs';
import { preset, sharePayload } from './ui6_helpers.mjs';

const isFrench = url => /\/i18n\/fr\.json$/.test(new URL(url).pathname);

test('an English embed fetches no French; a French one fetches its own file once and shows French', async ({ page }) => {
  const watch = watchPage(page);
  const fetched = [];
  page.on('request', r => { if (isFrench(r.url())) fetched.push(new URL(r.url()).pathname); });
  const json = preset('backup_transport');
  await page.goto(`/embed/?lang=en#s=${sharePayload(json)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name, { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Outcome' })).toBeVisible();
  expect(fetched).toEqual([]);

  await page.goto(`/embed/?lang=fr#s=${sharePayload(json)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name, { timeout: 20_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('region', { name: 'Résultat' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Horloge de la simulation' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Ouvrir le simulateur complet' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Chronologie' }).first()).toBeVisible();
  await expect(page.locator('body')).not.toContainText('Outcome');
  await expect(page.getByRole('status').filter({ hasText: 'Les textes français' })).toHaveCount(0);
  expect(fetched).toEqual(['/embed/i18n/fr.json']);
  watch.assertClean();
});

test('an embed opened without a scenario names it in its language: Untitled scenario / Scénario sans titre', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/embed/?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Untitled scenario', { timeout: 20_000 });
  await page.goto('/embed/?lang=fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scénario sans titre', { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Résultat' })).toBeVisible();
  watch.assertClean();
  // The embed with charts (a Yew view, unlike the light embed's DOM) names it the same way.
  await page.goto('/embed/charts/?lang=fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scénario sans titre', { timeout: 20_000 });
});

test('without its French file a French embed opens in English for those texts, says so, and runs', async ({ page }) => {
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.route('**/embed/i18n/fr.json', route => route.fulfill({ status: 404, body: 'not found' }));
  const json = preset('backup_transport');
  await page.goto(`/embed/?lang=fr#s=${sharePayload(json)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name, { timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: "Les textes français n'ont pas pu être chargés" })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Outcome' })).toBeVisible();
  // It works: the JS API runs the scenario to its end.
  const end = await page.evaluate(() => window.portsim.runToEnd());
  expect(end).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.portsim.report().totals.instances)).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('the embed with charts fetches its own French file and shows its charts in French', async ({ page }) => {
  const watch = watchPage(page);
  const fetched = [];
  page.on('request', r => { if (isFrench(r.url())) fetched.push(new URL(r.url()).pathname); });
  const json = preset('backup_transport');
  await page.goto(`/embed/?charts&lang=fr#s=${sharePayload(json)}`);
  await expect(page).toHaveURL(/\/embed\/charts\//);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name, { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Résultat' })).toBeVisible();
  await expect(page.locator('.embed-charts figure.chart svg[role="img"]')).toHaveAttribute('aria-label', 'Instances par statut');
  expect(fetched).toEqual(['/embed/charts/i18n/fr.json']);
  // The redirect from embed/ aborts the light embed's own loads; nothing else may fail.
  expect(watch.problems.filter(p => !/net::ERR_ABORTED/.test(p))).toEqual([]);
});
