// Helpers for the send port / group / observation browser tests: building scenarios through the
// Import dialog, selecting tree items, running the clock and reading the Group Hub — all by role
// and accessible name, as a user would.
import { expect } from '@playwright/test';

/** A scenario document (portsim-scenario/1) with the given parts. */
export function scenario(parts) {
  return JSON.stringify({ format: 'portsim-scenario/1', name: 'e2e', seed: 1, ...parts }, null, 2);
}

/** A static one-way port with a FILE primary and no filter. */
export function port(name, state, extra = {}) {
  return {
    name, kind: 'static-one-way', state,
    primary: { transport: 'FILE', address: `C:\\out\\${name}`, retryCount: 0, retryInterval: '1m' },
    ...extra,
  };
}

/** Opens the Import dialog, pastes `json` and presses Load; the dialog closes on success. */
export async function importJson(page, json, { expectOk = true } = {}) {
  await page.getByRole('toolbar', { name: 'Scenario commands' }).getByRole('button', { name: 'Import', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a scenario' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Or paste scenario JSON').fill(json);
  await dialog.getByRole('button', { name: 'Load', exact: true }).click();
  if (expectOk) await expect(dialog).toHaveCount(0);
}

/** The console tree. */
export function tree(page) {
  return page.getByRole('navigation', { name: 'Console tree' });
}

/** The tree item of a port or group (its accessible name is exactly the name). */
export function treeItem(page, name) {
  return tree(page).getByRole('treeitem', { name, exact: true });
}

/** Selects a port or group in the tree and returns its detail region. */
export async function openItem(page, name) {
  await page.getByRole('tab', { name: 'Details', exact: true }).click();
  await treeItem(page, name).click();
  const region = page.getByRole('main').getByRole('region', { name, exact: true });
  await expect(region).toBeVisible();
  return region;
}

/** The lifecycle button `action` (Enlist/Start/Stop/Unenlist) inside `scope`. */
export function lifecycleButton(scope, action) {
  return scope.getByRole('group', { name: 'Lifecycle actions' }).getByRole('button', { name: action, exact: true });
}

/** The clock toolbar. */
export function clock(page) {
  return page.getByRole('toolbar', { name: 'Simulation clock' });
}

/** Presses Run to end and waits for the clock to say Finished. */
export async function runToEnd(page) {
  const run = clock(page).getByRole('button', { name: /Run to end/ });
  // Yew renders after the event that changed the model; give it one frame before reading.
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r())));
  if (await run.isEnabled()) await run.click();
  await expect(clock(page).getByText('Finished')).toBeVisible();
}

/** Shows an observation tab (Group Hub, Timeline, Why?, Event log). */
export async function observeTab(page, name) {
  await page.getByRole('region', { name: 'Observation' }).getByRole('tab', { name, exact: true }).click();
}

/** The Group Hub's instance table. */
export async function hubTable(page) {
  await observeTab(page, 'Group Hub');
  return page.getByRole('table', { name: 'Service instances' });
}

/** The hub row of message `message` on port `port` (found through its row checkbox's name). */
export function hubRow(table, message, port, group) {
  const name = group ? `Select ${message} on ${port} via ${group}` : `Select ${message} on ${port}`;
  return table.getByRole('row').filter({ has: table.page().getByRole('checkbox', { name, exact: true }) });
}

/** Fills the Inject panel and presses Send (direct to a port or group) or Publish. */
export async function inject(page, { port, group, count = 1, every = '0s', id } = {}) {
  await page.getByRole('tab', { name: 'Inject', exact: true }).click();
  const form = page.getByRole('form', { name: 'Inject messages' });
  if (port) {
    await form.getByRole('radio', { name: 'Send to a send port', exact: true }).check();
    await form.getByLabel('Send port', { exact: true }).selectOption(port);
  } else if (group) {
    await form.getByRole('radio', { name: 'Send to a send port group', exact: true }).check();
    await form.getByLabel('Send port group', { exact: true }).selectOption(group);
  }
  await form.getByLabel('Count', { exact: true }).fill(String(count));
  await form.getByLabel('Interval', { exact: true }).fill(every);
  if (id) await form.getByLabel('Message id (optional)').fill(id);
  await form.getByRole('button', { name: port || group ? 'Send' : 'Publish', exact: true }).click();
}

/**
 * A documentation screenshot at 1280 px wide (taller than the test viewport so both panes have
 * room); with `top`, every scrolled pane is first scrolled back to its start.
 */
export async function docShot(page, path, { top = true, height = 1100 } = {}) {
  await page.setViewportSize({ width: 1280, height });
  if (top) await page.evaluate(() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; }));
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await page.screenshot({ path });
  await page.setViewportSize({ width: 1280, height: 800 });
}
