//! System overview for administrators (`/admin/system`): record counts per area, database size,
//! schema version, last backup and the print queue. Replaces the original's raw table browser.

use api_types::analytics::{AreaCount, BackupInfo, QueueState, SystemOverview};
use api_types::printing::JobState;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, with_query};
use crate::auth::Access;
use crate::components::fact::Fact;
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::page_header::PageHeader;
use crate::format;
use crate::i18n::{Key, Lang, localized, use_i18n};
use crate::pages::{print_jobs, use_page_title};

/// ADMIN.
pub const ACCESS: Access = Access::Admin;

/// The client route of the page.
pub const PATH: &str = "/admin/system";

const KIB: u64 = 1024;
const MIB: u64 = KIB * 1024;
const GIB: u64 = MIB * 1024;

/// A byte count in the largest fitting binary unit: `"512 B"`, `"12,3 KB"`, `"142,5 MB"`,
/// `"1,50 GB"`.
pub fn byte_size(bytes: u64, lang: Lang) -> String {
    let scaled = |unit: u64| bytes as f64 / unit as f64;
    match bytes {
        b if b < KIB => format!("{b} B"),
        b if b < MIB => format!("{} KB", format::decimal(scaled(KIB), 1, lang)),
        b if b < GIB => format!("{} MB", format::decimal(scaled(MIB), 1, lang)),
        _ => format!("{} GB", format::decimal(scaled(GIB), 2, lang)),
    }
}

/// The print-job list filtered to failed jobs.
pub fn failed_jobs_path() -> String {
    with_query(
        print_jobs::PATH,
        &[("state", JobState::Failed.as_str().to_owned())],
    )
}

#[component]
pub fn SystemPage() -> impl IntoView {
    use_page_title(Key::SysTitle);
    view! {
        <RequireAccess access=ACCESS>
            <System />
        </RequireAccess>
    }
}

#[component]
fn System() -> impl IntoView {
    let i18n = use_i18n();
    let overview = LocalResource::new(api::system_overview);
    let pending = RwSignal::new(false);
    view! {
        <div class="page">
            <PageHeader title=Key::SysTitle intro=Key::SysIntro>
                <button
                    type="button"
                    class="btn btn--secondary"
                    data-testid="system-refresh"
                    disabled=move || pending.get()
                    aria-busy=move || pending.get().to_string()
                    on:click=move |_| overview.refetch()
                >
                    {i18n.tr(Key::Refresh)}
                </button>
            </PageHeader>
            <Loaded
                resource=overview
                label=Key::SysLoading
                set_pending=pending.write_only()
                render=move |answer| view! { <Overview overview=answer.data /> }
            />
        </div>
    }
}

#[component]
fn Overview(overview: SystemOverview) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang();
    let SystemOverview {
        version,
        database_backend,
        database_bytes,
        schema_version,
        migrations_applied,
        last_backup,
        backup_dir,
        counts,
        queue,
        started_at,
        generated_at,
    } = overview;
    let size = move || match database_bytes {
        Some(bytes) => byte_size(bytes, lang()),
        None => i18n.t(Key::SysUnknown).to_owned(),
    };
    let schema = schema_version.clone();
    let schema = move || {
        schema
            .clone()
            .unwrap_or_else(|| i18n.t(Key::SysUnknown).to_owned())
    };
    let migrations = move || format::count(migrations_applied, lang());
    let started = move || format::local_date_time(&started_at, lang());
    let generated = move || format::local_date_time(&generated_at, lang());
    view! {
        <div class="system-grid">
            <section class="card system-card" data-testid="system-app">
                <h2 class="section__title">{i18n.tr(Key::SysVersion)}</h2>
                <dl class="facts">
                    <Fact label=Key::SysVersion value=version testid="system-version" />
                    <Fact label=Key::SysStartedAt value=started testid="system-started" />
                    <Fact label=Key::SysGeneratedAt value=generated testid="system-generated" />
                </dl>
            </section>
            <section class="card system-card" data-testid="system-database">
                <h2 class="section__title">{i18n.tr(Key::SysDatabase)}</h2>
                <dl class="facts">
                    <Fact label=Key::SysBackend value=database_backend testid="system-db-backend" />
                    <Fact label=Key::SysDbSize value=size testid="system-db-size" />
                    <Fact label=Key::SysSchemaVersion value=schema testid="system-schema" />
                    <Fact label=Key::SysMigrations value=migrations testid="system-migrations" />
                </dl>
            </section>
            <Backup backup=last_backup dir=backup_dir />
            <Queue queue />
        </div>
        <Counts counts />
    }
}

/// The newest backup file, or an amber warning naming the folder that holds none.
#[component]
fn Backup(backup: Option<BackupInfo>, dir: String) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang();
    let body = match backup {
        Some(BackupInfo {
            file,
            bytes,
            modified_at,
        }) => view! {
            <dl class="facts">
                <Fact label=Key::SysBackupFile value=file testid="system-backup-file" />
                <Fact
                    label=Key::SysBackupSize
                    value=move || byte_size(bytes, lang())
                    testid="system-backup-size"
                />
                <Fact
                    label=Key::SysBackupTime
                    value=move || format::local_date_time(&modified_at, lang())
                    testid="system-backup-time"
                />
                <Fact label=Key::SysBackupDir value=dir testid="system-backup-dir" />
            </dl>
        }
        .into_any(),
        None => view! {
            <div class="alert alert--warning" role="status" data-testid="system-backup-missing">
                <p class="alert__title">{move || i18n.named(Key::SysBackupMissing, &dir)}</p>
            </div>
        }
        .into_any(),
    };
    view! {
        <section class="card system-card" data-testid="system-backup">
            <h2 class="section__title">{i18n.tr(Key::SysBackup)}</h2>
            {body}
        </section>
    }
}

/// The print queue's states; failed jobs are highlighted and linked to their list.
#[component]
fn Queue(queue: QueueState) -> impl IntoView {
    let i18n = use_i18n();
    let lang = move || i18n.lang();
    let QueueState {
        queued,
        sending,
        failed,
        printed,
        oldest_waiting_seconds,
    } = queue;
    let figure = move |label: Key, value: u64, testid: &'static str| {
        view! {
            <div class="fact">
                <dt>{i18n.tr(label)}</dt>
                <dd class="system-figure" data-testid=testid data-value=value.to_string()>
                    {move || format::count(value, lang())}
                </dd>
            </div>
        }
    };
    let oldest = move || match oldest_waiting_seconds {
        Some(secs) => format::waiting_since(secs, lang()),
        None => i18n.t(Key::SysQueueNoneWaiting).to_owned(),
    };
    let failed_link = (failed > 0).then(|| {
        view! {
            <A
                href=failed_jobs_path()
                attr:class="btn btn--danger-outline btn--small"
                attr:data-testid="system-queue-failed-link"
            >
                {i18n.tr(Key::SysQueueFailedLink)}
            </A>
        }
    });
    view! {
        <section
            class="card system-card"
            class=("system-card--alert", failed > 0)
            data-testid="system-queue"
        >
            <h2 class="section__title">{i18n.tr(Key::SysQueue)}</h2>
            <dl class="facts">
                {figure(Key::SysQueueQueued, queued, "system-queue-queued")}
                {figure(Key::SysQueueSending, sending, "system-queue-sending")}
                <div class="fact" class=("system-fact--danger", failed > 0)>
                    <dt>{i18n.tr(Key::SysQueueFailed)}</dt>
                    <dd
                        class="system-figure"
                        data-testid="system-queue-failed"
                        data-value=failed.to_string()
                    >
                        {move || format::count(failed, lang())}
                    </dd>
                </div>
                {figure(Key::SysQueuePrinted, printed, "system-queue-printed")}
                <Fact label=Key::SysQueueOldest value=oldest testid="system-queue-oldest" />
            </dl>
            {failed_link}
        </section>
    }
}

/// Records per area, in the server's order.
#[component]
fn Counts(counts: Vec<AreaCount>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = counts
        .into_iter()
        .map(
            |AreaCount {
                 key,
                 label_de,
                 label_en,
                 count,
             }| {
                let label = move || localized(i18n.lang(), &label_de, &label_en).to_owned();
                view! {
                    <tr data-testid=format!("system-count-{key}") data-key=key.clone()>
                        <th scope="row">{label}</th>
                        <td class="num" data-value=count.to_string()>
                            {move || format::count(count, i18n.lang())}
                        </td>
                    </tr>
                }
            },
        )
        .collect_view();
    view! {
        <section class="card system-counts">
            <h2 class="section__title">{i18n.tr(Key::SysCounts)}</h2>
            <div class="table-wrap">
                <table class="table" data-testid="system-counts">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tr(Key::SysCountArea)}</th>
                            <th scope="col" class="num">
                                {i18n.tr(Key::SysCountValue)}
                            </th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::fill;

    #[test]
    fn sizes_are_human_readable() {
        assert_eq!(byte_size(0, Lang::De), "0 B");
        assert_eq!(byte_size(1023, Lang::De), "1023 B");
        assert_eq!(byte_size(1536, Lang::De), "1,5 KB");
        assert_eq!(byte_size(142 * MIB + MIB / 2, Lang::De), "142,5 MB");
        assert_eq!(byte_size(142 * MIB + MIB / 2, Lang::En), "142.5 MB");
        assert_eq!(byte_size(3 * GIB / 2, Lang::De), "1,50 GB");
        assert_eq!(byte_size(2048 * GIB, Lang::En), "2,048.00 GB");
    }

    #[test]
    fn failed_jobs_are_one_link_away() {
        assert_eq!(failed_jobs_path(), "/print-jobs?state=failed");
    }

    #[test]
    fn a_missing_backup_names_the_folder() {
        let text = crate::i18n::t(Lang::De, Key::SysBackupMissing);
        assert_eq!(
            fill(text, &[("name", "/var/backups/etikett")]),
            "Noch keine Sicherung gefunden in /var/backups/etikett"
        );
    }
}
