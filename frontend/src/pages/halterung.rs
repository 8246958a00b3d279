//! Mount label (`/halterung`): mounts with quantities; save and print.
//!
//! Unlike the original (packaging spec §4.3, §10.13, §10.22) the label is stored, so it can be
//! found and printed again from the history; saving without printing is possible, and a save says
//! so and follows the label's print job live. The date on the label is the server's (plant time
//! zone); the preview shows the browser's date.

use api_types::packaging::{ArticleCategory, ArticleDto, HalterungRequest};
use labels::packaging::{HalterungLabel, PackDate};
use labels::zpl::Mode;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::api::{self, LabelTarget};
use crate::auth::Access;
use crate::components::article_picker::{ArticlePicker, ArticleSelection};
use crate::components::form::Form;
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::pack_create::{
    PRINTER_FIELD, PackAside, PackSave, PackTestIds, SaveAction, SaveInput, Stored, enter_in_inputs,
};
use crate::components::pack_history::HistorySearch;
use crate::components::page_header::PageHeader;
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::{halterung_history, use_page_title};
use crate::print_events::LiveHint;

/// Who may use the page.
pub const ACCESS: Access = Access::Inspector;

/// The client route of the page.
pub const PATH: &str = "/halterung";

/// Fields besides the articles whose server messages go next to them.
const FIELDS: &[&str] = &[PRINTER_FIELD];

/// Today in the browser's time zone, as the label prints it.
fn today() -> Option<PackDate> {
    let now = web_sys::js_sys::Date::new_0();
    let part = |value: u32| u16::try_from(value).ok();
    PackDate::from_dmy(
        part(now.get_date())?,
        part(now.get_month() + 1)?,
        part(now.get_full_year())?,
    )
}

/// The label as the form stands: `None` until an article with a valid quantity is chosen.
fn preview(datum: Option<PackDate>, selection: ArticleSelection) -> Option<Result<String, String>> {
    let label = HalterungLabel::new(datum?, selection.label_articles()?).ok()?;
    Some(label.zpl(Mode::Default).map_err(|error| error.to_string()))
}

#[component]
pub fn HalterungPage() -> impl IntoView {
    use_page_title(Key::HalterungTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Halterung />
        </RequireAccess>
    }
}

#[component]
fn Halterung() -> impl IntoView {
    let i18n = use_i18n();
    let articles = LocalResource::new(|| api::articles(Some(ArticleCategory::Halterung), true));
    view! {
        <div class="page">
            <PageHeader title=Key::HalterungTitle intro=Key::HalterungIntro>
                <A
                    href=halterung_history::PATH
                    attr:class="btn btn--secondary"
                    attr:data-testid="halterung-to-history"
                >
                    {i18n.tr(Key::HalterungToHistory)}
                </A>
            </PageHeader>
            <LiveHint />
            <Loaded
                resource=articles
                label=Key::ArticlesLoading
                render=|list| view! { <HalterungForm articles=list.items /> }
            />
        </div>
    }
}

#[component]
fn HalterungForm(articles: Vec<ArticleDto>) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new();
    let selection = ArticleSelection::new(form, articles);
    let save = PackSave::new(form, selection);

    let on_save = Callback::new(move |action: SaveAction| {
        let send = |input: SaveInput| async move {
            let request = HalterungRequest {
                items: Some(input.items),
                skip_print: Some(input.skip_print),
                printer_id: input.printer_id,
            };
            let created = api::create_halterung(&request).await?;
            let id = created.item.id;
            Ok(Stored {
                target: LabelTarget::Halterung(id),
                id,
                saved: Key::HalterungSaved,
                name: created.item.datum,
                job: created.print_job,
                href: HistorySearch {
                    open: Some(id),
                    ..HistorySearch::default()
                }
                .href(halterung_history::PATH),
            })
        };
        // The first article's switch is where the next label starts.
        let next = move || {
            if let Some(first) = form
                .node()
                .get_untracked()
                .and_then(|node| node.query_selector("input[type='checkbox']").ok().flatten())
                && let Ok(first) = first.dyn_into::<web_sys::HtmlElement>()
            {
                let _ = first.focus();
            }
        };
        save.run(action, true, FIELDS, send, next);
    });

    let zpl = Memo::new(move |_| preview(today(), selection));
    let alt = Signal::derive(move || {
        let title = today().map(|datum| datum.to_string()).unwrap_or_default();
        fill(i18n.t(Key::JobPreviewAlt), &[("title", &title)])
    });

    view! {
        <div class="inspect-layout">
            <form
                class="form inspect-form"
                novalidate
                node_ref=form.node()
                on:submit=|ev| ev.prevent_default()
                on:keydown=enter_in_inputs
                data-testid="halterung-form"
            >
                <ArticlePicker selection testid="halterung" />
            </form>
            <PackAside
                save
                testids=PackTestIds {
                    printer: "halterung-printer",
                    buttons: "halterung",
                    saved: "halterung-saved",
                    saved_link: "halterung-saved-link",
                    job_state: "halterung-job-state",
                    preview: "halterung-preview",
                }
                save_label=Key::SaveOnly
                on_save
                zpl
                alt
                empty=Key::HalterungPreviewEmpty
            />
        </div>
    }
}
