// Shared helpers for the browser tests: error collection and app readiness.
import { expect } from '@playwright/test';

/** Collects console errors, page errors and failed requests; call `assertClean()` at the end. */
export function watchPage(page) {
  const problems = [];
  page.on('pageerror', e => problems.push(`pageerror: ${e}`));
  page.on('console', m => { if (m.type() === 'error') problems.push(`console.error: ${m.text()}`); });
  page.on('requestfailed', r => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ''}`));
  page.on('response', r => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return {
    problems,
    assertClean() { expect(problems, problems.join('\n')).toEqual([]); },
  };
}

/** Opens the simulator with an empty localStorage and waits for the wasm app to render. */
export async function openApp(page, path = '/') {
  await page.goto(path);
  await expect(page.getByRole('banner')).toBeVisible({ timeout: 20_000 });
}
