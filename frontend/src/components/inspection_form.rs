//! The inspection forms' shared parts, rendered from a product definition (one engine for every
//! product line): the fields an inspector fills, grouped in their sections — checks as two large
//! "Ja"/"Nein" buttons, choices as segmented buttons offering only the options whose condition
//! holds, texts — fields that appear and disappear with their condition, the shared validation
//! rules run locally (`ProductDefinition::validate`, the same code as the server's), the article
//! derived live, Enter moving to the next field (scanners end with Enter), and a guard against
//! leaving the page with unsaved input.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::sync::Arc;

use api_types::inspection::{
    ArticleRule, ChoiceOption, FieldDef, FieldKind, ProductDefinition, SectionDef, Step,
    TextFormat, Values,
};
use api_types::{ErrorBody, FieldErrors};
use leptos::html;
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::components::fact::Fact;
use crate::components::form::{Form, next_id};
use crate::i18n::{I18n, Key, Lang, fill, localized, t, use_i18n};

/// The serial number's key: the API's contract for every product line (B completes by it).
pub const SERIAL: &str = "serialnummer";

/// The values a new form starts with: the definition's defaults of the fields `step` fills.
pub fn defaults(definition: &ProductDefinition, step: Step) -> Values {
    definition
        .fields_for(step)
        .filter_map(|field| Some((field.key.clone(), field.default.clone()?)))
        .collect()
}

/// The options of a choice offered for `values` (those without a condition, or whose holds).
pub fn offered<'a>(
    field: &'a FieldDef,
    values: &'a Values,
) -> impl Iterator<Item = &'a ChoiceOption> + 'a {
    field
        .options
        .iter()
        .filter(move |option| option.when.as_ref().is_none_or(|c| c.holds(values)))
}

/// Whether `field` is shown for `values`.
pub fn visible(field: &FieldDef, values: &Values) -> bool {
    field.visible_when.as_ref().is_none_or(|c| c.holds(values))
}

/// Clears every choice whose option is no longer offered (e.g. a KK optic format after the number
/// of optics changed). Repeats until stable: clearing one choice can withdraw another's option.
pub fn prune(definition: &ProductDefinition, values: &mut Values) {
    loop {
        let stale = definition
            .fields
            .iter()
            .filter(|field| field.kind == FieldKind::Choice)
            .find(|field| {
                values
                    .get(&field.key)
                    .and_then(Value::as_str)
                    .is_some_and(|code| !offered(field, values).any(|o| o.code == code))
            })
            .map(|field| field.key.clone());
        match stale {
            Some(key) => {
                values.remove(&key);
            }
            None => return,
        }
    }
}

/// The values as the JSON object the validation and the API take.
pub fn as_input(values: &Values) -> serde_json::Map<String, Value> {
    values
        .iter()
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// The sections of the form for `step` with their fields in form order, leaving out `skip`;
/// fields of a section the definition does not list come last, under `None`.
pub fn layout(
    definition: &ProductDefinition,
    step: Step,
    skip: &[&str],
) -> Vec<(Option<SectionDef>, Vec<FieldDef>)> {
    let fields: Vec<&FieldDef> = definition
        .fields_for(step)
        .filter(|field| !skip.contains(&field.key.as_str()))
        .collect();
    let mut groups: Vec<(Option<SectionDef>, Vec<FieldDef>)> = definition
        .sections
        .iter()
        .map(|section| {
            let members = fields
                .iter()
                .filter(|field| field.section == section.key)
                .map(|field| (*field).clone())
                .collect();
            (Some(section.clone()), members)
        })
        .collect();
    let orphans: Vec<FieldDef> = fields
        .iter()
        .filter(|field| definition.sections.iter().all(|s| s.key != field.section))
        .map(|field| (*field).clone())
        .collect();
    groups.push((None, orphans));
    groups.retain(|(_, members)| !members.is_empty());
    groups
}

/// Why the shared rules refused a field's value, to word it in the UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issue {
    /// Nothing entered (checks: not answered) although required.
    Required(FieldKind),
    TooLong(u16),
    /// Line breaks, tabs and the like.
    ControlChars,
    /// Not in the field's text format.
    Format(TextFormat),
    /// Not an http(s) link.
    Link,
    /// An option that is not offered.
    Choice,
}

/// What is wrong with `raw` for `field`, given that the shared rules refused it.
pub fn issue(field: &FieldDef, raw: Option<&Value>) -> Issue {
    let text = match raw {
        None | Some(Value::Null) => return Issue::Required(field.kind),
        Some(Value::String(text)) => text.trim(),
        Some(_) if field.kind == FieldKind::Choice => return Issue::Choice,
        Some(_) => return Issue::Format(field.format),
    };
    if text.is_empty() {
        return Issue::Required(field.kind);
    }
    match field.kind {
        FieldKind::Choice => Issue::Choice,
        FieldKind::Check => Issue::Required(FieldKind::Check),
        _ if text.chars().count() > usize::from(field.max_len) => Issue::TooLong(field.max_len),
        FieldKind::Link => Issue::Link,
        FieldKind::Text if text.chars().any(char::is_control) => Issue::ControlChars,
        FieldKind::Text => Issue::Format(field.format),
    }
}

/// The message for an [`Issue`] in `lang`.
pub fn issue_text(issue: Issue, lang: Lang) -> String {
    let key = match issue {
        Issue::Required(FieldKind::Check) => Key::CheckUnanswered,
        Issue::Required(FieldKind::Choice) => Key::ChoiceRequired,
        Issue::Required(_) => Key::FieldRequired,
        Issue::TooLong(max) => {
            return fill(t(lang, Key::TextTooLong), &[("count", &max.to_string())]);
        }
        Issue::ControlChars => Key::TextControlChars,
        Issue::Format(TextFormat::Serial) => Key::FormatSerial,
        Issue::Format(TextFormat::Mac) => Key::FormatMac,
        Issue::Format(TextFormat::Version) => Key::FormatVersion,
        Issue::Format(TextFormat::Free) => Key::TextControlChars,
        Issue::Link => Key::FormatLink,
        Issue::Choice => Key::ChoiceUnavailable,
    };
    t(lang, key).to_owned()
}

/// A stored value as the inspectors read it: "Ja"/"Nein", an option's label, the text; "Nicht
/// gesetzt" for nothing and "Leer" for an empty text.
pub fn display_value(field: Option<&FieldDef>, value: &Value, lang: Lang) -> String {
    match value {
        Value::Null => t(lang, Key::ValueNotSet).to_owned(),
        Value::Bool(true) => t(lang, Key::Yes).to_owned(),
        Value::Bool(false) => t(lang, Key::No).to_owned(),
        Value::String(text) if text.is_empty() => t(lang, Key::ValueEmpty).to_owned(),
        Value::String(text) => field
            .and_then(|field| field.options.iter().find(|o| &o.code == text))
            .map(|option| localized(lang, &option.label_de, &option.label_en).to_owned())
            .unwrap_or_else(|| text.clone()),
        other => other.to_string(),
    }
}

/// `YYYY-MM-DD`.
pub fn iso_date(year: u32, month: u32, day: u32) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// Today's date in the browser's time zone as `YYYY-MM-DD`, and its year.
pub fn today() -> (String, String) {
    let now = web_sys::js_sys::Date::new_0();
    let year = now.get_full_year();
    (
        iso_date(year, now.get_month() + 1, now.get_date()),
        year.to_string(),
    )
}

/// The state of one inspection form: the definition, the values entered, which fields were left
/// (their rule is shown from then on), the local validation, and the request's errors ([`Form`]).
#[derive(Clone, Copy)]
pub struct InspectionState {
    definition: StoredValue<ProductDefinition>,
    step: Step,
    values: RwSignal<Values>,
    /// What "unchanged" means for the leave guard: the defaults, or the values being corrected.
    baseline: RwSignal<Values>,
    touched: RwSignal<BTreeSet<String>>,
    checked: Memo<Result<Values, FieldErrors>>,
    form: Form,
}

impl InspectionState {
    pub fn new(definition: ProductDefinition, step: Step) -> Self {
        let start = defaults(&definition, step);
        let definition = StoredValue::new(definition);
        let values = RwSignal::new(start.clone());
        let checked = Memo::new(move |_| {
            values.with(|values| definition.with_value(|d| d.validate(step, &as_input(values))))
        });
        Self {
            definition,
            step,
            values,
            baseline: RwSignal::new(start),
            touched: RwSignal::new(BTreeSet::new()),
            checked,
            form: Form::new(),
        }
    }

    pub fn step(self) -> Step {
        self.step
    }

    /// The request state ([`Form`]): busy flag, server messages, the error above the form.
    pub fn form(self) -> Form {
        self.form
    }

    /// Reads the definition.
    pub fn with_definition<T>(self, read: impl FnOnce(&ProductDefinition) -> T) -> T {
        self.definition.with_value(read)
    }

    /// The values entered (tracked).
    pub fn values(self) -> Signal<Values> {
        self.values.into()
    }

    /// One value (tracked).
    pub fn value(self, key: &str) -> Option<Value> {
        self.values.with(|values| values.get(key).cloned())
    }

    /// Sets (or with `None`, an empty text, clears) a value; choices that lose their option are
    /// cleared with it.
    pub fn set(self, key: &str, value: Option<Value>) {
        let value = value.filter(|v| !v.is_null() && v.as_str() != Some(""));
        self.values.update(|values| {
            match value {
                Some(value) => values.insert(key.to_owned(), value),
                None => values.remove(key),
            };
            self.definition.with_value(|d| prune(d, values));
        });
        self.form.edited(key);
    }

    /// The user left the field: its rule is shown from now on.
    pub fn touch(self, key: &str) {
        if !self.touched.with_untracked(|touched| touched.contains(key)) {
            self.touched.update(|touched| {
                touched.insert(key.to_owned());
            });
        }
    }

    /// The message shown for `key` (tracked): the server's until the field is edited, otherwise
    /// the shared rule's once the field was left or a submit was tried.
    pub fn error(self, key: &str, lang: Lang) -> Option<String> {
        if let Some(message) = self.form.server_error(key) {
            return Some(message);
        }
        let shown = self.form.attempted() || self.touched.with(|touched| touched.contains(key));
        if !shown {
            return None;
        }
        let messages = self.checked.with(|checked| match checked {
            Err(errors) => errors.get(key).cloned(),
            Ok(_) => None,
        })?;
        let worded = self.definition.with_value(|d| {
            d.field(key)
                .map(|field| self.values.with(|values| issue(field, values.get(key))))
        });
        Some(match worded {
            Some(issue) => issue_text(issue, lang),
            None => messages.join(" "),
        })
    }

    /// How many fields the shared rules refuse (tracked).
    pub fn issues(self) -> usize {
        self.checked
            .with(|checked| checked.as_ref().err().map_or(0, |errors| errors.len()))
    }

    /// Whether anything differs from the form's start (tracked).
    pub fn dirty(self) -> bool {
        self.values
            .with(|values| self.baseline.with(|baseline| values != baseline))
    }

    /// The article the values lead to (tracked).
    pub fn article(self) -> Option<ArticleRule> {
        self.values
            .with(|values| self.definition.with_value(|d| d.article(values).cloned()))
    }

    /// A new, empty form (defaults only).
    pub fn reset(self) {
        let start = self.definition.with_value(|d| defaults(d, self.step));
        self.load(start);
    }

    /// The form with `values` (a correction of saved values); they count as unchanged.
    pub fn load(self, values: Values) {
        self.baseline.set(values.clone());
        self.values.set(values);
        self.touched.set(BTreeSet::new());
        self.form.reset();
    }

    /// Tries a submit: shows every rule from now on and returns the normalised values when they
    /// pass; otherwise moves the focus to the first field in error.
    pub fn check(self) -> Option<Values> {
        let checked = self.checked.get_untracked();
        if self.form.check(checked.is_ok()) {
            checked.ok()
        } else {
            None
        }
    }

    /// Shows a failed request: messages about this form's fields (and `extra` keys the page
    /// shows, such as `printerId`) next to them, the rest above the form.
    pub fn fail(self, error: ErrorBody, extra: &[&str]) {
        let keys: Vec<String> = self.definition.with_value(|d| {
            d.fields_for(self.step)
                .map(|field| field.key.clone())
                .collect()
        });
        let mut fields: Vec<&str> = keys.iter().map(String::as_str).collect();
        fields.extend_from_slice(extra);
        self.form.fail(error, &fields);
    }
}

/// Every section of the form with its fields, except `skip` (a field the page shows itself, like
/// Prüfer A's serial number). A section whose fields are all hidden is hidden too.
#[component]
pub fn InspectionFields(
    state: InspectionState,
    #[prop(optional)] skip: &'static [&'static str],
) -> impl IntoView {
    let i18n = use_i18n();
    let groups = state.with_definition(|d| layout(d, state.step(), skip));
    groups
        .into_iter()
        .map(|(section, fields)| {
            let testid = format!(
                "section-{}",
                section.as_ref().map_or("other", |s| s.key.as_str())
            );
            let title = move || match &section {
                Some(s) => localized(i18n.lang(), &s.label_de, &s.label_en).to_owned(),
                None => i18n.t(Key::OtherFields).to_owned(),
            };
            let conditions: Vec<FieldDef> = fields.clone();
            let any_shown = Memo::new(move |_| {
                state
                    .values
                    .with(|values| conditions.iter().any(|field| visible(field, values)))
            });
            let rows = fields
                .into_iter()
                .map(|field| view! { <InspectionField state field /> })
                .collect_view();
            view! {
                <fieldset class="ifields" data-testid=testid hidden=move || !any_shown.get()>
                    <legend class="ifields__title">{title}</legend>
                    <div class="ifields__grid">{rows}</div>
                </fieldset>
            }
        })
        .collect_view()
}

/// One field, shown while its condition holds.
#[component]
pub fn InspectionField(
    state: InspectionState,
    field: FieldDef,
    /// Focus the input when it appears (texts).
    #[prop(optional)]
    autofocus: bool,
    #[prop(optional)] input_ref: Option<NodeRef<html::Input>>,
    /// Larger, for the field that starts the form.
    #[prop(optional)]
    prominent: bool,
) -> impl IntoView {
    let field = Arc::new(field);
    let condition = field.visible_when.clone();
    let shown = Memo::new(move |_| {
        condition
            .as_ref()
            .is_none_or(|c| state.values.with(|values| c.holds(values)))
    });
    let input_ref = input_ref.unwrap_or_default();
    move || {
        shown.get().then(|| match field.kind {
            FieldKind::Check => check_field(state, field.clone()).into_any(),
            FieldKind::Choice => choice_field(state, field.clone()).into_any(),
            FieldKind::Text | FieldKind::Link => {
                text_field(state, field.clone(), input_ref, autofocus, prominent).into_any()
            }
        })
    }
}

/// The caption with its required mark.
fn label_text(field: &FieldDef, i18n: I18n) -> impl IntoView + use<> {
    let (de, en) = (field.label_de.clone(), field.label_en.clone());
    view! {
        {move || localized(i18n.lang(), &de, &en).to_owned()}
        {field
            .required
            .then(|| view! { <span class="field__required" aria-hidden="true">" *"</span> })}
    }
}

fn text_field(
    state: InspectionState,
    field: Arc<FieldDef>,
    input_ref: NodeRef<html::Input>,
    autofocus: bool,
    prominent: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = field.key.clone();
    let id = next_id(&key);
    let error_id = format!("{id}-error");
    let error = {
        let key = key.clone();
        Signal::derive(move || state.error(&key, i18n.lang()))
    };
    if autofocus {
        input_ref.on_load(|input| {
            let _ = input.focus();
        });
    }
    let value = {
        let key = key.clone();
        move || {
            state
                .value(&key)
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        }
    };
    let on_input = {
        let key = key.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            state.set(&key, Some(Value::String(text)));
        }
    };
    let on_blur = {
        let key = key.clone();
        move |_| state.touch(&key)
    };
    let link = field.kind == FieldKind::Link;
    view! {
        <div
            class="field ifield ifield--text"
            class=("field--invalid", move || error.get().is_some())
            class=("ifield--prominent", prominent)
            data-testid=format!("field-{key}")
        >
            <label class="field__label" for=id.clone()>
                {label_text(&field, i18n)}
            </label>
            <input
                id=id
                class="input"
                type="text"
                name=key.clone()
                node_ref=input_ref
                inputmode=link.then_some("url")
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                maxlength=field.max_len
                aria-required=field.required.to_string()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                data-testid=format!("field-{key}-input")
                prop:value=value
                on:input=on_input
                on:blur=on_blur
                on:keydown=enter_moves_on
            />
            <p class="field__error" id=error_id data-testid=format!("field-{key}-error")>
                {move || error.get()}
            </p>
        </div>
    }
}

/// One button of a [`radio_group`].
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    value: Value,
    label_de: String,
    label_en: String,
    testid: String,
    /// Keys that choose it (lower case).
    shortcuts: &'static [&'static str],
    /// Extra class (the colours of "Ja" and "Nein").
    class: &'static str,
}

fn check_field(state: InspectionState, field: Arc<FieldDef>) -> impl IntoView {
    let key = &field.key;
    let choices = vec![
        Choice {
            value: Value::Bool(true),
            label_de: t(Lang::De, Key::Yes).to_owned(),
            label_en: t(Lang::En, Key::Yes).to_owned(),
            testid: format!("field-{key}-yes"),
            shortcuts: &["j", "y"],
            class: "toggle__option--yes",
        },
        Choice {
            value: Value::Bool(false),
            label_de: t(Lang::De, Key::No).to_owned(),
            label_en: t(Lang::En, Key::No).to_owned(),
            testid: format!("field-{key}-no"),
            shortcuts: &["n"],
            class: "toggle__option--no",
        },
    ];
    radio_group(state, field, Signal::stored(choices), "ifield--check")
}

fn choice_field(state: InspectionState, field: Arc<FieldDef>) -> impl IntoView {
    let options = {
        let field = field.clone();
        Memo::new(move |_| {
            state.values.with(|values| {
                offered(&field, values)
                    .map(|option| Choice {
                        value: Value::String(option.code.clone()),
                        label_de: option.label_de.clone(),
                        label_en: option.label_en.clone(),
                        testid: format!("field-{}-opt-{}", field.key, option.code),
                        shortcuts: &[],
                        class: "",
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    radio_group(state, field, options.into(), "ifield--choice")
}

/// Large buttons acting as one radio group: arrow keys move the choice, the `shortcuts` pick one,
/// one tab stop (the chosen button, else the first).
fn radio_group(
    state: InspectionState,
    field: Arc<FieldDef>,
    choices: Signal<Vec<Choice>>,
    kind_class: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = field.key.clone();
    let id = next_id(&key);
    let label_id = format!("{id}-label");
    let error_id = format!("{id}-error");
    let group = NodeRef::<html::Div>::new();
    let error = {
        let key = key.clone();
        Signal::derive(move || state.error(&key, i18n.lang()))
    };
    let selected = {
        let key = key.clone();
        Memo::new(move |_| {
            let value = state.value(&key);
            choices.with(|choices| {
                value.and_then(|value| choices.iter().position(|c| c.value == value))
            })
        })
    };
    let choose = {
        let key = key.clone();
        move |index: usize, focus: bool| {
            let Some(choice) = choices.with_untracked(|choices| choices.get(index).cloned()) else {
                return;
            };
            state.set(&key, Some(choice.value));
            state.touch(&key);
            if focus {
                focus_option(group, index);
            }
        }
    };
    let on_keydown = {
        let choose = choose.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let count = choices.with_untracked(Vec::len);
            if count == 0 {
                return;
            }
            // From the focused button, else from the chosen one.
            let focused = ev
                .target()
                .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
                .and_then(|element| element.get_attribute("data-index"))
                .and_then(|index| index.parse::<usize>().ok());
            let current = focused.or(selected.get_untracked());
            let pressed = ev.key().to_lowercase();
            let target = match pressed.as_str() {
                "arrowright" | "arrowdown" => Some(current.map_or(0, |i| (i + 1) % count)),
                "arrowleft" | "arrowup" => {
                    Some(current.map_or(count - 1, |i| (i + count - 1) % count))
                }
                other => choices.with_untracked(|choices| {
                    choices.iter().position(|c| c.shortcuts.contains(&other))
                }),
            };
            if let Some(index) = target
                && !ev.ctrl_key()
                && !ev.alt_key()
                && !ev.meta_key()
            {
                ev.prevent_default();
                choose(index, true);
            }
        }
    };
    let buttons = move || {
        choices
            .get()
            .into_iter()
            .enumerate()
            .map(|(index, choice)| {
                let choose = choose.clone();
                let checked = move || selected.get() == Some(index);
                let tab_stop = move || match selected.get() {
                    Some(chosen) => chosen == index,
                    None => index == 0,
                };
                let Choice {
                    label_de,
                    label_en,
                    testid,
                    class,
                    ..
                } = choice;
                view! {
                    <button
                        type="button"
                        role="radio"
                        class=format!("toggle__option {class}")
                        class=("toggle__option--on", checked)
                        aria-checked=move || checked().to_string()
                        tabindex=move || if tab_stop() { "0" } else { "-1" }
                        data-index=index
                        data-testid=testid
                        on:click=move |_| choose(index, false)
                    >
                        {move || localized(i18n.lang(), &label_de, &label_en).to_owned()}
                    </button>
                }
            })
            .collect_view()
    };
    let waiting = move || {
        choices
            .with(Vec::is_empty)
            .then(|| view! { <p class="field__hint">{i18n.tr(Key::ChoiceWaiting)}</p> })
    };
    view! {
        <div
            class=format!("field ifield {kind_class}")
            class=("field--invalid", move || error.get().is_some())
            data-testid=format!("field-{key}")
        >
            <span class="field__label" id=label_id.clone()>
                {label_text(&field, i18n)}
            </span>
            <div
                class="toggle"
                role="radiogroup"
                node_ref=group
                // Focusable for "go to the first field in error"; the buttons take it from there.
                tabindex="-1"
                aria-labelledby=label_id
                aria-required=field.required.to_string()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                on:keydown=on_keydown
            >
                {buttons}
            </div>
            {waiting}
            <p class="field__error" id=error_id data-testid=format!("field-{key}-error")>
                {move || error.get()}
            </p>
        </div>
    }
}

fn focus_option(group: NodeRef<html::Div>, index: usize) {
    // After the render that moved the tab stop.
    request_animation_frame(move || {
        let button = group
            .get_untracked()
            .and_then(|group| {
                group
                    .query_selector(&format!("[data-index='{index}']"))
                    .ok()
                    .flatten()
            })
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = button {
            let _ = button.focus();
        }
    });
}

/// What Enter moves the focus to: the next input, or the tab stop of the next button group.
const FOCUSABLE: &str = "input:not([disabled]):not([type='hidden']), select:not([disabled]), \
     textarea:not([disabled]), [role='radio'][tabindex='0']";

/// Moves the focus to the first field in `container` (a form opened for a new unit).
pub fn focus_first_field(container: &web_sys::Element) {
    let first = container
        .query_selector(FOCUSABLE)
        .ok()
        .flatten()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(first) = first {
        let _ = first.focus();
    }
}

/// Enter in a text field moves to the next field instead of submitting: barcode scanners end
/// every scan with Enter.
pub fn enter_moves_on(ev: leptos::ev::KeyboardEvent) {
    if ev.key() != "Enter" || ev.is_composing() {
        return;
    }
    ev.prevent_default();
    let Some(current) = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(form)) = current.closest("form") else {
        return;
    };
    let Ok(candidates) = form.query_selector_all(FOCUSABLE) else {
        return;
    };
    let mut passed = false;
    for index in 0..candidates.length() {
        let Some(node) = candidates.item(index) else {
            continue;
        };
        if passed {
            if let Ok(element) = node.dyn_into::<web_sys::HtmlElement>() {
                let _ = element.focus();
            }
            return;
        }
        passed = node.is_same_node(Some(current.as_ref()));
    }
}

/// The article the selections lead to, the packaging date (today) and the production year, all
/// set automatically.
#[component]
pub fn ArticleFacts(state: InspectionState) -> impl IntoView {
    let i18n = use_i18n();
    let article = Memo::new(move |_| state.article());
    let (date, year) = today();
    let pending = move || i18n.t(Key::ArticlePending).to_owned();
    view! {
        <section class="card article-facts" data-testid="article" aria-labelledby="article-title">
            <h2 class="ifields__title" id="article-title">
                {i18n.tr(Key::ArticleTitle)}
            </h2>
            <dl class="facts facts--grid">
                <Fact
                    label=Key::ArticleNumber
                    value=move || article.get().map(|a| a.artikel_nummer).unwrap_or_else(pending)
                    testid="article-nummer"
                />
                <Fact
                    label=Key::ArticleName
                    value=move || {
                        article.get().map(|a| a.artikel_bezeichnung).unwrap_or_else(pending)
                    }
                    testid="article-bezeichnung"
                />
                <Fact
                    label=Key::PackingDate
                    value=move || fill(i18n.t(Key::TodayDate), &[("time", &date)])
                    testid="article-datum"
                />
                <Fact label=Key::ProductionYear value=year testid="article-jahr" />
            </dl>
        </section>
    }
}

// The leave guard: one listener each for closing the tab and for links inside the app, installed
// once; the page that has unsaved input registers itself.

struct Guard {
    dirty: Signal<bool>,
    i18n: I18n,
}

thread_local! {
    static GUARD: Cell<Option<(u64, Signal<bool>, I18n)>> = const { Cell::new(None) };
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    static NEXT_GUARD: Cell<u64> = const { Cell::new(0) };
}

fn current_guard() -> Option<Guard> {
    GUARD
        .with(Cell::get)
        .map(|(_, dirty, i18n)| Guard { dirty, i18n })
        .filter(|guard| guard.dirty.try_get_untracked().unwrap_or(false))
}

/// Asks whether unsaved input may be thrown away; true when there is none.
pub fn confirm_discard() -> bool {
    let Some(guard) = current_guard() else {
        return true;
    };
    let message = guard.i18n.t(Key::UnsavedChanges);
    web_sys::window()
        .and_then(|window| window.confirm_with_message(message).ok())
        .unwrap_or(true)
}

/// Warns before the page is left while `dirty`: the browser asks on reload, close and external
/// links; links inside the app ask first. (The browser's back button is not held back.)
pub fn use_leave_guard(dirty: Signal<bool>) {
    let i18n = use_i18n();
    install_guard_listeners();
    let id = NEXT_GUARD.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    });
    GUARD.with(|guard| guard.set(Some((id, dirty, i18n))));
    on_cleanup(move || {
        GUARD.with(|guard| {
            if guard.get().is_some_and(|(current, _, _)| current == id) {
                guard.set(None);
            }
        });
    });
}

fn install_guard_listeners() {
    if INSTALLED.with(|installed| installed.replace(true)) {
        return;
    }
    // For the app's lifetime: they do nothing while no page registered a guard.
    let unload = window_event_listener(leptos::ev::beforeunload, |ev| {
        if current_guard().is_some() {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    std::mem::forget(unload);
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(|ev: web_sys::MouseEvent| {
        if leaves_page_in_app(&ev) && !confirm_discard() {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    // Capturing on the document: before the router's click handler on the window.
    let _ = document().add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
}

/// Whether a click follows a link that the router handles (same window, inside the app).
fn leaves_page_in_app(ev: &web_sys::MouseEvent) -> bool {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
        || ev.alt_key()
    {
        return false;
    }
    let Some(link) = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
    else {
        return false;
    };
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_whitespace().any(|r| r == "external"));
    let new_window = link.get_attribute("target").is_some_and(|t| !t.is_empty());
    let href = link.get_attribute("href").unwrap_or_default();
    // Other origins and full page loads are the browser's `beforeunload`.
    !external && !new_window && !link.has_attribute("download") && href.starts_with('/')
}

#[cfg(test)]
mod tests {
    use api_types::inspection::{Condition, FilledBy};
    use serde_json::json;

    use super::*;

    fn field(key: &str, kind: FieldKind, section: &str, filled_by: FilledBy) -> FieldDef {
        FieldDef {
            key: key.into(),
            aliases: vec![],
            section: section.into(),
            kind,
            format: TextFormat::Free,
            options: vec![],
            filled_by,
            required: true,
            visible_when: None,
            label_de: format!("{key} DE"),
            label_en: format!("{key} EN"),
            default: None,
            max_len: 10,
        }
    }

    fn option(code: &str, when: Option<Condition>) -> ChoiceOption {
        ChoiceOption {
            code: code.into(),
            label_de: format!("{code} (de)"),
            label_en: format!("{code} (en)"),
            when,
        }
    }

    /// Two optics or one, the format depending on it, a serial only A enters, a link only B.
    fn definition() -> ProductDefinition {
        let mut count = field("count", FieldKind::Choice, "konfig", FilledBy::Both);
        count.options = vec![option("one", None), option("two", None)];
        count.default = Some(json!("one"));
        let mut format = field("format", FieldKind::Choice, "konfig", FilledBy::Both);
        format.options = vec![
            option("F1", Some(Condition::new("count", &["one"]))),
            option("F1_F2", Some(Condition::new("count", &["two"]))),
        ];
        let mut second = field("second", FieldKind::Text, "hw", FilledBy::Both);
        second.visible_when = Some(Condition::new("count", &["two"]));
        let mut serial = field(SERIAL, FieldKind::Text, "hw", FilledBy::A);
        serial.format = TextFormat::Serial;
        let mut mac = field("mac", FieldKind::Text, "hw", FilledBy::Both);
        mac.format = TextFormat::Mac;
        mac.max_len = 17;
        ProductDefinition {
            key: "t".into(),
            name: "T".into(),
            kind_de: "Test".into(),
            kind_en: "Test".into(),
            label_title: "T".into(),
            automatiktest: true,
            sections: vec![
                SectionDef {
                    key: "konfig".into(),
                    label_de: "Konfiguration".into(),
                    label_en: "Configuration".into(),
                },
                SectionDef {
                    key: "hw".into(),
                    label_de: "Hardware".into(),
                    label_en: "Hardware".into(),
                },
                SectionDef {
                    key: "b".into(),
                    label_de: "Prüfer B".into(),
                    label_en: "Inspector B".into(),
                },
            ],
            fields: vec![
                count,
                format,
                serial,
                second,
                mac,
                field("ok", FieldKind::Check, "tests", FilledBy::Both),
                field("link", FieldKind::Link, "b", FilledBy::B),
            ],
            articles: vec![],
        }
    }

    fn keys(groups: &[(Option<SectionDef>, Vec<FieldDef>)]) -> Vec<(String, Vec<String>)> {
        groups
            .iter()
            .map(|(section, fields)| {
                (
                    section.as_ref().map_or("-".into(), |s| s.key.clone()),
                    fields.iter().map(|f| f.key.clone()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn forms_show_the_fields_of_their_step_by_section() {
        let def = definition();
        let a = layout(&def, Step::A, &[SERIAL]);
        assert_eq!(
            keys(&a),
            [
                (
                    "konfig".to_owned(),
                    vec!["count".to_owned(), "format".to_owned()]
                ),
                ("hw".to_owned(), vec!["second".to_owned(), "mac".to_owned()]),
                ("-".to_owned(), vec!["ok".to_owned()]),
            ]
        );
        let b = layout(&def, Step::B, &[]);
        let sections: Vec<String> = keys(&b).into_iter().map(|(s, _)| s).collect();
        assert_eq!(sections, ["konfig", "hw", "b", "-"]);
        assert!(!keys(&b).iter().any(|(_, f)| f.contains(&SERIAL.to_owned())));
    }

    #[test]
    fn new_forms_start_with_the_defaults_of_their_step() {
        let def = definition();
        assert_eq!(
            defaults(&def, Step::A),
            Values::from([("count".into(), json!("one"))])
        );
        assert_eq!(defaults(&def, Step::B), defaults(&def, Step::A));
    }

    #[test]
    fn choices_lose_options_that_are_no_longer_offered() {
        let def = definition();
        let mut values = Values::from([
            ("count".into(), json!("one")),
            ("format".into(), json!("F1")),
        ]);
        prune(&def, &mut values);
        assert_eq!(values["format"], "F1");
        values.insert("count".into(), json!("two"));
        prune(&def, &mut values);
        assert!(!values.contains_key("format"));
        let format = def.field("format").expect("format");
        let offered: Vec<&str> = offered(format, &values).map(|o| o.code.as_str()).collect();
        assert_eq!(offered, ["F1_F2"]);
        let second = def.field("second").expect("second");
        assert!(visible(second, &values));
        values.insert("count".into(), json!("one"));
        assert!(!visible(second, &values));
    }

    #[test]
    fn refused_values_are_worded_by_cause() {
        let def = definition();
        let field = |key| def.field(key).expect("field");
        assert_eq!(issue(field("ok"), None), Issue::Required(FieldKind::Check));
        assert_eq!(
            issue(field("count"), None),
            Issue::Required(FieldKind::Choice)
        );
        assert_eq!(
            issue(field(SERIAL), Some(&json!("  "))),
            Issue::Required(FieldKind::Text)
        );
        assert_eq!(
            issue(field(SERIAL), Some(&json!("SN 1"))),
            Issue::Format(TextFormat::Serial)
        );
        assert_eq!(
            issue(field(SERIAL), Some(&json!("S".repeat(11)))),
            Issue::TooLong(10)
        );
        assert_eq!(
            issue(field("mac"), Some(&json!("00:1A"))),
            Issue::Format(TextFormat::Mac)
        );
        assert_eq!(issue(field("link"), Some(&json!("ftp://x"))), Issue::Link);
        assert_eq!(issue(field("format"), Some(&json!("F9"))), Issue::Choice);
        assert_eq!(
            issue_text(Issue::TooLong(10), Lang::De),
            "Höchstens 10 Zeichen"
        );
        assert_eq!(
            issue_text(Issue::Required(FieldKind::Check), Lang::En),
            t(Lang::En, Key::CheckUnanswered)
        );
    }

    #[test]
    fn values_read_as_the_inspectors_entered_them() {
        let def = definition();
        let format = def.field("format");
        assert_eq!(display_value(None, &Value::Null, Lang::De), "Nicht gesetzt");
        assert_eq!(display_value(None, &json!(true), Lang::De), "Ja");
        assert_eq!(display_value(None, &json!(false), Lang::En), "No");
        assert_eq!(display_value(None, &json!(""), Lang::De), "Leer");
        assert_eq!(
            display_value(format, &json!("F1_F2"), Lang::En),
            "F1_F2 (en)"
        );
        assert_eq!(display_value(format, &json!("X"), Lang::De), "X");
        assert_eq!(display_value(None, &json!("Kratzer"), Lang::De), "Kratzer");
    }

    #[test]
    fn dates_have_four_digit_years_and_two_digit_days() {
        assert_eq!(iso_date(2026, 3, 7), "2026-03-07");
        assert_eq!(iso_date(2026, 11, 26), "2026-11-26");
    }
}
