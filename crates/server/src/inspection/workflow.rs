//! The two-inspector workflow, the same for every product line: A creates (and may correct until B
//! starts), B enters blind and sees the differences, B completes; the outcome follows from the
//! checks. Every change is one conditional update on the row's `version`, so concurrent actions on
//! the same unit cannot both win, and every change lands in the audit trail.

use api_types::FieldErrors;
use api_types::auth::Role;
use api_types::inspection::{
    Difference, InspectionStatus, InspectionSummary, ProductDefinition, Step, Values,
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use serde_json::{Map, Value, json};

use crate::auth::Principal;
use crate::auth::principal::Identity;
use crate::dashboard::daily;
use crate::entities::{inspection, inspection_event};
use crate::error::{ApiError, ApiResult};
use crate::services::users::rfc3339;
use crate::startup::AppState;
use crate::validation::Validator;

/// Today's date and year in the plant's time zone (the packaging date and production year).
pub fn plant_today(state: &AppState, now: DateTime<Utc>) -> (NaiveDate, String) {
    let local = now.with_timezone(&state.settings.plant_tz()).date_naive();
    (local, format!("{:04}", local.year()))
}

pub fn status_of(row: &inspection::Model) -> InspectionStatus {
    InspectionStatus::parse(&row.status).unwrap_or(InspectionStatus::AwaitingB)
}

fn parse_values(json: Option<&str>) -> Option<Values> {
    json.and_then(|j| serde_json::from_str(j).ok())
}

pub fn values_a(row: &inspection::Model) -> Values {
    parse_values(Some(&row.values_a)).unwrap_or_default()
}

pub fn values_b(row: &inspection::Model) -> Option<Values> {
    parse_values(row.values_b.as_deref())
}

/// The values that count: B's once complete, A's before.
pub fn final_values(row: &inspection::Model) -> Values {
    values_b(row).unwrap_or_else(|| values_a(row))
}

pub fn failed_checks(row: &inspection::Model) -> Vec<String> {
    row.failed_checks
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

pub fn differences(row: &inspection::Model) -> Vec<Difference> {
    row.differences
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

/// Passed, or failed with a MANAGEMENT override.
pub fn printable(row: &inspection::Model) -> bool {
    match status_of(row) {
        InspectionStatus::Passed => true,
        InspectionStatus::Failed => row.override_at.is_some(),
        _ => false,
    }
}

pub fn summary(row: &inspection::Model) -> InspectionSummary {
    InspectionSummary {
        id: row.id,
        product: row.product.clone(),
        serialnummer: row.serialnummer.clone(),
        status: status_of(row),
        artikel_nummer: row.artikel_nummer.clone(),
        artikel_bezeichnung: row.artikel_bezeichnung.clone(),
        variant: row.variant.clone(),
        ba_nummer: row.ba_nummer.clone(),
        datum: row.datum.format("%Y-%m-%d").to_string(),
        produktionsjahr: row.produktionsjahr.clone(),
        pruefer_a: row.pruefer_a.clone(),
        pruefer_b: row.pruefer_b.clone(),
        a_at: rfc3339(row.a_at),
        b_at: row.b_at.map(rfc3339),
        failed_checks: failed_checks(row),
        overridden: row.override_at.is_some(),
        printable: printable(row),
        updated_at: rfc3339(row.updated_at),
    }
}

/// May `principal` see A's values of `row`? Always once complete; before, only A themselves,
/// MANAGEMENT and ADMIN (B enters blind).
pub fn may_see_values(principal: &Principal, row: &inspection::Model) -> bool {
    status_of(row).is_complete()
        || principal.role.can_view_dashboards()
        || (principal.user_id().is_some() && principal.user_id() == row.pruefer_a_id)
}

/// The record in the original's shape (`GET /api/<p>`): the original column names, `datum` as an
/// ISO timestamp at midnight UTC, plus `status`. Field values only when `with_values`.
pub fn item_json(
    definition: &ProductDefinition,
    row: &inspection::Model,
    with_values: bool,
) -> Map<String, Value> {
    let mut item = Map::new();
    item.insert("id".into(), json!(row.id));
    item.insert("serialnummer".into(), json!(row.serialnummer));
    item.insert("artikel_nummer".into(), json!(row.artikel_nummer));
    item.insert("artikel_bezeichnung".into(), json!(row.artikel_bezeichnung));
    item.insert(
        "datum".into(),
        json!(format!("{}T00:00:00.000Z", row.datum.format("%Y-%m-%d"))),
    );
    item.insert("produktionsjahr".into(), json!(row.produktionsjahr));
    item.insert("pruefer_a".into(), json!(row.pruefer_a));
    item.insert("pruefer_b".into(), json!(row.pruefer_b));
    item.insert("status".into(), json!(row.status));
    if with_values {
        let values = final_values(row);
        for field in &definition.fields {
            let value = values.get(&field.key).cloned().unwrap_or(Value::Null);
            item.insert(field.key.clone(), value);
        }
    } else {
        item.insert("valuesHidden".into(), json!(true));
    }
    item.insert("ba_nummer".into(), json!(row.ba_nummer));
    item
}

/// Inspectors are people: the logged-in user, never a name from the request or an API token.
fn person(principal: &Principal) -> ApiResult<(i64, String)> {
    match &principal.identity {
        Identity::User { id, username, .. } => Ok((*id, username.clone())),
        Identity::Token { .. } => Err(ApiError::Forbidden(
            "Prüfungen erfasst eine angemeldete Person, kein API-Token".into(),
        )),
    }
}

fn text(values: &Values, key: &str) -> Option<String> {
    values.get(key).and_then(Value::as_str).map(str::to_string)
}

fn validation(
    step: Step,
    definition: &ProductDefinition,
    body: &Map<String, Value>,
) -> ApiResult<Values> {
    definition
        .validate(step, body)
        .map_err(ApiError::Validation)
}

async fn record(
    db: &impl ConnectionTrait,
    inspection_id: i64,
    action: &str,
    principal: &Principal,
    details: Value,
) -> Result<(), DbErr> {
    inspection_event::ActiveModel {
        inspection_id: Set(inspection_id),
        action: Set(action.to_string()),
        user_id: Set(principal.user_id()),
        username: Set(principal.actor()),
        details: Set(details.to_string()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(drop)
}

fn taken(definition: &ProductDefinition, serial: &str) -> ApiError {
    let mut fields = FieldErrors::new();
    fields.insert(
        "serialnummer".into(),
        vec![format!(
            "Seriennummer {serial} ist für {} bereits erfasst",
            definition.name
        )],
    );
    ApiError::ConflictFields(fields)
}

/// Prüfer A creates the record.
pub async fn create(
    state: &AppState,
    principal: &Principal,
    definition: &ProductDefinition,
    body: &Map<String, Value>,
) -> ApiResult<inspection::Model> {
    let (user_id, username) = person(principal)?;
    let values = validation(Step::A, definition, body)?;
    let serial = text(&values, "serialnummer").unwrap_or_default();
    let article = definition.article(&values);
    let now = Utc::now();
    let (datum, year) = plant_today(state, now);
    let tx = sea_orm::TransactionTrait::begin(&state.db).await?;
    let row = inspection::ActiveModel {
        product: Set(definition.key.clone()),
        serialnummer: Set(serial.clone()),
        status: Set(InspectionStatus::AwaitingB.as_str().into()),
        artikel_nummer: Set(article.map(|a| a.artikel_nummer.clone())),
        artikel_bezeichnung: Set(article.map(|a| a.artikel_bezeichnung.clone())),
        ba_nummer: Set(text(&values, "ba_nummer")),
        produktionsjahr: Set(year),
        datum: Set(datum),
        values_a: Set(serde_json::to_string(&values).unwrap_or_default()),
        variant: Set(super::products::variant(&definition.key, &values)),
        values_b: Set(None),
        differences: Set(None),
        failed_checks: Set(None),
        pruefer_a_id: Set(Some(user_id)),
        pruefer_a: Set(username),
        a_at: Set(now),
        pruefer_b_id: Set(None),
        pruefer_b: Set(None),
        b_started_at: Set(None),
        b_at: Set(None),
        override_by: Set(None),
        override_reason: Set(None),
        override_at: Set(None),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await
    .map_err(|e| match ApiError::from(e) {
        ApiError::Conflict(_) => taken(definition, &serial),
        other => other,
    })?;
    record(&tx, row.id, "created", principal, json!({"values": values})).await?;
    daily::moved(&tx, None, Some(&row)).await?;
    tx.commit().await?;
    state.dashboard.invalidate();
    Ok(row)
}

/// Prüfer A corrects their entry while B has not started.
pub async fn update_a(
    state: &AppState,
    principal: &Principal,
    definition: &ProductDefinition,
    row: inspection::Model,
    body: &Map<String, Value>,
) -> ApiResult<inspection::Model> {
    let (user_id, _) = person(principal)?;
    if Some(user_id) != row.pruefer_a_id && !principal.role.can_view_dashboards() {
        return Err(ApiError::Forbidden(
            "Nur Prüfer A dieser Einheit (oder MANAGEMENT) darf die Angaben ändern".into(),
        ));
    }
    if status_of(&row) != InspectionStatus::AwaitingB {
        return Err(ApiError::Conflict(
            "Prüfer B hat bereits begonnen; die Angaben von Prüfer A sind nicht mehr änderbar"
                .into(),
        ));
    }
    let values = validation(Step::A, definition, body)?;
    let serial = text(&values, "serialnummer").unwrap_or_default();
    let article = definition.article(&values);
    let before = values_a(&row);
    let changed: Vec<&String> = definition
        .fields
        .iter()
        .map(|f| &f.key)
        .filter(|k| before.get(*k) != values.get(*k))
        .collect();
    let now = Utc::now();
    let tx = sea_orm::TransactionTrait::begin(&state.db).await?;
    let result = inspection::Entity::update_many()
        .col_expr(
            inspection::Column::Serialnummer,
            Expr::value(serial.clone()),
        )
        .col_expr(
            inspection::Column::ValuesA,
            Expr::value(serde_json::to_string(&values).unwrap_or_default()),
        )
        .col_expr(
            inspection::Column::Variant,
            Expr::value(super::products::variant(&definition.key, &values)),
        )
        .col_expr(
            inspection::Column::ArtikelNummer,
            Expr::value(article.map(|a| a.artikel_nummer.clone())),
        )
        .col_expr(
            inspection::Column::ArtikelBezeichnung,
            Expr::value(article.map(|a| a.artikel_bezeichnung.clone())),
        )
        .col_expr(
            inspection::Column::BaNummer,
            Expr::value(text(&values, "ba_nummer")),
        )
        .col_expr(inspection::Column::Version, Expr::value(row.version + 1))
        .col_expr(inspection::Column::UpdatedAt, Expr::value(now))
        .filter(inspection::Column::Id.eq(row.id))
        .filter(inspection::Column::Version.eq(row.version))
        .filter(inspection::Column::Status.eq(InspectionStatus::AwaitingB.as_str()))
        .exec(&tx)
        .await
        .map_err(|e| match ApiError::from(e) {
            ApiError::Conflict(_) => taken(definition, &serial),
            other => other,
        })?;
    if result.rows_affected != 1 {
        return Err(ApiError::Conflict(
            "Die Einheit wurde inzwischen geändert oder Prüfer B hat begonnen; bitte neu laden"
                .into(),
        ));
    }
    record(
        &tx,
        row.id,
        "a_updated",
        principal,
        json!({"changed": changed}),
    )
    .await?;
    counted(&tx, &row).await?;
    tx.commit().await?;
    state.dashboard.invalidate();
    reload(state, row.id).await
}

/// Two different people inspect a unit, unless an admin relaxed the rule.
fn two_person_rule(
    state: &AppState,
    principal: &Principal,
    row: &inspection::Model,
) -> ApiResult<()> {
    let (user_id, _) = person(principal)?;
    if Some(user_id) == row.pruefer_a_id && !state.settings.inspection.allow_same_inspector {
        return Err(ApiError::Forbidden(
            "Vier-Augen-Prinzip: Prüfer B muss eine andere Person sein als Prüfer A".into(),
        ));
    }
    Ok(())
}

fn open_for_b(row: &inspection::Model) -> ApiResult<()> {
    match status_of(row) {
        InspectionStatus::AwaitingB | InspectionStatus::InB => Ok(()),
        status => Err(ApiError::Conflict(format!(
            "Die Prüfung ist bereits abgeschlossen ({}); für ein weiteres Etikett bitte nachdrucken",
            status.label_de()
        ))),
    }
}

/// B's blind entry compared with A's: the differences and the checks that would fail. Marks that
/// B has started (A can no longer change the record).
pub async fn compare(
    state: &AppState,
    principal: &Principal,
    definition: &ProductDefinition,
    row: &inspection::Model,
    body: &Map<String, Value>,
) -> ApiResult<(Vec<Difference>, Vec<String>)> {
    open_for_b(row)?;
    two_person_rule(state, principal, row)?;
    let values = validation(Step::B, definition, body)?;
    let differences = definition.differences(&values_a(row), &values);
    let failed = definition
        .failed_checks(&values)
        .into_iter()
        .map(|f| f.key.clone())
        .collect();
    if status_of(row) == InspectionStatus::AwaitingB {
        let now = Utc::now();
        let tx = sea_orm::TransactionTrait::begin(&state.db).await?;
        let started = inspection::Entity::update_many()
            .col_expr(
                inspection::Column::Status,
                Expr::value(InspectionStatus::InB.as_str()),
            )
            .col_expr(inspection::Column::BStartedAt, Expr::value(now))
            .col_expr(inspection::Column::Version, Expr::value(row.version + 1))
            .col_expr(inspection::Column::UpdatedAt, Expr::value(now))
            .filter(inspection::Column::Id.eq(row.id))
            .filter(inspection::Column::Status.eq(InspectionStatus::AwaitingB.as_str()))
            .exec(&tx)
            .await?;
        if started.rows_affected == 1 {
            record(&tx, row.id, "b_started", principal, json!({})).await?;
            counted(&tx, row).await?;
        }
        tx.commit().await?;
        state.dashboard.invalidate();
    }
    Ok((differences, failed))
}

/// B completes: stores B's values, the differences and the outcome. A concurrent completion of the
/// same unit gets 409.
pub async fn complete(
    state: &AppState,
    principal: &Principal,
    definition: &ProductDefinition,
    row: &inspection::Model,
    body: &Map<String, Value>,
) -> ApiResult<inspection::Model> {
    open_for_b(row)?;
    two_person_rule(state, principal, row)?;
    let (user_id, username) = person(principal)?;
    let values = validation(Step::B, definition, body)?;
    let differences = definition.differences(&values_a(row), &values);
    let failed: Vec<String> = definition
        .failed_checks(&values)
        .into_iter()
        .map(|f| f.key.clone())
        .collect();
    let status = if failed.is_empty() {
        InspectionStatus::Passed
    } else {
        InspectionStatus::Failed
    };
    // B's values are the unit's final data: article and packaging date follow them.
    let mut merged = values_a(row);
    merged.extend(values.clone());
    let article = definition.article(&merged);
    let now = Utc::now();
    let (datum, year) = plant_today(state, now);
    let tx = sea_orm::TransactionTrait::begin(&state.db).await?;
    let result = inspection::Entity::update_many()
        .col_expr(inspection::Column::Status, Expr::value(status.as_str()))
        .col_expr(
            inspection::Column::ValuesB,
            Expr::value(serde_json::to_string(&merged).unwrap_or_default()),
        )
        .col_expr(
            inspection::Column::Variant,
            Expr::value(super::products::variant(&definition.key, &merged)),
        )
        .col_expr(
            inspection::Column::Differences,
            Expr::value(serde_json::to_string(&differences).unwrap_or_default()),
        )
        .col_expr(
            inspection::Column::FailedChecks,
            Expr::value(serde_json::to_string(&failed).unwrap_or_default()),
        )
        .col_expr(
            inspection::Column::ArtikelNummer,
            Expr::value(article.map(|a| a.artikel_nummer.clone())),
        )
        .col_expr(
            inspection::Column::ArtikelBezeichnung,
            Expr::value(article.map(|a| a.artikel_bezeichnung.clone())),
        )
        .col_expr(
            inspection::Column::BaNummer,
            Expr::value(text(&merged, "ba_nummer")),
        )
        .col_expr(inspection::Column::Datum, Expr::value(datum))
        .col_expr(inspection::Column::Produktionsjahr, Expr::value(year))
        .col_expr(inspection::Column::PrueferBId, Expr::value(user_id))
        .col_expr(inspection::Column::PrueferB, Expr::value(username))
        .col_expr(
            inspection::Column::BStartedAt,
            Expr::value(row.b_started_at.unwrap_or(now)),
        )
        .col_expr(inspection::Column::BAt, Expr::value(now))
        .col_expr(inspection::Column::Version, Expr::value(row.version + 1))
        .col_expr(inspection::Column::UpdatedAt, Expr::value(now))
        .filter(inspection::Column::Id.eq(row.id))
        .filter(inspection::Column::Version.eq(row.version))
        .filter(inspection::Column::Status.is_in([
            InspectionStatus::AwaitingB.as_str(),
            InspectionStatus::InB.as_str(),
        ]))
        .exec(&tx)
        .await?;
    if result.rows_affected != 1 {
        return Err(ApiError::Conflict(
            "Die Einheit wurde gleichzeitig von jemand anderem abgeschlossen oder geändert".into(),
        ));
    }
    record(
        &tx,
        row.id,
        "completed",
        principal,
        json!({"status": status.as_str(), "differences": differences.len(), "failedChecks": failed}),
    )
    .await?;
    // The unit moves from A's packaging day to B's.
    counted(&tx, row).await?;
    tx.commit().await?;
    state.dashboard.invalidate();
    reload(state, row.id).await
}

/// MANAGEMENT allows the label of a failed unit, with a reason.
pub async fn override_failed(
    state: &AppState,
    principal: &Principal,
    row: &inspection::Model,
    reason: &str,
) -> ApiResult<inspection::Model> {
    let mut v = Validator::new();
    let reason = v.reason("reason", Some(reason), true, "Begründung erforderlich");
    v.finish()?;
    let reason = reason.unwrap_or_default();
    let reason = reason.as_str();
    if status_of(row) != InspectionStatus::Failed || row.override_at.is_some() {
        return Err(ApiError::Conflict(
            "Freigeben lässt sich nur eine nicht bestandene, noch nicht freigegebene Prüfung"
                .into(),
        ));
    }
    let now = Utc::now();
    let tx = sea_orm::TransactionTrait::begin(&state.db).await?;
    let result = inspection::Entity::update_many()
        .col_expr(
            inspection::Column::OverrideBy,
            Expr::value(principal.actor()),
        )
        .col_expr(inspection::Column::OverrideReason, Expr::value(reason))
        .col_expr(inspection::Column::OverrideAt, Expr::value(now))
        .col_expr(inspection::Column::Version, Expr::value(row.version + 1))
        .col_expr(inspection::Column::UpdatedAt, Expr::value(now))
        .filter(inspection::Column::Id.eq(row.id))
        .filter(inspection::Column::Version.eq(row.version))
        .exec(&tx)
        .await?;
    if result.rows_affected != 1 {
        return Err(ApiError::Conflict(
            "Die Prüfung wurde inzwischen geändert".into(),
        ));
    }
    record(
        &tx,
        row.id,
        "overridden",
        principal,
        json!({"reason": reason}),
    )
    .await?;
    counted(&tx, row).await?;
    tx.commit().await?;
    state.dashboard.invalidate();
    reload(state, row.id).await
}

/// Moves `row` (as read before this transaction's change) to the daily count of its new state.
async fn counted(tx: &sea_orm::DatabaseTransaction, row: &inspection::Model) -> ApiResult<()> {
    let now = inspection::Entity::find_by_id(row.id).one(tx).await?;
    daily::moved(tx, Some(row), now.as_ref()).await?;
    Ok(())
}

/// Notes in the trail that a label was queued.
pub async fn note_print(
    state: &AppState,
    principal: &Principal,
    row: &inspection::Model,
    job_id: i64,
    reason: Option<&str>,
) -> ApiResult<()> {
    record(
        &state.db,
        row.id,
        "print_requested",
        principal,
        json!({"jobId": job_id, "reason": reason}),
    )
    .await?;
    Ok(())
}

pub async fn reload(state: &AppState, id: i64) -> ApiResult<inspection::Model> {
    inspection::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Prüfung nicht gefunden".into()))
}

/// The record of `serial` for `product`.
pub async fn find_by_serial(
    state: &AppState,
    product: &str,
    serial: &str,
) -> ApiResult<Option<inspection::Model>> {
    Ok(inspection::Entity::find()
        .filter(inspection::Column::Product.eq(product))
        .filter(inspection::Column::Serialnummer.eq(serial))
        .one(&state.db)
        .await?)
}

/// MANAGEMENT and ADMIN may override a failed inspection.
pub fn may_override(role: Role) -> bool {
    role.can_view_dashboards()
}
