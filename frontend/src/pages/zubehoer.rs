//! Accessory label (`/zubehoer`): delivery note, articles with quantities, C-Extender serial; save, or save and print.
//!
//! Fixed against the original (packaging spec §4.1, §10.17, §10.20): Enter in a field moves on
//! instead of saving and printing (scanners end every scan with Enter); only an article's own
//! switch selects it; a failed save keeps every entry and shows the server's messages at their
//! fields; after a save the whole form starts afresh and the label's print job is followed live.

use api_types::packaging::{ArticleCategory, ArticleDto, ZubehoerRequest};
use labels::packaging::ZubehoerLabel;
use labels::zpl::Mode;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, LabelTarget};
use crate::auth::Access;
use crate::components::article_picker::{ArticlePicker, ArticleSelection};
use crate::components::form::{Field, Form, required};
use crate::components::guard::RequireAccess;
use crate::components::loading::Loaded;
use crate::components::pack_create::{
    PRINTER_FIELD, PackAside, PackSave, PackTestIds, SaveAction, Stored, conflict_at,
    enter_in_inputs,
};
use crate::components::pack_history::HistorySearch;
use crate::components::page_header::PageHeader;
use crate::i18n::{Key, fill, use_i18n};
use crate::pages::{use_page_title, zubehoer_history};
use crate::print_events::LiveHint;

/// Who may use the page.
pub const ACCESS: Access = Access::Inspector;

/// The client route of the page.
pub const PATH: &str = "/zubehoer";

/// The delivery-note number's key in the request and in the server's messages.
const LIEFERSCHEIN: &str = "lieferscheinnummer";

/// Fields besides the articles whose server messages go next to them.
const FIELDS: &[&str] = &[LIEFERSCHEIN, PRINTER_FIELD];

/// Longest delivery-note number the server stores.
const LIEFERSCHEIN_MAX_CHARS: u32 = 100;

/// The label as the form stands: `None` until a delivery note and an article with a valid
/// quantity are there.
fn preview(lieferschein: &str, selection: ArticleSelection) -> Option<Result<String, String>> {
    let label = ZubehoerLabel::new(lieferschein, selection.label_articles()?).ok()?;
    Some(label.zpl(Mode::Default).map_err(|error| error.to_string()))
}

#[component]
pub fn ZubehoerPage() -> impl IntoView {
    use_page_title(Key::ZubehoerTitle);
    view! {
        <RequireAccess access=ACCESS>
            <Zubehoer />
        </RequireAccess>
    }
}

#[component]
fn Zubehoer() -> impl IntoView {
    let i18n = use_i18n();
    let articles = LocalResource::new(|| api::articles(Some(ArticleCategory::Zubehoer), true));
    view! {
        <div class="page">
            <PageHeader title=Key::ZubehoerTitle intro=Key::ZubehoerIntro>
                <A
                    href=zubehoer_history::PATH
                    attr:class="btn btn--secondary"
                    attr:data-testid="zubehoer-to-history"
                >
                    {i18n.tr(Key::ZubehoerToHistory)}
                </A>
            </PageHeader>
            <LiveHint />
            <Loaded
                resource=articles
                label=Key::ArticlesLoading
                render=|list| view! { <ZubehoerForm articles=list.items /> }
            />
        </div>
    }
}

#[component]
fn ZubehoerForm(articles: Vec<ArticleDto>) -> impl IntoView {
    let i18n = use_i18n();
    let form = Form::new();
    let selection = ArticleSelection::new(form, articles);
    let save = PackSave::new(form, selection);
    let lieferschein = RwSignal::new(String::new());
    let lieferschein_ref = NodeRef::<html::Input>::new();
    // After a save the field is empty for the next delivery note: no "required" until the user
    // types or tries to save again (the field remembers that it was left once).
    let fresh = RwSignal::new(false);
    Effect::new(move || {
        if lieferschein.with(|value| !value.is_empty()) {
            fresh.set(false);
        }
    });
    let issue = Signal::derive(move || {
        lieferschein
            .with(|value| required(value))
            .filter(|_| !fresh.get() || form.attempted())
    });

    let on_save = Callback::new(move |action: SaveAction| {
        let number = lieferschein.with_untracked(|value| value.trim().to_owned());
        let send = move |input: crate::components::pack_create::SaveInput| async move {
            let request = ZubehoerRequest {
                lieferscheinnummer: Some(number),
                items: Some(input.items),
                skip_print: Some(input.skip_print),
                printer_id: input.printer_id,
            };
            let created = api::create_zubehoer(&request)
                .await
                .map_err(|error| conflict_at(error, LIEFERSCHEIN))?;
            let id = created.item.id;
            Ok(Stored {
                target: LabelTarget::Zubehoer(id),
                id,
                saved: Key::ZubehoerSaved,
                name: created.item.lieferscheinnummer,
                job: created.print_job,
                href: HistorySearch {
                    open: Some(id),
                    ..HistorySearch::default()
                }
                .href(zubehoer_history::PATH),
            })
        };
        // Ready for the next delivery note.
        let next = move || {
            fresh.set(true);
            lieferschein.set(String::new());
            if let Some(input) = lieferschein_ref.get_untracked() {
                let _ = input.focus();
            }
        };
        let valid = lieferschein.with_untracked(|value| required(value).is_none());
        save.run(action, valid, FIELDS, send, next);
    });

    let zpl = Memo::new(move |_| lieferschein.with(|number| preview(number, selection)));
    let alt = Signal::derive(move || {
        let title = lieferschein.with(|number| format!("ZUBEHOER {}", number.trim()));
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
                data-testid="zubehoer-form"
            >
                <div class="card form">
                    <Field
                        form
                        name=LIEFERSCHEIN
                        label=Key::Lieferscheinnummer
                        value=lieferschein
                        issue
                        hint=Key::LieferscheinHint
                        autocomplete="off"
                        testid="zubehoer-lieferschein"
                        input_ref=lieferschein_ref
                        required=true
                        autofocus=true
                        maxlength=LIEFERSCHEIN_MAX_CHARS
                    />
                </div>
                <ArticlePicker selection testid="zubehoer" />
            </form>
            <PackAside
                save
                testids=PackTestIds {
                    printer: "zubehoer-printer",
                    buttons: "zubehoer",
                    saved: "zubehoer-saved",
                    saved_link: "zubehoer-saved-link",
                    job_state: "zubehoer-job-state",
                    preview: "zubehoer-preview",
                }
                save_label=Key::Save
                on_save
                zpl
                alt
                empty=Key::ZubehoerPreviewEmpty
            />
        </div>
    }
}
