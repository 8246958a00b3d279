//! A label as it will be printed, drawn in the browser by the server's own label engine (`labels`,
//! compiled to wasm): the same ZPL, rendered to SVG. [`ZplPreview`] draws any label's ZPL (the
//! packaging forms build theirs); [`LabelPreview`] draws a product label from an inspection's
//! values: Prüfer B sees the label follow the form, the reprint page shows it from the stored
//! values.

use std::time::Duration;

use api_types::inspection::{Values, normalize_mac};
use labels::product::{JsText, Product, ProductLabelInput};
use labels::zpl::Mode;
use leptos::prelude::*;
use serde_json::Value;

use crate::i18n::{Key, fill, use_i18n};
use crate::pages::print_jobs::svg_data_url;

/// How long the typing has to pause before the label is drawn again (scanners type fast).
const SETTLE: Duration = Duration::from_millis(200);

/// What the label shows: the unit's values (by field key), its article and packaging date
/// (`YYYY-MM-DD`). The MAC address is printed normalised, as the server stores it.
pub fn label_input(
    values: &Values,
    artikel_nummer: Option<&str>,
    artikel_bezeichnung: Option<&str>,
    datum: &str,
) -> ProductLabelInput {
    let text = |key: &str| {
        values
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let mac = text("mac_adresse");
    ProductLabelInput {
        serialnummer: text("serialnummer"),
        artikel_bezeichnung: artikel_bezeichnung.unwrap_or_default().to_owned(),
        artikel_nummer: JsText::Value(artikel_nummer.unwrap_or_default().to_owned()),
        seriennummer_elektronik: text("seriennummer_elektronik"),
        mac_adresse: normalize_mac(&mac).unwrap_or(mac),
        seriennummer_festplatte: text("seriennummer_festplatte"),
        software_version: text("software_version"),
        firmware_version: text("firmware_version"),
        seriennummer_optik1: text("seriennummer_optik1"),
        seriennummer_optik2: text("seriennummer_optik2"),
        datum: datum.to_owned(),
    }
}

/// The ZPL of product line `product`'s label (`cpro`, `c2`, `cbasic`, `kk`), or why it cannot be
/// made.
pub fn label_zpl(product: &str, input: &ProductLabelInput) -> Result<String, String> {
    let product = Product::from_key(product).ok_or_else(|| product.to_owned())?;
    labels::product::write_label(product, input, Mode::Default).map_err(|error| error.to_string())
}

/// What a preview draws: the label's ZPL (`Ok`), or why there is no label (`Err`, shown as the
/// reason).
pub type Drawable = Result<String, String>;

/// A label drawn from its ZPL: at once the first time, then shortly after the ZPL stops changing.
/// While `zpl` is `None` (the form is not far enough yet) the `empty` hint shows. `data-testid` is
/// `testid` (default `label-preview`); the image is `{testid}-image`, the hint `{testid}-empty`.
#[component]
pub fn ZplPreview(
    #[prop(into)] zpl: Signal<Option<Drawable>>,
    /// The image's alternative text.
    #[prop(into)]
    alt: Signal<String>,
    #[prop(optional)] empty: Option<Key>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let testid = testid.unwrap_or("label-preview");
    // The SVG (or why there is none); `None` before the first drawing.
    let drawn = RwSignal::new(None::<Option<Drawable>>);
    let draw =
        |zpl: Option<Drawable>| zpl.map(|zpl| zpl.map(|zpl| labels::preview::zpl_to_svg(&zpl).svg));
    let generation = StoredValue::new(0_u64);
    Effect::new(move |first: Option<()>| {
        let current = zpl.get();
        if first.is_none() {
            drawn.set(Some(draw(current)));
            return;
        }
        let this = generation.with_value(|g| g + 1);
        generation.set_value(this);
        set_timeout(
            move || {
                if generation.try_get_value() == Some(this) {
                    drawn.try_set(Some(draw(current)));
                }
            },
            SETTLE,
        );
    });
    let body = move || match drawn.get() {
        None => ().into_any(),
        Some(None) => empty
            .map(|empty| {
                view! {
                    <p class="muted" role="status" data-testid=format!("{testid}-empty")>
                        {i18n.tr(empty)}
                    </p>
                }
            })
            .into_any(),
        Some(Some(Ok(svg))) => view! {
            <img
                class="label-preview__image"
                src=svg_data_url(&svg)
                alt=move || alt.get()
                data-testid=format!("{testid}-image")
            />
        }
        .into_any(),
        Some(Some(Err(reason))) => view! {
            <p class="field__error" role="status">
                {move || fill(i18n.t(Key::LabelPreviewFailed), &[("name", &reason)])}
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="label-preview" data-testid=testid aria-label=i18n.tr(Key::JobPreview)>
            <h3 class="label-preview__title">{i18n.tr(Key::JobPreview)}</h3>
            {body}
        </section>
    }
}

/// The label drawn from `values`, redrawn shortly after they change. `data-testid` is `testid`
/// (default `label-preview`); the image is `{testid}-image`.
#[component]
pub fn LabelPreview(
    /// The product line's key.
    #[prop(into)]
    product: String,
    /// The unit's values by field key, including `serialnummer`.
    #[prop(into)]
    values: Signal<Values>,
    #[prop(into)] artikel_nummer: Signal<Option<String>>,
    #[prop(into)] artikel_bezeichnung: Signal<Option<String>>,
    /// Packaging date `YYYY-MM-DD`.
    #[prop(into)]
    datum: Signal<String>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input = Memo::new(move |_| {
        values.with(|values| {
            label_input(
                values,
                artikel_nummer.get().as_deref(),
                artikel_bezeichnung.get().as_deref(),
                &datum.get(),
            )
        })
    });
    let zpl = Memo::new(move |_| Some(input.with(|input| label_zpl(&product, input))));
    let alt = Signal::derive(move || {
        let serial = input.with(|input| input.serialnummer.clone());
        fill(i18n.t(Key::JobPreviewAlt), &[("title", &serial)])
    });
    let testid = testid.unwrap_or("label-preview");
    view! { <ZplPreview zpl alt testid /> }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_label_shows_the_values_as_stored() {
        let values = Values::from([
            ("serialnummer".into(), json!(" CP-0001 ")),
            ("mac_adresse".into(), json!("00-1a-2b-3c-4d-5e")),
            ("seriennummer_optik1".into(), json!("OPT-1")),
            ("hardware_ok".into(), json!(true)),
        ]);
        let input = label_input(&values, Some("10650"), Some("Steuerrechner"), "2026-11-26");
        assert_eq!(input.serialnummer, "CP-0001");
        assert_eq!(input.mac_adresse, "00:1A:2B:3C:4D:5E");
        assert_eq!(input.artikel_nummer, JsText::Value("10650".into()));
        assert_eq!(input.seriennummer_optik1, "OPT-1");
        assert_eq!(input.seriennummer_optik2, "");
        // Unfinished input is drawn as typed.
        let typing = Values::from([("mac_adresse".into(), json!("00:1A"))]);
        assert_eq!(
            label_input(&typing, None, None, "2026-11-26").mac_adresse,
            "00:1A"
        );
    }

    #[test]
    fn draws_every_product_line() {
        let input = label_input(
            &Values::from([("serialnummer".into(), json!("SN-1"))]),
            Some("10262"),
            Some("Rotoclear C Basic Steuerrechner"),
            "2026-11-26",
        );
        for product in Product::ALL {
            let svg = label_zpl(product.key(), &input)
                .map(|zpl| labels::preview::zpl_to_svg(&zpl).svg)
                .expect("label");
            assert!(
                svg.starts_with("<svg") || svg.starts_with("<?xml"),
                "{product:?}"
            );
        }
        assert!(label_zpl("xx", &input).is_err());
        let undated = ProductLabelInput {
            datum: String::new(),
            ..input
        };
        assert!(label_zpl("cpro", &undated).is_err());
    }
}
