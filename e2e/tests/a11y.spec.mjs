// Accessibility: axe-core scans of the main views — shell, port editor, group hub with instances,
// timeline, Why? panel, tutorials, the embed view and a dialog — in English and in French, with
// no violation of impact "serious" or "critical". Keyboard: Tab reaches the tree, the console's
// New menu opens with Shift+F10 and a port is created with the keyboard only; the focused element
// shows a visible focus indicator.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { watchPage, openApp } from './helpers.mjs';
import { preset, ready, loadViaApi, sharePayload, treeChildren } from './ui6_helpers.mjs';

const WORDS = {
  en: { hub: 'Group Hub', timeline: 'Timeline', why: 'Why?', learn: 'Learn', details: 'Details', edit: 'Edit', embed: 'Embed',
    import: 'Import', paste: 'Or paste scenario JSON', load: 'Load' },
  fr: { hub: 'Hub de groupe', timeline: 'Chronologie', why: 'Pourquoi ?', learn: 'Apprendre', details: 'Détails', edit: 'Modifier', embed: 'Intégrer',
    import: 'Importer', paste: 'Ou collez le JSON du scénario', load: 'Charger' },
};

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(page, view, include) {
  let builder = new AxeBuilder({ page });
  if (include) builder = builder.include(include);
  const t0 = Date.now();
  const results = await builder.analyze();
  const bad = results.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  console.log(`axe ${view}: ${bad.length} serious/critical, ${results.violations.length} rule(s) violated in all, ` +
    `${results.passes.length} passed [${results.violations.map(v => `${v.id}:${v.impact}`).join(' ')}] ${Date.now() - t0} ms`);
  return bad.map(v => `[${view}] ${v.impact} ${v.id}: ${v.help} — ${v.nodes.length} node(s): ` +
    v.nodes.slice(0, 4).map(n => `${n.target.join(' ')} (${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)})`).join('; '));
}

for (const lang of ['en', 'fr']) {
  test(`axe: no serious or critical violations in the main views (${lang})`, async ({ page }) => {
    test.setTimeout(90_000);
    const watch = watchPage(page);
    const w = WORDS[lang];
    await openApp(page);
    await ready(page);
    if (lang === 'fr') {
      await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
      await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    }
    await loadViaApi(page, preset('combined_state'));
    await page.evaluate(() => window.portsim.runUntil('30m'));
    const found = [];
    // The first scan covers the whole page; later ones the region that changed.
    const scan = async (view, include) => found.push(...await seriousViolations(page, `${lang} ${view}`, include));

    await scan('shell');
    const firstPort = (await treeChildren(page, lang === 'fr' ? "Ports d'envoi" : 'Send Ports'))[0];
    await page.getByRole('treeitem', { name: firstPort, exact: true }).click();
    await page.getByRole('main').getByRole('button', { name: w.edit, exact: true }).click();
    await expect(page.locator('#pe-name')).toBeVisible();
    await scan('port editor', 'main');

    await page.evaluate(() => window.portsim.runToEnd());
    await page.getByRole('tab', { name: w.hub }).click();
    await expect(page.locator('.hub-table tbody tr').first()).toBeVisible();
    await scan('group hub with instances', '.observe');

    await page.getByRole('tab', { name: w.timeline }).click();
    await scan('timeline', '.observe');

    await page.getByRole('tab', { name: w.hub }).click();
    await page.locator('.hub-table tbody tr').first().getByRole('button', { name: w.why }).click();
    await page.getByRole('tab', { name: w.why }).click();
    await expect(page.getByRole('tab', { name: w.why })).toHaveAttribute('aria-selected', 'true');
    await scan('why panel', '.observe');

    await page.getByRole('tab', { name: w.learn }).click();
    await expect(page.locator('.tutorial-panel')).toBeVisible();
    await scan('tutorials', 'main');

    await page.getByRole('button', { name: w.embed, exact: true }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await scan('embed dialog', '.modal-backdrop');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The error list of a refused import.
    await page.getByRole('button', { name: w.import, exact: true }).click();
    await page.getByLabel(w.paste).fill('{"format":"portsim-scenario/1","sendPorts":[{"name":""}]}');
    await page.getByRole('dialog').getByRole('button', { name: w.load, exact: true }).click();
    await expect(page.getByRole('alertdialog').getByRole('table')).toBeVisible();
    await scan('import errors dialog', '.modal-backdrop');
    await page.keyboard.press('Escape');

    // The shell on a phone-sized screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByRole('tab', { name: w.details }).click();
    await scan('shell at 390 px');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto(`/embed/#s=${sharePayload(preset('backup_transport'))}`);
    await ready(page);
    await page.evaluate(() => window.portsim.runToEnd());
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    await scan('embed view');

    expect(found, found.join('\n')).toEqual([]);
    watch.assertClean();
  });
}

/** Is there a visible focus indicator on the focused element (or, for a tree item, its row)? */
function focusIndicator(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { ok: false, why: 'nothing focused' };
    const visible = s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none');
    const own = getComputedStyle(el);
    const row = el.querySelector(':scope > .tree-row');
    const ok = el.matches(':focus-visible') && (visible(own) || (row !== null && visible(getComputedStyle(row))));
    return { ok, why: `${el.tagName}#${el.id} outline=${own.outlineStyle} ${own.outlineWidth} row=${row ? getComputedStyle(row).outlineStyle : '-'}` };
  });
}

test('keyboard only: Tab reaches the tree, Shift+F10 opens the New menu, a port is created; focus is visible', async ({ page }) => {
  const watch = watchPage(page);
  await openApp(page);
  await ready(page);
  await page.locator('body').focus();

  // The first Tab stop is the skip link, and it is visibly focused.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the work area' })).toBeFocused();
  const skip = await focusIndicator(page);
  expect(skip.ok, skip.why).toBe(true);

  let role = null;
  for (let i = 0; i < 40 && role !== 'treeitem'; i++) {
    await page.keyboard.press('Tab');
    role = await page.evaluate(() => document.activeElement?.getAttribute('role'));
    const f = await focusIndicator(page);
    expect(f.ok, `Tab stop ${i + 2}: ${f.why}`).toBe(true);
  }
  expect(role, 'Tab never reached the tree').toBe('treeitem');

  // ↓ to Send Ports, Shift+F10 opens its New menu with focus on the first kind.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('treeitem', { name: 'Send Ports', exact: true })).toBeFocused();
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Send Ports' });
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Static One-way Send Port' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Static Solicit-Response Send Port' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'New Static one-way send port' })).toBeVisible();

  // Tab into the editor's Name field, type a name, Enter applies.
  let id = '';
  for (let i = 0; i < 40 && id !== 'pe-name'; i++) {
    await page.keyboard.press('Tab');
    id = await page.evaluate(() => document.activeElement?.id ?? '');
  }
  expect(id, 'Tab never reached the Name field').toBe('pe-name');
  const f = await focusIndicator(page);
  expect(f.ok, f.why).toBe(true);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('SP_Keyboard');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('treeitem', { name: 'SP_Keyboard', exact: true })).toBeVisible();
  expect(await treeChildren(page, 'Send Ports')).toEqual(['SP_Keyboard']);
  watch.assertClean();
});
