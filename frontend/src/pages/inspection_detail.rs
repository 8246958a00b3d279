//! One inspection (`/inspections/:id`, every signed-in user): the unit, A's and B's values side by
//! side with their differences and failed checks, the audit trail, the label's print jobs (live),
//! printing the label and, for MANAGEMENT, releasing a failed unit.
//!
//! Everything is rendered from the product's definition, so the page serves every product line.
//! A's values stay hidden from others until B completed (B enters blind); the server decides that.

use api_types::auth::Role;
use api_types::inspection::{
    FieldDef, FieldKind, InspectionDetail, InspectionEventDto, InspectionStatus, InspectionSummary,
    OverrideRequest, ProductDefinition, Values,
};
use api_types::printing::{PrintJobDto, REASON_MAX_CHARS};
use api_types::{ErrorBody, ErrorCode};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use serde_json::Value;

use crate::api::{self, LabelTarget};
use crate::auth::{Access, use_auth};
use crate::components::error_panel::ErrorPanel;
use crate::components::fact::Fact;
use crate::components::form::{Field, Form, FormActions, FormError, SubmitButton};
use crate::components::guard::RequireAccess;
use crate::components::inspection_form;
use crate::components::inspection_status::InspectionStatusBadge;
use crate::components::label_print::{
    LabelJobTable, NotPrintable, PrintLabelForm, PrintTestIds, merge_job, use_label_jobs,
};
use crate::components::loading::Loaded;
use crate::components::toast::use_toasts;
use crate::format;
use crate::i18n::{Key, Lang, fill, localized, t, use_i18n};
use crate::pages::print_jobs::reason_issue;
use crate::pages::use_page_title;
use crate::print_events::{LiveHint, use_print_events};

/// Every signed-in user; printing and releasing depend on the role.
pub const ACCESS: Access = Access::Authenticated;

/// Shown for a value that is not set.
pub const NO_VALUE: &str = "—";

#[component]
pub fn InspectionDetailPage() -> impl IntoView {
    use_page_title(Key::InspectionTitle);
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params.with(|params| {
            params
                .get("id")
                .and_then(|id| id.trim().parse::<i64>().ok())
        })
    });
    view! {
        <RequireAccess access=ACCESS>
            {move || match id.get() {
                // Built anew for another id: the live job list belongs to one inspection.
                Some(id) => view! { <Detail id /> }.into_any(),
                None => {
                    let error = ErrorBody::new(ErrorCode::NotFound, "Ungültige Prüfungs-ID");
                    view! {
                        <div class="page">
                            <ErrorPanel error />
                        </div>
                    }
                        .into_any()
                }
            }}
        </RequireAccess>
    }
}

/// A value as the detail shows it: as the inspection forms show it ("Ja"/"Nein", a choice by its
/// option's caption, a text as entered), and [`NO_VALUE`] when not set.
pub fn display_value(field: &FieldDef, value: Option<&Value>, lang: Lang) -> String {
    match value {
        None | Some(Value::Null) => NO_VALUE.to_owned(),
        Some(value) => inspection_form::display_value(Some(field), value, lang),
    }
}

/// Whether `field` belongs on the page: always, unless it depends on a choice (KK's second optic)
/// that none of the known value sets makes.
pub fn is_shown(field: &FieldDef, value_sets: &[&Values]) -> bool {
    match &field.visible_when {
        None => true,
        Some(_) if value_sets.is_empty() => true,
        Some(condition) => value_sets.iter().any(|values| condition.holds(values)),
    }
}

/// An http(s) link that may become an `<a href>` (older records hold other text).
pub fn safe_link(text: &str) -> Option<&str> {
    let lower = text.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then_some(text.trim())
}

/// The audit trail's name for an action.
pub fn action_label(action: &str) -> Option<Key> {
    Some(match action {
        "created" => Key::EventCreated,
        "a_updated" => Key::EventAUpdated,
        "b_started" => Key::EventBStarted,
        "completed" => Key::EventCompleted,
        "overridden" => Key::EventOverridden,
        "print_requested" => Key::EventPrintRequested,
        _ => return None,
    })
}

/// An event's details in one line (`reason: Etikett beschädigt · jobId: 7`); `None` when empty.
/// Recorded values are left out: the table shows them (and A's only to whom may see them).
pub fn event_details(details: &Value) -> Option<String> {
    let text = |value: &Value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    let empty = |value: &Value| match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(entries) => entries.is_empty(),
        _ => false,
    };
    let line = match details {
        Value::Null => return None,
        Value::Object(entries) => entries
            .iter()
            .filter(|(key, value)| key.as_str() != "values" && !empty(value))
            .map(|(key, value)| format!("{key}: {}", text(value)))
            .collect::<Vec<_>>()
            .join(" · "),
        other => text(other),
    };
    (!line.is_empty()).then_some(line)
}

#[component]
fn Detail(id: i64) -> impl IntoView {
    let jobs = use_label_jobs(LabelTarget::Inspection(id));
    let data = LocalResource::new(move || async move {
        let detail = api::inspection(id).await?.data;
        let definition = api::product_definition(&detail.summary.product).await?.data;
        Ok::<_, ErrorBody>((detail, definition))
    });
    view! {
        <div class="page">
            <LiveHint />
            <Loaded
                resource=data
                label=Key::InspectionLoading
                render=move |(detail, definition)| view! { <Body detail definition jobs /> }
            />
        </div>
    }
}

/// The loaded inspection. Later changes (a print, a release, a reconnection) reload it in place:
/// the forms stay as they are unless what they depend on changed.
#[component]
fn Body(
    detail: InspectionDetail,
    definition: ProductDefinition,
    jobs: RwSignal<Vec<PrintJobDto>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let toasts = use_toasts();
    let events = use_print_events();
    let id = detail.summary.id;
    let title = format!("{} {}", definition.name, detail.summary.serialnummer);
    let serial = detail.summary.serialnummer.clone();
    let current = RwSignal::new(detail);
    Effect::new(move || {
        current.with(|detail| {
            jobs.update(|jobs| {
                for job in &detail.print_jobs {
                    merge_job(jobs, job);
                }
            });
        });
    });
    let reload = Callback::new(move |()| {
        spawn_local(async move {
            match api::inspection(id).await {
                Ok(answer) => {
                    current.try_set(answer.data);
                }
                Err(error) => toasts.error(i18n.t(Key::ActionFailed), error.error),
            }
        });
    });
    // Back after an interruption: changes may have been missed.
    Effect::new(move |before: Option<u64>| {
        let now = events.resyncs();
        if before.is_some_and(|before| before != now) {
            reload.run(());
        }
        now
    });
    let state = Memo::new(move |_| {
        current.with(|detail| {
            let summary = &detail.summary;
            (summary.status, summary.overridden, summary.printable)
        })
    });
    let definition = StoredValue::new(definition);

    let hidden = move || {
        current.with(|detail| detail.values_a.is_none()).then(|| {
            view! {
                <div class="alert alert--warning" role="status" data-testid="detail-values-hidden">
                    <p class="alert__title">{i18n.tr(Key::ValuesAHidden)}</p>
                </div>
            }
        })
    };
    let released = move || {
        current.with(|detail| {
            let by = detail.override_by.clone()?;
            let reason = detail.override_reason.clone().unwrap_or_default();
            Some(view! {
                <div class="alert alert--warning" role="status" data-testid="detail-released">
                    <div class="alert__text">
                        <p class="alert__title">
                            {move || fill(i18n.t(Key::ReleasedBy), &[("name", &by)])}
                        </p>
                        <p class="alert__message">{reason}</p>
                    </div>
                </div>
            })
        })
    };
    let print = move || {
        let (status, _, printable) = state.get();
        if !auth.role().is_some_and(Role::can_print) {
            return None;
        }
        Some(if printable {
            view! {
                <section class="card section" data-testid="detail-print">
                    <h2 class="section__title">{i18n.tr(Key::PrintLabelTitle)}</h2>
                    <PrintLabelForm
                        target=LabelTarget::Inspection(id)
                        jobs
                        testids=PrintTestIds {
                            printer: "detail-print-printer",
                            reason: "detail-print-reason",
                            submit: "detail-print-submit",
                        }
                        on_queued=move |_| reload.run(())
                    />
                </section>
            }
            .into_any()
        } else {
            view! { <NotPrintable status testid="detail-not-printable" /> }.into_any()
        })
    };
    let release = move || {
        let (status, overridden, _) = state.get();
        let open = status == InspectionStatus::Failed && !overridden;
        (open && auth.role().is_some_and(Role::can_view_dashboards))
            .then(|| view! { <ReleaseForm id serial=serial.clone() reload /> })
    };
    let badge = move || {
        let (status, overridden, _) = state.get();
        view! { <InspectionStatusBadge status overridden testid="detail-status" /> }
    };
    let facts = move || {
        let summary = current.with(|detail| detail.summary.clone());
        view! { <UnitFacts summary definition=definition.get_value() testid="detail-facts" /> }
    };
    let values = move || {
        current.with(|detail| {
            view! {
                <ValueTable
                    definition=definition.get_value()
                    values_a=detail.values_a.clone()
                    values_b=detail.values_b.clone()
                    differences=detail.differences.iter().map(|d| d.field.clone()).collect()
                    failed=detail.summary.failed_checks.clone()
                />
            }
        })
    };
    let history = move || {
        let events = current.with(|detail| detail.events.clone());
        view! { <EventList events /> }
    };
    view! {
        <div class="page-header">
            <h1 class="page-title" data-testid="page-title">
                {title}
            </h1>
            {badge}
        </div>
        <div class="card">{facts}</div>
        {released}
        {print}
        {release}
        <section class="section" aria-labelledby="detail-values-title">
            <h2 class="section__title" id="detail-values-title">
                {i18n.tr(Key::ValuesTitle)}
            </h2>
            {hidden}
            {values}
        </section>
        <section class="section" aria-labelledby="detail-jobs-title">
            <h2 class="section__title" id="detail-jobs-title">
                {i18n.tr(Key::LabelJobsTitle)}
            </h2>
            <LabelJobTable jobs state_testid="detail-job-state" />
        </section>
        <section class="section" aria-labelledby="detail-events-title">
            <h2 class="section__title" id="detail-events-title">
                {i18n.tr(Key::EventsHistory)}
            </h2>
            {history}
        </section>
    }
}

/// The unit: product, article, dates and inspectors.
#[component]
pub fn UnitFacts(
    summary: InspectionSummary,
    definition: ProductDefinition,
    testid: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let or_none = |value: Option<String>| value.unwrap_or_else(|| NO_VALUE.to_owned());
    let when = move |at: Option<String>| {
        move || {
            at.as_deref()
                .map(|at| format::local_date_time(at, i18n.lang()))
                .unwrap_or_else(|| NO_VALUE.to_owned())
        }
    };
    let pruefer_b = summary.pruefer_b.clone();
    let kind = move || {
        format!(
            "{} ({})",
            definition.name,
            localized(i18n.lang(), &definition.kind_de, &definition.kind_en)
        )
    };
    view! {
        <dl class="facts facts--grid" data-testid=testid>
            <Fact label=Key::ColProduct value=kind />
            <Fact label=Key::SerialNumber value=summary.serialnummer.clone() testid="detail-serial" />
            <Fact label=Key::ArticleNumber value=or_none(summary.artikel_nummer.clone()) />
            <Fact label=Key::ArticleName value=or_none(summary.artikel_bezeichnung.clone()) />
            <Fact label=Key::BaNumber value=or_none(summary.ba_nummer.clone()) />
            <Fact label=Key::PackagingDate value=summary.datum.clone() />
            <Fact label=Key::ProductionYear value=summary.produktionsjahr.clone() />
            <Fact label=Key::ColPrueferA value=summary.pruefer_a.clone() testid="detail-pruefer-a" />
            <Fact label=Key::InspectedAtA value=when(Some(summary.a_at.clone())) />
            <Fact
                label=Key::ColPrueferB
                value=move || {
                    pruefer_b.clone().unwrap_or_else(|| i18n.t(Key::NotSpecified).to_owned())
                }
                testid="detail-pruefer-b"
            />
            <Fact label=Key::InspectedAtB value=when(summary.b_at.clone()) />
        </dl>
    }
}

/// Every field of the definition, A's value beside B's, by section.
#[component]
fn ValueTable(
    definition: ProductDefinition,
    values_a: Option<Values>,
    values_b: Option<Values>,
    /// Keys of the fields where B's entry differs from A's.
    differences: Vec<String>,
    /// Keys of the checks answered "Nein".
    failed: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || {
        let lang = i18n.lang();
        let known: Vec<&Values> = values_a.iter().chain(values_b.iter()).collect();
        definition
            .sections
            .iter()
            .map(|section| {
                let fields: Vec<&FieldDef> = definition
                    .fields
                    .iter()
                    .filter(|field| field.section == section.key && is_shown(field, &known))
                    .collect();
                if fields.is_empty() {
                    return ().into_any();
                }
                let heading = localized(lang, &section.label_de, &section.label_en).to_owned();
                let rows = fields
                    .into_iter()
                    .map(|field| {
                        let differs = differences.contains(&field.key);
                        let failed = failed.contains(&field.key);
                        let a = match &values_a {
                            None if field.filled_by.includes(api_types::inspection::Step::A) => {
                                view! { <span class="muted">{t(lang, Key::Hidden)}</span> }.into_any()
                            }
                            values => value_view(field, values.as_ref().and_then(|v| v.get(&field.key)), lang),
                        };
                        let b = value_view(field, values_b.as_ref().and_then(|v| v.get(&field.key)), lang);
                        let marks = (differs || failed).then(|| {
                            view! {
                                <span class="value-marks">
                                    {differs.then(|| view! { <span class="value-mark value-mark--differs">{t(lang, Key::Differs)}</span> })}
                                    {failed.then(|| view! { <span class="value-mark value-mark--failed">{t(lang, Key::CheckFailed)}</span> })}
                                </span>
                            }
                        });
                        view! {
                            <tr
                                data-testid=format!("detail-field-{}", field.key)
                                data-differs=differs.to_string()
                                data-failed=failed.to_string()
                                class=("values-table__row--differs", differs)
                                class=("values-table__row--failed", failed)
                            >
                                <th scope="row">
                                    {localized(lang, &field.label_de, &field.label_en).to_owned()}
                                    {marks}
                                </th>
                                <td data-testid=format!("detail-value-a-{}", field.key)>{a}</td>
                                <td data-testid=format!("detail-value-b-{}", field.key)>{b}</td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <tr class="values-table__section">
                        <th scope="colgroup" colspan="3">
                            {heading}
                        </th>
                    </tr>
                    {rows}
                }
                .into_any()
            })
            .collect_view()
    };
    view! {
        <div class="table-wrap">
            <table class="table values-table" data-testid="detail-values">
                <thead>
                    <tr>
                        <th scope="col">{i18n.tr(Key::ColField)}</th>
                        <th scope="col">{i18n.tr(Key::ColPrueferA)}</th>
                        <th scope="col">{i18n.tr(Key::ColPrueferB)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// One value; links open in a new tab.
fn value_view(field: &FieldDef, value: Option<&Value>, lang: Lang) -> AnyView {
    let text = display_value(field, value, lang);
    match (field.kind, safe_link(&text)) {
        (FieldKind::Link, Some(link)) => {
            let href = link.to_owned();
            view! {
                <a href=href target="_blank" rel="noopener noreferrer" class="value-link">
                    {text}
                </a>
            }
            .into_any()
        }
        _ if text == NO_VALUE => view! { <span class="muted">{text}</span> }.into_any(),
        _ => text.into_any(),
    }
}

/// The audit trail, oldest first.
#[component]
fn EventList(events: Vec<InspectionEventDto>) -> impl IntoView {
    let i18n = use_i18n();
    let items = move || {
        let lang = i18n.lang();
        events
            .iter()
            .map(|event| {
                let action = action_label(&event.action)
                    .map(|key| t(lang, key).to_owned())
                    .unwrap_or_else(|| event.action.clone());
                let details = event_details(&event.details)
                    .map(|details| view! { <p class="timeline__details">{details}</p> });
                view! {
                    <li class="timeline__item" data-action=event.action.clone()>
                        <time class="timeline__time" datetime=event.at.clone()>
                            {format::local_date_time(&event.at, lang)}
                        </time>
                        <div>
                            <strong>{action}</strong>
                            " · "
                            {event.username.clone()}
                            {details}
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    view! { <ol class="card timeline" data-testid="detail-events">{items}</ol> }
}

/// MANAGEMENT releases the label of a failed unit, with a reason.
#[component]
fn ReleaseForm(id: i64, serial: String, reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let form = Form::new();
    let reason = RwSignal::new(String::new());
    let issue = Signal::derive(move || reason.with(|reason| reason_issue(reason)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = OverrideRequest {
            reason: reason.with_untracked(|reason| reason.trim().to_owned()),
        };
        let serial = serial.clone();
        form.submit(
            issue.get_untracked().is_none(),
            &["reason"],
            move || async move {
                api::override_inspection(id, &request).await?;
                toasts.success(fill(i18n.t(Key::ReleaseDone), &[("name", &serial)]), "");
                reload.run(());
                Ok(())
            },
        );
    };
    view! {
        <form
            class="card form"
            novalidate
            node_ref=form.node()
            on:submit=submit
            data-testid="detail-override"
        >
            <h2 class="section__title">{i18n.tr(Key::ReleaseTitle)}</h2>
            <p>{i18n.tr(Key::ReleaseText)}</p>
            <FormError form />
            <Field
                form
                name="reason"
                label=Key::ReleaseReason
                value=reason
                issue
                autocomplete="off"
                testid="detail-override-reason"
                required=true
                maxlength=u32::try_from(REASON_MAX_CHARS).unwrap_or(u32::MAX)
            />
            <FormActions>
                <SubmitButton
                    form
                    label=Key::ReleaseSubmit
                    busy_label=Key::ReleaseBusy
                    testid="detail-override-submit"
                />
            </FormActions>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use api_types::inspection::{ChoiceOption, Condition, FilledBy, TextFormat};
    use serde_json::json;

    use super::*;

    fn field(key: &str, kind: FieldKind) -> FieldDef {
        FieldDef {
            key: key.into(),
            aliases: vec![],
            section: "s".into(),
            kind,
            format: TextFormat::Free,
            options: vec![ChoiceOption {
                code: "TB_1".into(),
                label_de: "1 TB".into(),
                label_en: "1 TB (en)".into(),
                when: None,
            }],
            filled_by: FilledBy::Both,
            required: true,
            visible_when: None,
            label_de: key.to_uppercase(),
            label_en: key.into(),
            default: None,
            max_len: 200,
        }
    }

    #[test]
    fn values_read_as_the_inspector_chose_them() {
        let check = field("ok", FieldKind::Check);
        assert_eq!(display_value(&check, Some(&json!(true)), Lang::De), "Ja");
        assert_eq!(display_value(&check, Some(&json!(false)), Lang::De), "Nein");
        assert_eq!(display_value(&check, Some(&json!(false)), Lang::En), "No");
        assert_eq!(display_value(&check, None, Lang::De), NO_VALUE);
        assert_eq!(
            display_value(&check, Some(&Value::Null), Lang::De),
            NO_VALUE
        );
        let choice = field("size", FieldKind::Choice);
        assert_eq!(
            display_value(&choice, Some(&json!("TB_1")), Lang::De),
            "1 TB"
        );
        assert_eq!(
            display_value(&choice, Some(&json!("TB_1")), Lang::En),
            "1 TB (en)"
        );
        // A code the definition no longer knows still shows.
        assert_eq!(
            display_value(&choice, Some(&json!("TB_9")), Lang::De),
            "TB_9"
        );
        let text = field("note", FieldKind::Text);
        assert_eq!(
            display_value(&text, Some(&json!("Kratzer")), Lang::De),
            "Kratzer"
        );
    }

    #[test]
    fn fields_of_an_unmade_choice_are_left_out() {
        let mut second = field("optik2", FieldKind::Text);
        second.visible_when = Some(Condition::new("optiken", &["two"]));
        let one: Values = [("optiken".to_owned(), json!("one"))].into_iter().collect();
        let two: Values = [("optiken".to_owned(), json!("two"))].into_iter().collect();
        assert!(!is_shown(&second, &[&one]));
        assert!(is_shown(&second, &[&one, &two]));
        // Nothing known (A hidden, B open): show it rather than hide something.
        assert!(is_shown(&second, &[]));
        assert!(is_shown(&field("x", FieldKind::Text), &[&one]));
    }

    #[test]
    fn only_web_links_become_links() {
        assert_eq!(
            safe_link(" https://automatiktest.rotoclear.test/C2-0001 "),
            Some("https://automatiktest.rotoclear.test/C2-0001")
        );
        assert_eq!(safe_link("HTTP://x.test"), Some("HTTP://x.test"));
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("<svg></svg>"), None);
    }

    #[test]
    fn every_recorded_action_has_a_name() {
        for action in [
            "created",
            "a_updated",
            "b_started",
            "completed",
            "overridden",
            "print_requested",
        ] {
            assert!(action_label(action).is_some(), "{action}");
        }
        assert_eq!(
            action_label("created").map(|key| t(Lang::De, key)),
            Some("Angelegt (Prüfer A)")
        );
        assert_eq!(action_label("exported"), None);
    }

    #[test]
    fn event_details_read_as_one_line() {
        assert_eq!(event_details(&Value::Null), None);
        assert_eq!(event_details(&json!({})), None);
        assert_eq!(
            event_details(&json!({"jobId": 7, "reason": "Etikett beschädigt", "x": null})),
            Some("jobId: 7 · reason: Etikett beschädigt".to_owned())
        );
        assert_eq!(
            event_details(
                &json!({"values": {"hdmi_ok": true}, "failedChecks": [], "status": "passed"})
            ),
            Some("status: passed".to_owned())
        );
        assert_eq!(event_details(&json!({"values": {"hdmi_ok": true}})), None);
    }
}
