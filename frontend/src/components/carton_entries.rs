//! The lines of an outer carton, shared by packing (`/outerkarton`) and by changing and showing a
//! stored carton (`/outerkarton/:id`): one list of rows filled by scanning or by manual choice
//! ([`CartonAdder`]), the table that shows them ([`CartonTable`]), the live label preview
//! ([`CartonPreview`]) and what stands between the rows and saving them ([`CartonChecks`]).
//!
//! Scans are queued and resolved by the server one after another, so a scanner can go on while the
//! previous code is looked up: no scan is lost and none is glued to the next. Every addition is
//! confirmed on screen and by a short tone; both modes fill the same list, so switching the mode
//! never loses a row (packaging spec §10 quirks 16, 18 and 19).

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};

use api_types::ErrorBody;
use api_types::auth::Role;
use api_types::packaging::{
    ArticleCategory, ArticleDto, CartonEntryDto, CheckedEntry, EntryProblem, PackItem,
    PackItemInput,
};
use api_types::printing::REASON_MAX_CHARS;
use api_types::validation::Message;
use labels::packaging::{Article, OuterKartonLabel};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api;
use crate::auth::use_auth;
use crate::components::badge::{Badge, Tone};
use crate::components::form::{Field, Form, next_id};
use crate::components::loading::Loaded;
use crate::i18n::{I18n, Key, Lang, fill, t, use_i18n};
use crate::pages::carton_detail::detail_path;
use crate::pages::inspections;
use crate::pages::print_jobs::{reason_issue, svg_data_url};

/// The largest quantity one manual line takes.
pub const MAX_MENGE: u32 = 9999;

/// The most characters of an order / delivery-note number.
pub const LIEFERSCHEIN_MAX_CHARS: u32 = 100;

/// One row of a carton, in carton order (the label prints the rows as they are, never sorted or
/// merged).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Identifies the row on this page: stays when other rows go.
    pub key: u64,
    pub entry: CheckedEntry,
    /// What the row came from (the scanned text, `zubehoer:<number>`): the same source is not
    /// added twice.
    pub source: Option<String>,
    /// The inspection of the unit packed on a stored row.
    pub inspection_id: Option<i64>,
    /// A stored row MANAGEMENT packed although the unit had not passed.
    pub released: Option<Release>,
    /// The server's messages about this row from the last save.
    pub errors: Vec<String>,
}

/// Who released a unit for the carton, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    pub by: String,
    pub reason: String,
}

impl Line {
    /// A new row for `entry`.
    pub fn new(entry: CheckedEntry, source: Option<String>) -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        let inspection_id = entry.unit.as_ref().map(|unit| unit.inspection_id);
        Self {
            key: NEXT.fetch_add(1, Ordering::Relaxed),
            entry,
            source,
            inspection_id,
            released: None,
            errors: Vec::new(),
        }
    }

    /// A row of a stored carton.
    pub fn stored(dto: &CartonEntryDto) -> Self {
        let entry = CheckedEntry {
            artikelnummer: dto.artikelnummer.clone(),
            artikelbezeichnung: dto.artikelbezeichnung.clone(),
            menge: dto.menge,
            serialnummer: dto.serialnummer.clone(),
            unit: None,
            problem: None,
            message: None,
        };
        let released = dto.override_by.clone().map(|by| Release {
            by,
            reason: dto.override_reason.clone().unwrap_or_default(),
        });
        Self {
            inspection_id: dto.inspection_id,
            released,
            ..Self::new(entry, None)
        }
    }

    /// The serial number, when the row has one.
    pub fn serial(&self) -> Option<&str> {
        serial_of(&self.entry)
    }

    /// The row as sent to the server.
    pub fn input(&self) -> PackItemInput {
        PackItemInput {
            artikelnummer: Some(self.entry.artikelnummer.clone()),
            artikelbezeichnung: Some(self.entry.artikelbezeichnung.clone()),
            menge: Some(i64::from(self.entry.menge)),
            serialnummer: self.serial().map(str::to_owned),
        }
    }

    /// The row as the label engine prints it.
    pub fn article(&self) -> Article {
        let article = Article::new(
            self.entry.artikelnummer.clone(),
            self.entry.artikelbezeichnung.clone(),
            self.entry.menge,
        );
        match self.serial() {
            Some(serial) => article.with_serial(serial),
            None => article,
        }
    }
}

fn serial_of(entry: &CheckedEntry) -> Option<&str> {
    entry
        .serialnummer
        .as_deref()
        .map(str::trim)
        .filter(|serial| !serial.is_empty())
}

/// `not_passed`, `not_inspected`, `packed_elsewhere`: the problem as the server names it (and as
/// `data-problem` shows it).
pub fn problem_name(problem: EntryProblem) -> &'static str {
    match problem {
        EntryProblem::NotPassed => "not_passed",
        EntryProblem::NotInspected => "not_inspected",
        EntryProblem::PackedElsewhere => "packed_elsewhere",
    }
}

/// The carton a unit is already packed in.
fn other_carton(entry: &CheckedEntry) -> Option<i64> {
    entry
        .unit
        .as_ref()?
        .packed_in
        .as_ref()
        .map(|carton| carton.id)
}

/// A unit "packed elsewhere" in the carton being changed is where it belongs.
fn in_own_carton(mut entry: CheckedEntry, own: Option<i64>) -> CheckedEntry {
    if entry.problem == Some(EntryProblem::PackedElsewhere)
        && own.is_some()
        && other_carton(&entry) == own
    {
        entry.problem = None;
        entry.message = None;
    }
    entry
}

/// A problem in a few words, for the row's badge and the scan confirmation.
pub fn problem_label(problem: EntryProblem, carton: Option<i64>, lang: Lang) -> String {
    match (problem, carton) {
        (EntryProblem::PackedElsewhere, Some(id)) => fill(
            t(lang, Key::CartonPackedElsewhere),
            &[("id", &id.to_string())],
        ),
        (EntryProblem::PackedElsewhere, None) => t(lang, Key::CartonPackedElsewhereUnknown).into(),
        (EntryProblem::NotPassed | EntryProblem::NotInspected, _) => {
            t(lang, Key::CartonNotReleased).into()
        }
    }
}

/// Which of `entries` join the carton: a serial number that is already in it (or twice in the
/// batch) is refused, and so is a whole batch from a `source` scanned before.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Addition {
    pub fresh: Vec<CheckedEntry>,
    /// Serial numbers already in the carton.
    pub duplicates: Vec<String>,
    /// The same text was scanned before: nothing is added.
    pub repeated: bool,
}

pub fn plan_addition(lines: &[Line], entries: Vec<CheckedEntry>, source: Option<&str>) -> Addition {
    if source.is_some_and(|source| from_source(lines, source)) {
        return Addition {
            repeated: true,
            ..Addition::default()
        };
    }
    let mut seen: Vec<String> = lines
        .iter()
        .filter_map(|line| line.serial().map(str::to_owned))
        .collect();
    let mut addition = Addition::default();
    for entry in entries {
        match serial_of(&entry).map(str::to_owned) {
            Some(serial) if seen.contains(&serial) => addition.duplicates.push(serial),
            Some(serial) => {
                seen.push(serial);
                addition.fresh.push(entry);
            }
            None => addition.fresh.push(entry),
        }
    }
    addition
}

/// Whether a row came from `source` (a text scanned before).
fn from_source(lines: &[Line], source: &str) -> bool {
    lines
        .iter()
        .any(|line| line.source.as_deref() == Some(source))
}

/// How an addition is confirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackKind {
    Ok,
    Warning,
    Error,
}

impl FeedbackKind {
    /// `ok`, `warning`, `error`: the CSS modifier and `data-kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// The confirmation of the last addition: a text with its values filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    pub kind: FeedbackKind,
    pub key: Key,
    pub values: Vec<(&'static str, String)>,
    /// Counts the confirmations, so a repeated message still reads as new.
    pub seq: u64,
}

/// The confirmation of `addition` from `title` (what was scanned, e.g. `C2 C2-0001`).
pub fn addition_feedback(
    addition: &Addition,
    title: &str,
    lang: Lang,
) -> (FeedbackKind, Key, Vec<(&'static str, String)>) {
    let title = ("title", title.to_owned());
    if addition.repeated {
        return (FeedbackKind::Warning, Key::CartonRepeatedScan, vec![]);
    }
    let count = ("count", addition.fresh.len().to_string());
    let duplicates = ("name", addition.duplicates.join(", "));
    if addition.fresh.is_empty() {
        return if addition.duplicates.is_empty() {
            (
                FeedbackKind::Error,
                Key::CartonNothingRecognised,
                vec![title],
            )
        } else {
            (
                FeedbackKind::Warning,
                Key::CartonAlreadyPacked,
                vec![duplicates],
            )
        };
    }
    if !addition.duplicates.is_empty() {
        return (
            FeedbackKind::Warning,
            Key::CartonAddedPartly,
            vec![title, count, duplicates],
        );
    }
    let problem = addition
        .fresh
        .iter()
        .filter_map(|entry| entry.problem.map(|problem| (problem, entry)))
        .max_by_key(|(problem, _)| *problem == EntryProblem::PackedElsewhere);
    if let Some((problem, entry)) = problem {
        let kind = if problem == EntryProblem::PackedElsewhere {
            FeedbackKind::Error
        } else {
            FeedbackKind::Warning
        };
        let words = problem_label(problem, other_carton(entry), lang);
        return (kind, Key::CartonAddedProblem, vec![title, ("name", words)]);
    }
    if addition.fresh.len() > 1 {
        (FeedbackKind::Ok, Key::CartonAddedLines, vec![title, count])
    } else {
        (FeedbackKind::Ok, Key::CartonAdded, vec![title])
    }
}

/// The server's messages about `entries[i].…` by row index, and the rest of the error.
pub fn entry_errors(mut error: ErrorBody) -> (BTreeMap<usize, Vec<String>>, ErrorBody) {
    let mut by_row: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    if let Some(fields) = error.errors.take() {
        let mut rest = api_types::FieldErrors::new();
        for (field, messages) in fields {
            match entry_index(&field) {
                Some(index) => by_row.entry(index).or_default().extend(messages),
                None => {
                    rest.insert(field, messages);
                }
            }
        }
        error.errors = (!rest.is_empty()).then_some(rest);
    }
    (by_row, error)
}

/// `3` of `entries[3].serialnummer` (or `entries[3]`).
fn entry_index(field: &str) -> Option<usize> {
    let (index, _) = field.strip_prefix("entries[")?.split_once(']')?;
    index.parse().ok()
}

/// The message of a refused scan: the parser's message on `text`, else the error's.
fn scan_message(error: &ErrorBody) -> String {
    error
        .errors
        .as_ref()
        .and_then(|fields| fields.get("text"))
        .filter(|messages| !messages.is_empty())
        .map(|messages| messages.join(" "))
        .unwrap_or_else(|| error.error.clone())
}

/// The lines of a stored Zubehör label as carton rows (with the C-Extender serial).
pub fn zubehoer_entries(items: &[PackItem]) -> Vec<CheckedEntry> {
    items
        .iter()
        .map(|item| CheckedEntry {
            artikelnummer: item.artikelnummer.clone(),
            artikelbezeichnung: item.artikelbezeichnung.clone(),
            menge: item.menge.max(1),
            serialnummer: item.serialnummer.clone(),
            unit: None,
            problem: None,
            message: None,
        })
        .collect()
}

/// A catalogue article as a carton row.
pub fn article_entry(article: &ArticleDto, menge: u32, serial: Option<String>) -> CheckedEntry {
    CheckedEntry {
        artikelnummer: article.artikelnummer.clone(),
        artikelbezeichnung: article.artikelbezeichnung.clone(),
        menge,
        serialnummer: serial,
        unit: None,
        problem: None,
        message: None,
    }
}

/// A quantity typed by hand: a whole number from 1 to [`MAX_MENGE`].
pub fn parse_menge(value: &str) -> Option<u32> {
    value
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|menge| (1..=MAX_MENGE).contains(menge))
}

/// Whether `role` may pack units that have not passed (with a reason): MANAGEMENT and ADMIN.
pub fn may_override(role: Option<Role>) -> bool {
    role.is_some_and(Role::can_view_dashboards)
}

/// Why the rows cannot be saved yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReady {
    /// No row yet.
    Empty,
    /// Scans are still being resolved.
    Pending,
    /// A unit is in another carton.
    PackedElsewhere,
    /// A unit has not passed and the user may not release it.
    NeedsManagement,
}

impl NotReady {
    /// The hint beside the save buttons; `None` where [`CartonChecks`] explains it already.
    pub fn hint(self) -> Option<Key> {
        match self {
            Self::Empty => Some(Key::CartonNoLines),
            Self::Pending => Some(Key::CartonScansPending),
            Self::PackedElsewhere | Self::NeedsManagement => None,
        }
    }
}

/// Whether rows needing a release (unit not passed or not inspected) are among `lines`.
fn needs_release(lines: &[Line]) -> bool {
    lines.iter().any(|line| {
        matches!(
            line.entry.problem,
            Some(EntryProblem::NotPassed | EntryProblem::NotInspected)
        )
    })
}

/// Whether `lines` (with `pending` scans outstanding) can be saved by a user who may (or may not)
/// release units.
pub fn readiness(lines: &[Line], pending: usize, may_override: bool) -> Result<(), NotReady> {
    if pending > 0 {
        Err(NotReady::Pending)
    } else if lines.is_empty() {
        Err(NotReady::Empty)
    } else if lines
        .iter()
        .any(|line| line.entry.problem == Some(EntryProblem::PackedElsewhere))
    {
        Err(NotReady::PackedElsewhere)
    } else if needs_release(lines) && !may_override {
        Err(NotReady::NeedsManagement)
    } else {
        Ok(())
    }
}

/// How rows are added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryMode {
    /// Labels are scanned (the default: scanner first).
    Scan,
    /// Units by serial number, catalogue articles, stored Zubehör labels.
    Manual,
}

/// The rows of one carton and how they are being added; cheap to copy into views.
#[derive(Clone, Copy)]
pub struct CartonLines {
    i18n: I18n,
    lines: RwSignal<Vec<Line>>,
    /// The carton being changed; its own units are not "packed elsewhere".
    own: Option<i64>,
    mode: RwSignal<EntryMode>,
    feedback: RwSignal<Option<Feedback>>,
    /// Scanned texts not resolved yet, oldest first (the first is in flight).
    queue: StoredValue<VecDeque<String>>,
    pending: RwSignal<usize>,
    scan_input: NodeRef<html::Input>,
    serial_input: NodeRef<html::Input>,
}

impl CartonLines {
    /// The rows of a new carton (`own` `None`) or of the stored carton `own`.
    pub fn new(own: Option<i64>, lines: Vec<Line>) -> Self {
        Self {
            i18n: use_i18n(),
            lines: RwSignal::new(lines),
            own,
            mode: RwSignal::new(EntryMode::Scan),
            feedback: RwSignal::new(None),
            queue: StoredValue::new(VecDeque::new()),
            pending: RwSignal::new(0),
            scan_input: NodeRef::new(),
            serial_input: NodeRef::new(),
        }
    }

    /// The rows (tracked through the signal).
    pub fn lines(self) -> RwSignal<Vec<Line>> {
        self.lines
    }

    /// Whether there is no row (tracked).
    pub fn is_empty(self) -> bool {
        self.lines.with(Vec::is_empty)
    }

    /// Whether a unit on a row is in another carton (tracked).
    pub fn blocked(self) -> bool {
        self.lines.with(|lines| {
            lines
                .iter()
                .any(|line| line.entry.problem == Some(EntryProblem::PackedElsewhere))
        })
    }

    /// Whether a row needs MANAGEMENT's release (tracked).
    pub fn needs_release(self) -> bool {
        self.lines.with(|lines| needs_release(lines))
    }

    /// Whether the rows can be saved by a user who may (or may not) release units (tracked).
    pub fn readiness(self, may_override: bool) -> Result<(), NotReady> {
        let pending = self.pending.get();
        self.lines
            .with(|lines| readiness(lines, pending, may_override))
    }

    /// The rows to save: their keys (to find them again in the answer) and their request form.
    pub fn snapshot(self) -> (Vec<u64>, Vec<PackItemInput>) {
        self.lines.with_untracked(|lines| {
            (
                lines.iter().map(|line| line.key).collect(),
                lines.iter().map(Line::input).collect(),
            )
        })
    }

    /// Moves the focus to the current mode's first input, after the next render.
    pub fn focus(self) {
        request_animation_frame(move || {
            let input = match self.mode.try_get_untracked() {
                Some(EntryMode::Scan) => self.scan_input.try_get_untracked().flatten(),
                Some(EntryMode::Manual) => self.serial_input.try_get_untracked().flatten(),
                None => None,
            };
            if let Some(input) = input {
                let _ = input.focus();
            }
        });
    }

    fn set_mode(self, mode: EntryMode) {
        self.mode.set(mode);
        self.focus();
    }

    /// Queues a scanned text; the texts are resolved in scan order.
    pub fn scan(self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.queue
            .update_value(|queue| queue.push_back(text.to_owned()));
        let idle = self.pending.get_untracked() == 0;
        self.pending.update(|pending| *pending += 1);
        if idle {
            spawn_local(self.drain());
        }
    }

    async fn drain(self) {
        while let Some(text) = self
            .queue
            .try_with_value(|queue| queue.front().cloned())
            .flatten()
        {
            self.resolve_scan(&text).await;
            self.queue.try_update_value(|queue| queue.pop_front());
            // The page is gone: the rest of the queue goes with it.
            if self.pending.try_update(|pending| *pending -= 1).is_none() {
                return;
            }
        }
    }

    async fn resolve_scan(self, text: &str) {
        // Known already: no need to ask the server.
        match self
            .lines
            .try_with_untracked(|lines| from_source(lines, text))
        {
            None => return,
            Some(true) => {
                self.say(FeedbackKind::Warning, Key::CartonRepeatedScan, vec![]);
                return;
            }
            Some(false) => {}
        }
        match api::scan_for_carton(text).await {
            Ok(answer) => self.add(answer.entries, Some(text.to_owned()), &answer.source),
            Err(error) => self.say(
                FeedbackKind::Error,
                Key::CartonNotAdded,
                vec![("name", scan_message(&error))],
            ),
        }
    }

    /// Adds what one scan or one manual choice (`title`, e.g. `C2 C2-0001`) stands for, refusing
    /// repeated serial numbers and sources, and confirms it.
    pub fn add(self, entries: Vec<CheckedEntry>, source: Option<String>, title: &str) {
        let entries = entries
            .into_iter()
            .map(|entry| in_own_carton(entry, self.own))
            .collect();
        let Some(addition) = self
            .lines
            .try_with_untracked(|lines| plan_addition(lines, entries, source.as_deref()))
        else {
            return;
        };
        let lang = untrack(|| self.i18n.lang());
        let (kind, key, values) = addition_feedback(&addition, title, lang);
        if !addition.fresh.is_empty() {
            self.lines.update(|lines| {
                lines.extend(
                    addition
                        .fresh
                        .into_iter()
                        .map(|entry| Line::new(entry, source.clone())),
                );
            });
        }
        self.say(kind, key, values);
    }

    /// Shows and sounds a confirmation.
    fn say(self, kind: FeedbackKind, key: Key, values: Vec<(&'static str, String)>) {
        let seq = self
            .feedback
            .with_untracked(|last| last.as_ref().map_or(1, |last| last.seq + 1));
        self.feedback.try_set(Some(Feedback {
            kind,
            key,
            values,
            seq,
        }));
        sound::beep(kind);
    }

    /// Removes a row.
    pub fn remove(self, key: u64) {
        self.lines
            .update(|lines| lines.retain(|line| line.key != key));
    }

    /// Removes the rows that were saved; rows scanned meanwhile stay for the next carton.
    pub fn take(self, keys: &[u64]) {
        self.lines
            .update(|lines| lines.retain(|line| !keys.contains(&line.key)));
        self.feedback.set(None);
    }

    /// Puts the server's messages about `entries[i]` on the rows saved as `keys` (in that order)
    /// and re-checks the units it complained about; returns the rest of the error.
    pub fn mark_errors(self, keys: &[u64], error: ErrorBody) -> ErrorBody {
        let (by_row, rest) = entry_errors(error);
        let by_key: BTreeMap<u64, Vec<String>> = by_row
            .into_iter()
            .filter_map(|(index, messages)| keys.get(index).map(|key| (*key, messages)))
            .collect();
        self.lines.try_update(|lines| {
            for line in lines.iter_mut() {
                line.errors = by_key.get(&line.key).cloned().unwrap_or_default();
            }
        });
        self.refresh_units(by_key.keys().copied().collect());
        rest
    }

    /// Asks the server again about the units on the rows `keys` (their inspection may have been
    /// completed or released, or they were packed elsewhere meanwhile).
    pub fn refresh_units(self, keys: Vec<u64>) {
        let wanted: Vec<(u64, String)> = self.lines.with_untracked(|lines| {
            lines
                .iter()
                .filter(|line| keys.contains(&line.key))
                .filter(|line| line.inspection_id.is_some() || line.entry.unit.is_some())
                .filter_map(|line| line.serial().map(|serial| (line.key, serial.to_owned())))
                .collect()
        });
        for (key, serial) in wanted {
            spawn_local(async move {
                let Ok(answer) = api::unit_for_carton(&serial).await else {
                    return;
                };
                let checked = in_own_carton(answer.entry, self.own);
                self.lines.try_update(|lines| {
                    if let Some(line) = lines.iter_mut().find(|line| line.key == key) {
                        line.inspection_id = checked
                            .unit
                            .as_ref()
                            .map(|unit| unit.inspection_id)
                            .or(line.inspection_id);
                        line.entry.unit = checked.unit;
                        // A stored release stays valid for its row.
                        if line.released.is_none() {
                            line.entry.problem = checked.problem;
                            line.entry.message = checked.message;
                        }
                    }
                });
            });
        }
    }
}

/// The confirmation tones: WebAudio, best effort (no audio device, a browser without WebAudio or
/// a blocked autoplay only lose the sound; the confirmation stays visible).
mod sound {
    use std::cell::RefCell;

    use wasm_bindgen::JsValue;
    use web_sys::{AudioContext, OscillatorType};

    use super::FeedbackKind;

    thread_local! {
        // One context for the page's lifetime: browsers limit how many may exist.
        static CONTEXT: RefCell<Option<AudioContext>> = const { RefCell::new(None) };
    }

    /// A high short tone for OK, a low double tone for a warning or an error.
    pub fn beep(kind: FeedbackKind) {
        let _ = play(kind);
    }

    fn context() -> Result<AudioContext, JsValue> {
        CONTEXT.with(|context| {
            if let Some(existing) = context.borrow().as_ref() {
                return Ok(existing.clone());
            }
            let created = AudioContext::new()?;
            *context.borrow_mut() = Some(created.clone());
            Ok(created)
        })
    }

    fn play(kind: FeedbackKind) -> Result<(), JsValue> {
        // (frequency in Hz, start and length in seconds)
        let tones: &[(f32, f64, f64)] = match kind {
            FeedbackKind::Ok => &[(1760.0, 0.0, 0.08)],
            FeedbackKind::Warning | FeedbackKind::Error => {
                &[(220.0, 0.0, 0.14), (220.0, 0.2, 0.14)]
            }
        };
        let context = context()?;
        // A context created before the first user gesture starts suspended.
        let _ = context.resume();
        let now = context.current_time();
        for &(frequency, start, length) in tones {
            let oscillator = context.create_oscillator()?;
            oscillator.set_type(OscillatorType::Square);
            oscillator.frequency().set_value(frequency);
            let gain = context.create_gain()?;
            gain.gain().set_value(0.08);
            oscillator.connect_with_audio_node(&gain)?;
            gain.connect_with_audio_node(&context.destination())?;
            oscillator.start_with_when(now + start)?;
            oscillator.stop_with_when(now + start + length)?;
        }
        Ok(())
    }
}

/// The mode switch, the scan input or the manual choices, and the confirmation of the last
/// addition. Contains no `<form>`: it sits inside the page's form, and Enter in its inputs adds
/// instead of submitting.
#[component]
pub fn CartonAdder(lines: CartonLines) -> impl IntoView {
    let i18n = use_i18n();
    let scan_panel = next_id("carton-scan-panel");
    let manual_panel = next_id("carton-manual-panel");
    let tab = move |mode: EntryMode, label: Key, testid: &'static str, panel: String| {
        let on = move || lines.mode.get() == mode;
        view! {
            <button
                type="button"
                role="tab"
                class="toggle__option"
                class=("toggle__option--on", on)
                aria-selected=move || on().to_string()
                aria-controls=panel
                data-testid=testid
                on:click=move |_| lines.set_mode(mode)
            >
                {i18n.tr(label)}
            </button>
        }
    };
    let feedback = move || {
        lines.feedback.get().map(|feedback| {
            let kind = feedback.kind.as_str();
            let values = feedback.values.clone();
            let text = move || {
                let values: Vec<(&str, &str)> = values
                    .iter()
                    .map(|(name, value)| (*name, value.as_str()))
                    .collect();
                fill(i18n.t(feedback.key), &values)
            };
            let icon = match feedback.kind {
                FeedbackKind::Ok => "✓",
                FeedbackKind::Warning => "!",
                FeedbackKind::Error => "✕",
            };
            view! {
                <p
                    class=format!("carton-feedback carton-feedback--{kind}")
                    data-testid="carton-scan-feedback"
                    data-kind=kind
                    data-seq=feedback.seq
                >
                    <span class="carton-feedback__icon" aria-hidden="true">
                        {icon}
                    </span>
                    <span>{text}</span>
                </p>
            }
        })
    };
    view! {
        <section class="card carton-adder" data-testid="carton-adder">
            <div class="toggle carton-modes" role="tablist" aria-label=i18n.tr(Key::CartonModes)>
                {tab(EntryMode::Scan, Key::CartonModeScan, "carton-mode-scan", scan_panel.clone())}
                {tab(
                    EntryMode::Manual,
                    Key::CartonModeManual,
                    "carton-mode-manual",
                    manual_panel.clone(),
                )}
            </div>
            <div
                id=scan_panel
                role="tabpanel"
                hidden=move || lines.mode.get() != EntryMode::Scan
            >
                <ScanPanel lines />
            </div>
            <div
                id=manual_panel
                role="tabpanel"
                hidden=move || lines.mode.get() != EntryMode::Manual
            >
                <ManualPanel lines />
            </div>
            <div class="carton-feedback-region" role="status" aria-live="polite">
                {feedback}
            </div>
        </section>
    }
}

/// Enter (a scanner's suffix) in an input: `then` instead of submitting the page's form.
fn on_enter(ev: &leptos::ev::KeyboardEvent, then: impl FnOnce()) {
    if ev.key() == "Enter" && !ev.is_composing() {
        ev.prevent_default();
        then();
    }
}

/// The scan input: Enter or "Hinzufügen" queues the text and empties the input at once, so the
/// next scan starts clean; the input keeps the focus.
#[component]
fn ScanPanel(lines: CartonLines) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id("carton-scan");
    let hint_id = format!("{id}-hint");
    let take = move || {
        if let Some(input) = lines.scan_input.get_untracked() {
            let text = input.value();
            input.set_value("");
            lines.scan(&text);
        }
    };
    // Ready for the first scan.
    lines.focus();
    let pending = move || {
        let count = lines.pending.get();
        (count > 0).then(|| {
            view! {
                <p class="muted carton-scan__pending" data-testid="carton-scan-pending" data-count=count>
                    <span class="spinner spinner--small spinner--dark" aria-hidden="true"></span>
                    {move || fill(i18n.t(Key::CartonScansRunning), &[("count", &count.to_string())])}
                </p>
            }
        })
    };
    view! {
        <div class="field carton-scan">
            <label class="field__label" for=id.clone()>
                {i18n.tr(Key::CartonScanLabel)}
            </label>
            <div class="carton-scan__row">
                <input
                    id=id
                    class="input input--mono carton-scan__input"
                    type="text"
                    name="scan"
                    node_ref=lines.scan_input
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    aria-describedby=hint_id.clone()
                    data-testid="carton-scan-input"
                    on:keydown=move |ev| on_enter(&ev, take)
                />
                <button
                    type="button"
                    class="btn btn--primary btn--large"
                    data-testid="carton-scan-add"
                    on:click=move |_| {
                        take();
                        lines.focus();
                    }
                >
                    {i18n.tr(Key::CartonAdd)}
                </button>
            </div>
            <p class="field__hint" id=hint_id>
                {i18n.tr(Key::CartonScanHint)}
            </p>
            {pending}
        </div>
    }
}

/// Manual choices: a unit by serial number, a catalogue article with its quantity, the lines of a
/// stored Zubehör label by delivery-note number.
#[component]
fn ManualPanel(lines: CartonLines) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = LocalResource::new(|| api::articles(None, true));
    view! {
        <div class="carton-manual">
            <UnitBySerial lines />
            <Loaded
                resource=catalogue
                label=Key::CartonArticlesLoading
                render=move |answer| view! { <ArticlePicker articles=answer.items lines /> }
            />
            <ZubehoerByNumber lines />
            <p class="field__hint">{i18n.tr(Key::CartonManualHint)}</p>
        </div>
    }
}

/// A text input with a button beside it; Enter in the input presses the button.
#[component]
fn InputWithButton(
    label: Key,
    value: RwSignal<String>,
    testid: &'static str,
    button_testid: &'static str,
    #[prop(into)] busy: Signal<bool>,
    #[prop(optional)] input_ref: Option<NodeRef<html::Input>>,
    #[prop(into)] on_add: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = next_id(testid);
    let input_ref = input_ref.unwrap_or_default();
    view! {
        <div class="field carton-manual__field">
            <label class="field__label" for=id.clone()>
                {i18n.tr(label)}
            </label>
            <div class="carton-scan__row">
                <input
                    id=id
                    class="input"
                    type="text"
                    node_ref=input_ref
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    maxlength="200"
                    data-testid=testid
                    bind:value=value
                    on:keydown=move |ev| on_enter(&ev, || on_add.run(()))
                />
                <button
                    type="button"
                    class="btn btn--secondary"
                    data-testid=button_testid
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().to_string()
                    on:click=move |_| on_add.run(())
                >
                    {move || {
                        busy.get()
                            .then(|| {
                                view! { <span class="spinner spinner--small spinner--dark" aria-hidden="true"></span> }
                            })
                    }}
                    {i18n.tr(Key::CartonAdd)}
                </button>
            </div>
        </div>
    }
}

/// (a) A unit by its serial number, checked by the server like a scanned product label.
#[component]
fn UnitBySerial(lines: CartonLines) -> impl IntoView {
    let serial = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = Callback::new(move |()| {
        let wanted = serial.with_untracked(|serial| serial.trim().to_owned());
        if wanted.is_empty() || busy.get_untracked() {
            lines.focus();
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = api::unit_for_carton(&wanted).await;
            busy.try_set(false);
            match result {
                Ok(answer) => {
                    lines.add(vec![answer.entry], None, &wanted);
                    serial.try_set(String::new());
                }
                Err(error) if error.code == api_types::ErrorCode::NotFound => lines.say(
                    FeedbackKind::Error,
                    Key::CartonUnitUnknown,
                    vec![("name", wanted)],
                ),
                Err(error) => lines.say(
                    FeedbackKind::Error,
                    Key::CartonNotAdded,
                    vec![("name", error.error)],
                ),
            }
            lines.focus();
        });
    });
    view! {
        <InputWithButton
            label=Key::CartonManualSerial
            value=serial
            testid="carton-manual-serial"
            button_testid="carton-manual-serial-add"
            busy=busy
            input_ref=lines.serial_input
            on_add=add
        />
    }
}

/// The active catalogue by category and group, in form order.
fn grouped(mut articles: Vec<ArticleDto>) -> Vec<((ArticleCategory, String), Vec<ArticleDto>)> {
    let rank = |category: ArticleCategory| {
        ArticleCategory::ALL
            .iter()
            .position(|known| *known == category)
            .unwrap_or(usize::MAX)
    };
    articles.sort_by(|a, b| {
        (rank(a.category), &a.gruppe, a.sort_order, a.id).cmp(&(
            rank(b.category),
            &b.gruppe,
            b.sort_order,
            b.id,
        ))
    });
    let mut groups: Vec<((ArticleCategory, String), Vec<ArticleDto>)> = Vec::new();
    for article in articles {
        let group = (article.category, article.gruppe.clone());
        match groups.last_mut() {
            Some((current, members)) if *current == group => members.push(article),
            _ => groups.push((group, vec![article])),
        }
    }
    groups
}

fn category_label(category: ArticleCategory) -> Key {
    match category {
        ArticleCategory::Zubehoer => Key::CartonCategoryZubehoer,
        ArticleCategory::Halterung => Key::CartonCategoryHalterung,
    }
}

/// (b) An accessory or mount from the catalogue with its quantity (and the serial number of
/// articles that carry one, the C-Extender).
#[component]
fn ArticlePicker(articles: Vec<ArticleDto>, lines: CartonLines) -> impl IntoView {
    let i18n = use_i18n();
    let articles = StoredValue::new(articles);
    let chosen = RwSignal::new(String::new());
    let menge = RwSignal::new("1".to_owned());
    let serial = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Key>);
    let article = Memo::new(move |_| {
        let id = chosen.get();
        articles.with_value(|articles| {
            articles
                .iter()
                .find(|article| article.id.to_string() == id)
                .cloned()
        })
    });
    let add = move || {
        let Some(article) = article.get_untracked() else {
            problem.set(Some(Key::ChoiceRequired));
            return;
        };
        let Some(count) = menge.with_untracked(|menge| parse_menge(menge)) else {
            problem.set(Some(Key::CartonMengeInvalid));
            return;
        };
        problem.set(None);
        let serial_number = article
            .has_serial
            .then(|| serial.with_untracked(|serial| serial.trim().to_owned()))
            .filter(|serial| !serial.is_empty());
        let title = format!("{count} × {}", article.artikelbezeichnung);
        lines.add(
            vec![article_entry(&article, count, serial_number)],
            None,
            &title,
        );
        menge.set("1".to_owned());
        serial.set(String::new());
    };
    let options = move || {
        let lang = i18n.lang();
        grouped(articles.get_value())
            .into_iter()
            .map(|((category, gruppe), members)| {
                let label = format!("{} – {gruppe}", t(lang, category_label(category)));
                let options = members
                    .into_iter()
                    .map(|article| {
                        let value = article.id.to_string();
                        let selected = value.clone();
                        view! {
                            <option value=value selected=move || chosen.with(|c| *c == selected)>
                                {format!("{} – {}", article.artikelnummer, article.artikelbezeichnung)}
                            </option>
                        }
                    })
                    .collect_view();
                view! { <optgroup label=label>{options}</optgroup> }
            })
            .collect_view()
    };
    let select_id = next_id("carton-article");
    let menge_id = next_id("carton-menge");
    let serial_id = next_id("carton-article-serial");
    let error_id = format!("{select_id}-error");
    let serial_field = move || {
        article.get().filter(|article| article.has_serial).map(|_| {
            let serial_id = serial_id.clone();
            view! {
                <div class="field">
                    <label class="field__label" for=serial_id.clone()>
                        {i18n.tr(Key::CartonArticleSerial)}
                    </label>
                    <input
                        id=serial_id
                        class="input"
                        type="text"
                        autocomplete="off"
                        maxlength="200"
                        data-testid="carton-manual-article-serial"
                        bind:value=serial
                        on:keydown=move |ev| on_enter(&ev, add)
                    />
                </div>
            }
        })
    };
    view! {
        <div class="carton-manual__article" class=("field--invalid", move || problem.get().is_some())>
            <div class="field">
                <label class="field__label" for=select_id.clone()>
                    {i18n.tr(Key::CartonManualArticle)}
                </label>
                <select
                    id=select_id
                    class="input"
                    data-testid="carton-manual-article"
                    aria-describedby=error_id.clone()
                    prop:value=move || chosen.get()
                    on:change=move |ev| {
                        chosen.set(event_target_value(&ev));
                        problem.set(None);
                    }
                >
                    <option value="" selected=move || chosen.with(String::is_empty)>
                        {i18n.tr(Key::CartonChooseArticle)}
                    </option>
                    {options}
                </select>
            </div>
            <div class="field carton-manual__menge">
                <label class="field__label" for=menge_id.clone()>
                    {i18n.tr(Key::CartonMenge)}
                </label>
                <input
                    id=menge_id
                    class="input"
                    type="number"
                    min="1"
                    max=MAX_MENGE.to_string()
                    step="1"
                    inputmode="numeric"
                    data-testid="carton-manual-menge"
                    bind:value=menge
                    on:keydown=move |ev| on_enter(&ev, add)
                />
            </div>
            {serial_field}
            <div class="carton-manual__action">
                <button
                    type="button"
                    class="btn btn--secondary"
                    data-testid="carton-manual-add"
                    on:click=move |_| add()
                >
                    {i18n.tr(Key::CartonAdd)}
                </button>
            </div>
            <p class="field__error carton-manual__error" id=error_id>
                {move || problem.get().map(|key| i18n.t(key))}
            </p>
        </div>
    }
}

/// (c) The lines of a stored Zubehör label, by its delivery-note number.
#[component]
fn ZubehoerByNumber(lines: CartonLines) -> impl IntoView {
    let i18n = use_i18n();
    let number = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let add = Callback::new(move |()| {
        let wanted = number.with_untracked(|number| number.trim().to_owned());
        if wanted.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = api::zubehoer_by_lieferschein(&wanted).await;
            busy.try_set(false);
            match result {
                Ok(found) => match found.item.filter(|_| found.found) {
                    Some(label) => {
                        let title = fill(
                            untrack(|| i18n.t(Key::CartonZubehoerSource)),
                            &[("name", &label.lieferscheinnummer)],
                        );
                        lines.add(
                            zubehoer_entries(&label.entries),
                            Some(format!("zubehoer:{}", label.lieferscheinnummer)),
                            &title,
                        );
                        number.try_set(String::new());
                    }
                    None => lines.say(
                        FeedbackKind::Error,
                        Key::CartonZubehoerUnknown,
                        vec![("name", wanted)],
                    ),
                },
                Err(error) => lines.say(
                    FeedbackKind::Error,
                    Key::CartonNotAdded,
                    vec![("name", error.error)],
                ),
            }
        });
    });
    view! {
        <InputWithButton
            label=Key::CartonManualZubehoer
            value=number
            testid="carton-manual-zubehoer"
            button_testid="carton-manual-zubehoer-add"
            busy=busy
            on_add=add
        />
    }
}

/// The rows of a carton in carton order. With `on_remove`, every row has a remove button.
#[component]
pub fn CartonTable(
    #[prop(into)] lines: Signal<Vec<Line>>,
    /// `data-testid` of each row.
    row_testid: &'static str,
    /// `data-testid` of the table (default `carton-lines`).
    #[prop(optional)]
    testid: Option<&'static str>,
    #[prop(optional, into)] on_remove: Option<Callback<u64>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut columns = vec![
        Key::CartonColPosition,
        Key::CartonMenge,
        // Name and number in one column: the row list keeps room for the status and the remove
        // button beside the label preview.
        Key::ColArticle,
        Key::SerialNumber,
        Key::Status,
    ];
    if on_remove.is_some() {
        columns.push(Key::ColActions);
    }
    let count = columns.len();
    let headings = columns
        .into_iter()
        .map(|column| {
            // The remove buttons stay in view while the rows scroll sideways (see style.css).
            let class = (column == Key::ColActions).then_some("table__actions-head");
            view! { <th scope="col" class=class>{i18n.tr(column)}</th> }
        })
        .collect_view();
    let rows = move || {
        let lang = i18n.lang();
        let list = lines.get();
        if list.is_empty() {
            return view! {
                <tr>
                    <td colspan=count.to_string() class="table__empty" data-testid="carton-empty">
                        {t(lang, Key::CartonEmpty)}
                    </td>
                </tr>
            }
            .into_any();
        }
        list.into_iter()
            .enumerate()
            .map(|(index, line)| line_row(index + 1, line, row_testid, on_remove, lang))
            .collect_view()
            .into_any()
    };
    view! {
        <div class="table-wrap">
            <table class="table carton-table" data-testid=testid.unwrap_or("carton-lines")>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn line_row(
    position: usize,
    line: Line,
    testid: &'static str,
    on_remove: Option<Callback<u64>>,
    lang: Lang,
) -> impl IntoView {
    let problem = line.entry.problem;
    let serial = line.serial().map(str::to_owned);
    let blocked = problem == Some(EntryProblem::PackedElsewhere) || !line.errors.is_empty();
    let warned = problem.is_some() && !blocked;
    let serial_cell = match (serial.clone(), line.inspection_id) {
        (Some(serial), Some(id)) => view! {
            <A href=inspections::detail_path(id) attr:title=t(lang, Key::OpenInspection)>
                {serial}
            </A>
        }
        .into_any(),
        (Some(serial), None) => serial.into_any(),
        (None, _) => view! { <span class="muted">"–"</span> }.into_any(),
    };
    let errors = (!line.errors.is_empty()).then(|| {
        let items = line
            .errors
            .iter()
            .map(|message| view! { <li>{message.clone()}</li> })
            .collect_view();
        view! { <ul class="field__error carton-row__errors" data-testid="carton-row-error">{items}</ul> }
    });
    let remove = on_remove.map(|on_remove| {
        let key = line.key;
        let label = fill(
            t(lang, Key::CartonRemoveLine),
            &[("count", &position.to_string())],
        );
        view! {
            <td class="table__actions">
                <button
                    type="button"
                    class="btn btn--danger-outline"
                    data-testid="carton-row-remove"
                    aria-label=label.clone()
                    title=label
                    on:click=move |_| on_remove.run(key)
                >
                    "✕ "
                    {t(lang, Key::CartonRemove)}
                </button>
            </td>
        }
    });
    view! {
        <tr
            data-testid=testid
            data-serial=serial
            data-artikelnummer=line.entry.artikelnummer.clone()
            data-problem=problem.map(problem_name)
            class=("carton-row--blocked", blocked)
            class=("carton-row--warning", warned)
        >
            <td class="muted">{position}</td>
            <td class="table__strong">{line.entry.menge}</td>
            <td class="carton-row__article">
                <span class="carton-row__name">{line.entry.artikelbezeichnung.clone()}</span>
                " "
                <span class="carton-row__number">{line.entry.artikelnummer.clone()}</span>
            </td>
            <td class="table__nowrap">{serial_cell}</td>
            <td>
                <div class="carton-row__status">{line_status(&line, lang)}{errors}</div>
            </td>
            {remove}
        </tr>
    }
}

/// The row's badge: a problem, a stored release, a unit cleared for packing, or nothing.
fn line_status(line: &Line, lang: Lang) -> AnyView {
    let detail = |text: Option<String>| {
        text.filter(|text| !text.is_empty())
            .map(|text| view! { <span class="muted carton-row__detail">{text}</span> })
    };
    if let Some(problem) = line.entry.problem {
        let other = other_carton(&line.entry);
        let label = problem_label(problem, other, lang);
        let link = other
            .filter(|_| problem == EntryProblem::PackedElsewhere)
            .map(|id| {
                view! {
                    <A href=detail_path(id) attr:data-testid="carton-row-other">
                        {fill(t(lang, Key::CartonOpen), &[("id", &id.to_string())])}
                    </A>
                }
            });
        let tone = if problem == EntryProblem::PackedElsewhere {
            Tone::Danger
        } else {
            Tone::Warning
        };
        return view! {
            <Badge tone label=label testid="carton-row-status" />
            {link}
            {detail(line.entry.message.clone())}
        }
        .into_any();
    }
    if let Some(release) = &line.released {
        let label = fill(t(lang, Key::ReleasedBy), &[("name", &release.by)]);
        return view! {
            <Badge tone=Tone::Warning label=label testid="carton-row-released" />
            {detail(Some(release.reason.clone()))}
        }
        .into_any();
    }
    match &line.entry.unit {
        Some(unit) if unit.printable => view! {
            <Badge tone=Tone::Success label=t(lang, Key::CartonReleased) testid="carton-row-status" />
        }
        .into_any(),
        _ => view! { <span class="muted">"–"</span> }.into_any(),
    }
}

/// One printed label of a carton: its image (SVG) and the text of its QR code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub svg: String,
    pub qr: String,
}

/// The label formats (`^XA` … `^XZ`) of `zpl`, one per printed label.
fn label_formats(zpl: &str) -> Vec<&str> {
    zpl.split_inclusive("^XZ")
        .filter(|format| format.contains("^XA"))
        .collect()
}

/// The carton's labels as the server prints them (a large carton takes several); `None` without
/// rows, an error when the label engine refuses the rows.
pub fn carton_labels(articles: Vec<Article>) -> Option<Result<Vec<Sheet>, String>> {
    let label = OuterKartonLabel::new(articles).ok()?;
    let drawn = label
        .zpl(labels::zpl::Mode::Default)
        .map(|zpl| {
            let payloads = label.sheets().into_iter().map(|sheet| sheet.qr_payload());
            label_formats(&zpl)
                .into_iter()
                .zip(payloads)
                .map(|(format, qr)| Sheet {
                    svg: labels::preview::zpl_to_svg(format).svg,
                    qr,
                })
                .collect()
        })
        .map_err(|error| error.to_string());
    Some(drawn)
}

/// The carton's labels, drawn by the label engine whenever the rows change, each with the exact
/// text its QR code carries.
#[component]
pub fn CartonPreview(#[prop(into)] lines: Signal<Vec<Line>>) -> impl IntoView {
    let i18n = use_i18n();
    let articles =
        Memo::new(move |_| lines.with(|lines| lines.iter().map(Line::article).collect::<Vec<_>>()));
    let drawn = Memo::new(move |_| carton_labels(articles.get()));
    let body = move || match drawn.get() {
        None => view! {
            <p class="muted" data-testid="carton-preview-empty">
                {i18n.tr(Key::CartonPreviewEmpty)}
            </p>
        }
        .into_any(),
        Some(Err(reason)) => view! {
            <p class="field__error" role="status" data-testid="carton-preview-error">
                {move || fill(i18n.t(Key::LabelPreviewFailed), &[("name", &reason)])}
            </p>
        }
        .into_any(),
        Some(Ok(sheets)) => {
            let total = sheets.len();
            sheets
                .into_iter()
                .enumerate()
                .map(|(index, Sheet { svg, qr })| {
                    let number = (index + 1).to_string();
                    let heading = (total > 1).then(|| {
                        let total = total.to_string();
                        view! {
                            <p class="carton-qr__title">
                                {move || {
                                    fill(
                                        i18n.t(Key::CartonSheet),
                                        &[("count", &number), ("total", &total)],
                                    )
                                }}
                            </p>
                        }
                    });
                    view! {
                        <div class="carton-sheet" data-sheet=index + 1>
                            {heading}
                            <img
                                class="label-preview__image"
                                src=svg_data_url(&svg)
                                alt=i18n.tr(Key::CartonPreviewAlt)
                                data-testid="carton-preview-image"
                            />
                            <p class="carton-qr__title">{i18n.tr(Key::CartonQrText)}</p>
                            <pre class="zpl__code carton-qr__text" data-testid="carton-qr-text">
                                {qr}
                            </pre>
                        </div>
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    view! {
        <section
            class="label-preview carton-preview"
            data-testid="carton-preview"
            aria-label=i18n.tr(Key::JobPreview)
        >
            <h3 class="label-preview__title">{i18n.tr(Key::JobPreview)}</h3>
            {body}
        </section>
    }
}

/// What stands between the rows and saving them, shared by packing and changing a carton: the
/// rows' readiness for the signed-in role, and the reason MANAGEMENT gives for packing units that
/// have not passed (`overrideReason`, stored with the rows).
#[derive(Clone, Copy)]
pub struct SaveGate {
    pub lines: CartonLines,
    /// Whether the user may release units (MANAGEMENT, ADMIN).
    pub may_override: Signal<bool>,
    pub ready: Memo<Result<(), NotReady>>,
    /// A release is needed and the user gives it.
    pub releasing: Memo<bool>,
    pub override_reason: RwSignal<String>,
    pub override_issue: Signal<Option<Message>>,
}

impl SaveGate {
    pub fn new(lines: CartonLines) -> Self {
        let auth = use_auth();
        let may_override = Signal::derive(move || may_override(auth.role()));
        let releasing = Memo::new(move |_| lines.needs_release() && may_override.get());
        let override_reason = RwSignal::new(String::new());
        Self {
            lines,
            may_override,
            ready: Memo::new(move |_| lines.readiness(may_override.get())),
            releasing,
            override_reason,
            override_issue: Signal::derive(move || {
                releasing
                    .get()
                    .then(|| override_reason.with(|reason| reason_issue(reason)))
                    .flatten()
            }),
        }
    }

    /// Whether the rows may be sent now (untracked); the field rules are checked by the form.
    pub fn open(self) -> bool {
        self.ready.get_untracked().is_ok()
    }

    /// Whether the override reason passes its rules (untracked).
    pub fn reason_valid(self) -> bool {
        self.override_issue.with_untracked(Option::is_none)
    }

    /// The override reason to send: only when a release is needed and the user gives it.
    pub fn override_reason(self) -> Option<String> {
        if !self.releasing.get_untracked() {
            return None;
        }
        self.override_reason
            .with_untracked(|reason| Some(reason.trim().to_owned()).filter(|r| !r.is_empty()))
    }
}

/// The alerts of a [`SaveGate`]: a unit in another carton; units that have not passed (the
/// reason field for MANAGEMENT, for everyone else the hint to ask MANAGEMENT).
#[component]
pub fn CartonChecks(form: Form, gate: SaveGate) -> impl IntoView {
    let i18n = use_i18n();
    let lines = gate.lines;
    let blocked = move || {
        lines.blocked().then(|| {
            view! {
                <div class="alert alert--error" role="alert" data-testid="carton-blocked">
                    <p class="alert__title">{i18n.tr(Key::CartonBlocked)}</p>
                </div>
            }
        })
    };
    let release = move || {
        if !lines.needs_release() {
            return None;
        }
        Some(if gate.may_override.get() {
            view! {
                <div class="alert alert--warning carton-override" role="status" data-testid="carton-override">
                    <div class="alert__text">
                        <p class="alert__title">{i18n.tr(Key::CartonOverrideTitle)}</p>
                        <p class="alert__message">{i18n.tr(Key::CartonOverrideText)}</p>
                        <Field
                            form
                            name="overrideReason"
                            label=Key::CartonOverrideReason
                            value=gate.override_reason
                            issue=gate.override_issue
                            autocomplete="off"
                            testid="carton-override-reason"
                            required=true
                            maxlength=u32::try_from(REASON_MAX_CHARS).unwrap_or(u32::MAX)
                        />
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <div class="alert alert--warning" role="status" data-testid="carton-override-required">
                    <p class="alert__title">{i18n.tr(Key::CartonNeedsManagement)}</p>
                </div>
            }
            .into_any()
        })
    };
    view! {
        {blocked}
        {release}
    }
}

/// The page's form around a carton's rows: the order / delivery-note number, the mode switch with
/// the scan input or the manual choices, the rows; beside them the [`CartonChecks`], the page's
/// own fields and buttons (`children`) and the label preview. Packing and changing a carton use it.
#[component]
pub fn CartonLayout(
    form: Form,
    gate: SaveGate,
    lieferschein: RwSignal<String>,
    /// `data-testid` of the order / delivery-note input.
    lieferschein_testid: &'static str,
    children: Children,
) -> impl IntoView {
    let lines = gate.lines;
    view! {
        <form class="carton-form" novalidate node_ref=form.node() on:submit=|ev| ev.prevent_default()>
            <div class="inspect-layout carton-layout">
                <div class="carton-main">
                    // Enter (a scanned delivery note) moves on to the scan input.
                    <div
                        class="card carton-lieferschein"
                        on:keydown=move |ev| on_enter(&ev, || lines.focus())
                    >
                        <Field
                            form
                            name="lieferscheinNumber"
                            label=Key::CartonLieferschein
                            value=lieferschein
                            hint=Key::CartonLieferscheinHint
                            autocomplete="off"
                            testid=lieferschein_testid
                            maxlength=LIEFERSCHEIN_MAX_CHARS
                        />
                    </div>
                    <CartonAdder lines />
                    <CartonTable
                        lines=lines.lines()
                        row_testid="carton-row"
                        on_remove=move |key| {
                            lines.remove(key);
                            lines.focus();
                        }
                    />
                </div>
                <aside class="inspect-aside">
                    <div class="card inspect-actions inspect-actions--aside">
                        <CartonChecks form gate />
                        {children()}
                    </div>
                    <CartonPreview lines=lines.lines() />
                </aside>
            </div>
        </form>
    }
}

/// Why the save buttons are disabled, beside them.
#[component]
pub fn NotReadyHint(#[prop(into)] ready: Signal<Result<(), NotReady>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        ready.get().err().and_then(NotReady::hint).map(|key| {
            view! {
                <p class="muted carton-actions__hint" data-testid="carton-submit-hint">
                    {i18n.tr(key)}
                </p>
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use api_types::inspection::InspectionStatus;
    use api_types::packaging::{CartonRef, UnitRef};
    use api_types::{ErrorCode, FieldErrors};

    use super::*;

    fn entry(nummer: &str, serial: Option<&str>) -> CheckedEntry {
        CheckedEntry {
            artikelnummer: nummer.into(),
            artikelbezeichnung: format!("Artikel {nummer}"),
            menge: 1,
            serialnummer: serial.map(str::to_owned),
            unit: None,
            problem: None,
            message: None,
        }
    }

    fn unit(serial: &str, problem: Option<EntryProblem>, packed_in: Option<i64>) -> CheckedEntry {
        CheckedEntry {
            unit: Some(UnitRef {
                inspection_id: 7,
                product: "c2".into(),
                status: InspectionStatus::Passed,
                printable: problem.is_none(),
                packed_in: packed_in.map(|id| CartonRef {
                    id,
                    lieferschein_number: None,
                }),
            }),
            problem,
            message: problem.map(|_| "Meldung".to_owned()),
            ..entry("10300", Some(serial))
        }
    }

    #[test]
    fn repeated_serials_and_sources_are_refused() {
        let lines = vec![Line::new(
            unit("C2-0001", None, None),
            Some("SN: C2-0001".into()),
        )];
        let again = plan_addition(&lines, vec![unit("C2-0001", None, None)], None);
        assert!(again.fresh.is_empty());
        assert_eq!(again.duplicates, ["C2-0001"]);
        assert_eq!(
            addition_feedback(&again, "C2 C2-0001", Lang::De).1,
            Key::CartonAlreadyPacked
        );
        let rescanned = plan_addition(&lines, vec![entry("10035", None)], Some("SN: C2-0001"));
        assert!(rescanned.repeated && rescanned.fresh.is_empty());
        // Twice in one batch: the second is refused; lines without serial always join.
        let batch = plan_addition(
            &[],
            vec![
                entry("10370", Some("X1")),
                entry("10370", Some("X1")),
                entry("10035", None),
                entry("10035", None),
            ],
            None,
        );
        assert_eq!(batch.fresh.len(), 3);
        assert_eq!(batch.duplicates, ["X1"]);
        let (kind, key, _) = addition_feedback(&batch, "Zubehör", Lang::De);
        assert_eq!((kind, key), (FeedbackKind::Warning, Key::CartonAddedPartly));
    }

    #[test]
    fn confirmations_name_problems() {
        let ok = plan_addition(&[], vec![unit("C2-0002", None, None)], None);
        assert_eq!(
            addition_feedback(&ok, "C2 C2-0002", Lang::De),
            (
                FeedbackKind::Ok,
                Key::CartonAdded,
                vec![("title", "C2 C2-0002".to_owned())]
            )
        );
        let open = plan_addition(
            &[],
            vec![unit("C2-0003", Some(EntryProblem::NotPassed), None)],
            None,
        );
        let (kind, key, values) = addition_feedback(&open, "C2 C2-0003", Lang::De);
        assert_eq!(
            (kind, key),
            (FeedbackKind::Warning, Key::CartonAddedProblem)
        );
        assert_eq!(values[1], ("name", "nicht freigegeben".to_owned()));
        let elsewhere = plan_addition(
            &[],
            vec![unit(
                "C2-0004",
                Some(EntryProblem::PackedElsewhere),
                Some(12),
            )],
            None,
        );
        let (kind, _, values) = addition_feedback(&elsewhere, "C2 C2-0004", Lang::De);
        assert_eq!(kind, FeedbackKind::Error);
        assert!(values[1].1.contains("#12"), "{values:?}");
        let nothing = plan_addition(&[], vec![], Some("x"));
        assert_eq!(
            addition_feedback(&nothing, "x", Lang::De).0,
            FeedbackKind::Error
        );
    }

    #[test]
    fn units_of_the_carton_being_changed_are_not_elsewhere() {
        let here = in_own_carton(
            unit("C2-0005", Some(EntryProblem::PackedElsewhere), Some(3)),
            Some(3),
        );
        assert_eq!(here.problem, None);
        let there = in_own_carton(
            unit("C2-0005", Some(EntryProblem::PackedElsewhere), Some(4)),
            Some(3),
        );
        assert_eq!(there.problem, Some(EntryProblem::PackedElsewhere));
        let new_carton = in_own_carton(
            unit("C2-0005", Some(EntryProblem::PackedElsewhere), Some(3)),
            None,
        );
        assert_eq!(new_carton.problem, Some(EntryProblem::PackedElsewhere));
    }

    #[test]
    fn row_errors_go_to_their_rows() {
        let mut fields = FieldErrors::new();
        fields.insert("entries[2].serialnummer".into(), vec!["doppelt".into()]);
        fields.insert("entries[2].menge".into(), vec!["zu groß".into()]);
        fields.insert("entries[0]".into(), vec!["unbekannt".into()]);
        fields.insert("printerId".into(), vec!["deaktiviert".into()]);
        let error = ErrorBody::new(ErrorCode::ValidationError, "Ungültig").with_fields(fields);
        let (rows, rest) = entry_errors(error);
        assert_eq!(rows[&2].len(), 2);
        assert_eq!(rows[&0], ["unbekannt"]);
        let rest = rest.errors.unwrap_or_default();
        assert_eq!(rest.keys().collect::<Vec<_>>(), ["printerId"]);
        assert_eq!(entry_index("entries"), None);
        assert_eq!(entry_index("entries[x].menge"), None);
    }

    #[test]
    fn readiness_follows_problems_and_role() {
        let clean = vec![Line::new(entry("10035", None), None)];
        assert_eq!(readiness(&[], 0, false), Err(NotReady::Empty));
        assert_eq!(readiness(&clean, 1, false), Err(NotReady::Pending));
        assert_eq!(readiness(&clean, 0, false), Ok(()));
        let open = vec![Line::new(
            unit("C2-1", Some(EntryProblem::NotInspected), None),
            None,
        )];
        assert_eq!(readiness(&open, 0, false), Err(NotReady::NeedsManagement));
        assert_eq!(readiness(&open, 0, true), Ok(()));
        let elsewhere = vec![Line::new(
            unit("C2-2", Some(EntryProblem::PackedElsewhere), Some(1)),
            None,
        )];
        assert_eq!(
            readiness(&elsewhere, 0, true),
            Err(NotReady::PackedElsewhere)
        );
        assert!(may_override(Some(Role::Management)));
        assert!(!may_override(Some(Role::PrueferAb)));
        assert!(!may_override(None));
    }

    #[test]
    fn rows_print_in_carton_order_with_their_serials() {
        let lines = [
            Line::new(unit("C2-0001", None, None), None),
            Line::new(entry("10035", None), None),
            Line::new(entry("10035", Some("  ")), None),
        ];
        let sheets = carton_labels(lines.iter().map(Line::article).collect())
            .expect("rows")
            .expect("label");
        assert_eq!(sheets.len(), 1);
        assert_eq!(
            sheets[0].qr,
            "10300 - Artikel 10300 - 1 (C2-0001)\n10035 - Artikel 10035 - 1\n10035 - Artikel 10035 - 1"
        );
        assert!(sheets[0].svg.starts_with("<svg") || sheets[0].svg.starts_with("<?xml"));
        assert_eq!(lines[2].input().serialnummer, None);
        assert_eq!(carton_labels(Vec::new()), None);
    }

    #[test]
    fn a_large_carton_previews_every_label() {
        let lines: Vec<Line> = (0..30)
            .map(|n| Line::new(entry(&format!("{}", 10000 + n), None), None))
            .collect();
        let sheets = carton_labels(lines.iter().map(Line::article).collect())
            .expect("rows")
            .expect("labels");
        assert_eq!(sheets.len(), 2);
        assert!(sheets[1].qr.starts_with("10028 - "), "{}", sheets[1].qr);
        assert_eq!(label_formats("^XA^FDa^FS^XZ\n^XA^FDb^FS^XZ\n").len(), 2);
    }

    #[test]
    fn quantities_are_whole_positive_numbers() {
        assert_eq!(parse_menge(" 3 "), Some(3));
        assert_eq!(parse_menge("0"), None);
        assert_eq!(parse_menge("-1"), None);
        assert_eq!(parse_menge("1.5"), None);
        assert_eq!(parse_menge("10000"), None);
    }

    #[test]
    fn the_catalogue_is_grouped_in_form_order() {
        let article = |id, category, gruppe: &str, sort_order| ArticleDto {
            id,
            artikelnummer: format!("{id}"),
            artikelbezeichnung: format!("A{id}"),
            category,
            gruppe: gruppe.into(),
            has_serial: false,
            active: true,
            sort_order,
            updated_at: String::new(),
        };
        let groups = grouped(vec![
            article(1, ArticleCategory::Halterung, "Halterung KK", 1),
            article(2, ArticleCategory::Zubehoer, "Datenkabel", 2),
            article(3, ArticleCategory::Zubehoer, "Datenkabel", 1),
            article(4, ArticleCategory::Zubehoer, "C-Extender", 1),
        ]);
        let shape: Vec<(String, Vec<i64>)> = groups
            .into_iter()
            .map(|((_, gruppe), members)| (gruppe, members.iter().map(|a| a.id).collect()))
            .collect();
        assert_eq!(
            shape,
            [
                ("C-Extender".to_owned(), vec![4]),
                ("Datenkabel".to_owned(), vec![3, 2]),
                ("Halterung KK".to_owned(), vec![1]),
            ]
        );
    }
}
