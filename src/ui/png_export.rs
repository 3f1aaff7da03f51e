//! "Export PNG" of a chart (issue 13: charts export as PNG, SVG and CSV). The chart's SVG — the
//! same self-contained string the page shows and "Export SVG" writes — is loaded into an `<img>`
//! through a blob URL, drawn into a canvas at twice its size on a white background, and
//! `canvas.toBlob("image/png")` is offered as a download. Everything is fallible: a browser that
//! cannot draw or encode reports `false` through `on_done`, never a panic.

use super::browser;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

/// Pixels per SVG unit in the PNG (sharp on high-density screens and in documents).
pub const SCALE: u32 = 2;

/// The `width` and `height` attributes of the SVG's root element (the charts always write both).
pub fn svg_size(svg: &str) -> Option<(u32, u32)> {
    let root = &svg[svg.find("<svg")?..];
    let root = &root[..root.find('>')?];
    let attr = |name: &str| -> Option<u32> {
        let at = root.find(&format!(" {name}=\""))? + name.len() + 3;
        let rest = &root[at..];
        // Whole pixels only (the charts write integers; no float parser in the wasm for this).
        rest[..rest.find('"')?].trim().parse::<u32>().ok().filter(|v| (1..=8192).contains(v))
    };
    Some((attr("width")?, attr("height")?))
}

/// Draws `svg` into a PNG and offers it as `filename`; `on_done(true)` once the download was
/// offered, `on_done(false)` when the browser could not load, draw or encode the image.
pub fn download_png(svg: &str, filename: &str, on_done: Callback<bool>) {
    if start(svg, filename.to_string(), on_done.clone()).is_none() {
        on_done.emit(false);
    }
}

fn start(svg: &str, filename: String, on_done: Callback<bool>) -> Option<()> {
    let (w, h) = svg_size(svg)?;
    let blob = browser::text_blob("image/svg+xml;charset=utf-8", svg)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let img = web_sys::HtmlImageElement::new_with_width_and_height(w, h).ok()?;
    let loaded = {
        let (img, url, on_done) = (img.clone(), url.clone(), on_done.clone());
        Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
            if draw(&img, w, h, filename, on_done.clone()).is_none() {
                on_done.emit(false);
            }
        })
    };
    let failed = {
        let url = url.clone();
        Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
            on_done.emit(false);
        })
    };
    img.set_onload(Some(loaded.unchecked_ref()));
    img.set_onerror(Some(failed.unchecked_ref()));
    img.set_src(&url);
    Some(())
}

fn draw(img: &web_sys::HtmlImageElement, w: u32, h: u32, filename: String, on_done: Callback<bool>) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let canvas = document.create_element("canvas").ok()?.dyn_into::<web_sys::HtmlCanvasElement>().ok()?;
    canvas.set_width(w * SCALE);
    canvas.set_height(h * SCALE);
    let ctx = canvas.get_context("2d").ok()??.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()?;
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, f64::from(w * SCALE), f64::from(h * SCALE));
    ctx.draw_image_with_html_image_element_and_dw_and_dh(img, 0.0, 0.0, f64::from(w * SCALE), f64::from(h * SCALE))
        .ok()?;
    let encoded = Closure::once_into_js(move |blob: JsValue| {
        let ok = blob.dyn_into::<web_sys::Blob>().ok().is_some_and(|b| browser::download_blob(&filename, &b));
        on_done.emit(ok);
    });
    canvas.to_blob(encoded.unchecked_ref()).ok()
}

#[cfg(test)]
mod tests {
    use super::svg_size;

    #[test]
    fn reads_the_root_size() {
        assert_eq!(
            svg_size(r#"<svg xmlns="x" viewBox="0 0 640 300" width="640" height="300" role="img">"#),
            Some((640, 300))
        );
        assert_eq!(svg_size(r#"<svg viewBox="0 0 1 1">"#), None);
        assert_eq!(svg_size(r#"<svg width="0" height="-3">"#), None);
        assert_eq!(svg_size("no svg"), None);
    }
}
