//! Choosing catalogue articles on the packaging forms (Zubehör, Halterung): the active articles by
//! group in catalogue order, each chosen with a large Ja/Nein switch, then its quantity (1–99)
//! and, for an article that carries one (the C-Extender), its serial number.
//!
//! Unlike the original, only an article's own switch selects it: a group merely opens and closes,
//! and switching an article off removes it together with its quantity and serial. The server's
//! messages about `items[i]…` are shown at the article that was sent at position `i`.

use std::ops::RangeInclusive;

use api_types::packaging::{ArticleDto, PackItemInput};
use api_types::{ErrorBody, FieldErrors};
use labels::packaging::Article;
use leptos::prelude::*;

use crate::components::form::{Form, next_id};
use crate::i18n::{Key, fill, use_i18n};

/// The quantities a line may have.
pub const MENGE: RangeInclusive<u32> = 1..=99;

/// The server's key for messages about the article list as a whole.
pub const ITEMS_FIELD: &str = "items";

/// The parts of a line with their own input.
const MENGE_PART: &str = "menge";
const SERIAL_PART: &str = "serialnummer";

/// Longest serial number the server stores.
const SERIAL_MAX_CHARS: u32 = 64;

/// The articles in the order the forms show them: groups by their first article, articles by
/// `sortOrder` (equal values keep the server's order).
pub fn grouped(mut articles: Vec<ArticleDto>) -> Vec<(String, Vec<ArticleDto>)> {
    articles.sort_by_key(|article| article.sort_order);
    let mut groups: Vec<(String, Vec<ArticleDto>)> = Vec::new();
    for article in articles {
        match groups.iter_mut().find(|(name, _)| *name == article.gruppe) {
            Some((_, members)) => members.push(article),
            None => groups.push((article.gruppe.clone(), vec![article])),
        }
    }
    groups
}

/// A quantity typed into a field: a whole number in [`MENGE`].
pub fn parse_menge(value: &str) -> Option<u32> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|menge| MENGE.contains(menge))
}

/// The form's key for messages about article `artikelnummer`: its quantity or serial (`part`), or
/// the article itself (`None`).
pub fn article_key(artikelnummer: &str, part: Option<&str>) -> String {
    match part {
        Some(part) => format!("article:{artikelnummer}.{part}"),
        None => format!("article:{artikelnummer}"),
    }
}

/// The server's messages with `items[i]`, `items[i].menge`, `items[i].serialnummer` … moved to the
/// keys of the article that was sent at position `i` ([`article_key`]); a message about another
/// part of the line (`artikelnummer`) belongs to the article itself. Other keys stay.
pub fn item_errors(errors: FieldErrors, sent: &[String]) -> FieldErrors {
    let mut moved = FieldErrors::new();
    for (key, messages) in errors {
        let target = item_position(&key)
            .and_then(|(index, part)| sent.get(index).map(|number| article_key(number, part)));
        moved
            .entry(target.unwrap_or(key))
            .or_default()
            .extend(messages);
    }
    moved
}

/// `items[3]` → (3, `None`), `items[3].menge` → (3, `Some("menge")`), `items[3].artikelnummer` →
/// (3, `None`).
fn item_position(key: &str) -> Option<(usize, Option<&'static str>)> {
    let (index, rest) = key
        .strip_prefix(ITEMS_FIELD)?
        .strip_prefix('[')?
        .split_once(']')?;
    let index = index.parse().ok()?;
    let part = match rest.strip_prefix('.') {
        Some(MENGE_PART) => Some(MENGE_PART),
        Some(SERIAL_PART) => Some(SERIAL_PART),
        Some(_) => None,
        None if rest.is_empty() => None,
        None => return None,
    };
    Some((index, part))
}

/// What the user chose for one article.
#[derive(Clone, Copy)]
struct Pick {
    selected: RwSignal<bool>,
    menge: RwSignal<String>,
    serial: RwSignal<String>,
    /// The quantity was left once: its rule shows from then on.
    touched: RwSignal<bool>,
}

impl Pick {
    fn new() -> Self {
        Self {
            selected: RwSignal::new(false),
            menge: RwSignal::new(MENGE.start().to_string()),
            serial: RwSignal::new(String::new()),
            touched: RwSignal::new(false),
        }
    }

    /// Not chosen, quantity 1, no serial.
    fn clear(self) {
        self.selected.set(false);
        self.menge.set(MENGE.start().to_string());
        self.serial.set(String::new());
        self.touched.set(false);
    }
}

#[derive(Clone)]
struct Entry {
    article: ArticleDto,
    pick: Pick,
}

/// One chosen article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub artikelnummer: String,
    pub artikelbezeichnung: String,
    /// `None` while the quantity typed is not in [`MENGE`].
    pub menge: Option<u32>,
    /// Trimmed; `None` when empty or the article carries no serial.
    pub serialnummer: Option<String>,
}

/// The articles of one form and what the user chose, with the form the messages belong to.
#[derive(Clone, Copy)]
pub struct ArticleSelection {
    form: Form,
    groups: StoredValue<Vec<(String, Vec<Entry>)>>,
}

impl ArticleSelection {
    /// Nothing chosen yet; `articles` as the catalogue sent them.
    pub fn new(form: Form, articles: Vec<ArticleDto>) -> Self {
        let groups = grouped(articles)
            .into_iter()
            .map(|(name, articles)| {
                let entries = articles
                    .into_iter()
                    .map(|article| Entry {
                        article,
                        pick: Pick::new(),
                    })
                    .collect();
                (name, entries)
            })
            .collect();
        Self {
            form,
            groups: StoredValue::new(groups),
        }
    }

    fn entries(self) -> Vec<Entry> {
        self.groups.with_value(|groups| {
            groups
                .iter()
                .flat_map(|(_, entries)| entries.iter().cloned())
                .collect()
        })
    }

    /// The chosen articles in the order of the form (tracked).
    pub fn lines(self) -> Vec<Line> {
        self.entries()
            .into_iter()
            .filter(|entry| entry.pick.selected.get())
            .map(|Entry { article, pick }| {
                let serial = pick.serial.with(|serial| serial.trim().to_owned());
                Line {
                    menge: pick.menge.with(|menge| parse_menge(menge)),
                    serialnummer: (article.has_serial && !serial.is_empty()).then_some(serial),
                    artikelnummer: article.artikelnummer,
                    artikelbezeichnung: article.artikelbezeichnung,
                }
            })
            .collect()
    }

    /// How many articles are chosen (tracked).
    pub fn count(self) -> usize {
        self.entries()
            .iter()
            .filter(|entry| entry.pick.selected.get())
            .count()
    }

    /// The chosen articles as the label lists them; `None` while nothing is chosen or a quantity is
    /// invalid (tracked).
    pub fn label_articles(self) -> Option<Vec<Article>> {
        let lines = self.lines();
        if lines.is_empty() {
            return None;
        }
        lines
            .into_iter()
            .map(|line| {
                let article =
                    Article::new(line.artikelnummer, line.artikelbezeichnung, line.menge?);
                Some(match line.serialnummer {
                    Some(serial) => article.with_serial(serial),
                    None => article,
                })
            })
            .collect()
    }

    /// Whether the client-side rules pass: an article chosen, every quantity valid (untracked).
    pub fn valid(self) -> bool {
        let lines = untrack(|| self.lines());
        !lines.is_empty() && lines.iter().all(|line| line.menge.is_some())
    }

    /// The request's lines, in the order of the form (untracked).
    pub fn items(self) -> Vec<PackItemInput> {
        untrack(|| self.lines())
            .into_iter()
            .map(|line| PackItemInput {
                artikelnummer: Some(line.artikelnummer),
                artikelbezeichnung: Some(line.artikelbezeichnung),
                menge: line.menge.map(i64::from),
                serialnummer: line.serialnummer,
            })
            .collect()
    }

    /// Nothing chosen (after a save).
    pub fn reset(self) {
        for entry in self.entries() {
            entry.pick.clear();
        }
    }

    /// Shows a failed save whose lines were `sent` (article numbers in request order): messages
    /// about the lines at their articles, about `fields` at those fields, the rest above the form.
    pub fn fail(self, mut error: ErrorBody, sent: &[String], fields: &[&str]) {
        error.errors = error.errors.take().map(|errors| item_errors(errors, sent));
        let mut known: Vec<String> = fields.iter().map(|&field| field.to_owned()).collect();
        known.push(ITEMS_FIELD.to_owned());
        for number in sent {
            for part in [None, Some(MENGE_PART), Some(SERIAL_PART)] {
                known.push(article_key(number, part));
            }
        }
        let known: Vec<&str> = known.iter().map(String::as_str).collect();
        self.form.fail(error, &known);
    }
}

/// The form's keys for one article's messages.
struct RowKeys {
    article: String,
    menge: String,
    serial: String,
}

impl RowKeys {
    fn of(artikelnummer: &str) -> Self {
        Self {
            article: article_key(artikelnummer, None),
            menge: article_key(artikelnummer, Some(MENGE_PART)),
            serial: article_key(artikelnummer, Some(SERIAL_PART)),
        }
    }
}

/// The articles of `selection` by group. Test ids, with `testid` as prefix: `{testid}-articles`
/// (the whole list), `{testid}-group` (with `data-gruppe`), `{testid}-article-<nr>` (the switch),
/// `{testid}-menge-<nr>`, `{testid}-serial-<nr>`.
///
/// Enter is not handled here: the form moves on from any field (see
/// [`crate::components::pack_create::enter_in_inputs`]).
#[component]
pub fn ArticlePicker(selection: ArticleSelection, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let form = selection.form;
    let error = Signal::derive(move || {
        form.server_error(ITEMS_FIELD).or_else(|| {
            (form.attempted() && selection.count() == 0)
                .then(|| i18n.t(Key::ArticlesNoneChosen).to_owned())
        })
    });
    let error_id = next_id("articles-error");
    let described_by = error_id.clone();
    let groups = selection.groups.with_value(|groups| {
        groups
            .iter()
            .map(|(name, entries)| {
                view! { <PickGroup name=name.clone() entries=entries.clone() form testid /> }
            })
            .collect_view()
    });
    let empty = selection.groups.with_value(Vec::is_empty).then(|| {
        view! {
            <p class="muted" data-testid=format!("{testid}-no-articles")>
                {i18n.tr(Key::ArticlesNoneActive)}
            </p>
        }
    });
    view! {
        <fieldset
            class="card picker"
            // Focusable for "go to the first field in error" when no article is chosen.
            tabindex="-1"
            aria-invalid=move || error.get().is_some().to_string()
            aria-describedby=described_by
            data-testid=format!("{testid}-articles")
        >
            <legend class="picker__legend">{i18n.tr(Key::ArticlesLegend)}</legend>
            <p class="field__hint">{i18n.tr(Key::ArticlesHint)}</p>
            <p class="field__error" id=error_id role="alert">
                {move || error.get()}
            </p>
            {empty}
            {groups}
        </fieldset>
    }
}

/// One group: a header that opens and closes it (only for the eye: chosen articles stay chosen)
/// with the count of chosen articles, and its articles. A group with a message opens itself.
#[component]
fn PickGroup(name: String, entries: Vec<Entry>, form: Form, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let expanded = RwSignal::new(true);
    let total = entries.len().to_string();
    let picks: Vec<Pick> = entries.iter().map(|entry| entry.pick).collect();
    let chosen = Memo::new(move |_| picks.iter().filter(|pick| pick.selected.get()).count());
    let keys: Vec<RowKeys> = entries
        .iter()
        .map(|entry| RowKeys::of(&entry.article.artikelnummer))
        .collect();
    let has_message = Memo::new(move |_| {
        keys.iter().any(|keys| {
            [&keys.article, &keys.menge, &keys.serial]
                .into_iter()
                .any(|key| form.server_error(key).is_some())
        })
    });
    let open = move || expanded.get() || has_message.get();
    let body_id = next_id("pick-group");
    let gruppe = name.clone();
    let entries = StoredValue::new(entries);
    let articles = move || {
        open().then(|| {
            entries
                .get_value()
                .into_iter()
                .map(|entry| view! { <PickRow entry form testid /> })
                .collect_view()
        })
    };
    view! {
        <section class="picker__group" data-testid=format!("{testid}-group") data-gruppe=gruppe>
            <button
                type="button"
                class="picker__group-header"
                aria-expanded=move || open().to_string()
                aria-controls=body_id.clone()
                on:click=move |_| expanded.update(|expanded| *expanded = !*expanded)
            >
                <span class="picker__group-arrow" aria-hidden="true">
                    {move || if open() { "▾" } else { "▸" }}
                </span>
                <span class="picker__group-name">{name}</span>
                <span class="picker__group-count" class=("picker__group-count--on", move || chosen.get() > 0)>
                    {move || {
                        fill(
                            i18n.t(Key::ArticlesChosenCount),
                            &[("count", &chosen.get().to_string()), ("total", &total)],
                        )
                    }}
                </span>
            </button>
            <div class="picker__articles" id=body_id>
                {articles}
            </div>
        </section>
    }
}

/// One article: the switch (the whole row is its label), and once chosen its quantity with − and
/// + and, if it carries one, its serial number.
#[component]
fn PickRow(entry: Entry, form: Form, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let Entry { article, pick } = entry;
    let number = article.artikelnummer.clone();
    let keys = StoredValue::new(RowKeys::of(&number));
    let id = next_id("article");
    let error_id = format!("{id}-error");
    let article_error =
        Signal::derive(move || keys.with_value(|keys| form.server_error(&keys.article)));
    let edited = move || {
        keys.with_value(|keys| {
            for key in [&keys.article, &keys.menge, &keys.serial] {
                form.edited(key);
            }
        });
    };
    let toggle = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            pick.selected.set(true);
        } else {
            pick.clear();
        }
        edited();
    };
    let has_serial = article.has_serial;
    let details = {
        let number = number.clone();
        move || {
            pick.selected.get().then(|| {
                let serial = has_serial
                    .then(|| view! { <SerialInput pick keys form testid number=number.clone() /> });
                view! {
                    <div class="picker__details">
                        <MengeInput pick keys form testid number=number.clone() />
                        {serial}
                    </div>
                }
            })
        }
    };
    let state = move || {
        i18n.t(if pick.selected.get() {
            Key::Yes
        } else {
            Key::No
        })
    };
    view! {
        <div
            class="picker__row"
            class=("picker__row--on", move || pick.selected.get())
            class=("field--invalid", move || article_error.get().is_some())
            data-artikelnummer=number.clone()
        >
            <label class="picker__switch">
                <input
                    type="checkbox"
                    class="picker__box"
                    name=format!("article-{number}")
                    data-testid=format!("{testid}-article-{number}")
                    aria-invalid=move || article_error.get().is_some().to_string()
                    aria-describedby=error_id.clone()
                    prop:checked=move || pick.selected.get()
                    on:change=toggle
                />
                <span class="picker__text">
                    <span class="picker__name">{article.artikelbezeichnung.clone()}</span>
                    <span class="picker__number">{number.clone()}</span>
                </span>
                <span class="picker__state" aria-hidden="true">{state}</span>
            </label>
            {details}
            <p class="field__error" id=error_id>
                {move || article_error.get()}
            </p>
        </div>
    }
}

/// The quantity, 1–99, typed or changed with − and + (the buttons are skipped by Tab: the digits
/// are quicker from the keyboard).
#[component]
fn MengeInput(
    pick: Pick,
    keys: StoredValue<RowKeys>,
    form: Form,
    testid: &'static str,
    number: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id("menge");
    let error_id = format!("{id}-error");
    let error = Signal::derive(move || {
        keys.with_value(|keys| form.server_error(&keys.menge))
            .or_else(|| {
                let shown = pick.touched.get() || form.attempted();
                (shown && pick.menge.with(|menge| parse_menge(menge)).is_none())
                    .then(|| i18n.t(Key::MengeInvalid).to_owned())
            })
    });
    let step = move |delta: i64| {
        let now = pick
            .menge
            .with_untracked(|menge| parse_menge(menge))
            .unwrap_or(*MENGE.start());
        let next =
            (i64::from(now) + delta).clamp(i64::from(*MENGE.start()), i64::from(*MENGE.end()));
        pick.menge.set(next.to_string());
        keys.with_value(|keys| form.edited(&keys.menge));
    };
    view! {
        <div class="field picker__menge" class=("field--invalid", move || error.get().is_some())>
            <label class="field__label" for=id.clone()>
                {i18n.tr(Key::Menge)}
            </label>
            <div class="picker__stepper">
                <button
                    type="button"
                    class="btn btn--secondary picker__step"
                    tabindex="-1"
                    aria-label=i18n.tr(Key::MengeLess)
                    title=i18n.tr(Key::MengeLess)
                    on:click=move |_| step(-1)
                >
                    "−"
                </button>
                <input
                    id=id
                    class="input picker__menge-input"
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    maxlength="2"
                    data-testid=format!("{testid}-menge-{number}")
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=error_id.clone()
                    bind:value=pick.menge
                    on:input=move |_| keys.with_value(|keys| form.edited(&keys.menge))
                    on:blur=move |_| pick.touched.set(true)
                />
                <button
                    type="button"
                    class="btn btn--secondary picker__step"
                    tabindex="-1"
                    aria-label=i18n.tr(Key::MengeMore)
                    title=i18n.tr(Key::MengeMore)
                    on:click=move |_| step(1)
                >
                    "+"
                </button>
            </div>
            <p class="field__error" id=error_id>
                {move || error.get()}
            </p>
        </div>
    }
}

/// The article's serial number (typically scanned).
#[component]
fn SerialInput(
    pick: Pick,
    keys: StoredValue<RowKeys>,
    form: Form,
    testid: &'static str,
    number: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id("serial");
    let error_id = format!("{id}-error");
    let error = Signal::derive(move || keys.with_value(|keys| form.server_error(&keys.serial)));
    view! {
        <div class="field picker__serial" class=("field--invalid", move || error.get().is_some())>
            <label class="field__label" for=id.clone()>
                {i18n.tr(Key::SerialNumber)}
            </label>
            <input
                id=id
                class="input"
                type="text"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                maxlength=SERIAL_MAX_CHARS
                data-testid=format!("{testid}-serial-{number}")
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                bind:value=pick.serial
                on:input=move |_| keys.with_value(|keys| form.edited(&keys.serial))
            />
            <p class="field__error" id=error_id>
                {move || error.get()}
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use api_types::packaging::ArticleCategory;

    use super::*;

    fn article(number: &str, group: &str, sort_order: i32) -> ArticleDto {
        ArticleDto {
            id: 0,
            artikelnummer: number.into(),
            artikelbezeichnung: format!("Artikel {number}"),
            category: ArticleCategory::Zubehoer,
            gruppe: group.into(),
            has_serial: false,
            active: true,
            sort_order,
            updated_at: "2026-11-26T10:30:00Z".into(),
        }
    }

    #[test]
    fn groups_follow_the_catalogue_order() {
        let groups = grouped(vec![
            article("10035", "Datenkabel", 20),
            article("10091", "Extras", 50),
            article("10413", "C-Extender", 10),
            article("10370", "C-Extender", 0),
            article("10036", "Datenkabel", 30),
        ]);
        let order: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|(name, articles)| {
                let numbers = articles.iter().map(|a| a.artikelnummer.as_str()).collect();
                (name.as_str(), numbers)
            })
            .collect();
        assert_eq!(
            order,
            [
                ("C-Extender", vec!["10370", "10413"]),
                ("Datenkabel", vec!["10035", "10036"]),
                ("Extras", vec!["10091"]),
            ]
        );
    }

    #[test]
    fn quantities_are_whole_numbers_from_1_to_99() {
        assert_eq!(parse_menge(" 1 "), Some(1));
        assert_eq!(parse_menge("99"), Some(99));
        for bad in ["", "0", "100", "-1", "1.5", "zwei"] {
            assert_eq!(parse_menge(bad), None, "{bad}");
        }
    }

    #[test]
    fn line_messages_go_to_the_article_sent_at_that_position() {
        let errors = FieldErrors::from([
            (
                "items[1].menge".to_owned(),
                vec!["Menge zu groß".to_owned()],
            ),
            (
                "items[0].serialnummer".to_owned(),
                vec!["zu lang".to_owned()],
            ),
            (
                "items[0].artikelnummer".to_owned(),
                vec!["deaktiviert".to_owned()],
            ),
            ("items[7].menge".to_owned(), vec!["?".to_owned()]),
            ("items".to_owned(), vec!["leer".to_owned()]),
            ("lieferscheinnummer".to_owned(), vec!["vergeben".to_owned()]),
        ]);
        let moved = item_errors(errors, &["10370".to_owned(), "10035".to_owned()]);
        assert_eq!(moved["article:10035.menge"], ["Menge zu groß"]);
        assert_eq!(moved["article:10370.serialnummer"], ["zu lang"]);
        assert_eq!(moved["article:10370"], ["deaktiviert"]);
        // A position that was not sent stays as the server named it.
        assert_eq!(moved["items[7].menge"], ["?"]);
        assert_eq!(moved["items"], ["leer"]);
        assert_eq!(moved["lieferscheinnummer"], ["vergeben"]);
    }

    #[test]
    fn only_item_keys_are_positions() {
        assert_eq!(item_position("items[3]"), Some((3, None)));
        assert_eq!(item_position("items[3].menge"), Some((3, Some("menge"))));
        assert_eq!(item_position("items[3].artikelnummer"), Some((3, None)));
        assert_eq!(item_position("items"), None);
        assert_eq!(item_position("items[x].menge"), None);
        assert_eq!(item_position("items[3]x"), None);
        assert_eq!(item_position("entries[3].menge"), None);
    }
}
