//! Prüfer A's form (`/products/:key/a`), rendered from the product line's definition: the serial
//! number first (scanned), then the sections, the article derived live; "Speichern" records the
//! unit and the form is ready for the next one. Until Prüfer B starts, A may correct the unit just
//! saved.

use api_types::inspection::{ProductDefinition, Step, Values};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use crate::api;
use crate::auth::Access;
use crate::components::form::FormError;
use crate::components::guard::RequireAccess;
use crate::components::inspection_form::{
    ArticleFacts, InspectionField, InspectionFields, InspectionState, SERIAL, use_leave_guard,
};
use crate::components::unit_lookup::RouteProduct;
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::use_page_title;

/// Roles that do Prüfer A work.
pub const ACCESS: Access = Access::PrueferA;

#[component]
pub fn InspectAPage() -> impl IntoView {
    use_page_title(Key::InspectATitle);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page page--inspect">
                <RouteProduct render=|definition| view! { <AForm definition /> } />
            </div>
        </RequireAccess>
    }
}

/// The unit saved last: shown until the next one is saved, and open to a correction.
#[derive(Debug, Clone, PartialEq)]
struct Saved {
    id: i64,
    serial: String,
    values: Values,
    corrected: bool,
}

fn serial_of(values: &Values) -> String {
    values
        .get(SERIAL)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

#[component]
fn AForm(definition: ProductDefinition) -> impl IntoView {
    let i18n = use_i18n();
    let product = definition.key.clone();
    let name = definition.name.clone();
    let serial_field = definition.field(SERIAL).cloned();
    let state = InspectionState::new(definition, Step::A);
    let form = state.form();
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(None::<Saved>);
    let correcting = RwSignal::new(None::<Saved>);
    let serial_ref = NodeRef::<html::Input>::new();
    use_leave_guard(Signal::derive(move || state.dirty()));

    let focus_serial = move || {
        request_animation_frame(move || {
            if let Some(input) = serial_ref.get_untracked() {
                let _ = input.focus();
            }
        });
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(values) = state.check() else {
            return;
        };
        busy.set(true);
        let product = product.clone();
        let correction = correcting.get_untracked();
        spawn_local(async move {
            let result = match &correction {
                None => api::create_inspection(&product, &values)
                    .await
                    .map(|created| created.item_id),
                Some(unit) => api::correct_inspection_a(unit.id, &values)
                    .await
                    .map(|summary| summary.id),
            };
            busy.try_set(false);
            match result {
                Ok(id) => {
                    // The banner confirms it: a toast would cover the button of the next unit.
                    let serial = serial_of(&values);
                    saved.try_set(Some(Saved {
                        id,
                        serial,
                        values,
                        corrected: correction.is_some(),
                    }));
                    correcting.try_set(None);
                    state.reset();
                    focus_serial();
                }
                Err(error) => state.fail(error, &[]),
            }
        });
    };

    let correct = move |_| {
        if let Some(unit) = saved.get_untracked() {
            state.load(unit.values.clone());
            correcting.set(Some(unit));
            saved.set(None);
            focus_serial();
        }
    };
    let cancel_correction = move |_| {
        correcting.set(None);
        state.reset();
        focus_serial();
    };

    let saved_banner = move || {
        saved.get().map(|unit| {
            let title = if unit.corrected {
                Key::ACorrected
            } else {
                Key::ASaved
            };
            let serial = unit.serial.clone();
            view! {
                <div
                    class="alert alert--success inspect-banner"
                    role="status"
                    data-testid="a-saved"
                    data-serial=unit.serial.clone()
                >
                    <div class="alert__text">
                        <p class="alert__title">{i18n.tr(title)}</p>
                        <p class="alert__message">
                            {move || fill(i18n.t(Key::SerialIs), &[("name", &serial)])}
                        </p>
                    </div>
                    <button
                        type="button"
                        class="btn btn--secondary"
                        data-testid="a-correct"
                        title=i18n.tr(Key::ACorrectHint)
                        on:click=correct
                    >
                        {i18n.tr(Key::ACorrect)}
                    </button>
                </div>
            }
        })
    };
    let correction_banner = move || {
        correcting.get().map(|unit| {
            view! {
                <div class="alert alert--warning inspect-banner" data-testid="a-correcting">
                    <div class="alert__text">
                        <p class="alert__title">
                            {move || fill(i18n.t(Key::ACorrecting), &[("name", &unit.serial)])}
                        </p>
                        <p class="alert__message">{i18n.tr(Key::ACorrectingText)}</p>
                    </div>
                </div>
            }
        })
    };
    let heading = move || fill(i18n.t(Key::InspectAHeading), &[("name", &name)]);
    let serial = serial_field.map(|field| {
        view! {
            <div class="card ifields ifields--lead">
                <InspectionField state field autofocus=true input_ref=serial_ref prominent=true />
                <p class="field__hint">{i18n.tr(Key::ScannerHint)}</p>
            </div>
        }
    });
    let invalid = move || {
        (form.attempted() && state.issues() > 0).then(|| {
            view! {
                <p class="field__error inspect-summary" role="alert" data-testid="a-invalid">
                    {move || {
                        fill(i18n.t(Key::FixMarkedFields), &[("count", &state.issues().to_string())])
                    }}
                </p>
            }
        })
    };

    view! {
        <h1 class="page-title" data-testid="page-title">
            {heading}
        </h1>
        <p class="page-intro">{i18n.tr(Key::InspectAIntro)}</p>
        {saved_banner}
        {correction_banner}
        <form
            class="form inspect-form"
            novalidate
            node_ref=form.node()
            on:submit=submit
            data-testid="a-form"
        >
            {serial}
            <InspectionFields state skip=&[SERIAL] />
            <ArticleFacts state />
            <div class="inspect-actions">
                <p class="muted inspect-actions__legend">{i18n.tr(Key::RequiredLegend)}</p>
                {invalid}
                <FormError form />
                <div class="form__actions">
                    {move || {
                        correcting
                            .get()
                            .is_some()
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="btn btn--secondary"
                                        data-testid="a-cancel-correction"
                                        on:click=cancel_correction
                                    >
                                        {i18n.tr(Key::ACancelCorrection)}
                                    </button>
                                }
                            })
                    }}
                    <button
                        type="submit"
                        class="btn btn--primary btn--large"
                        data-testid="a-submit"
                        disabled=move || busy.get()
                        aria-busy=move || busy.get().to_string()
                    >
                        {move || {
                            busy.get()
                                .then(|| {
                                    view! {
                                        <span class="spinner spinner--small" aria-hidden="true"></span>
                                    }
                                })
                        }}
                        {move || i18n.t(if busy.get() { Key::Saving } else { Key::Save })}
                    </button>
                </div>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_saved_serial_is_read_from_the_values() {
        assert_eq!(
            serial_of(&Values::from([(SERIAL.into(), json!("CP-0001"))])),
            "CP-0001"
        );
        assert_eq!(serial_of(&Values::new()), "");
    }
}
