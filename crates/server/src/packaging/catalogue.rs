//! The article catalogue: accessories and mounts with their exact descriptions, editable by admins
//! so a new accessory needs no release. Articles are deactivated, never deleted: stored labels keep
//! the description they were printed with.

use std::collections::HashMap;

use api_types::packaging::{ArticleCategory, ArticleDto, ArticleRequest};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set,
};

use crate::auth::Principal;
use crate::entities::article;
use crate::error::{ApiError, ApiResult};
use crate::services::users::rfc3339;
use crate::startup::AppState;
use crate::validation::Validator;

pub fn to_dto(row: &article::Model) -> ArticleDto {
    ArticleDto {
        id: row.id,
        artikelnummer: row.artikelnummer.clone(),
        artikelbezeichnung: row.artikelbezeichnung.clone(),
        category: ArticleCategory::parse(&row.category).unwrap_or(ArticleCategory::Zubehoer),
        gruppe: row.gruppe.clone(),
        has_serial: row.has_serial,
        active: row.active,
        sort_order: row.sort_order,
        updated_at: rfc3339(row.updated_at),
    }
}

/// The catalogue in form order: category, then sort order, then article number.
pub async fn list(
    state: &AppState,
    category: Option<ArticleCategory>,
    active_only: bool,
) -> ApiResult<Vec<article::Model>> {
    let mut select = article::Entity::find();
    if let Some(category) = category {
        select = select.filter(article::Column::Category.eq(category.as_str()));
    }
    if active_only {
        select = select.filter(article::Column::Active.eq(true));
    }
    Ok(select
        .order_by_asc(article::Column::Category)
        .order_by_asc(article::Column::SortOrder)
        .order_by_asc(article::Column::Artikelnummer)
        .all(&state.db)
        .await?)
}

/// Every article by number (the catalogue is small).
pub async fn by_number(state: &AppState) -> ApiResult<HashMap<String, article::Model>> {
    Ok(list(state, None, false)
        .await?
        .into_iter()
        .map(|row| (row.artikelnummer.clone(), row))
        .collect())
}

const NUMBER_MAX: usize = 40;
const DESCRIPTION_MAX: usize = 200;
const GROUP_MAX: usize = 60;

/// The request's values, checked; `existing` supplies what an update leaves out.
fn checked(
    body: &ArticleRequest,
    existing: Option<&article::Model>,
) -> ApiResult<(String, String, ArticleCategory, String, bool, bool, i32)> {
    let mut v = Validator::new();
    let or = |value: &Option<String>, old: Option<&String>| {
        value.clone().or_else(|| old.cloned()).unwrap_or_default()
    };
    let number = or(&body.artikelnummer, existing.map(|e| &e.artikelnummer));
    let number = v.text(
        "artikelnummer",
        Some(&number),
        true,
        NUMBER_MAX,
        "Artikelnummer",
    );
    if let Some(n) = &number
        && !n
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    {
        v.add(
            "artikelnummer",
            "Nur Buchstaben, Ziffern und - _ . / erlaubt",
        );
    }
    let description = or(
        &body.artikelbezeichnung,
        existing.map(|e| &e.artikelbezeichnung),
    );
    let description = v.text(
        "artikelbezeichnung",
        Some(&description),
        true,
        DESCRIPTION_MAX,
        "Artikelbezeichnung",
    );
    let category = or(&body.category, existing.map(|e| &e.category));
    let category = match ArticleCategory::parse(category.trim()) {
        Some(c) => Some(c),
        None => {
            v.add("category", "Kategorie zubehoer oder halterung wählen");
            None
        }
    };
    let group = or(&body.gruppe, existing.map(|e| &e.gruppe));
    let group = v.text("gruppe", Some(&group), true, GROUP_MAX, "Gruppe");
    let sort_order = body
        .sort_order
        .or(existing.map(|e| e.sort_order))
        .unwrap_or(0);
    if !(-100_000..=100_000).contains(&sort_order) {
        v.add(
            "sortOrder",
            "Reihenfolge muss zwischen -100000 und 100000 liegen",
        );
    }
    v.finish()?;
    Ok((
        number.unwrap_or_default(),
        description.unwrap_or_default(),
        category.unwrap_or(ArticleCategory::Zubehoer),
        group.unwrap_or_default(),
        body.has_serial
            .or(existing.map(|e| e.has_serial))
            .unwrap_or(false),
        body.active.or(existing.map(|e| e.active)).unwrap_or(true),
        sort_order,
    ))
}

async fn ensure_unique(state: &AppState, number: &str, except: Option<i64>) -> ApiResult<()> {
    let clash = article::Entity::find()
        .filter(article::Column::Artikelnummer.eq(number))
        .one(&state.db)
        .await?;
    match clash {
        Some(row) if Some(row.id) != except => Err(ApiError::ConflictFields(
            [(
                "artikelnummer".to_string(),
                vec![format!("Artikelnummer {number} ist bereits im Katalog")],
            )]
            .into(),
        )),
        _ => Ok(()),
    }
}

pub async fn create(
    state: &AppState,
    principal: &Principal,
    body: &ArticleRequest,
) -> ApiResult<article::Model> {
    let (number, description, category, group, has_serial, active, sort_order) =
        checked(body, None)?;
    ensure_unique(state, &number, None).await?;
    let now = Utc::now();
    Ok(article::ActiveModel {
        artikelnummer: Set(number),
        artikelbezeichnung: Set(description),
        category: Set(category.as_str().to_string()),
        gruppe: Set(group),
        has_serial: Set(has_serial),
        active: Set(active),
        sort_order: Set(sort_order),
        created_at: Set(now),
        updated_at: Set(now),
        updated_by: Set(Some(principal.actor())),
        ..Default::default()
    }
    .insert(&state.db)
    .await?)
}

pub async fn update(
    state: &AppState,
    principal: &Principal,
    id: i64,
    body: &ArticleRequest,
) -> ApiResult<article::Model> {
    let row = article::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or_else(|| ApiError::NotFound("Artikel nicht gefunden".into()))?;
    let (number, description, category, group, has_serial, active, sort_order) =
        checked(body, Some(&row))?;
    ensure_unique(state, &number, Some(id)).await?;
    let mut active_model = row.into_active_model();
    active_model.artikelnummer = Set(number);
    active_model.artikelbezeichnung = Set(description);
    active_model.category = Set(category.as_str().to_string());
    active_model.gruppe = Set(group);
    active_model.has_serial = Set(has_serial);
    active_model.active = Set(active);
    active_model.sort_order = Set(sort_order);
    active_model.updated_at = Set(Utc::now());
    active_model.updated_by = Set(Some(principal.actor()));
    Ok(active_model.update(&state.db).await?)
}
