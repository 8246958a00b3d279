//! System status (`/status`): the server's `GET /api/health`, refreshed every 10 seconds.

use std::time::Duration;

use api_types::{CheckStatus, HealthResponse, HealthStatus};
use leptos::prelude::*;

use crate::api;
use crate::auth::Access;
use crate::components::badge::{Badge, Tone};
use crate::components::fact::Fact;
use crate::components::loading::Loaded;
use crate::components::page_header::PageHeader;
use crate::components::toast::use_toasts;
use crate::format;
use crate::i18n::{Key, error_title, use_i18n};
use crate::pages::use_page_title;

/// Everyone: operators check it before anybody can sign in.
pub const ACCESS: Access = Access::Public;

/// The client route of the page.
pub const PATH: &str = "/status";

const REFRESH_EVERY: Duration = Duration::from_secs(10);

#[component]
pub fn StatusPage() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    use_page_title(Key::StatusTitle);

    let health = LocalResource::new(api::health);
    if let Ok(timer) = set_interval_with_handle(move || health.refetch(), REFRESH_EVERY) {
        on_cleanup(move || timer.clear());
    }

    // One toast when the server stops answering, not one per failed refresh.
    Effect::new(move |was_failing: Option<bool>| {
        let failure = health.with(|result| match result {
            Some(Err(error)) => Some(error.clone()),
            _ => None,
        });
        if let Some(error) = &failure
            && was_failing != Some(true)
        {
            toasts.error(
                i18n.t(Key::StatusLoadFailed),
                i18n.t(error_title(error.code)),
            );
        }
        failure.is_some()
    });

    let (refreshing, set_refreshing) = signal(false);
    let refresh = move || health.refetch();

    view! {
        <div class="page">
            <PageHeader title=Key::StatusTitle intro=Key::StatusIntro>
                <button
                    type="button"
                    class="btn btn--primary"
                    data-testid="refresh"
                    on:click=move |_| refresh()
                >
                    // The icon turns while a request runs; the label stays put, so the button does not
                    // flicker on every automatic refresh.
                    <span
                        class="btn__icon"
                        class=("btn__icon--spinning", move || refreshing.get())
                        aria-hidden="true"
                    >
                        "↻"
                    </span>
                    {i18n.tr(Key::Refresh)}
                </button>
            </PageHeader>
            <div class="section" aria-busy=move || refreshing.get().to_string()>
                <Loaded
                    resource=health
                    label=Key::StatusLoading
                    render=|health| view! { <HealthDetails health /> }
                    set_pending=set_refreshing
                />
            </div>
        </div>
    }
}

#[component]
fn HealthDetails(health: HealthResponse) -> impl IntoView {
    let i18n = use_i18n();
    let HealthResponse {
        status,
        timestamp,
        version,
        checks,
    } = health;
    let (tone, word) = match status {
        HealthStatus::Healthy => (Tone::Success, Key::StatusHealthy),
        HealthStatus::Unhealthy => (Tone::Danger, Key::StatusUnhealthy),
    };
    let database = checks.database;
    let filesystem = checks.filesystem;
    let memory = checks.memory;
    let backend = backend_name(&database.backend);

    view! {
        <section class="card status-summary">
            <div class="status-summary__overall">
                <span class="status-summary__label">{i18n.tr(Key::StatusOverall)}</span>
                <Badge tone label=i18n.tr(word) testid="health-status" />
            </div>
            <dl class="facts">
                <Fact label=Key::StatusVersion value=version />
                <Fact
                    label=Key::StatusCheckedAt
                    value=move || format::local_date_time(&timestamp, i18n.lang())
                />
            </dl>
        </section>
        <h2 class="section__title">{i18n.tr(Key::StatusChecks)}</h2>
        <ul class="checks">
            <CheckRow name=Key::CheckDatabase status=database.status testid="check-database">
                <Fact label=Key::DatabaseBackend value=backend />
                <Fact
                    label=Key::DatabaseLatency
                    value=move || format::milliseconds(database.latency_ms, i18n.lang())
                />
            </CheckRow>
            <CheckRow name=Key::CheckFilesystem status=filesystem.status testid="check-filesystem">
                <Fact
                    label=Key::FilesystemFree
                    value=move || format::gigabytes(filesystem.free_bytes, i18n.lang())
                />
            </CheckRow>
            <CheckRow name=Key::CheckMemory status=memory.status testid="check-memory">
                <Fact
                    label=Key::MemoryUsed
                    value=move || format::megabytes(memory.rss_bytes, i18n.lang())
                />
                <Fact
                    label=Key::MemoryLimit
                    value=move || format::megabytes(memory.limit_bytes, i18n.lang())
                />
            </CheckRow>
        </ul>
    }
}

/// One check: name, its facts, its status.
#[component]
fn CheckRow(
    name: Key,
    status: CheckStatus,
    testid: &'static str,
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let (tone, word) = match status {
        CheckStatus::Healthy => (Tone::Success, Key::CheckOk),
        CheckStatus::Warning => (Tone::Warning, Key::CheckWarning),
        CheckStatus::Error => (Tone::Danger, Key::CheckError),
    };
    view! {
        <li class="card check" data-testid=testid>
            <h3 class="check__name">{i18n.tr(name)}</h3>
            <dl class="facts check__facts">{children()}</dl>
            <div class="check__status">
                <Badge tone label=i18n.tr(word) />
            </div>
        </li>
    }
}

/// Product name of a database backend as the server reports it.
fn backend_name(backend: &str) -> String {
    match backend {
        "postgres" => "PostgreSQL".to_owned(),
        "sqlite" => "SQLite".to_owned(),
        other => other.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_known_backends() {
        assert_eq!(backend_name("postgres"), "PostgreSQL");
        assert_eq!(backend_name("sqlite"), "SQLite");
        assert_eq!(backend_name("mysql"), "mysql");
    }
}
