// The idle warm-up of the full page (src/ui/warm_up.rs, issue 14 §3): after the first render it runs
// its synthetic scenario in idle slices, round after round until the engine's speed settles (4 to 8
// rounds, each marked `portsim-warm-round`; once settled, a pause for V8's background compilation
// and a confirming round), then marks `portsim-warm` — without touching the visitor's session.
import { test, expect } from '@playwright/test';
import { watchPage, openApp } from './helpers.mjs';
import { ready } from './ui6_helpers.mjs';

const marks = page => page.evaluate(() => ({
  rounds: performance.getEntriesByName('portsim-warm-round').length,
  roundTimes: performance.getEntriesByName('portsim-warm-round').map(e => e.startTime),
  warm: performance.getEntriesByName('portsim-warm').length,
}));

test('the warm-up runs 4 to 8 rounds in idle time, then marks portsim-warm; the visitor\'s session is untouched', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  const before = await page.evaluate(() => ({ report: window.portsim.report(), name: document.querySelector('.doc-name')?.textContent }));
  await page.waitForFunction(() => performance.getEntriesByName('portsim-warm').length > 0, null, { timeout: 30_000 });
  const m = await marks(page);
  expect(m.warm).toBe(1);
  expect(m.rounds).toBeGreaterThanOrEqual(4);
  expect(m.rounds).toBeLessThanOrEqual(8);
  // Under the maximum, the warm-up ended on a confirming round that ran after a pause of 250 ms
  // (Rounds::PAUSE_MS) — a confirming round no faster than the one before it.
  if (m.rounds < 8) {
    const [a, b] = m.roundTimes.slice(-2);
    expect(b - a).toBeGreaterThanOrEqual(250);
  }
  // The warm-up's 3,000 messages ran in a simulation of its own: the page's report and document are as they were.
  const after = await page.evaluate(() => ({ report: window.portsim.report(), name: document.querySelector('.doc-name')?.textContent }));
  expect(after).toEqual(before);
  watch.assertClean();
});
