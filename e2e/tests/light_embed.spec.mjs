// The light embed (dist/embed/, its own wasm: engine + embed view + JS API, no editors): a page of
// another origin embeds it in an iframe and drives it by postMessage from the parent only. The embed
// answers only window.parent, replies to the parent's origin (never "*"), and ignores a sibling
// frame of a third origin. It loads only its own small wasm, never the full simulator's.
import http from 'node:http';
import zlib from 'node:zlib';
import { test, expect } from '@playwright/test';
import { watchPage } from './helpers.mjs';
import { preset, sharePayload } from './ui6_helpers.mjs';

// Two more loopback origins (own ports, chosen by the OS): the documentation page and a third site.
const pages = new Map();
const servers = [];
let HOST;
let OTHER;

test.beforeAll(async () => {
  const origins = [];
  for (let i = 0; i < 2; i++) {
    const server = http.createServer((req, res) => {
      const body = pages.get(new URL(req.url, 'http://x').pathname);
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not found');
    });
    await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    origins.push(`http://127.0.0.1:${server.address().port}`);
  }
  [HOST, OTHER] = origins;
});
test.afterAll(async () => {
  for (const server of servers) await new Promise(resolve => server.close(resolve));
});

/** Serves `html` at `url` (the path is what matters: both extra origins serve the same pages). */
async function serve(_page, url, html) {
  pages.set(new URL(url).pathname, html);
}

test('a foreign-origin page drives the light embed by postMessage; others are ignored', async ({ page, baseURL }) => {
  const watch = watchPage(page);
  const embedOrigin = new URL(baseURL).origin;
  const json = preset('backup_transport');
  const requests = [];
  page.on('request', r => requests.push(r.url()));

  // The parent: keeps every portsim reply with its origin and source; `ask` posts one verb.
  expect(new URL(HOST).origin).not.toBe(embedOrigin);
  await serve(page, `${HOST}/doc.html`, `<!doctype html><html lang="en"><head><title>doc</title><link rel="icon" href="data:,"></head><body>
    <h1>Doc page</h1>
    <iframe id="sim" title="simulator" width="800" height="500" src="${embedOrigin}/embed/#s=${sharePayload(json)}"></iframe>
    <iframe id="other" title="other" src="${OTHER}/sibling.html"></iframe>
    <script>
      window.replies = [];
      window.addEventListener('message', e => {
        if (e.data && e.data.portsim) window.replies.push({ origin: e.origin, fromSim: e.source === document.getElementById('sim').contentWindow, data: e.data });
      });
      window.ask = (verb, args, id) => document.getElementById('sim').contentWindow.postMessage({ portsim: verb, args, id }, ${JSON.stringify(embedOrigin)});
      window.answer = id => new Promise(resolve => (function poll() {
        const r = window.replies.find(x => x.data.portsim === 'result' && x.data.id === id);
        if (r) resolve(r); else requestAnimationFrame(poll);
      })());
    </script></body></html>`);
  // A sibling frame of a third origin that tries to drive the embed (through window.parent.frames).
  await serve(page, `${OTHER}/sibling.html`, `<!doctype html><html lang="en"><head><title>other</title><link rel="icon" href="data:,"></head><body><script>
      window.addEventListener('message', e => { if (e.data === 'go') {
        parent.frames[0].postMessage({ portsim: 'runToEnd', args: [], id: 99 }, '*');
        parent.postMessage('sibling-sent', '*');
      } });
    </script></body></html>`);

  await page.goto(`${HOST}/doc.html`);
  const sim = page.frameLocator('#sim');
  await expect(sim.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name, { timeout: 20_000 });
  await expect(sim.getByRole('region', { name: 'Outcome' })).toBeVisible();
  await expect(sim.getByRole('region', { name: 'Timeline' }).first()).toBeVisible();
  // Only the embed view: no console tree, no tabs, no editors.
  await expect(sim.getByRole('tree')).toHaveCount(0);
  await expect(sim.getByRole('tab')).toHaveCount(0);

  // The parent asks "now" until the embed answers (its wasm may still be starting).
  await page.waitForFunction(() => { window.ask('now', [], 1); return window.replies.some(r => r.data.id === 1); }, null, { polling: 200, timeout: 20_000 });
  const first = await page.evaluate(() => window.answer(1));
  expect(first.origin).toBe(embedOrigin);
  expect(first.fromSim).toBe(true);
  // The embed opened on its run-to-end summary (issue 11 #10).
  expect(first.data.value).toBeGreaterThan(0);

  // The parent loads the scenario (back at 00:00), then a third-origin sibling posts runToEnd, then
  // the parent asks "now": the sibling was ignored.
  await page.evaluate(j => window.ask('loadScenario', [j], 3), json);
  expect((await page.evaluate(() => window.answer(3))).data.value).toEqual({ ok: true, errors: [] });
  await page.evaluate(() => new Promise(resolve => {
    window.addEventListener('message', function once(e) {
      if (e.data === 'sibling-sent') { window.removeEventListener('message', once); resolve(); }
    });
    document.getElementById('other').contentWindow.postMessage('go', '*');
  }));
  await page.evaluate(() => window.ask('now', [], 2));
  expect((await page.evaluate(() => window.answer(2))).data.value).toBe(0);

  // The parent runs and reads the report; the embed's page shows the same totals.
  await page.evaluate(() => window.ask('on', ['completed'], 4));
  expect((await page.evaluate(() => window.answer(4))).data.value).toBe(true);
  await page.evaluate(() => window.ask('runToEnd', [], 5));
  const end = (await page.evaluate(() => window.answer(5))).data.value;
  expect(end).toBeGreaterThan(0);
  await page.evaluate(() => window.ask('report', [], 6));
  const report = (await page.evaluate(() => window.answer(6))).data.value;
  expect(report.format).toBe('portsim-report/1');
  expect(report.totals.completed).toBe(1);
  const outcome = sim.getByRole('region', { name: 'Outcome' });
  await expect(outcome.getByRole('listitem').filter({ hasText: 'completed' }).locator('.n')).toHaveText('1');
  await expect(outcome.getByRole('listitem').filter({ hasText: 'messages' }).locator('.n')).toHaveText(`${report.totals.messages}`);
  // Events subscribed with "on" arrive at the parent, from the embed's origin.
  const events = await page.evaluate(() => window.replies.filter(r => r.data.portsim === 'event'));
  expect(events.length).toBeGreaterThan(0);
  for (const e of events) {
    expect(e.origin).toBe(embedOrigin);
    expect(e.data.id).toBe(4);
    expect(e.data.value.kind).toBe('completed');
  }
  // Every reply came from the embed and none answered the sibling's message.
  const replies = await page.evaluate(() => window.replies);
  expect(replies.every(r => r.fromSim && r.origin === embedOrigin)).toBe(true);
  expect(replies.some(r => r.data.id === 99)).toBe(false);

  // The embed loaded its own wasm only, not the full simulator's.
  const wasm = requests.filter(u => u.endsWith('.wasm'));
  expect(wasm.length).toBe(1);
  expect(wasm[0]).toMatch(/\/embed\/portsim-embed-[^/]*\.wasm$/);
  watch.assertClean();
});

test('an old ?embed link redirects to the light embed with the same scenario', async ({ page }) => {
  const watch = watchPage(page);
  // The full page's assets the browser had started to fetch before the redirect are aborted, and so
  // may be the rest of the old document itself when the redirect runs while it is still arriving.
  const aborted = p => /requestfailed: \S+\/portsim-web-[^/]*\.(js|wasm)|requestfailed: \S+\/(base|style|observe|hub)-[^/]*\.css|requestfailed: \S+:\d+\/\?embed /.test(p) && p.includes('ERR_ABORTED');
  const json = preset('combined_state');
  await page.goto(`/?embed#s=${sharePayload(json)}`);
  await expect(page).toHaveURL(/\/embed\/\?embed#s=1\./);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(JSON.parse(json).name, { timeout: 20_000 });
  // It opens on the run-to-end summary.
  const outcome = page.getByRole('region', { name: 'Outcome' });
  await expect(outcome.getByRole('listitem').filter({ hasText: 'routing failure' }).locator('.n')).toHaveText('1');
  await expect(outcome.getByRole('listitem').filter({ hasText: 'completed' }).locator('.n')).toHaveText('2');
  expect(watch.problems.filter(p => !aborted(p))).toEqual([]);
});

test('a damaged link is reported in the embed, naming the problem', async ({ page }) => {
  const watch = watchPage(page);
  await page.goto('/embed/?lang=fr#s=1.@@@');
  await expect(page.getByRole('alert')).toContainText('Ce lien est endommagé ou incomplet');
  await expect(page.getByRole('region', { name: 'Horloge de la simulation' })).toBeVisible();
  watch.assertClean();
});

test('the browser inflates the link: corrupt compressed data is damaged, past 2 MiB is too large', async ({ page }) => {
  // The light embed inflates its link with DecompressionStream (no decompressor in its wasm);
  // the same checks and words as share::decode_scenario.
  const link = bytes => '1.' + bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const text = JSON.stringify({ format: 'portsim-scenario/1', name: 'Inflated by the browser', description: 'x'.repeat(3000) });
  const whole = zlib.deflateRawSync(Buffer.from(text));
  const cut = whole.subarray(0, whole.length - 4);
  const bomb = zlib.deflateRawSync(Buffer.alloc(3 * 1024 * 1024, 32));
  const watch = watchPage(page);
  // A different query each time: a change of hash alone would not reload the page.
  await page.goto(`/embed/?lang=en&n=1#s=${link(cut)}`);
  await expect(page.getByRole('alert')).toContainText('The link is damaged (it may have been cut when copied).');
  await page.goto(`/embed/?lang=en&n=2#s=${link(bomb)}`);
  await expect(page.getByRole('alert')).toContainText('The linked scenario is larger than');
  await page.goto(`/embed/?lang=en&n=3#s=${link(whole)}`);
  await expect(page.locator('.embed-title')).toHaveText('Inflated by the browser');
  await expect(page.getByRole('alert')).toHaveCount(0);
  watch.assertClean();
});

test('a browser without DecompressionStream is told so, not that the link is damaged', async ({ page }) => {
  // Safari before 16.4 and Firefox before 113 lack it; the light embed inflates its link with it.
  const link = bytes => '1.' + bytes.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const text = JSON.stringify({ format: 'portsim-scenario/1', name: 'Needs the browser to inflate' });
  await page.addInitScript(() => { delete window.DecompressionStream; });
  const watch = watchPage(page);
  await page.goto(`/embed/?lang=en&n=4#s=${link(zlib.deflateRawSync(Buffer.from(text)))}`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('This browser cannot open compressed links');
  await expect(alert).not.toContainText('damaged');
  await page.goto(`/embed/?lang=fr&n=5#s=${link(zlib.deflateRawSync(Buffer.from(text)))}`);
  await expect(page.getByRole('alert')).toContainText('Ce navigateur ne sait pas ouvrir les liens compressés');
  watch.assertClean();
});
