//! Accessory-label history (`/zubehoer/history`): search, detail, reprint with a reason.
//!
//! Newest first, searched (delivery note, article, serial number) and paged by the server; the
//! search and the opened label live in the URL, so the back button closes a label again. Like the
//! original's reprint page (packaging spec §4.2) a label can be found by its delivery note; a
//! reprint now names its printer and a reason, and its job is followed live.

use api_types::packaging::{ZubehoerDto, ZubehoerList};
use api_types::{ErrorBody, ErrorCode, FieldErrors};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, LabelTarget};
use crate::auth::{Access, use_auth};
use crate::components::dialog::Dialog;
use crate::components::export_buttons::{EXPORT_ACCESS, ExportButtons};
use crate::components::fact::Fact;
use crate::components::form::{Field, Form, FormError, SubmitButton, required};
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
use crate::pages::{use_page_title, zubehoer};
use crate::print_events::LiveHint;

/// Who may use the page.
pub const ACCESS: Access = Access::Authenticated;

/// The client route of the page.
pub const PATH: &str = "/zubehoer/history";

/// The lookup's field, named like the request parameter.
const LOOKUP_FIELD: &str = "lieferscheinnummer";

#[component]
pub fn ZubehoerHistoryPage() -> impl IntoView {
    use_page_title(Key::ZubehoerHistoryTitle);
    view! {
        <RequireAccess access=ACCESS>
            <ZubehoerHistory />
        </RequireAccess>
    }
}

#[component]
fn ZubehoerHistory() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let history = use_history(PATH);
    let filters = Form::new();
    let list = LocalResource::new(move || {
        let query = history.listed.get().query(format::local_input_to_rfc3339);
        async move {
            let answer = api::zubehoer_list(&query).await;
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
        zubehoer::ACCESS.allows(auth.role()).then(|| {
            view! {
                <A href=zubehoer::PATH attr:class="btn btn--primary" attr:data-testid="zubehoer-new">
                    "+ "
                    {i18n.tr(Key::ZubehoerNew)}
                </A>
            }
        })
    };
    let export = move || {
        EXPORT_ACCESS.allows(auth.role()).then(|| {
            let path = Callback::new(move |(format, numbers)| {
                let query = history.listed.get().query(format::local_input_to_rfc3339);
                query.export_path("/api/zubehoer", format, numbers)
            });
            view! { <ExportButtons path /> }
        })
    };
    view! {
        <div class="page">
            <PageHeader title=Key::ZubehoerHistoryTitle intro=Key::ZubehoerHistoryIntro>
                {create}
            </PageHeader>
            <LiveHint />
            <ReprintLookup history />
            <HistoryFilters
                history
                form=filters
                search_label=Key::ZubehoerSearchLabel
                testid="zubehoer"
            />
            {export}
            <Loaded
                resource=list
                label=Key::ZubehoerLoading
                render=move |list| view! { <ZubehoerTable list history /> }
            />
            {detail}
        </div>
    }
}

/// "Nachdruck per Lieferschein-Nummer": opens the label of a delivery note (typed or scanned).
#[component]
fn ReprintLookup(history: History) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new();
    let number = RwSignal::new(String::new());
    let issue = Signal::derive(move || number.with(|number| required(number)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let wanted = number.with_untracked(|number| number.trim().to_owned());
        form.submit(
            issue.get_untracked().is_none(),
            &[LOOKUP_FIELD],
            move || async move {
                let found = match api::zubehoer_by_lieferschein(&wanted).await {
                    Ok(answer) => answer.item.filter(|_| answer.found),
                    Err(error) if error.code == ErrorCode::NotFound => None,
                    Err(error) => return Err(error),
                };
                let Some(label) = found else {
                    let message = i18n.named(Key::ZubehoerNotFoundFor, &wanted);
                    let errors =
                        FieldErrors::from([(LOOKUP_FIELD.to_owned(), vec![message.clone()])]);
                    return Err(ErrorBody::new(ErrorCode::NotFound, message).with_fields(errors));
                };
                number.try_set(String::new());
                history.open(Some(label.id));
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
            data-testid="zubehoer-reprint-lookup-form"
        >
            <h2 class="section__title">{i18n.tr(Key::ZubehoerReprintLookupTitle)}</h2>
            <FormError form />
            <div class="serial-search__row">
                <Field
                    form
                    name=LOOKUP_FIELD
                    label=Key::Lieferscheinnummer
                    value=number
                    issue
                    hint=Key::ZubehoerReprintLookupHint
                    autocomplete="off"
                    testid="zubehoer-reprint-lookup"
                    maxlength=100
                />
                <div class="serial-search__actions">
                    <SubmitButton
                        form
                        label=Key::ZubehoerReprintLookupSubmit
                        busy_label=Key::Searching
                        testid="zubehoer-reprint-lookup-submit"
                    />
                </div>
            </div>
        </form>
    }
}

#[component]
fn ZubehoerTable(list: ZubehoerList, history: History) -> impl IntoView {
    const COLUMNS: &[Key] = &[
        Key::Lieferscheinnummer,
        Key::ColCreated,
        Key::ColArticles,
        Key::SerialNumber,
        Key::ColCreatedBy,
        Key::ColLastPrint,
    ];
    let ZubehoerList {
        items, pagination, ..
    } = list;
    view! {
        <DataTable
            testid="zubehoer-table"
            columns=COLUMNS
            empty=Key::ZubehoerEmpty
            items
            row=move |label| view! { <ZubehoerRow label history /> }
        />
        <Pager pagination page=history.page />
    }
}

/// One label; a click (or Enter on its delivery note) opens it.
#[component]
fn ZubehoerRow(label: ZubehoerDto, history: History) -> impl IntoView {
    let id = label.id;
    view! {
        <tr
            class="table__row--link"
            data-testid="zubehoer-row"
            data-id=id
            data-lieferschein=label.lieferscheinnummer.clone()
            on:click=move |_| history.open(Some(id))
        >
            <td class="table__strong">
                // The row's click opens it; the button makes that reachable by keyboard.
                <button type="button" class="link-button" data-testid="zubehoer-open">
                    {label.lieferscheinnummer.clone()}
                </button>
            </td>
            <td class="table__nowrap">{created_at(&label.created_at)}</td>
            <td>
                <ItemList items=label.entries />
            </td>
            <td>{label.serialnummer.unwrap_or_else(|| "–".to_owned())}</td>
            <td>{label.created_by}</td>
            <td>
                <LastPrint
                    target=LabelTarget::Zubehoer(id)
                    job=label.last_print_job
                    testid="zubehoer-row-state"
                />
            </td>
        </tr>
    }
}

/// One label in a dialog: its facts and lines, its print jobs and printing it again.
#[component]
fn Detail(id: i64, history: History) -> impl IntoView {
    let i18n = use_i18n();
    let number = RwSignal::new(None::<String>);
    let label = LocalResource::new(move || async move {
        let answer = api::zubehoer(id).await?;
        let label = answer
            .item
            .filter(|_| answer.found)
            .ok_or_else(|| ErrorBody::new(ErrorCode::NotFound, i18n.t(Key::LabelNotFound)))?;
        number.try_set(Some(label.lieferscheinnummer.clone()));
        Ok::<_, ErrorBody>(label)
    });
    let title = Signal::derive(move || match number.get() {
        Some(number) => fill(i18n.t(Key::ZubehoerDetailTitle), &[("name", &number)]),
        None => i18n.t(Key::ZubehoerHistoryTitle).to_owned(),
    });
    view! {
        <Dialog title on_close=move |()| history.open(None) testid="zubehoer-detail">
            <Loaded
                resource=label
                label=Key::LabelLoading
                render=move |label| view! { <DetailBody label /> }
            />
        </Dialog>
    }
}

#[component]
fn DetailBody(label: ZubehoerDto) -> impl IntoView {
    let target = LabelTarget::Zubehoer(label.id);
    let serial = label.serialnummer.clone().unwrap_or_else(|| "–".to_owned());
    view! {
        <div class="pack-detail" data-id=label.id data-lieferschein=label.lieferscheinnummer.clone()>
            <dl class="facts facts--grid">
                <Fact
                    label=Key::Lieferscheinnummer
                    value=label.lieferscheinnummer.clone()
                    testid="zubehoer-detail-lieferschein"
                />
                <Fact label=Key::ColCreated value=created_at(&label.created_at) />
                <Fact label=Key::ColCreatedBy value=label.created_by.clone() />
                <Fact label=Key::CExtenderSerial value=serial />
            </dl>
            <ItemTable items=label.entries testid="zubehoer-lines" />
            <LabelPrinting
                target
                testids=PrintTestIds {
                    printer: "zubehoer-reprint-printer",
                    reason: "zubehoer-reprint-reason",
                    submit: "zubehoer-reprint-submit",
                }
                state_testid="zubehoer-detail-job-state"
            />
        </div>
    }
}
