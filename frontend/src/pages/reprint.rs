//! Print a unit's label by its serial number (`/products/:key/reprint`, every signed-in user; printing
//! for every role but VIEWER): look the unit up, check its details and label, and print the label —
//! again with a reason when it was printed before.
//!
//! Unlike the original page, a label exists only for a completed inspection that passed (or that
//! MANAGEMENT released); the page says so instead of printing.

use api_types::auth::Role;
use api_types::inspection::{InspectionDetail, ProductDefinition, Values};
use api_types::printing::PrintJobDto;
use leptos::prelude::*;
use leptos_router::components::A;
use serde_json::Value;

use crate::api::{self, LabelTarget};
use crate::auth::{Access, use_auth};
use crate::components::form::Form;
use crate::components::guard::RequireAccess;
use crate::components::inspection_status::InspectionStatusBadge;
use crate::components::label_preview::LabelPreview;
use crate::components::label_print::{
    LabelJobState, NotPrintable, PrintLabelForm, PrintTestIds, merge_job, use_label_jobs,
};
use crate::components::toast::use_toasts;
use crate::components::unit_lookup::{
    RouteProduct, SERIAL_FIELD, SerialSearch, not_found_at_serial,
};
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::inspection_detail::UnitFacts;
use crate::pages::inspections::detail_path;
use crate::pages::use_page_title;
use crate::print_events::LiveHint;

/// Every signed-in user; the server refuses printing to VIEWER.
pub const ACCESS: Access = Access::Authenticated;

/// The values the label is drawn from: the final ones (B's once B completed) with the serial
/// number, which only A enters. `None` while A's values are hidden from the user.
pub fn label_values(detail: &InspectionDetail) -> Option<Values> {
    let mut values = detail
        .values_b
        .clone()
        .or_else(|| detail.values_a.clone())?;
    values.insert(
        "serialnummer".to_owned(),
        Value::String(detail.summary.serialnummer.clone()),
    );
    Some(values)
}

#[component]
pub fn ReprintPage() -> impl IntoView {
    use_page_title(Key::ReprintTab);
    view! {
        <RequireAccess access=ACCESS>
            <div class="page">
                <RouteProduct render=|definition| view! { <Reprint definition /> } />
            </div>
        </RequireAccess>
    }
}

#[component]
fn Reprint(definition: ProductDefinition) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = Form::new();
    let serial = RwSignal::new(String::new());
    let found = RwSignal::new(None::<InspectionDetail>);
    let key = definition.key.clone();
    let name = definition.name.clone();
    let search = Callback::new(move |wanted: String| {
        let key = key.clone();
        form.submit(true, &[SERIAL_FIELD], move || async move {
            found.set(None);
            let lookup = api::lookup_unit(&key, &wanted)
                .await
                .map_err(|error| not_found_at_serial(error, i18n.t(Key::UnitNotFoundText)))?;
            let detail = api::inspection(lookup.item.id).await?.data;
            let next = if detail.summary.printable {
                i18n.t(Key::UnitFoundText)
            } else {
                ""
            };
            toasts.success(i18n.t(Key::UnitFound), next);
            found.try_set(Some(detail));
            Ok(())
        });
    });
    let unit = {
        let definition = definition.clone();
        move || {
            found.get().map(|detail| {
                // Keyed by the unit: another unit gets its own live job list.
                let definition = definition.clone();
                view! { <Unit detail definition /> }
            })
        }
    };
    view! {
        <h1 class="page-title" data-testid="page-title">
            {move || fill(i18n.t(Key::ReprintPageTitle), &[("name", &name)])}
        </h1>
        <p class="page-intro">{i18n.tr(Key::ReprintIntro)}</p>
        <LiveHint />
        <SerialSearch
            form
            serial
            input_testid="reprint-serial"
            button_testid="reprint-search"
            button=Key::Search
            on_search=search
            on_reset=move |()| found.set(None)
        />
        {unit}
    }
}

/// The unit found: its details and label, and printing it.
#[component]
fn Unit(detail: InspectionDetail, definition: ProductDefinition) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let summary = detail.summary.clone();
    let id = summary.id;
    let jobs = use_label_jobs(LabelTarget::Inspection(id));
    jobs.update(|jobs| {
        for job in &detail.print_jobs {
            merge_job(jobs, job);
        }
    });
    let queued = RwSignal::new(None::<i64>);
    let preview = label_values(&detail).map(|values| {
        view! {
            <LabelPreview
                product=definition.key.clone()
                values
                artikel_nummer=summary.artikel_nummer.clone()
                artikel_bezeichnung=summary.artikel_bezeichnung.clone()
                datum=summary.datum.clone()
                testid="reprint-preview"
            />
        }
    });
    let print = {
        let status = summary.status;
        let printable = summary.printable;
        move || {
            if !auth.role().is_some_and(Role::can_print) {
                view! {
                    <div class="alert alert--warning" role="status" data-testid="reprint-no-role">
                        <p class="alert__title">{i18n.tr(Key::CannotPrintRole)}</p>
                    </div>
                }
                .into_any()
            } else if !printable {
                view! { <NotPrintable status testid="reprint-not-printable" /> }.into_any()
            } else {
                view! {
                    <PrintLabelForm
                        target=LabelTarget::Inspection(id)
                        jobs
                        testids=PrintTestIds {
                            printer: "reprint-printer",
                            reason: "reprint-reason",
                            submit: "reprint-submit",
                        }
                        on_queued=move |job: PrintJobDto| queued.set(Some(job.id))
                    />
                }
                .into_any()
            }
        }
    };
    let job_state = move || {
        let job = queued.get().and_then(|queued| {
            jobs.with(|jobs| jobs.iter().find(|job| job.id == queued).cloned())
        })?;
        let label = fill(i18n.t(Key::QueuedJob), &[("id", &job.id.to_string())]);
        Some(view! {
            <div class="queued-job">
                <A href=crate::components::label_print::PRINT_JOBS_PATH>{label}</A>
                <LabelJobState job testid="reprint-job-state" />
            </div>
        })
    };
    view! {
        <div class="unit">
            <section class="card section" data-testid="reprint-unit" aria-labelledby="reprint-details-title">
                <div class="page-header">
                    <h2 class="section__title" id="reprint-details-title">
                        {i18n.tr(Key::UnitDetails)}
                    </h2>
                    <InspectionStatusBadge
                        status=summary.status
                        overridden=summary.overridden
                        testid="reprint-status"
                    />
                </div>
                <UnitFacts summary=summary.clone() definition testid="reprint-details" />
                <div>
                    <A
                        href=detail_path(id)
                        attr:class="btn btn--secondary"
                        attr:data-testid="reprint-open-inspection"
                    >
                        {i18n.tr(Key::OpenInspection)}
                    </A>
                </div>
            </section>
            <div class="unit__print">
                {preview}
                <section class="card section" data-testid="reprint-print">
                    <h2 class="section__title">{i18n.tr(Key::PrintLabelTitle)}</h2>
                    {print}
                    {job_state}
                </section>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use api_types::inspection::{InspectionStatus, InspectionSummary};
    use serde_json::json;

    use super::*;

    fn detail(values_a: Option<Values>, values_b: Option<Values>) -> InspectionDetail {
        InspectionDetail {
            summary: InspectionSummary {
                id: 7,
                product: "c2".into(),
                serialnummer: "C2-0001".into(),
                status: InspectionStatus::Passed,
                artikel_nummer: Some("10650".into()),
                artikel_bezeichnung: Some("Rotoclear C2".into()),
                variant: Some("RC".into()),
                ba_nummer: None,
                datum: "2026-11-26".into(),
                produktionsjahr: "2026".into(),
                pruefer_a: "anna".into(),
                pruefer_b: Some("ben".into()),
                a_at: "2026-11-26T08:00:00Z".into(),
                b_at: Some("2026-11-26T09:00:00Z".into()),
                failed_checks: vec![],
                overridden: false,
                printable: true,
                updated_at: "2026-11-26T09:00:00Z".into(),
            },
            values_a,
            values_b,
            differences: vec![],
            override_by: None,
            override_reason: None,
            events: vec![],
            print_jobs: vec![],
        }
    }

    #[test]
    fn the_label_shows_the_final_values_with_the_serial() {
        let a = Values::from([("software_version".into(), json!("1.0.0"))]);
        let b = Values::from([("software_version".into(), json!("1.0.1"))]);
        let values = label_values(&detail(Some(a.clone()), Some(b))).unwrap_or_default();
        assert_eq!(values["software_version"], "1.0.1");
        assert_eq!(values["serialnummer"], "C2-0001");
        let before_b = label_values(&detail(Some(a), None)).unwrap_or_default();
        assert_eq!(before_b["software_version"], "1.0.0");
        assert_eq!(label_values(&detail(None, None)), None);
    }
}
