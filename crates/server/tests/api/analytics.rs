//! Analytics and exports against a hand-counted dataset in the plant's time zone (Europe/Berlin),
//! with completions around midnight on the first of a month in summer and in winter time.
//!
//! Counts follow the packaging day (the plant day B completed the unit, written by the workflow);
//! failed checks, differences and lead times the UTC hour of completion put into plant days here.
//! The dataset (C2 unless said otherwise; lead time = B's completion − A's record):
//!
//! | unit   | status           | A (UTC)            | B (UTC)            | plant month of B | lead    | failed checks     | A/B differ        |
//! |--------|------------------|--------------------|--------------------|------------------|---------|-------------------|-------------------|
//! | C2-7   | failed           | 2025-12-31 10:00   | 2025-12-31 23:30   | Jan (00:30 CET)  | 810 min | zoom_ok           |                   |
//! | C2-1   | passed           | 2026-03-31 20:00   | 2026-03-31 21:30   | Mar (23:30 CEST) | 90 min  |                   |                   |
//! | C2-2   | failed           | 2026-03-31 22:00   | 2026-03-31 22:30   | Apr (00:30 CEST) | 30 min  | hdmi_ok, web_ok   | konfiguration     |
//! | C2-3   | passed           | 2026-04-15 08:00   | 2026-04-15 12:00   | Apr              | 240 min |                   | software_version  |
//! | C2-4   | failed, released | 2026-04-20 08:00   | 2026-04-21 08:00   | Apr              | 1440 min| hdmi_ok           |                   |
//! | C2-5   | passed           | 2026-10-31 22:00   | 2026-10-31 23:30   | Nov (00:30 CET)  | 90 min  |                   |                   |
//! | C2-6   | awaiting B       | 2026-04-10 08:00   |                    |                  |         |                   |                   |
//! | CP-1   | passed (C Pro)   | 2026-04-02 06:00   | 2026-04-02 06:10   | Apr              | 10 min  |                   |                   |

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{DateTime, NaiveDate, Utc};
use etikettdrucker::entities::{inspection, print_job};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, TestResult};

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("time")
        .with_timezone(&Utc)
}

struct Unit {
    product: &'static str,
    serial: &'static str,
    status: &'static str,
    a: &'static str,
    b: Option<&'static str>,
    released: bool,
    failed: &'static [&'static str],
    differs: &'static [&'static str],
    variant: &'static str,
    artikel: &'static str,
    pruefer_a: &'static str,
    pruefer_b: Option<&'static str>,
}

const UNITS: [Unit; 8] = [
    Unit {
        product: "c2",
        serial: "C2-7",
        status: "failed",
        a: "2025-12-31T10:00:00Z",
        b: Some("2025-12-31T23:30:00Z"),
        released: false,
        failed: &["zoom_ok"],
        differs: &[],
        variant: "RC",
        artikel: "10082",
        pruefer_a: "dora",
        pruefer_b: Some("anna"),
    },
    Unit {
        product: "c2",
        serial: "C2-1",
        status: "passed",
        a: "2026-03-31T20:00:00Z",
        b: Some("2026-03-31T21:30:00Z"),
        released: false,
        failed: &[],
        differs: &[],
        variant: "RC",
        artikel: "10082",
        pruefer_a: "anna",
        pruefer_b: Some("bernd"),
    },
    Unit {
        product: "c2",
        serial: "C2-2",
        status: "failed",
        a: "2026-03-31T22:00:00Z",
        b: Some("2026-03-31T22:30:00Z"),
        released: false,
        failed: &["hdmi_ok", "web_ok"],
        differs: &["konfiguration"],
        variant: "DMG",
        artikel: "10052",
        pruefer_a: "anna",
        pruefer_b: Some("bernd"),
    },
    Unit {
        product: "c2",
        serial: "C2-3",
        status: "passed",
        a: "2026-04-15T08:00:00Z",
        b: Some("2026-04-15T12:00:00Z"),
        released: false,
        failed: &[],
        differs: &["software_version"],
        variant: "RC",
        artikel: "10082",
        pruefer_a: "carla",
        pruefer_b: Some("bernd"),
    },
    Unit {
        product: "c2",
        serial: "C2-4",
        status: "failed",
        a: "2026-04-20T08:00:00Z",
        b: Some("2026-04-21T08:00:00Z"),
        released: true,
        failed: &["hdmi_ok"],
        differs: &[],
        variant: "RC",
        artikel: "10082",
        pruefer_a: "anna",
        pruefer_b: Some("dora"),
    },
    Unit {
        product: "c2",
        serial: "C2-5",
        status: "passed",
        a: "2026-10-31T22:00:00Z",
        b: Some("2026-10-31T23:30:00Z"),
        released: false,
        failed: &[],
        differs: &[],
        variant: "RC",
        artikel: "10082",
        pruefer_a: "anna",
        pruefer_b: Some("bernd"),
    },
    Unit {
        product: "c2",
        serial: "C2-6",
        status: "awaiting_b",
        a: "2026-04-10T08:00:00Z",
        b: None,
        released: false,
        failed: &[],
        differs: &[],
        variant: "RC",
        artikel: "10082",
        pruefer_a: "carla",
        pruefer_b: None,
    },
    Unit {
        product: "cpro",
        serial: "CP-1",
        status: "passed",
        a: "2026-04-02T06:00:00Z",
        b: Some("2026-04-02T06:10:00Z"),
        released: false,
        failed: &[],
        differs: &[],
        variant: "TB_1",
        artikel: "10040",
        pruefer_a: "anna",
        pruefer_b: Some("bernd"),
    },
];

fn last_event(a: DateTime<Utc>, b: Option<DateTime<Utc>>) -> DateTime<Utc> {
    b.unwrap_or(a)
}

fn plant_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&chrono_tz::Europe::Berlin).date_naive()
}

/// Writes the dataset beside the workflow and counts the daily figures afresh, as after an import.
async fn insert_units(db: &DatabaseConnection) {
    for unit in &UNITS {
        let a = at(unit.a);
        let b = unit.b.map(at);
        let last = b.unwrap_or(a);
        let differences: Vec<Value> = unit
            .differs
            .iter()
            .map(|field| json!({"field": field, "labelDe": field, "labelEn": field, "a": "x", "b": "y"}))
            .collect();
        let bezeichnung = if unit.serial == "C2-3" {
            "Rotoclear C2; \"Spezial\""
        } else {
            "Steuerrechner fuer Rotoclear C2"
        };
        inspection::ActiveModel {
            product: Set(unit.product.into()),
            serialnummer: Set(unit.serial.into()),
            status: Set(unit.status.into()),
            artikel_nummer: Set(Some(unit.artikel.into())),
            artikel_bezeichnung: Set(Some(bezeichnung.into())),
            ba_nummer: Set(None),
            produktionsjahr: Set("2026".into()),
            // The packaging day: B's plant day once complete, A's before (as the workflow sets it).
            datum: Set(plant_day(last_event(a, b))),
            values_a: Set(json!({"serialnummer": unit.serial, "konfiguration": unit.variant}).to_string()),
            values_b: Set(b.map(|_| json!({"serialnummer": unit.serial, "konfiguration": unit.variant, "hdmi_ok": !unit.failed.contains(&"hdmi_ok")}).to_string())),
            differences: Set(b.map(|_| Value::Array(differences).to_string())),
            failed_checks: Set(b.map(|_| json!(unit.failed).to_string())),
            pruefer_a_id: Set(None),
            pruefer_a: Set(unit.pruefer_a.into()),
            a_at: Set(a),
            pruefer_b_id: Set(None),
            pruefer_b: Set(unit.pruefer_b.map(str::to_string)),
            b_started_at: Set(b),
            b_at: Set(b),
            override_by: Set(unit.released.then(|| "u_management".into())),
            override_reason: Set(unit.released.then(|| "Kosmetischer Fehler".into())),
            override_at: Set(unit.released.then_some(last)),
            variant: Set(Some(unit.variant.into())),
            version: Set(1),
            created_at: Set(a),
            updated_at: Set(last),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("insert unit");
    }
    etikettdrucker::dashboard::daily::rebuild(db)
        .await
        .expect("daily counts");
}

/// Print jobs: five in April 2026 on two printers (two reprints, one failure), one in 2025.
async fn insert_jobs(db: &DatabaseConnection) {
    let jobs = [
        (
            "Linie 1",
            "product",
            "printed",
            None,
            "2026-04-02T07:00:00Z",
        ),
        (
            "Linie 1",
            "product",
            "printed",
            Some("Etikett beschädigt"),
            "2026-04-03T07:00:00Z",
        ),
        (
            "Linie 1",
            "zubehoer",
            "printed",
            None,
            "2026-04-04T07:00:00Z",
        ),
        ("Linie 1", "product", "failed", None, "2026-04-05T07:00:00Z"),
        (
            "Linie 2",
            "outerkarton",
            "printed",
            Some("Etikett beschädigt"),
            "2026-04-06T07:00:00Z",
        ),
        (
            "Linie 2",
            "product",
            "printed",
            None,
            "2025-06-01T07:00:00Z",
        ),
    ];
    for (printer, kind, state, reason, created) in jobs {
        let created = at(created);
        print_job::ActiveModel {
            printer_id: Set(None),
            printer_name: Set(printer.into()),
            kind: Set(kind.into()),
            reference: Set(None),
            title: Set("Etikett".into()),
            zpl: Set("^XA^XZ".into()),
            copies: Set(1),
            state: Set(state.into()),
            attempts: Set(1),
            last_error: Set((state == "failed").then(|| "Verbindung abgelehnt".into())),
            next_attempt_at: Set(None),
            locked_by: Set(None),
            created_by: Set("anna".into()),
            created_by_id: Set(None),
            reason: Set(reason.map(str::to_string)),
            reprint_of: Set(None),
            created_at: Set(created),
            updated_at: Set(created),
            sent_at: Set(None),
            printed_at: Set((state == "printed").then_some(created)),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("insert job");
    }
}

async fn report(session: &Session, path: &str) -> Value {
    let response = session.get(path).await;
    let status = response.status();
    let body: Value = response.json().await.expect("json");
    assert_eq!(status, 200, "{path}: {body}");
    body["data"].clone()
}

const YEAR_C2: &str = "from=2026-01-01&to=2026-12-31&granularity=month&product=c2";

async fn seeded() -> (TestApp, Session) {
    let app = TestApp::spawn().await;
    let db = app.db().await;
    insert_units(&db).await;
    insert_jobs(&db).await;
    let management = app.login_as("MANAGEMENT").await;
    (app, management)
}

#[tokio::test]
async fn throughput_counts_completions_in_the_plants_months() -> TestResult {
    let (_app, management) = seeded().await;
    let data = report(&management, &format!("/api/analytics/throughput?{YEAR_C2}")).await;
    assert_eq!(data["scope"]["timeZone"], "Europe/Berlin");
    assert_eq!(data["scope"]["periods"].as_array().map(Vec::len), Some(12));
    assert_eq!(data["scope"]["periods"][3]["key"], "2026-04");
    assert_eq!(data["scope"]["periods"][3]["label"], "Apr. 2026");
    assert_eq!(
        data["total"],
        json!({"inspected": 6, "passed": 3, "failed": 3, "released": 1, "firstPassYield": 0.5})
    );
    assert_eq!(data["awaitingB"], 1);
    let month = |i: usize| {
        let p = &data["periods"][i];
        (
            p["key"].as_str().unwrap_or_default().to_owned(),
            p["inspected"].as_u64(),
            p["passed"].as_u64(),
            p["failed"].as_u64(),
            p["released"].as_u64(),
        )
    };
    // 00:30 on 1 January (winter time) is January, not December of the year before.
    assert_eq!(
        month(0),
        ("2026-01".into(), Some(1), Some(0), Some(1), Some(0))
    );
    // 23:30 on 31 March (summer time) stays in March; 00:30 on 1 April is April.
    assert_eq!(
        month(2),
        ("2026-03".into(), Some(1), Some(1), Some(0), Some(0))
    );
    assert_eq!(
        month(3),
        ("2026-04".into(), Some(3), Some(1), Some(2), Some(1))
    );
    // 00:30 on 1 November, after the clocks went back, is November.
    assert_eq!(
        month(9),
        ("2026-10".into(), Some(0), Some(0), Some(0), Some(0))
    );
    assert_eq!(
        month(10),
        ("2026-11".into(), Some(1), Some(1), Some(0), Some(0))
    );
    assert_eq!(
        data["periods"][3]["firstPassYield"].as_f64(),
        Some(1.0 / 3.0)
    );
    assert_eq!(data["periods"][1]["firstPassYield"], Value::Null);

    // All product lines: the C Pro unit joins April.
    let all = report(
        &management,
        "/api/analytics/throughput?from=2026-01-01&to=2026-12-31",
    )
    .await;
    assert_eq!(all["periods"][3]["inspected"], 4);
    assert_eq!(all["total"]["inspected"], 7);

    // Days around the boundary, and filters by variant and inspector.
    let days = report(
        &management,
        "/api/analytics/throughput?from=2026-03-31&to=2026-04-01&granularity=day&product=c2",
    )
    .await;
    assert_eq!(days["periods"][0]["key"], "2026-03-31");
    assert_eq!(days["periods"][0]["inspected"], 1);
    assert_eq!(days["periods"][1]["inspected"], 1);
    let dmg = report(
        &management,
        &format!("/api/analytics/throughput?{YEAR_C2}&variant=DMG"),
    )
    .await;
    assert_eq!(dmg["total"]["inspected"], 1);
    let dora = report(
        &management,
        &format!("/api/analytics/throughput?{YEAR_C2}&inspector=dora"),
    )
    .await;
    assert_eq!(dora["total"]["inspected"], 2);
    Ok(())
}

#[tokio::test]
async fn failures_disagreement_and_lead_time_match_the_hand_count() -> TestResult {
    let (_app, management) = seeded().await;
    let failures = report(&management, &format!("/api/analytics/failures?{YEAR_C2}")).await;
    assert_eq!(failures["inspected"], 6);
    assert_eq!(failures["failedUnits"], 3);
    assert_eq!(failures["failures"], 4);
    let checks: Vec<(String, u64, f64)> = failures["checks"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            (
                c["check"].as_str().unwrap_or_default().to_owned(),
                c["count"].as_u64().unwrap_or_default(),
                c["cumulativeShare"].as_f64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        checks,
        [
            ("hdmi_ok".to_owned(), 2, 0.5),
            ("web_ok".to_owned(), 1, 0.75),
            ("zoom_ok".to_owned(), 1, 1.0)
        ]
    );
    let hdmi = &failures["checks"][0];
    assert_eq!(hdmi["labelDe"], "HDMI-Verbindung funktioniert");
    assert_eq!(hdmi["rate"].as_f64(), Some(2.0 / 6.0));
    assert_eq!(hdmi["trend"][3], 2);
    assert_eq!(failures["checks"][2]["trend"][0], 1);

    let quality = report(
        &management,
        &format!("/api/analytics/disagreement?{YEAR_C2}"),
    )
    .await;
    assert_eq!(quality["inspected"], 6);
    assert_eq!(quality["withDifferences"], 2);
    let top: Vec<(String, u64, u64)> = quality["fields"]
        .as_array()
        .into_iter()
        .flatten()
        .take(2)
        .map(|f| {
            (
                f["field"].as_str().unwrap_or_default().to_owned(),
                f["compared"].as_u64().unwrap_or_default(),
                f["differing"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(top.len(), 2);
    assert!(top.contains(&("konfiguration".into(), 6, 1)), "{top:?}");
    assert!(top.contains(&("software_version".into(), 6, 1)), "{top:?}");
    assert_eq!(quality["fields"][2]["differing"], 0);

    let lead = report(&management, &format!("/api/analytics/lead-time?{YEAR_C2}")).await;
    // 30, 90, 90, 240, 810, 1440 minutes: median (3rd) 90, p90 (6th) 1440.
    assert_eq!(
        lead["total"],
        json!({"count": 6, "medianMinutes": 90, "p90Minutes": 1440})
    );
    // April: 30, 240, 1440.
    assert_eq!(
        lead["periods"][3],
        json!({"key": "2026-04", "count": 3, "medianMinutes": 240, "p90Minutes": 1440})
    );
    assert_eq!(
        lead["periods"][1],
        json!({"key": "2026-02", "count": 0, "medianMinutes": null, "p90Minutes": null})
    );
    let buckets: Vec<u64> = lead["buckets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["count"].as_u64())
        .collect();
    assert_eq!(buckets, [0, 1, 2, 2, 1, 0]);
    assert_eq!(lead["buckets"][0]["belowMinutes"], 15);
    assert_eq!(lead["buckets"][5]["belowMinutes"], Value::Null);
    Ok(())
}

#[tokio::test]
async fn work_per_inspector_and_label_figures() -> TestResult {
    let (_app, management) = seeded().await;
    let people = report(&management, &format!("/api/analytics/inspectors?{YEAR_C2}")).await;
    assert_eq!(people["perPersonFigures"], true);
    // By packaging day: C2-7, recorded by dora in 2025, was packaged (completed) on 1 January 2026.
    assert_eq!(
        people["inspectors"],
        json!([
            {"name": "anna", "a": 4, "b": 1},
            {"name": "bernd", "a": 0, "b": 4},
            {"name": "carla", "a": 2, "b": 0},
            {"name": "dora", "a": 1, "b": 1}
        ])
    );

    let labels = report(
        &management,
        "/api/analytics/labels?from=2026-04-01&to=2026-04-30",
    )
    .await;
    assert_eq!(labels["jobs"], 5);
    assert_eq!(labels["printed"], 4);
    assert_eq!(labels["failed"], 1);
    assert_eq!(labels["reprints"], 2);
    assert_eq!(
        labels["printedByKind"],
        json!([
            {"name": "product", "value": 2},
            {"name": "outerkarton", "value": 1},
            {"name": "zubehoer", "value": 1}
        ])
    );
    assert_eq!(
        labels["reprintsByReason"],
        json!([{"name": "Etikett beschädigt", "value": 2}])
    );
    assert_eq!(
        labels["printers"],
        json!([
            {"printer": "Linie 1", "jobs": 4, "printed": 3, "failed": 1},
            {"printer": "Linie 2", "jobs": 1, "printed": 1, "failed": 0}
        ])
    );
    Ok(())
}

#[tokio::test]
async fn bad_filters_get_a_message_per_field() -> TestResult {
    let app = TestApp::spawn().await;
    let management = app.login_as("MANAGEMENT").await;
    let response = management
        .get("/api/analytics/throughput?from=2026-13-01&granularity=year&product=c9")
        .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await?;
    for field in ["from", "granularity", "product"] {
        assert!(body["errors"][field].is_array(), "{field}: {body}");
    }
    let reversed = management
        .get("/api/analytics/failures?from=2026-05-01&to=2026-04-01")
        .await;
    assert_eq!(reversed.status(), 422);
    let body: Value = reversed.json().await?;
    assert!(body["errors"]["to"].is_array(), "{body}");
    let too_many = management
        .get("/api/analytics/lead-time?from=2020-01-01&to=2026-01-01&granularity=day")
        .await;
    assert_eq!(too_many.status(), 422);
    Ok(())
}

#[tokio::test]
async fn only_management_and_admins_read_analytics_and_exports() -> TestResult {
    let app = TestApp::spawn().await;
    for role in ["VIEWER", "PRUEFER_A", "PRUEFER_B", "PRUEFER_AB"] {
        let session = app.login_as(role).await;
        for path in [
            "/api/analytics/throughput",
            "/api/analytics/inspectors",
            "/api/inspections/export?format=csv",
            "/api/zubehoer/export",
            "/api/outerkarton/export",
            "/api/print-jobs/export",
        ] {
            assert_eq!(session.get(path).await.status(), 403, "{role} {path}");
        }
    }
    let admin = app.admin().await;
    assert_eq!(admin.get("/api/analytics/throughput").await.status(), 200);
    let management = app.login_as("MANAGEMENT").await;
    assert_eq!(management.get("/api/admin/system").await.status(), 403);
    Ok(())
}

#[tokio::test]
async fn per_person_figures_can_be_switched_off() -> TestResult {
    let app = TestApp::spawn_with(|s| s.analytics.per_person_figures = false).await;
    insert_units(&app.db().await).await;
    let management = app.login_as("MANAGEMENT").await;
    let people = report(&management, &format!("/api/analytics/inspectors?{YEAR_C2}")).await;
    assert_eq!(people["perPersonFigures"], false);
    assert_eq!(people["inspectors"], json!([]));
    let by_person = management
        .get(&format!(
            "/api/analytics/throughput?{YEAR_C2}&inspector=anna"
        ))
        .await;
    assert_eq!(by_person.status(), 422);
    let body: Value = by_person.json().await?;
    assert!(body["errors"]["inspector"].is_array(), "{body}");
    Ok(())
}

async fn download(session: &Session, path: &str) -> (String, Vec<u8>) {
    let response = session.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    let disposition = response
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.bytes().await.expect("body").to_vec();
    (disposition, bytes)
}

#[tokio::test]
async fn inspections_export_as_csv_and_xlsx_with_the_lists_filters() -> TestResult {
    let (_app, management) = seeded().await;
    let filter = "product=c2&completedFrom=2026-04-01&completedTo=2026-04-30";

    // The list and the export select the same units.
    let list = report(&management, &format!("/api/inspections?{filter}")).await;
    assert_eq!(list["pagination"]["total"], 3);

    let (disposition, bytes) = download(
        &management,
        &format!("/api/inspections/export?{filter}&format=csv"),
    )
    .await;
    assert!(disposition.contains("attachment"), "{disposition}");
    assert!(disposition.contains(".csv"), "{disposition}");
    assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 BOM");
    let text = String::from_utf8(bytes[3..].to_vec())?;
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(
        lines[0].starts_with("ID;Produktlinie;Seriennummer;Status;Freigegeben;Variante;"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].contains("HDMI-Verbindung funktioniert"),
        "product fields follow"
    );
    // Newest first: C2-4 (released after failing, 24 h), C2-3 (quoted name, 4 h), C2-2 (0,5 h).
    assert!(
        lines[1].contains(";C2-4;Nicht bestanden;ja;RC;"),
        "{}",
        lines[1]
    );
    assert!(
        lines[1].contains(";24;HDMI-Verbindung funktioniert;"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains(";\"Rotoclear C2; \"\"Spezial\"\"\";"),
        "{}",
        lines[2]
    );
    assert!(
        lines[3].contains(";0,5;HDMI-Verbindung funktioniert, Web funktioniert;konfiguration"),
        "{}",
        lines[3]
    );
    // Times in the plant's time zone: B of C2-2 was 00:30 on 1 April.
    assert!(lines[3].contains(";2026-04-01 00:30:00;"), "{}", lines[3]);

    let (_, english) = download(
        &management,
        &format!("/api/inspections/export?{filter}&format=csv&numbers=en"),
    )
    .await;
    assert!(
        String::from_utf8(english)?
            .contains(";0.5;HDMI-Verbindung funktioniert, Web funktioniert;")
    );

    let (disposition, bytes) = download(
        &management,
        &format!("/api/inspections/export?{filter}&format=xlsx"),
    )
    .await;
    assert!(disposition.contains(".xlsx"), "{disposition}");
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))?;
    let sheet = workbook.worksheet_range("Export")?;
    assert_eq!(sheet.height(), 4);
    assert_eq!(
        sheet.get((0, 2)),
        Some(&Data::String("Seriennummer".into()))
    );
    assert_eq!(sheet.get((1, 2)), Some(&Data::String("C2-4".into())));
    assert_eq!(sheet.get((3, 15)), Some(&Data::Float(0.5)));
    assert_eq!(
        sheet.get((2, 7)),
        Some(&Data::String("Rotoclear C2; \"Spezial\"".into()))
    );

    let bad = management
        .get("/api/inspections/export?format=pdf&completedFrom=gestern")
        .await;
    assert_eq!(bad.status(), 422);
    let body: Value = bad.json().await?;
    assert!(body["errors"]["format"].is_array(), "{body}");
    assert!(body["errors"]["completedFrom"].is_array(), "{body}");

    // Drill-down filters of the list: a failed check, a differing field.
    let hdmi = report(
        &management,
        "/api/inspections?product=c2&failedCheck=hdmi_ok",
    )
    .await;
    assert_eq!(hdmi["pagination"]["total"], 2);
    let differs = report(&management, "/api/inspections?differs=konfiguration").await;
    assert_eq!(differs["pagination"]["total"], 1);
    assert_eq!(differs["inspections"][0]["serialnummer"], "C2-2");
    Ok(())
}

#[tokio::test]
async fn packaging_and_print_job_exports() -> TestResult {
    let (app, management) = seeded().await;
    let worker = app.login_as("PRUEFER_AB").await;
    let label = worker
        .post(
            "/api/zubehoer",
            &json!({"lieferscheinnummer": "LS-EXP", "skipPrint": true,
                    "items": [{"artikelnummer": "10035", "menge": 2},
                              {"artikelnummer": "10370", "menge": 1, "serialnummer": "CX-9"}]}),
        )
        .await;
    assert_eq!(label.status(), 201);
    let carton = worker
        .post(
            "/api/outerkarton",
            &json!({"lieferscheinNumber": "A-EXP", "skipPrint": true,
                    "entries": [{"artikelnummer": "10035", "artikelbezeichnung": "Datenkabel; 10 m", "menge": 3}]}),
        )
        .await;
    assert_eq!(carton.status(), 201);

    let (_, bytes) = download(&management, "/api/zubehoer/export?q=LS-EXP").await;
    let text = String::from_utf8(bytes[3..].to_vec())?;
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("Etikett-ID;Erstellt;Lieferschein-Nr.;Artikelnummer;"));
    assert!(lines[1].contains(";LS-EXP;10035;"), "{}", lines[1]);
    assert!(lines[2].contains(";1;CX-9;"), "{}", lines[2]);

    let (_, bytes) = download(&management, "/api/outerkarton/export?q=A-EXP&format=xlsx").await;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))?;
    let sheet = workbook.worksheet_range("Export")?;
    assert_eq!(sheet.height(), 2);
    assert_eq!(sheet.get((1, 2)), Some(&Data::String("A-EXP".into())));
    assert_eq!(
        sheet.get((1, 5)),
        Some(&Data::String("Datenkabel; 10 m".into()))
    );
    assert_eq!(sheet.get((1, 6)), Some(&Data::Float(3.0)));

    let (_, bytes) = download(
        &management,
        "/api/print-jobs/export?state=failed&from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z",
    )
    .await;
    let text = String::from_utf8(bytes[3..].to_vec())?;
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains(";Linie 1;failed;"), "{}", lines[1]);
    assert!(lines[1].contains(";Verbindung abgelehnt;"), "{}", lines[1]);
    Ok(())
}

#[tokio::test]
async fn the_system_overview_shows_counts_schema_backup_and_queue() -> TestResult {
    let (app, _management) = seeded().await;
    let admin = app.admin().await;
    let overview = report(admin, "/api/admin/system").await;
    let count = |key: &str| {
        overview["counts"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|c| c["key"] == key)
            .and_then(|c| c["count"].as_u64())
    };
    assert_eq!(count("inspections.c2"), Some(7));
    assert_eq!(count("inspections.cpro"), Some(1));
    assert_eq!(count("print_jobs"), Some(6));
    assert!(count("users").is_some_and(|n| n >= 2));
    assert_eq!(overview["queue"]["failed"], 1);
    assert_eq!(overview["queue"]["printed"], 5);
    assert!(
        overview["schemaVersion"]
            .as_str()
            .is_some_and(|v| v.starts_with("m2026")),
        "{overview}"
    );
    assert!(overview["databaseBytes"].as_u64().is_some_and(|n| n > 0));
    assert_eq!(overview["lastBackup"], Value::Null);
    // No table contents, and certainly no password hashes.
    assert!(!overview.to_string().contains("$2"), "{overview}");

    let backups = app.data_dir.join("backups");
    std::fs::create_dir_all(&backups)?;
    std::fs::write(backups.join("etikettdrucker-2026-11-26.db.gz"), b"backup")?;
    let overview = report(admin, "/api/admin/system").await;
    assert_eq!(
        overview["lastBackup"]["file"],
        "etikettdrucker-2026-11-26.db.gz"
    );
    assert_eq!(overview["lastBackup"]["bytes"], 6);
    Ok(())
}
