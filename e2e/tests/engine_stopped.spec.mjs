// The brief's second promise, for the memory the work limits cannot see (src/ui/engine_stopped.rs):
// when the browser refuses the wasm more memory, the allocation fails and the wasm traps; the page
// must then say so — what happened, how much memory it held, what to do — instead of looking normal
// while every later call fails. Chromium runs here with its wasm memories capped at 160 MiB
// (`--js-flags=--wasm-max-mem-pages`, as a small device would refuse), so a run of 1.5 million live
// instances fails for real, far below the engine's own 1 GB memory limit.
import { test, expect } from '@playwright/test';
import { openApp } from './helpers.mjs';
import { scenario, clock, importJson } from './ui5_helpers.mjs';
import { sharePayload } from './ui6_helpers.mjs';

const PAGES_OF_64_KIB = 2560; // 160 MiB
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--js-flags=--wasm-max-mem-pages=${PAGES_OF_64_KIB}`],
  },
});

/** 1.5 million messages (15 sends of 100,000, the most one send may count) to one port whose
 *  partner answers after a day: every instance stays live. */
const TOO_BIG = scenario({
  name: 'Too big for this browser',
  until: '2d',
  sendPorts: [{ name: 'SP_Slow', kind: 'static-one-way', state: 'started',
    primary: { transport: 'FILE', address: 'C:\\slow', retryCount: 0, retryInterval: '1m' } }],
  endpoints: [{ address: 'C:\\slow', latency: '1d' }],
  script: Array.from({ length: 15 }, () => ({ at: '0s', send: { port: 'SP_Slow', count: 100000 } })),
});

test('full page: a run the browser has no memory for ends in a clear alert, and a reload brings the scenario back', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await openApp(page);
  await importJson(page, TOO_BIG);
  await expect(page.locator('.doc-name')).toHaveText('Too big for this browser');
  await clock(page).getByRole('button', { name: /Run to end/ }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'The simulator stopped' });
  await expect(alert).toBeVisible({ timeout: 60_000 });
  await expect(alert).toContainText(/its WebAssembly engine failed \(most likely out of memory: \d+ MB in use\)/);
  await expect(alert).toContainText('Your scenario is kept in the autosave');
  const mb = Number((await alert.textContent()).match(/(\d+) MB in use/)[1]);
  expect(mb).toBeGreaterThan(100);
  expect(mb).toBeLessThanOrEqual(160);
  // What stopped it was the wasm trap the alert reports (not some other failure).
  expect(errors.some(e => /RuntimeError|unreachable/.test(e)), errors.join('\n')).toBe(true);

  await alert.getByRole('button', { name: 'Reload the page' }).click();
  await expect(page.getByRole('banner')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.doc-name')).toHaveText('Too big for this browser');
  await expect(page.getByRole('alert').filter({ hasText: 'The simulator stopped' })).toHaveCount(0);
  // The reloaded page runs again: a small scenario through the JS API.
  const small = await page.evaluate(j => {
    const r = window.portsim.loadScenario(j);
    if (!r.ok) return r;
    window.portsim.runToEnd();
    return window.portsim.report().totals;
  }, scenario({ sendPorts: [{ name: 'SP', kind: 'static-one-way', state: 'started',
    primary: { transport: 'FILE', address: 'C:\\x', retryCount: 0, retryInterval: '1m' } }],
  script: [{ at: '0s', send: { port: 'SP', count: 3 } }] }));
  expect(small.completed).toBe(3);
});

for (const [label, path, lang, text] of [
  ['light embed (French)', '/embed/?lang=fr', 'fr', /La simulation s'est arrêtée\u202f: son moteur WebAssembly a échoué \(très probablement par manque de mémoire\u202f: \d+\u202fMo utilisés\)\. Ouvrez-la dans le simulateur complet/],
  ['embed with charts (English)', '/embed/charts/?lang=en', 'en', /The simulation stopped: its WebAssembly engine failed \(most likely out of memory: \d+ MB in use\)\. Open it in the full simulator/],
]) {
  test(`${label}: a linked run the browser has no memory for ends in a clear alert`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    await page.goto(`${path}#s=${sharePayload(TOO_BIG)}`);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await expect(page.getByRole('alert').filter({ hasText: text })).toBeVisible({ timeout: 60_000 });
    expect(errors.some(e => /RuntimeError|unreachable/.test(e)), errors.join('\n')).toBe(true);
  });
}
