//! Mount-label history (`/halterung/history`): detail and reprint with a reason.
//!
//! The original stored no mount labels (packaging spec §2.4, §10.13); here every one is kept and
//! listed newest first with its date, articles, creator and the state of its last print. The
//! search and the opened label live in the URL, like on the accessory-label history.

use api_types::ErrorBody;
use api_types::packaging::{HalterungDto, HalterungList};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, LabelTarget};
use crate::auth::{Access, use_auth};
use crate::components::dialog::Dialog;
use crate::components::fact::Fact;
use crate::components::form::Form;
use crate::components::guard::RequireAccess;
use crate::components::label_print::PrintTestIds;
use crate::components::loading::Loaded;
use crate::components::pack_history::{
    FILTER_FIELDS, History, HistoryFilters, ItemList, ItemTable, LabelPrinting, LastPrint,
    created_at, use_history,
};
use crate::components::page_header::PageHeader;
use crate::components::pager::Pager;
use crate::components::table::DataTable;
use crate::format;
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::{halterung, use_page_title};
use crate::print_events::LiveHint;

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/halterung/history";

#[component]
pub fn HalterungHistoryPage() -> impl IntoView {
    use_page_title(Key::HalterungHistoryTitle);
    view! {
        <RequireAccess access=ACCESS>
            <HalterungHistory />
        </RequireAccess>
    }
}

#[component]
fn HalterungHistory() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let history = use_history(PATH);
    let filters = Form::new();
    let list = LocalResource::new(move || {
        let query = history.listed.get().query(format::local_input_to_rfc3339);
        async move {
            let answer = api::halterung_list(&query).await;
            // The server's complaints about filters from the URL go next to their fields.
            if let Err(error) = &answer
                && error.errors.is_some()
            {
                filters.fail(error.clone(), FILTER_FIELDS);
            }
            answer
        }
    });
    let opened = Memo::new(move |_| history.search.with(|search| search.open));
    // Built anew for another label: its live job list belongs to one label.
    let detail = move || opened.get().map(|id| view! { <Detail id history /> });
    let create = move || {
        halterung::ACCESS.allows(auth.role()).then(|| {
            view! {
                <A href=halterung::PATH attr:class="btn btn--primary" attr:data-testid="halterung-new">
                    "+ "
                    {i18n.tr(Key::HalterungNew)}
                </A>
            }
        })
    };
    view! {
        <div class="page">
            <PageHeader title=Key::HalterungHistoryTitle intro=Key::HalterungHistoryIntro>
                {create}
            </PageHeader>
            <LiveHint />
            <HistoryFilters
                history
                form=filters
                search_label=Key::HalterungSearchLabel
                testid="halterung"
            />
            <Loaded
                resource=list
                label=Key::HalterungLoading
                render=move |list| view! { <HalterungTable list history /> }
            />
            {detail}
        </div>
    }
}

#[component]
fn HalterungTable(list: HalterungList, history: History) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::ColLabelNumber,
        Key::PackingDate,
        Key::ColArticles,
        Key::ColCreatedBy,
        Key::ColCreated,
        Key::ColLastPrint,
    ];
    let HalterungList {
        items, pagination, ..
    } = list;
    view! {
        <DataTable
            testid="halterung-table"
            columns=COLUMNS
            empty=Key::HalterungEmpty
            items
            row=move |label| view! { <HalterungRow label history /> }
        />
        <Pager pagination page=history.page />
    }
}

/// One label; a click (or Enter on its number) opens it.
#[component]
fn HalterungRow(label: HalterungDto, history: History) -> impl IntoView {
    let id = label.id;
    view! {
        <tr
            class="table__row--link"
            data-testid="halterung-row"
            data-id=id
            on:click=move |_| history.open(Some(id))
        >
            <td class="table__strong">
                // The row's click opens it; the button makes that reachable by keyboard.
                <button type="button" class="link-button" data-testid="halterung-open">
                    {format!("#{id}")}
                </button>
            </td>
            <td class="table__nowrap">{label.datum}</td>
            <td>
                <ItemList items=label.items />
            </td>
            <td>{label.created_by}</td>
            <td class="table__nowrap">{created_at(&label.created_at)}</td>
            <td>
                <LastPrint
                    target=LabelTarget::Halterung(id)
                    job=label.last_print_job
                    testid="halterung-row-state"
                />
            </td>
        </tr>
    }
}

/// One label in a dialog: its facts and lines, its print jobs and printing it again.
#[component]
fn Detail(id: i64, history: History) -> impl IntoView {
    let i18n = use_i18n();
    let label =
        LocalResource::new(
            move || async move { Ok::<_, ErrorBody>(api::halterung(id).await?.item) },
        );
    let title = Signal::derive(move || {
        fill(
            i18n.t(Key::HalterungDetailTitle),
            &[("id", &id.to_string())],
        )
    });
    view! {
        <Dialog title on_close=move |()| history.open(None) testid="halterung-detail">
            <Loaded
                resource=label
                label=Key::LabelLoading
                render=move |label| view! { <DetailBody label /> }
            />
        </Dialog>
    }
}

#[component]
fn DetailBody(label: HalterungDto) -> impl IntoView {
    let target = LabelTarget::Halterung(label.id);
    view! {
        <div class="pack-detail" data-id=label.id>
            <dl class="facts facts--grid">
                <Fact label=Key::PackingDate value=label.datum.clone() testid="halterung-detail-datum" />
                <Fact label=Key::ColCreated value=created_at(&label.created_at) />
                <Fact label=Key::ColCreatedBy value=label.created_by.clone() />
            </dl>
            <ItemTable items=label.items testid="halterung-lines" />
            <LabelPrinting
                target
                testids=PrintTestIds {
                    printer: "halterung-reprint-printer",
                    reason: "halterung-reprint-reason",
                    submit: "halterung-reprint-submit",
                }
                state_testid="halterung-detail-job-state"
            />
        </div>
    }
}
