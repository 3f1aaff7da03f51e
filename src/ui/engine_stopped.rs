//! What a visitor sees when the page's WebAssembly stops for good — the brief's second promise:
//! running out of memory is a clear message, never a dead page (issue 9 §7).
//!
//! The work limits (`engine::limits`, default 1 GB estimated) stop a run long before wasm's 4 GiB,
//! but a browser may refuse to grow the memory much earlier (a phone, a 32-bit browser, a tab
//! that already holds a lot). The allocator then returns null, Rust's allocation-error handler
//! aborts, and the wasm traps (`RuntimeError: unreachable`): from then on every call into the wasm
//! fails, while the page still looks normal. No Rust code can run after that, so the guard is a few
//! lines of JavaScript installed at start (`install`): on the first uncaught `WebAssembly.RuntimeError`
//! (from a click, a timer slice or a promise) it puts an alert at the top of the page saying what
//! happened, how much memory the page held, that nothing more can run, and what to do (in the flow,
//! above the header, which stays visible with the embed's "Open full simulator" link) — in the
//! page's language (`<html lang>`, which the page keeps current):
//! * the full page: the scenario is kept (the autosave writes every change before a run can start,
//!   `app.rs`); a "Reload the page" button; then lower the message counts or the limits;
//! * an embed: open it in the full simulator (the header's link) to run it with lower limits.
//!
//! `e2e/tests/engine_stopped.spec.mjs` runs each page in a Chromium whose wasm memory is capped
//! (`--js-flags=--wasm-max-mem-pages`) until a real allocation fails.

use wasm_bindgen::JsValue;

/// Which page the guard is on (its advice differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Full,
    Embed,
}

/// The guard. Arguments: `memory` (the wasm memory, for the size it reached) and `full` (a boolean).
const GUARD_JS: &str = concat!(
    "var shown;function stop(e){if(shown||!(e instanceof WebAssembly.RuntimeError))return;shown=1;",
    "var fr=document.documentElement.lang=='fr',n=' '+Math.round(memory.buffer.byteLength/1048576),",
    "c=fr?'\u{202F}: ':': ',b=document.createElement('div'),r;",
    "b.className='engine-stopped';b.setAttribute('role','alert');",
    "b.style.cssText='padding:.6rem 1rem;background:var(--warn-soft);border-bottom:2px solid var(--warn)';",
    "b.textContent=(full?fr?\"Le simulateur s'est arrêté\":'The simulator stopped':fr?\"La simulation s'est arrêtée\":'The simulation stopped')+c+",
    "(fr?'son moteur WebAssembly a échoué (très probablement par manque de mémoire'+c+n.trim()+'\u{202F}Mo utilisés). '",
    ":'its WebAssembly engine failed (most likely out of memory'+c+n.trim()+' MB in use). ')+",
    "(full?fr?'Cette page ne peut plus rien exécuter. Votre scénario est conservé dans la sauvegarde automatique'+c+'rechargez la page, puis réduisez le nombre de messages ou les limites du scénario. '",
    ":\"This page cannot run anything more. Your scenario is kept in the autosave: reload the page, then lower the message counts or the scenario's limits. \"",
    ":fr?\"Ouvrez-la dans le simulateur complet pour l'exécuter avec des limites plus basses.\":'Open it in the full simulator to run it with lower limits.');",
    "if(full){r=document.createElement('button');r.type='button';r.className='btn';",
    "r.textContent=fr?'Recharger la page':'Reload the page';r.onclick=function(){location.reload()};b.appendChild(r)}",
    "document.body.prepend(b)}",
    "addEventListener('error',function(e){stop(e.error)});addEventListener('unhandledrejection',function(e){stop(e.reason)})"
);

/// Installs the guard on the window (once, at start).
pub fn install(page: Page) {
    let guard = js_sys::Function::new_with_args("memory, full", GUARD_JS);
    let _ = guard.call2(&JsValue::NULL, &wasm_bindgen::memory(), &JsValue::from_bool(page == Page::Full));
}
