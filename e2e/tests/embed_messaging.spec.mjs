// Who may talk to portsim over postMessage (src/ui/embed_messaging.rs, README "Who may talk to an
// embed"): a cross-origin parent drives its embed and gets replies addressed to its origin; a
// foreign page that opens portsim in a popup (full page or ?embed), or frames the full page, gets
// no answer and changes nothing.
import { test, expect } from '@playwright/test';
import { watchPage } from './helpers.mjs';
import { preset } from './ui6_helpers.mjs';

// Other origins than the site's (http://127.0.0.1:PORT), served by the test itself through
// page.route. A fulfilled response has no IP address, so Chromium's Local Network Access check
// would treat these pages as public and block their frames of the loopback site: off for this file.
const PARENT = 'http://localhost:8999';
const FOREIGN = 'http://127.0.0.2:8999';
test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-features=LocalNetworkAccessChecks'],
  },
});

/** A page at another origin (served by the test itself) with a message log and a `call` helper. */
function harness(target) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>harness</title></head>
<body><h1>Harness</h1>${target}
<script>
  window.received = [];
  let nextId = 1;
  const pending = new Map();
  window.addEventListener('message', e => {
    const d = e.data;
    if (!d || !d.portsim) return;
    window.received.push({ origin: e.origin, data: d });
    if (d.portsim === 'result' && pending.has(d.id)) { pending.get(d.id)(d.value); pending.delete(d.id); }
  });
  window.send = (target, verb, args = [], id = nextId++) => { target.postMessage({ portsim: verb, args, id }, '*'); return id; };
  window.call = (target, verb, args = [], timeout = 5000) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, resolve);
    setTimeout(() => { if (pending.delete(id)) reject(new Error('no answer to ' + verb)); }, timeout);
    target.postMessage({ portsim: verb, args, id }, '*');
  });
  window.frameWin = () => document.getElementById('sim').contentWindow;
</script></body></html>`;
}

async function serveAt(page, origin, body) {
  await page.route(`${origin}/**`, route => route.fulfill({ status: 200, contentType: 'text/html', body }));
}

/** Resolves once every message posted to `target` page before this call has been handled there. */
async function drain(target) {
  await target.evaluate(() => new Promise(resolve => {
    const token = 'drain-' + Math.random();
    const on = e => { if (e.data === token) { window.removeEventListener('message', on); resolve(); } };
    window.addEventListener('message', on);
    window.postMessage(token, '*');
  }));
}

test('a cross-origin parent drives its embed; replies go to the parent origin only', async ({ page, baseURL }) => {
  const watch = watchPage(page);
  const embedOrigin = new URL(baseURL).origin;
  await serveAt(page, PARENT, harness(`<iframe id="sim" title="portsim" src="${baseURL}embed/" width="900" height="500"></iframe>`));
  await page.goto(`${PARENT}/docs.html`);
  const frame = page.frameLocator('#sim');
  await expect(frame.getByRole('link', { name: 'Open full simulator' })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => page.evaluate(() => window.call(frameWin(), 'now', [], 500).catch(() => null)), { timeout: 20_000 }).toBe(0);

  const json = preset('combined_state');
  expect(await page.evaluate(j => window.call(frameWin(), 'loadScenario', [j]), json)).toEqual({ ok: true, errors: [] });
  await expect(frame.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name);
  // Subscribe, then unsubscribe one of two subscriptions: only the remaining one forwards events.
  const kept = await page.evaluate(() => window.send(frameWin(), 'on', ['completed']));
  const dropped = await page.evaluate(() => window.send(frameWin(), 'on', ['completed']));
  expect(await page.evaluate(d => window.call(frameWin(), 'off', ['completed', d]), dropped)).toBe(true);
  expect(await page.evaluate(d => window.call(frameWin(), 'off', ['completed', d]), dropped)).toBe(false);
  const end = await page.evaluate(() => window.call(frameWin(), 'runToEnd'));
  const report = await page.evaluate(() => window.call(frameWin(), 'report'));
  expect(end).toBe(report.endMs);
  expect(report.totals.completed).toBeGreaterThan(0);
  await expect.poll(() => page.evaluate(() => window.received.filter(m => m.data.portsim === 'event').length))
    .toBe(report.totals.completed);
  const received = await page.evaluate(() => window.received);
  expect(received.filter(m => m.data.portsim === 'event').every(m => m.data.id === kept)).toBe(true);
  // Every reply came from the embed's origin (and reached this origin: it was addressed to it).
  expect(received.every(m => m.origin === embedOrigin)).toBe(true);
  // Wrong arguments are refused with a clear error, not obeyed loosely.
  const bad = await page.evaluate(() => window.call(frameWin(), 'on', [42]));
  expect(bad.error).toContain('kind must be a string');
  const badArgs = await page.evaluate(() => new Promise(resolve => {
    window.addEventListener('message', e => { if (e.data && e.data.id === 'x') resolve(e.data.value); });
    frameWin().postMessage({ portsim: 'runUntil', args: '5m', id: 'x' }, '*');
  }));
  expect(badArgs.error).toContain('args must be an array');
  watch.assertClean();
});

test('a foreign popup or a frame of the full page gets no answer and changes nothing', async ({ page, context, baseURL }) => {
  // The user's work in the full page first.
  await page.goto('/');
  await expect(page.getByRole('banner')).toBeVisible({ timeout: 20_000 });
  const mine = JSON.parse(preset('backup_transport'));
  expect((await page.evaluate(o => window.portsim.loadScenario(o), mine)).ok).toBe(true);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('portsim.autosave.v1'))).toContain(mine.name);

  const foreign = await context.newPage();
  await serveAt(foreign, FOREIGN, harness(`<iframe id="sim" title="portsim" src="${baseURL}" width="900" height="500"></iframe>`));
  await foreign.goto(`${FOREIGN}/evil.html`);
  for (const path of ['', '?embed']) {
    const [popup] = await Promise.all([
      foreign.waitForEvent('popup'),
      foreign.evaluate(url => { window.victim = window.open(url, '_blank'); }, `${baseURL}${path}`),
    ]);
    await popup.waitForFunction(() => window.portsim !== undefined, null, { timeout: 20_000 });
    const before = await popup.evaluate(() => window.portsim.scenario());
    await foreign.evaluate(() => {
      window.send(window.victim, 'scenario');
      window.send(window.victim, 'loadScenario', [{ format: 'portsim-scenario/1', name: 'Replaced by a stranger' }]);
    });
    await drain(popup);
    expect(await popup.evaluate(() => window.portsim.scenario())).toEqual(before);
    await drain(foreign);
    expect(await foreign.evaluate(() => window.received)).toEqual([]);
    await popup.close();
  }
  // The full page framed by a foreign parent does not listen either.
  const framed = foreign.frames().find(f => f.url().startsWith(baseURL));
  await framed.waitForFunction(() => window.portsim !== undefined, null, { timeout: 20_000 });
  await foreign.evaluate(() => window.send(frameWin(), 'loadScenario', [{ format: 'portsim-scenario/1', name: 'Framed' }]));
  await framed.evaluate(() => new Promise(resolve => {
    const on = e => { if (e.data === 'drain') { window.removeEventListener('message', on); resolve(); } };
    window.addEventListener('message', on);
    window.postMessage('drain', '*');
  }));
  expect(await framed.evaluate(() => window.portsim.scenario().name)).not.toBe('Framed');
  await drain(foreign);
  expect(await foreign.evaluate(() => window.received)).toEqual([]);
  // The user's work is still what the autosave holds.
  expect(await page.evaluate(() => localStorage.getItem('portsim.autosave.v1'))).toContain(mine.name);
  expect(await page.evaluate(() => localStorage.getItem('portsim.autosave.v1'))).not.toContain('Replaced by a stranger');
});
