//! Outer cartons: lines from scans or manual choice, each product serial checked against its
//! inspection (a unit that has not passed is packed only with a MANAGEMENT override, a unit is in
//! one carton only), stored, printed through the queue, changed with a reprint, and found again by
//! delivery note or by a contained serial.

use std::collections::HashMap;

use api_types::inspection::InspectionStatus;
use api_types::packaging::{
    CartonDto, CartonEntryDto, CartonRef, CartonRequest, CartonUpdateRequest, CheckedEntry,
    EntryProblem, PackItem, PackItemInput, ScanResponse, UnitRef,
};
use api_types::printing::JobKind;
use chrono::Utc;
use labels::packaging::{Article, OuterKartonLabel};
use labels::scan::{ScanFormat, ScanResult, parse_scan};
use labels::zpl::Mode;
use sea_orm::sea_query::{Condition, Expr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Select, Set, TransactionTrait,
};

use super::{catalogue, contains_text, lines, zubehoer};
use crate::auth::Principal;
use crate::entities::{article, inspection, outer_carton, outer_carton_entry, print_job, printer};
use crate::error::{ApiError, ApiResult};
use crate::inspection::workflow;
use crate::printing::jobs;
use crate::printing::labels::{self as print_labels, Label};
use crate::services::users::rfc3339;
use crate::startup::AppState;
use crate::validation::Validator;

const LIEFERSCHEIN_MAX: usize = 100;

/// The print-job reference of a carton's label.
pub fn reference(id: i64) -> String {
    format!("outerkarton:{id}")
}

/// Releases already given in a carton: inspection id → (reason, by whom).
type Released = HashMap<i64, (String, String)>;

/// A stored carton with its lines in packing order.
pub struct Carton {
    pub row: outer_carton::Model,
    pub entries: Vec<outer_carton_entry::Model>,
}

fn entry_dto(row: &outer_carton_entry::Model) -> CartonEntryDto {
    CartonEntryDto {
        id: row.id,
        outer_karton_id: row.outer_karton_id,
        artikelnummer: row.artikelnummer.clone(),
        artikelbezeichnung: row.artikelbezeichnung.clone(),
        menge: u32::try_from(row.menge).unwrap_or(1),
        serialnummer: row.serialnummer.clone(),
        inspection_id: row.inspection_id,
        override_reason: row.override_reason.clone(),
        override_by: row.override_by.clone(),
    }
}

pub fn to_dto(carton: &Carton, last_job: Option<&print_job::Model>) -> CartonDto {
    CartonDto {
        id: carton.row.id,
        lieferschein_number: carton.row.lieferschein_number.clone(),
        created_at: rfc3339(carton.row.created_at),
        created_by: carton.row.created_by.clone(),
        updated_at: rfc3339(carton.row.updated_at),
        version: carton.row.version,
        entries: carton.entries.iter().map(entry_dto).collect(),
        last_print_job: last_job.map(jobs::to_dto),
    }
}

/// The carton's label (§7.3, QR §6.3), several labels when the carton does not fit on one.
pub fn zpl(carton: &Carton) -> ApiResult<String> {
    let entries = carton
        .entries
        .iter()
        .map(|e| Article {
            artikelnummer: e.artikelnummer.clone(),
            artikelbezeichnung: e.artikelbezeichnung.clone(),
            menge: u32::try_from(e.menge).unwrap_or(1),
            serialnummer: e.serialnummer.clone(),
        })
        .collect();
    OuterKartonLabel::new(entries)
        .map_err(|e| super::label_error("Outer-Karton", e))?
        .zpl(Mode::Default)
        .map_err(|e| super::label_error("Outer-Karton", e))
}

// ---- What the server knows about a line ---------------------------------------------------------

/// A line checked against the unit records.
struct Checked {
    item: PackItem,
    unit: Option<inspection::Model>,
    packed_in: Option<CartonRef>,
    problem: Option<EntryProblem>,
}

fn status_words(status: InspectionStatus) -> &'static str {
    match status {
        InspectionStatus::AwaitingB => "wartet auf Prüfer B",
        InspectionStatus::InB => "bei Prüfer B",
        InspectionStatus::Passed => "bestanden",
        InspectionStatus::Failed => "nicht bestanden",
    }
}

impl Checked {
    fn message(&self) -> Option<String> {
        let serial = self.item.serialnummer.as_deref().unwrap_or_default();
        Some(match self.problem? {
            EntryProblem::NotPassed => format!(
                "Einheit {serial} ist nicht freigegeben ({}): verpacken nur mit Freigabe durch MANAGEMENT",
                self.unit
                    .as_ref()
                    .map_or("", |u| status_words(workflow::status_of(u)))
            ),
            EntryProblem::NotInspected => format!(
                "Zur Seriennummer {serial} gibt es keine Prüfung: verpacken nur mit Freigabe durch MANAGEMENT"
            ),
            EntryProblem::PackedElsewhere => {
                let carton = self.packed_in.as_ref();
                format!(
                    "Einheit {serial} ist bereits in Karton #{}{}",
                    carton.map_or(0, |c| c.id),
                    carton
                        .and_then(|c| c.lieferschein_number.as_deref())
                        .map(|n| format!(" (Lieferschein {n})"))
                        .unwrap_or_default()
                )
            }
        })
    }

    fn dto(&self) -> CheckedEntry {
        CheckedEntry {
            artikelnummer: self.item.artikelnummer.clone(),
            artikelbezeichnung: self.item.artikelbezeichnung.clone(),
            menge: self.item.menge,
            serialnummer: self.item.serialnummer.clone(),
            unit: self.unit.as_ref().map(|unit| UnitRef {
                inspection_id: unit.id,
                product: unit.product.clone(),
                status: workflow::status_of(unit),
                printable: workflow::printable(unit),
                packed_in: self.packed_in.clone(),
            }),
            problem: self.problem,
            message: self.message(),
        }
    }
}

/// Whether a line is an inspected unit: it has a serial and is not a catalogue article (the
/// C-Extender's serial is an accessory's).
fn is_unit(item: &PackItem, catalogue: &HashMap<String, article::Model>) -> bool {
    item.serialnummer.is_some() && !catalogue.contains_key(&item.artikelnummer)
}

/// Checks every unit line: known inspection, passed (or released), not in another carton than
/// `this_carton`. Two queries for the whole list.
async fn check(
    state: &AppState,
    items: Vec<PackItem>,
    catalogue: &HashMap<String, article::Model>,
    this_carton: Option<i64>,
) -> ApiResult<Vec<Checked>> {
    let serials: Vec<String> = items
        .iter()
        .filter(|item| is_unit(item, catalogue))
        .filter_map(|item| item.serialnummer.clone())
        .collect();
    let units = if serials.is_empty() {
        Vec::new()
    } else {
        inspection::Entity::find()
            .filter(inspection::Column::Serialnummer.is_in(serials))
            .order_by_asc(inspection::Column::Id)
            .all(&state.db)
            .await?
    };
    let ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let mut packed: HashMap<i64, CartonRef> = HashMap::new();
    if !ids.is_empty() {
        let rows = outer_carton_entry::Entity::find()
            .filter(outer_carton_entry::Column::InspectionId.is_in(ids))
            .find_also_related(outer_carton::Entity)
            .all(&state.db)
            .await?;
        for (entry, carton) in rows {
            if let (Some(unit), Some(carton)) = (entry.inspection_id, carton) {
                packed.insert(
                    unit,
                    CartonRef {
                        id: carton.id,
                        lieferschein_number: carton.lieferschein_number,
                    },
                );
            }
        }
    }
    Ok(items
        .into_iter()
        .map(|item| {
            if !is_unit(&item, catalogue) {
                return Checked {
                    item,
                    unit: None,
                    packed_in: None,
                    problem: None,
                };
            }
            let serial = item.serialnummer.as_deref();
            // The same serial may exist in two product lines: the article number decides.
            let candidates: Vec<&inspection::Model> = units
                .iter()
                .filter(|u| Some(u.serialnummer.as_str()) == serial)
                .collect();
            let unit = candidates
                .iter()
                .find(|u| u.artikel_nummer.as_deref() == Some(item.artikelnummer.as_str()))
                .or(candidates.first())
                .map(|u| (*u).clone());
            let packed_in = unit
                .as_ref()
                .and_then(|u| packed.get(&u.id))
                .filter(|c| Some(c.id) != this_carton)
                .cloned();
            let problem = match &unit {
                None => Some(EntryProblem::NotInspected),
                Some(_) if packed_in.is_some() => Some(EntryProblem::PackedElsewhere),
                Some(u) if !workflow::printable(u) => Some(EntryProblem::NotPassed),
                Some(_) => None,
            };
            Checked {
                item,
                unit,
                packed_in,
                problem,
            }
        })
        .collect())
}

/// Applies the packing rules to checked lines: a unit in another carton is refused (409); a unit
/// that has not passed or was never inspected needs `override_reason` (409 without, 403 for roles
/// other than MANAGEMENT and ADMIN). Lines in `released` (inspection ids released before in this
/// carton) keep their release.
fn enforce(
    checked: &[Checked],
    principal: &Principal,
    override_reason: Option<&str>,
    released: &Released,
) -> ApiResult<()> {
    let mut conflicts = api_types::FieldErrors::new();
    let mut needs_release = false;
    for (i, line) in checked.iter().enumerate() {
        let Some(problem) = line.problem else {
            continue;
        };
        let kept = line
            .unit
            .as_ref()
            .is_some_and(|u| released.contains_key(&u.id));
        let refused = match problem {
            EntryProblem::PackedElsewhere => true,
            EntryProblem::NotPassed | EntryProblem::NotInspected if kept => false,
            EntryProblem::NotPassed | EntryProblem::NotInspected => {
                needs_release = true;
                override_reason.is_none()
            }
        };
        if refused {
            conflicts
                .entry(format!("entries[{i}].serialnummer"))
                .or_default()
                .extend(line.message());
        }
    }
    if !conflicts.is_empty() {
        return Err(ApiError::ConflictFields(conflicts));
    }
    if needs_release && !workflow::may_override(principal.role) {
        return Err(ApiError::Forbidden(
            "Nur MANAGEMENT oder ADMIN dürfen nicht freigegebene Einheiten verpacken".into(),
        ));
    }
    Ok(())
}

// ---- Scans and lookups --------------------------------------------------------------------------

fn format_name(format: ScanFormat) -> &'static str {
    match format {
        ScanFormat::Zubehoer => "zubehoer",
        ScanFormat::HalterungMulti => "halterung_multi",
        ScanFormat::HalterungSingle => "halterung_single",
        ScanFormat::Product => "product",
        ScanFormat::OuterKarton => "outerkarton",
        ScanFormat::LegacyKeyValue => "legacy",
    }
}

/// The unit behind `serial` as a carton line (`None` when no product line knows it).
pub async fn unit_entry(state: &AppState, serial: &str) -> ApiResult<Option<CheckedEntry>> {
    let Some(unit) = inspection::Entity::find()
        .filter(inspection::Column::Serialnummer.eq(serial))
        .order_by_asc(inspection::Column::Id)
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let line = PackItem {
        artikelnummer: unit.artikel_nummer.clone().unwrap_or_default(),
        artikelbezeichnung: unit.artikel_bezeichnung.clone().unwrap_or_default(),
        menge: 1,
        serialnummer: Some(unit.serialnummer.clone()),
    };
    let catalogue = catalogue::by_number(state).await?;
    let mut checked = check(state, vec![line], &catalogue, None).await?;
    Ok(checked.pop().map(|c| c.dto()))
}

/// One scanned text, parsed by the label engine and resolved: a Zubehör label's lines come from
/// its stored record (C-Extender serial included), a product label without article number from its
/// unit. Unreadable texts and unknown references answer 422 on `text`.
pub async fn scan(state: &AppState, text: &str) -> ApiResult<ScanResponse> {
    let parsed = parse_scan(text).map_err(|e| ApiError::field("text", e.message_de()))?;
    let (format, source, items) = match parsed {
        ScanResult::Entries { format, entries } => {
            let source = match (format, entries.as_slice()) {
                (ScanFormat::Product, [one]) => format!(
                    "{} {}",
                    one.artikelbezeichnung,
                    one.serialnummer.as_deref().unwrap_or_default()
                ),
                (_, entries) => format!("{} Artikel", entries.len()),
            };
            (
                format_name(format),
                source,
                entries
                    .into_iter()
                    .map(super::pack_item)
                    .collect::<Vec<_>>(),
            )
        }
        ScanResult::ZubehoerLookup { lieferscheinnummer } => {
            let row = zubehoer::find_by_lieferschein(state, &lieferscheinnummer)
                .await?
                .ok_or_else(|| {
                    ApiError::field(
                        "text",
                        format!(
                            "Zubehör-Etikett zu Lieferschein {lieferscheinnummer} nicht gefunden"
                        ),
                    )
                })?;
            (
                "zubehoer",
                format!("Zubehör-Etikett {}", row.lieferscheinnummer),
                super::decode_items(&row.entries),
            )
        }
        ScanResult::SerialLookup { serialnummer, .. } => {
            let entry = unit_entry(state, &serialnummer).await?.ok_or_else(|| {
                ApiError::field(
                    "text",
                    format!("Zur Seriennummer {serialnummer} gibt es keine Prüfung"),
                )
            })?;
            return Ok(ScanResponse {
                success: true,
                format: "product".into(),
                source: format!("{} {serialnummer}", entry.artikelbezeichnung),
                entries: vec![entry],
            });
        }
    };
    let catalogue = catalogue::by_number(state).await?;
    let checked = check(state, items, &catalogue, None).await?;
    Ok(ScanResponse {
        success: true,
        format: format.into(),
        source,
        entries: checked.iter().map(Checked::dto).collect(),
    })
}

// ---- Create, change, print ----------------------------------------------------------------------

/// The checked contents of a create or change request.
struct Contents {
    lieferschein: Option<String>,
    checked: Vec<Checked>,
    override_reason: Option<String>,
}

async fn contents(
    state: &AppState,
    principal: &Principal,
    v: &mut Validator,
    entries: Option<&[PackItemInput]>,
    lieferschein: Option<&str>,
    override_reason: Option<&str>,
    this_carton: Option<(i64, &Released)>,
) -> ApiResult<Contents> {
    let catalogue = catalogue::by_number(state).await?;
    let lieferschein = v.text(
        "lieferscheinNumber",
        lieferschein,
        false,
        LIEFERSCHEIN_MAX,
        "Auftrags-/Lieferschein-Nummer",
    );
    let items = lines::carton_entries(v, entries, &catalogue);
    let override_reason = v.reason("overrideReason", override_reason, false, "");
    std::mem::take(v).finish()?;
    let checked = check(state, items, &catalogue, this_carton.map(|(id, _)| id)).await?;
    let empty = HashMap::new();
    enforce(
        &checked,
        principal,
        override_reason.as_deref(),
        this_carton.map_or(&empty, |(_, released)| released),
    )?;
    Ok(Contents {
        lieferschein,
        checked,
        override_reason,
    })
}

/// The entry rows of `contents` for carton `carton_id`.
fn entry_rows(
    carton_id: i64,
    contents: &Contents,
    principal: &Principal,
    released: &Released,
) -> Vec<outer_carton_entry::ActiveModel> {
    contents
        .checked
        .iter()
        .enumerate()
        .map(|(position, line)| {
            let unit = line.unit.as_ref().map(|u| u.id);
            let release = match (line.problem, unit.and_then(|u| released.get(&u))) {
                (Some(_), Some((reason, by))) => Some((reason.clone(), by.clone())),
                (Some(_), None) => contents
                    .override_reason
                    .clone()
                    .map(|reason| (reason, principal.actor())),
                (None, _) => None,
            };
            outer_carton_entry::ActiveModel {
                outer_karton_id: Set(carton_id),
                position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
                artikelnummer: Set(line.item.artikelnummer.clone()),
                artikelbezeichnung: Set(line.item.artikelbezeichnung.clone()),
                menge: Set(i32::try_from(line.item.menge).unwrap_or(1)),
                serialnummer: Set(line.item.serialnummer.clone()),
                inspection_id: Set(unit),
                override_reason: Set(release.as_ref().map(|(r, _)| r.clone())),
                override_by: Set(release.map(|(_, by)| by)),
                ..Default::default()
            }
        })
        .collect()
}

/// A unit packed concurrently into another carton lost the race at the unique index.
fn packed_meanwhile(error: sea_orm::DbErr) -> ApiError {
    match ApiError::from(error) {
        ApiError::Conflict(_) => ApiError::Conflict(
            "Eine Einheit wurde gleichzeitig in einen anderen Karton gepackt: bitte die Einträge neu prüfen"
                .into(),
        ),
        other => other,
    }
}

async fn insert_entries(
    db: &impl ConnectionTrait,
    rows: Vec<outer_carton_entry::ActiveModel>,
) -> ApiResult<()> {
    // One statement per 100 lines keeps every database's parameter limit far away.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(100).collect();
        outer_carton_entry::Entity::insert_many(chunk)
            .exec(db)
            .await
            .map_err(packed_meanwhile)?;
    }
    Ok(())
}

/// Stores a carton and, unless `skipPrint`, queues its label.
pub async fn create(
    state: &AppState,
    principal: &Principal,
    body: &CartonRequest,
) -> ApiResult<(Carton, Option<print_job::Model>)> {
    let mut v = Validator::new();
    let contents = contents(
        state,
        principal,
        &mut v,
        body.entries.as_deref(),
        body.lieferschein_number.as_deref(),
        body.override_reason.as_deref(),
        None,
    )
    .await?;
    let printer =
        print_labels::printer_unless_skipped(state, body.skip_print == Some(true), body.printer_id)
            .await?;
    let now = Utc::now();
    let tx = state.db.begin().await?;
    let row = outer_carton::ActiveModel {
        lieferschein_number: Set(contents.lieferschein.clone()),
        created_by: Set(principal.actor()),
        created_by_id: Set(principal.user_id()),
        created_at: Set(now),
        updated_at: Set(now),
        updated_by: Set(None),
        version: Set(1),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    insert_entries(
        &tx,
        entry_rows(row.id, &contents, principal, &HashMap::new()),
    )
    .await?;
    tx.commit().await?;
    state.dashboard.invalidate();
    let carton = load(state, row.id).await?;
    let job = match printer {
        Some(printer) => Some(print(state, principal, &carton, &printer, None).await?),
        None => None,
    };
    Ok((carton, job))
}

/// Replaces a carton's contents (optimistic: `version` must be current) with a reason, and queues
/// the changed label when a printer is given.
pub async fn update(
    state: &AppState,
    principal: &Principal,
    id: i64,
    body: &CartonUpdateRequest,
) -> ApiResult<(Carton, Option<print_job::Model>)> {
    let before = load(state, id).await?;
    let released: Released = before
        .entries
        .iter()
        .filter_map(|e| {
            Some((
                e.inspection_id?,
                (e.override_reason.clone()?, e.override_by.clone()?),
            ))
        })
        .collect();
    let mut v = Validator::new();
    let reason = v.reason(
        "reason",
        body.reason.as_deref(),
        true,
        "Grund der Änderung ist erforderlich",
    );
    let contents = contents(
        state,
        principal,
        &mut v,
        body.entries.as_deref(),
        body.lieferschein_number.as_deref(),
        body.override_reason.as_deref(),
        Some((id, &released)),
    )
    .await?;
    let printer = match body.printer_id {
        Some(printer_id) => Some(print_labels::enabled_printer(state, printer_id).await?),
        None => None,
    };
    let tx = state.db.begin().await?;
    let changed = outer_carton::Entity::update_many()
        .col_expr(
            outer_carton::Column::Version,
            Expr::col(outer_carton::Column::Version).add(1),
        )
        .col_expr(
            outer_carton::Column::LieferscheinNumber,
            Expr::value(contents.lieferschein.clone()),
        )
        .col_expr(outer_carton::Column::UpdatedAt, Expr::value(Utc::now()))
        .col_expr(
            outer_carton::Column::UpdatedBy,
            Expr::value(Some(principal.actor())),
        )
        .filter(outer_carton::Column::Id.eq(id))
        .filter(outer_carton::Column::Version.eq(body.version))
        .exec(&tx)
        .await?;
    if changed.rows_affected == 0 {
        return Err(ApiError::Conflict(
            "Der Karton wurde inzwischen geändert: bitte neu laden".into(),
        ));
    }
    outer_carton_entry::Entity::delete_many()
        .filter(outer_carton_entry::Column::OuterKartonId.eq(id))
        .exec(&tx)
        .await?;
    insert_entries(&tx, entry_rows(id, &contents, principal, &released)).await?;
    tx.commit().await?;
    let carton = load(state, id).await?;
    let job = match printer {
        Some(printer) => Some(print(state, principal, &carton, &printer, reason.as_deref()).await?),
        None => None,
    };
    Ok((carton, job))
}

/// Queues the carton's label; a label printed before needs a reason.
pub async fn print(
    state: &AppState,
    principal: &Principal,
    carton: &Carton,
    printer: &printer::Model,
    reason: Option<&str>,
) -> ApiResult<print_job::Model> {
    let title = match carton.row.lieferschein_number.as_deref() {
        Some(number) => format!("Karton #{} ({number})", carton.row.id),
        None => format!("Karton #{}", carton.row.id),
    };
    print_labels::queue(
        state,
        principal,
        printer,
        Label {
            kind: JobKind::Outerkarton,
            reference: reference(carton.row.id),
            title,
            zpl: zpl(carton)?,
            reason,
        },
    )
    .await
}

// ---- Reading -------------------------------------------------------------------------------------

pub async fn load(state: &AppState, id: i64) -> ApiResult<Carton> {
    let row = outer_carton::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Outer-Karton nicht gefunden".into()))?;
    let entries = outer_carton_entry::Entity::find()
        .filter(outer_carton_entry::Column::OuterKartonId.eq(id))
        .order_by_asc(outer_carton_entry::Column::Position)
        .all(&state.db)
        .await?;
    Ok(Carton { row, entries })
}

/// Cartons with their lines and newest jobs (three queries for the whole page).
/// `rows` with their lines in packing order (one query for all).
async fn with_lines(state: &AppState, rows: Vec<outer_carton::Model>) -> ApiResult<Vec<Carton>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut entries: HashMap<i64, Vec<outer_carton_entry::Model>> = HashMap::new();
    if !ids.is_empty() {
        for entry in outer_carton_entry::Entity::find()
            .filter(outer_carton_entry::Column::OuterKartonId.is_in(ids))
            .order_by_asc(outer_carton_entry::Column::OuterKartonId)
            .order_by_asc(outer_carton_entry::Column::Position)
            .all(&state.db)
            .await?
        {
            entries
                .entry(entry.outer_karton_id)
                .or_default()
                .push(entry);
        }
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let id = row.id;
            Carton {
                row,
                entries: entries.remove(&id).unwrap_or_default(),
            }
        })
        .collect())
}

async fn with_entries(
    state: &AppState,
    rows: Vec<outer_carton::Model>,
) -> ApiResult<Vec<CartonDto>> {
    let last =
        print_labels::last_jobs(state, rows.iter().map(|r| reference(r.id)).collect()).await?;
    Ok(with_lines(state, rows)
        .await?
        .iter()
        .map(|carton| to_dto(carton, last.get(&reference(carton.row.id))))
        .collect())
}

/// Page `page` (0-based) of `size` cartons of the filter, with their lines (exports).
pub async fn page_with_lines(
    state: &AppState,
    filter: &Filter,
    page: u64,
    size: u64,
) -> ApiResult<Vec<Carton>> {
    let rows = filtered(filter)
        .paginate(&state.db, size)
        .fetch_page(page)
        .await?;
    with_lines(state, rows).await
}

pub async fn dto(state: &AppState, carton: &Carton) -> ApiResult<CartonDto> {
    let last = print_labels::last_jobs(state, vec![reference(carton.row.id)]).await?;
    Ok(to_dto(carton, last.get(&reference(carton.row.id))))
}

/// History and search filters.
#[derive(Default)]
pub struct Filter {
    /// Free text: delivery note, or a line's article number, description or serial.
    pub q: Option<String>,
    /// Exact delivery note.
    pub lieferschein: Option<String>,
    /// Exact serial of a contained line.
    pub serialnummer: Option<String>,
    pub from: Option<chrono::DateTime<Utc>>,
    pub to: Option<chrono::DateTime<Utc>>,
    pub newest_first: bool,
}

fn filtered(filter: &Filter) -> Select<outer_carton::Entity> {
    let mut select = outer_carton::Entity::find();
    let lines_where = |condition: Condition| {
        outer_carton::Column::Id.in_subquery(
            Query::select()
                .column(outer_carton_entry::Column::OuterKartonId)
                .from(outer_carton_entry::Entity)
                .cond_where(condition)
                .to_owned(),
        )
    };
    let lines = contains_text(
        filter.q.as_deref(),
        &[
            outer_carton_entry::Column::Artikelnummer,
            outer_carton_entry::Column::Artikelbezeichnung,
            outer_carton_entry::Column::Serialnummer,
        ],
    );
    let number = contains_text(
        filter.q.as_deref(),
        &[outer_carton::Column::LieferscheinNumber],
    );
    if let (Some(number), Some(lines)) = (number, lines) {
        select = select.filter(Condition::any().add(number).add(lines_where(lines)));
    }
    if let Some(number) = filter.lieferschein.as_deref() {
        select = select.filter(outer_carton::Column::LieferscheinNumber.eq(number));
    }
    if let Some(serial) = filter.serialnummer.as_deref() {
        select = select.filter(lines_where(
            Condition::all().add(outer_carton_entry::Column::Serialnummer.eq(serial)),
        ));
    }
    if let Some(from) = filter.from {
        select = select.filter(outer_carton::Column::CreatedAt.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(outer_carton::Column::CreatedAt.lt(to));
    }
    if filter.newest_first {
        select.order_by_desc(outer_carton::Column::Id)
    } else {
        select.order_by_asc(outer_carton::Column::Id)
    }
}

/// One page of cartons matching `filter`, and how many match in all.
pub async fn list(
    state: &AppState,
    filter: &Filter,
    page: u64,
    limit: u64,
) -> ApiResult<(Vec<CartonDto>, u64)> {
    let paginator = filtered(filter).paginate(&state.db, limit);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page - 1).await?;
    Ok((with_entries(state, rows).await?, total))
}
