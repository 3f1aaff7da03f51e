// Helpers shared by the sharing / embed / JS API / language / accessibility / tutorial specs.
import { expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root (e2e/tests/../..). */
export const ROOT = path.resolve(here, '..', '..');
export const PRESET_DIR = path.join(ROOT, 'src', 'presets');

/** Every built-in preset: `{ file, json }` in file order. */
export function presets() {
  return readdirSync(PRESET_DIR)
    .filter(f => f.endsWith('.json'))
    .sort()
    .map(file => ({ file, path: path.join(PRESET_DIR, file), json: readFileSync(path.join(PRESET_DIR, file), 'utf8') }));
}

/** One preset's JSON text by file-name fragment (`bound_port` → 11_bound_port.json). */
export function preset(fragment) {
  const p = presets().find(x => x.file.includes(fragment));
  if (!p) throw new Error(`no preset matching ${fragment}`);
  return p.json;
}

/** The permalink payload exactly as src/share.rs writes it: `1.` + base64url(deflateRaw(bytes)), no padding. */
export function sharePayload(bytes) {
  const compressed = deflateRawSync(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'), { level: 9 });
  return '1.' + compressed.toString('base64url');
}

/** Waits until the wasm app has rendered and installed `window.portsim`. */
export async function ready(page) {
  await expect(page.getByRole('banner').first()).toBeVisible({ timeout: 20_000 });
  await page.waitForFunction(() => typeof window.portsim === 'object' && typeof window.portsim.report === 'function');
}

/** Waits for the page (`ready`), then switches it to `lang` ('en' keeps the default) by the Language menu. */
export async function readyIn(page, lang) {
  await ready(page);
  if (lang === 'fr') {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  }
}

/** Loads a scenario through the page's own JS API and waits for the page to show it. */
export async function loadViaApi(page, json) {
  await ready(page);
  const r = await page.evaluate(j => window.portsim.loadScenario(j), json);
  expect(r, JSON.stringify(r)).toEqual({ ok: true, errors: [] });
  const name = JSON.parse(json).name;
  if (name) await expect(page.locator('.doc-name, .embed-title').first()).toHaveText(name);
}

/** The current document (scenario JSON object) via `portsim.scenario()`. */
export function scenarioOf(page) {
  return page.evaluate(() => window.portsim.scenario());
}

/** Clicks the first button of an open "Replace the current work?" dialog, when one is open. */
export async function confirmIfAsked(page) {
  const dialog = page.getByRole('alertdialog', { name: 'Replace the current work?' });
  if (await dialog.count()) await dialog.getByRole('button', { name: 'Replace' }).click();
}

/** The names of the tree's port or group items (depth 2), in order. */
export async function treeChildren(page, parentName) {
  const parent = page.getByRole('treeitem', { name: parentName, exact: true });
  return parent.getByRole('group').getByRole('treeitem').evaluateAll(els => els.map(e => e.getAttribute('aria-label')));
}

/** Collects page errors only (console errors are checked separately where relevant). */
export function pageErrors(page) {
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  return errors;
}

/** Selects a tree node by clicking its own row (a node's centre may be over one of its children). */
export async function selectNode(page, name) {
  await page.getByRole('treeitem', { name, exact: true }).locator(':scope > .tree-row').click();
}
