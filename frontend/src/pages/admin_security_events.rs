//! Security log (`/admin/security-events`, administrators): sign-ins, lockouts, denied access and
//! changes to users and tokens, filtered by type, risk, user and time range.

use api_types::auth::{Risk, SecurityEventDto, SecurityEventList};
use api_types::validation::Message;
use leptos::prelude::*;

use crate::api::{self, SecurityEventQuery};
use crate::auth::Access;
use crate::components::badge::{Badge, Tone};
use crate::components::form::{Field, Form, InputKind, next_id, optional_number};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::pager::Pager;
use crate::components::table::DataTable;
use crate::format;
use crate::i18n::{Key, as_message, risk_label, use_i18n};
use crate::pages::use_page_title;

/// Administrators only.
pub const ACCESS: Access = Access::Admin;

/// Events per page.
const PAGE_SIZE: u64 = 50;

/// Longest details text shown in the table row; longer ones open on click.
const DETAILS_PREVIEW_CHARS: usize = 80;

/// Event types the server records, offered as suggestions (any text can be typed).
const EVENT_TYPES: &[&str] = &[
    "LOGIN_SUCCESS",
    "LOGIN_FAILURE",
    "LOGOUT",
    "ACCOUNT_LOCKED",
    "ACCOUNT_UNLOCKED",
    "RATE_LIMIT_EXCEEDED",
    "PERMISSION_DENIED",
    "CSRF_FAILED",
    "USER_CREATED",
    "USER_UPDATED",
    "USER_DELETED",
    "PASSWORD_CHANGED",
    "PASSWORD_RESET",
    "SETUP_COMPLETED",
    "TOKEN_CREATED",
    "TOKEN_REVOKED",
    "TOKEN_USED_AFTER_REVOKE",
];

#[component]
pub fn SecurityEventsPage() -> impl IntoView {
    use_page_title(Key::EventsTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Events />
        </RequireAccess>
    }
}

/// A user id typed into the filter: empty for none.
fn parse_user_id(value: &str) -> Result<Option<i64>, Message> {
    optional_number(value, |id| *id > 0, Key::FilterUserIdInvalid)
}

/// Whether "from" lies after "to" (both `datetime-local` values, which sort as text).
pub fn range_issue(from: &str, to: &str) -> Option<Message> {
    (!from.is_empty() && !to.is_empty() && from > to).then(|| as_message(Key::FilterRangeInvalid))
}

fn first_query() -> SecurityEventQuery {
    SecurityEventQuery {
        page: 1,
        limit: PAGE_SIZE,
        ..SecurityEventQuery::default()
    }
}

#[component]
fn Events() -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new();
    let event_type = RwSignal::new(String::new());
    let risk = RwSignal::new(String::new());
    let user_id = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let user_id_issue = Signal::derive(move || user_id.with(|v| parse_user_id(v).err()));
    let to_issue = Signal::derive(move || from.with(|f| to.with(|t| range_issue(f, t))));

    let applied = RwSignal::new(first_query());
    let page = RwSignal::new(1_u64);
    let events = LocalResource::new(move || {
        let query = SecurityEventQuery {
            page: page.get(),
            ..applied.get()
        };
        async move { api::security_events(&query).await }
    });

    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = user_id.with_untracked(|v| parse_user_id(v));
        if !form.check(id.is_ok() && to_issue.get_untracked().is_none()) {
            return;
        }
        let local = |value: RwSignal<String>| {
            value
                .with_untracked(|v| format::local_input_to_rfc3339(v))
                .unwrap_or_default()
        };
        applied.set(SecurityEventQuery {
            event_type: event_type.get_untracked().trim().to_owned(),
            risk: risk.get_untracked(),
            user_id: id.unwrap_or_default(),
            from: local(from),
            to: local(to),
            ..first_query()
        });
        page.set(1);
    };
    let reset = move |_| {
        for value in [event_type, risk, user_id, from, to] {
            value.set(String::new());
        }
        form.reset();
        applied.set(first_query());
        page.set(1);
    };

    let risk_id = next_id("risk");
    let risk_options = Risk::ALL
        .into_iter()
        .map(|level| {
            view! {
                <option value=level.as_str() selected=move || risk.get() == level.as_str()>
                    {i18n.tr(risk_label(level))}
                </option>
            }
        })
        .collect_view();

    view! {
        <div class="page">
            <PageHeader title=Key::EventsTitle intro=Key::EventsIntro />
            <form
                class="card filters"
                novalidate
                node_ref=form.node()
                on:submit=apply
                data-testid="event-filters"
            >
                <Field
                    form
                    name="type"
                    label=Key::FilterType
                    value=event_type
                    autocomplete="off"
                    testid="filter-type"
                    list="event-types"
                />
                <datalist id="event-types">
                    {EVENT_TYPES.iter().map(|kind| view! { <option value=*kind></option> }).collect_view()}
                </datalist>
                <div class="field">
                    <label class="field__label" for=risk_id.clone()>
                        {i18n.tr(Key::FilterRisk)}
                    </label>
                    <select
                        id=risk_id
                        class="input"
                        data-testid="filter-risk"
                        prop:value=move || risk.get()
                        on:change=move |ev| risk.set(event_target_value(&ev))
                    >
                        <option value="" selected=move || risk.get().is_empty()>
                            {i18n.tr(Key::FilterAll)}
                        </option>
                        {risk_options}
                    </select>
                </div>
                <Field
                    form
                    name="userId"
                    label=Key::FilterUserId
                    value=user_id
                    issue=user_id_issue
                    kind=InputKind::Number
                    autocomplete="off"
                    testid="filter-user-id"
                />
                <Field
                    form
                    name="from"
                    label=Key::FilterFrom
                    value=from
                    kind=InputKind::DateTime
                    testid="filter-from"
                />
                <Field
                    form
                    name="to"
                    label=Key::FilterTo
                    value=to
                    issue=to_issue
                    kind=InputKind::DateTime
                    testid="filter-to"
                />
                <div class="filters__actions">
                    <button type="submit" class="btn btn--primary" data-testid="filter-apply">
                        {i18n.tr(Key::FilterApply)}
                    </button>
                    <button
                        type="button"
                        class="btn btn--secondary"
                        data-testid="filter-reset"
                        on:click=reset
                    >
                        {i18n.tr(Key::FilterReset)}
                    </button>
                </div>
            </form>
            <Loaded
                resource=events
                label=Key::EventsLoading
                render=move |list| view! { <EventTable list=list.data page /> }
            />
        </div>
    }
}

#[component]
fn EventTable(list: SecurityEventList, page: RwSignal<u64>) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::ColTime,
        Key::ColType,
        Key::FilterRisk,
        Key::ColUser,
        Key::ColIp,
        Key::ColDetails,
    ];
    let SecurityEventList { events, pagination } = list;
    view! {
        <DataTable
            testid="event-table"
            columns=COLUMNS
            empty=Key::EventsEmpty
            items=events
            row=|event| view! { <EventRow event /> }
        />
        <Pager pagination page />
    }
}

fn risk_tone(risk: Risk) -> Tone {
    match risk {
        Risk::Low => Tone::Neutral,
        Risk::Medium => Tone::Warning,
        Risk::High | Risk::Critical => Tone::Danger,
    }
}

/// Event details as one line of JSON; `None` when there are none.
fn compact_details(details: &serde_json::Value) -> Option<String> {
    let empty = details.is_null()
        || details.as_object().is_some_and(|o| o.is_empty())
        || details.as_array().is_some_and(|a| a.is_empty());
    (!empty).then(|| details.to_string())
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn preview(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        text.chars().take(max).chain(['…']).collect()
    }
}

#[component]
fn EventRow(event: SecurityEventDto) -> impl IntoView {
    let i18n = use_i18n();
    let SecurityEventDto {
        id,
        event_type,
        risk,
        user_id,
        username,
        ip_address,
        user_agent,
        details,
        created_at,
    } = event;
    let details_view = match compact_details(&details) {
        None => view! { <span class="muted">"–"</span> }.into_any(),
        Some(compact) if compact.chars().count() <= DETAILS_PREVIEW_CHARS => {
            view! { <code class="json">{compact}</code> }.into_any()
        }
        Some(compact) => {
            let pretty = serde_json::to_string_pretty(&details).unwrap_or(compact.clone());
            view! {
                <details class="json-details">
                    <summary>
                        <code class="json">{preview(&compact, DETAILS_PREVIEW_CHARS)}</code>
                    </summary>
                    <pre class="json json--pretty">{pretty}</pre>
                </details>
            }
            .into_any()
        }
    };
    view! {
        <tr data-testid=format!("event-row-{id}")>
            <td class="table__nowrap">{move || format::local_date_time(&created_at, i18n.lang())}</td>
            <td>
                <code>{event_type}</code>
            </td>
            <td>
                <Badge tone=risk_tone(risk) label=i18n.tr(risk_label(risk)) />
            </td>
            <td>
                {username.unwrap_or_else(|| "–".to_owned())}
                {user_id.map(|id| view! { <span class="muted">{format!(" #{id}")}</span> })}
            </td>
            <td title=user_agent>{ip_address.unwrap_or_else(|| "–".to_owned())}</td>
            <td class="table__details">{details_view}</td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn user_id_filter_is_a_positive_number() {
        assert_eq!(parse_user_id(""), Ok(None));
        assert_eq!(parse_user_id(" 12 "), Ok(Some(12)));
        for bad in ["0", "-3", "abc", "1.5"] {
            assert!(parse_user_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn range_must_not_be_reversed() {
        assert_eq!(range_issue("", "2026-01-01T00:00"), None);
        assert_eq!(range_issue("2026-01-01T00:00", "2026-01-02T00:00"), None);
        assert_eq!(
            range_issue("2026-01-02T00:00", "2026-01-01T00:00"),
            Some(as_message(Key::FilterRangeInvalid))
        );
    }

    #[test]
    fn details_are_shown_compactly() {
        assert_eq!(compact_details(&json!(null)), None);
        assert_eq!(compact_details(&json!({})), None);
        assert_eq!(
            compact_details(&json!({"reason": "Falsches Passwort"})),
            Some(r#"{"reason":"Falsches Passwort"}"#.to_owned())
        );
        assert_eq!(preview("abcdef", 3), "abc…");
        assert_eq!(preview("äöü", 3), "äöü");
    }
}
