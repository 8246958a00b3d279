//! Packaging through the API: the catalogue, accessory and mount labels, outer cartons from scans,
//! with exact QR payloads and line order (packaging spec §3.3, §6) as the printer receives them,
//! the unit checks (not passed, override, packed elsewhere), traceability search, changes and
//! reprints.

use std::time::Duration;

use etikettdrucker::inspection::examples::{example_a, example_b};
use etikettdrucker::printing::{Emulator, EmulatorConfig};
use labels::packaging::{Article, HalterungLabel, OuterKartonLabel, PackDate, ZubehoerLabel};
use labels::product::Product;
use labels::zpl::Mode;
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, TestResult};

const WAIT: Duration = Duration::from_secs(15);

struct Floor {
    app: TestApp,
    printer: Emulator,
    printer_id: i64,
    worker: Session,
    a: Session,
    b: Session,
}

async fn floor() -> Floor {
    let app = TestApp::spawn().await;
    let printer = Emulator::start(
        "127.0.0.1:0".parse().expect("addr"),
        EmulatorConfig::default(),
    )
    .await
    .expect("emulator");
    let registered: Value = app
        .admin()
        .await
        .post(
            "/api/printers",
            &json!({"name": "Packplatz", "host": "127.0.0.1", "port": printer.local_addr().port()}),
        )
        .await
        .json()
        .await
        .expect("printer");
    let printer_id = registered["data"]["printer"]["id"].as_i64().expect("id");
    let worker = app.login_as("PRUEFER_AB").await;
    let a = app.login_as("PRUEFER_A").await;
    let b = app.login_as("PRUEFER_B").await;
    Floor {
        app,
        printer,
        printer_id,
        worker,
        a,
        b,
    }
}

impl Floor {
    /// The bytes the printer received as label `number` (1-based), waiting for it.
    async fn label(&self, number: usize) -> String {
        let labels = self.printer.wait_for_labels(number, WAIT).await;
        assert!(labels.len() >= number, "label {number} not received");
        String::from_utf8(labels[number - 1].zpl.clone()).expect("utf-8")
    }

    /// A C2 unit inspected by A and passed by B (no label printed).
    async fn passed_unit(&self, serial: &str) {
        self.inspected_by_a(serial).await;
        let mut body = example_b(Product::C2);
        body["serialnummer"] = json!(serial);
        body["skipPrint"] = json!(true);
        let done = self.b.put("/api/c2", &body).await;
        assert_eq!(done.status(), 200, "B completes {serial}");
    }

    /// A C2 unit that only Prüfer A has seen.
    async fn inspected_by_a(&self, serial: &str) {
        let created = self
            .a
            .post("/api/c2", &example_a(Product::C2, serial))
            .await;
        assert_eq!(created.status(), 201, "A records {serial}");
    }
}

/// The per-field messages of an error answer.
fn errors(body: &Value) -> &Value {
    &body["errors"]
}

fn article(nummer: &str, bezeichnung: &str, menge: u32) -> Article {
    Article::new(nummer, bezeichnung, menge)
}

#[tokio::test]
async fn the_catalogue_is_seeded_and_admins_extend_it_without_a_release() -> TestResult {
    let floor = floor().await;
    let all: Value = floor.worker.get("/api/articles").await.json().await?;
    let numbers = |category: &str| -> Vec<String> {
        all["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|a| a["category"] == category)
            .map(|a| a["artikelnummer"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        numbers("zubehoer"),
        [
            "10370", "10413", "10035", "10036", "10358", "10091", "10343", "10344", "10086",
            "10038", "10299"
        ],
        "display order of spec §3.1"
    );
    assert_eq!(
        numbers("halterung"),
        ["10144", "10178", "10222", "10229", "10147"]
    );
    let extender = all["items"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|a| a["artikelnummer"] == "10370")
        .ok_or("10370")?;
    assert_eq!(extender["artikelbezeichnung"], "Rotoclear C-Extender");
    assert_eq!(extender["hasSerial"], true);
    assert_eq!(extender["gruppe"], "C-Extender");

    let admin = floor.app.admin().await;
    let new = json!({"artikelnummer": "10500", "artikelbezeichnung": "Datenkabel (30m)",
                     "category": "zubehoer", "gruppe": "Datenkabel", "sortOrder": 45});
    let created = admin.post("/api/articles", &new).await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await?["item"]["id"]
        .as_i64()
        .ok_or("id")?;
    assert_eq!(admin.post("/api/articles", &new).await.status(), 409);
    let invalid: Value = admin
        .post(
            "/api/articles",
            &json!({"artikelnummer": "", "category": "kabel", "gruppe": ""}),
        )
        .await
        .json()
        .await?;
    for field in ["artikelnummer", "artikelbezeichnung", "category", "gruppe"] {
        assert!(errors(&invalid)[field].is_array(), "{field}: {invalid}");
    }
    assert_eq!(
        floor.worker.post("/api/articles", &new).await.status(),
        403,
        "only ADMIN changes the catalogue"
    );

    // The new article can be packed at once; a deactivated one no longer.
    let label = floor
        .worker
        .post(
            "/api/zubehoer",
            &json!({"lieferscheinnummer": "LS-NEU", "skipPrint": true,
                    "items": [{"artikelnummer": "10500", "menge": 1}]}),
        )
        .await;
    assert_eq!(label.status(), 201);
    let off = admin
        .put(&format!("/api/articles/{id}"), &json!({"active": false}))
        .await;
    assert_eq!(off.status(), 200);
    let refused: Value = floor
        .worker
        .post(
            "/api/zubehoer",
            &json!({"lieferscheinnummer": "LS-NEU-2", "skipPrint": true,
                    "items": [{"artikelnummer": "10500", "menge": 1}]}),
        )
        .await
        .json()
        .await?;
    assert!(
        refused["errors"]["items[0].artikelnummer"][0]
            .as_str()
            .unwrap_or_default()
            .contains("deaktiviert"),
        "{refused}"
    );
    Ok(())
}

#[tokio::test]
async fn an_accessory_label_is_stored_ordered_by_article_number_and_printed_exactly() -> TestResult
{
    let floor = floor().await;
    // Sent in display order; the label lists them by article number (spec §3.3).
    let created = floor
        .worker
        .post(
            "/api/zubehoer",
            &json!({
                "lieferscheinnummer": "  LS-4711 ",
                "printerId": floor.printer_id,
                "items": [
                    {"artikelnummer": "10413", "menge": 1},
                    {"artikelnummer": "10370", "menge": 1, "serialnummer": "CX-0042"},
                    {"artikelnummer": "10035", "menge": 2}
                ]
            }),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await?;
    let item = &created["item"];
    assert_eq!(item["lieferscheinnummer"], "LS-4711");
    assert_eq!(item["serialnummer"], "CX-0042");
    let order: Vec<&str> = item["entries"]
        .as_array()
        .ok_or("entries")?
        .iter()
        .filter_map(|e| e["artikelnummer"].as_str())
        .collect();
    assert_eq!(order, ["10035", "10370", "10413"]);

    let expected = ZubehoerLabel::new(
        "LS-4711",
        vec![
            article("10035", "Datenkabel mit 2x M12-Stecker (10m)", 2),
            article("10370", "Rotoclear C-Extender", 1).with_serial("CX-0042"),
            article("10413", "Halterung fuer Rotoclear C-Extender", 1),
        ],
    )?;
    assert_eq!(
        expected.qr_payload(),
        "ZUBEHOER: LS-4711 \n10035 - Datenkabel mit 2x M12-Stecker (10m) - 2\n\
         10370 - Rotoclear C-Extender - 1\n10413 - Halterung fuer Rotoclear C-Extender - 1"
    );
    let zpl = expected.zpl(Mode::Default)?;
    assert_eq!(created["zpl"], zpl.as_str());
    assert_eq!(created["printJob"]["kind"], "zubehoer");
    assert_eq!(
        floor.label(1).await,
        zpl,
        "the printer gets the label engine's bytes"
    );

    // The same delivery note again, in other case: 409, nothing stored twice.
    let duplicate = floor
        .worker
        .post(
            "/api/zubehoer",
            &json!({"lieferscheinnummer": "ls-4711", "skipPrint": true,
                    "items": [{"artikelnummer": "10091", "menge": 1}]}),
        )
        .await;
    assert_eq!(duplicate.status(), 409);
    assert!(errors(&duplicate.json().await?)["lieferscheinnummer"].is_array());

    // Looked up by delivery note; reprinted only with a reason.
    let found: Value = floor
        .worker
        .get("/api/zubehoer?lieferscheinnummer=ls-4711")
        .await
        .json()
        .await?;
    assert_eq!(found["found"], true);
    assert_eq!(found["item"]["id"], item["id"]);
    let reprint = json!({"lieferscheinnummer": "LS-4711", "printerId": floor.printer_id});
    let refused = floor.worker.put("/api/zubehoer", &reprint).await;
    assert_eq!(refused.status(), 422);
    assert!(errors(&refused.json().await?)["reason"].is_array());
    let mut with_reason = reprint.clone();
    with_reason["reason"] = json!("Etikett beschädigt");
    let again = floor.worker.put("/api/zubehoer", &with_reason).await;
    assert_eq!(again.status(), 202);
    assert_eq!(floor.label(2).await, zpl, "a reprint is the same label");
    let unknown = json!({"lieferscheinnummer": "LS-0000", "printerId": floor.printer_id});
    assert_eq!(
        floor.worker.put("/api/zubehoer", &unknown).await.status(),
        404
    );

    // History: free text finds the C-Extender serial.
    let history: Value = floor
        .worker
        .get("/api/zubehoer?q=cx-00&order=desc")
        .await
        .json()
        .await?;
    assert_eq!(history["pagination"]["total"], 1);
    assert_eq!(history["items"][0]["lieferscheinnummer"], "LS-4711");
    assert_eq!(
        history["items"][0]["lastPrintJob"]["reason"],
        "Etikett beschädigt"
    );
    Ok(())
}

#[tokio::test]
async fn invalid_accessory_labels_are_refused_per_field_and_nothing_is_stored() -> TestResult {
    let floor = floor().await;
    let cases = [
        (
            json!({"lieferscheinnummer": "LS-1", "items": [], "skipPrint": true}),
            "items",
        ),
        (
            json!({"items": [{"artikelnummer": "10035", "menge": 1}], "skipPrint": true}),
            "lieferscheinnummer",
        ),
        (
            json!({"lieferscheinnummer": "LS-1", "skipPrint": true,
                "items": [{"artikelnummer": "10035", "menge": 0}]}),
            "items[0].menge",
        ),
        (
            json!({"lieferscheinnummer": "LS-1", "skipPrint": true,
                "items": [{"artikelnummer": "10035", "menge": 1}, {"artikelnummer": "99999", "menge": 1}]}),
            "items[1].artikelnummer",
        ),
        (
            json!({"lieferscheinnummer": "LS-1", "skipPrint": true,
                "items": [{"artikelnummer": "10144", "menge": 1}]}),
            "items[0].artikelnummer",
        ),
        (
            json!({"lieferscheinnummer": "LS-1", "skipPrint": true,
                "items": [{"artikelnummer": "10035", "menge": 1, "serialnummer": "X"}]}),
            "items[0].serialnummer",
        ),
        (
            json!({"lieferscheinnummer": "LS-1", "skipPrint": true,
                "items": [{"artikelnummer": "10035", "menge": 1}, {"artikelnummer": "10035", "menge": 2}]}),
            "items[1].artikelnummer",
        ),
        (
            json!({"lieferscheinnummer": "LS-1", "items": [{"artikelnummer": "10035", "menge": 1}]}),
            "printerId",
        ),
    ];
    for (body, field) in cases {
        let response = floor.worker.post("/api/zubehoer", &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let answer: Value = response.json().await?;
        assert!(errors(&answer)[field].is_array(), "{field}: {answer}");
    }
    let history: Value = floor.worker.get("/api/zubehoer").await.json().await?;
    assert_eq!(history["pagination"]["total"], 0, "nothing stored");
    Ok(())
}

#[tokio::test]
async fn mount_labels_are_stored_dated_in_the_plant_and_reprintable() -> TestResult {
    let floor = floor().await;
    let single: Value = floor
        .worker
        .post(
            "/api/halterung",
            &json!({"printerId": floor.printer_id, "items": [{"artikelnummer": "10229", "menge": 2}]}),
        )
        .await
        .json()
        .await?;
    let datum = single["item"]["datum"].as_str().ok_or("datum")?.to_string();
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .format("%d-%m-%Y")
        .to_string();
    assert_eq!(datum, today, "plant date");
    let label = HalterungLabel::new(
        PackDate::parse(&datum)?,
        vec![article("10229", "Kugelhalterung", 2)],
    )?;
    assert_eq!(
        label.qr_payload(),
        format!("ART: Kugelhalterung \nARTN: 10229 \nMENGE: 2 \nDAT: {datum} \n")
    );
    assert_eq!(floor.label(1).await, label.zpl(Mode::Default)?);

    let multi = floor
        .worker
        .post(
            "/api/halterung",
            &json!({"printerId": floor.printer_id, "items": [
                {"artikelnummer": "10229", "menge": 2}, {"artikelnummer": "10144", "menge": 1}]}),
        )
        .await;
    assert_eq!(multi.status(), 201);
    let multi: Value = multi.json().await?;
    let label = HalterungLabel::new(
        PackDate::parse(&datum)?,
        vec![
            article("10144", "Flex-Armhalter (Blecheinbau)", 1),
            article("10229", "Kugelhalterung", 2),
        ],
    )?;
    assert_eq!(
        label.qr_payload(),
        format!(
            "HALTERUNG: {datum} || ART:10144|BEZ:Flex-Armhalter (Blecheinbau)-HALTERUNG|M:1 || \
             ART:10229|BEZ:Kugelhalterung-HALTERUNG|M:2"
        )
    );
    assert_eq!(floor.label(2).await, label.zpl(Mode::Default)?);

    let id = multi["item"]["id"].as_i64().ok_or("id")?;
    let path = format!("/api/halterung/{id}/print");
    let no_reason = json!({"printerId": floor.printer_id});
    assert_eq!(floor.worker.post(&path, &no_reason).await.status(), 422);
    let reprint = json!({"printerId": floor.printer_id, "reason": "Zweites Etikett für Lager"});
    assert_eq!(floor.worker.post(&path, &reprint).await.status(), 202);
    assert_eq!(floor.label(3).await, label.zpl(Mode::Default)?);
    let history: Value = floor.worker.get("/api/halterung").await.json().await?;
    assert_eq!(history["pagination"]["total"], 2);
    assert_eq!(history["items"][0]["id"], id, "newest first");
    let found: Value = floor
        .worker
        .get("/api/halterung?q=blecheinbau")
        .await
        .json()
        .await?;
    assert_eq!(found["pagination"]["total"], 1, "free text over the lines");
    assert_eq!(found["items"][0]["id"], id);
    let empty = floor
        .worker
        .post("/api/halterung", &json!({"items": []}))
        .await;
    assert_eq!(empty.status(), 422);
    Ok(())
}

/// The product label QR of a C2 unit as a scanner types it (line breaks stripped).
fn product_scan(serial: &str) -> String {
    format!(
        "SN: {serial} ART: Rotoclear C2 Steuerrechner ARTN: 10300 ELE: EL-1 MAC: 00:1A:2B:3C:4D:5E SW: 1.2.3 DAT: 05-09-2025"
    )
}

#[tokio::test]
async fn a_carton_is_packed_from_scans_printed_exactly_and_found_by_serial() -> TestResult {
    let floor = floor().await;
    floor.passed_unit("C2-PACK-1").await;
    floor.passed_unit("C2-PACK-2").await;
    floor
        .worker
        .post(
            "/api/zubehoer",
            &json!({"lieferscheinnummer": "LS-77", "skipPrint": true, "items": [
                {"artikelnummer": "10370", "menge": 1, "serialnummer": "CX-9"},
                {"artikelnummer": "10035", "menge": 2}]}),
        )
        .await;

    // Scans, as the page sends them.
    let mut entries = Vec::new();
    for text in [
        product_scan("C2-PACK-1"),
        "ZUBEHOER: LS-77 10035 - Datenkabel mit 2x M12-Stecker (10m) - 210370 - Rotoclear C-Extender - 1".to_string(),
        product_scan("C2-PACK-2"),
    ] {
        let scanned = floor
            .worker
            .post("/api/outerkarton/scan", &json!({ "text": text }))
            .await;
        assert_eq!(scanned.status(), 200, "{text}");
        let scanned: Value = scanned.json().await?;
        entries.extend(scanned["entries"].as_array().cloned().unwrap_or_default());
    }
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0]["unit"]["printable"], true);
    assert_eq!(entries[0]["problem"], Value::Null);
    assert_eq!(
        entries[2]["serialnummer"], "CX-9",
        "the stored Zubehör label keeps the C-Extender serial"
    );
    let unreadable = floor
        .worker
        .post("/api/outerkarton/scan", &json!({"text": "hello world"}))
        .await;
    assert_eq!(unreadable.status(), 422);
    assert!(errors(&unreadable.json().await?)["text"].is_array());
    let unknown_note = floor
        .worker
        .post(
            "/api/outerkarton/scan",
            &json!({"text": "ZUBEHOER: LS-404 10035 - x - 1"}),
        )
        .await;
    assert_eq!(unknown_note.status(), 422);

    let created = floor
        .worker
        .post(
            "/api/outerkarton",
            &json!({"entries": entries, "lieferscheinNumber": "A-2026-1", "printerId": floor.printer_id}),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await?;
    let carton_id = created["outerKartonId"].as_i64().ok_or("id")?;
    let expected = OuterKartonLabel::new(vec![
        article("10300", "Rotoclear C2 Steuerrechner", 1).with_serial("C2-PACK-1"),
        article("10035", "Datenkabel mit 2x M12-Stecker (10m)", 2),
        article("10370", "Rotoclear C-Extender", 1).with_serial("CX-9"),
        article("10300", "Rotoclear C2 Steuerrechner", 1).with_serial("C2-PACK-2"),
    ])?;
    assert_eq!(
        expected.qr_payload(),
        "10300 - Rotoclear C2 Steuerrechner - 1 (C2-PACK-1)\n\
         10035 - Datenkabel mit 2x M12-Stecker (10m) - 2\n\
         10370 - Rotoclear C-Extender - 1 (CX-9)\n\
         10300 - Rotoclear C2 Steuerrechner - 1 (C2-PACK-2)",
        "scan order kept, no aggregation (spec §6.3)"
    );
    let zpl = expected.zpl(Mode::Default)?;
    assert_eq!(created["zpl"], zpl.as_str());
    assert_eq!(floor.label(1).await, zpl);
    assert!(created["item"]["entries"][0]["inspectionId"].is_i64());

    // Anyone finds the carton from a unit's serial or the delivery note.
    let viewer = floor.app.login_as("VIEWER").await;
    let by_serial: Value = viewer
        .get("/api/outerkarton/search?serialnummer=C2-PACK-2")
        .await
        .json()
        .await?;
    assert_eq!(by_serial["item"]["id"], carton_id);
    let by_note: Value = viewer
        .get("/api/outerkarton/search?lieferschein=A-2026-1")
        .await
        .json()
        .await?;
    assert_eq!(by_note["item"]["id"], carton_id);
    let nowhere: Value = viewer
        .get("/api/outerkarton/search?serialnummer=NIRGENDS")
        .await
        .json()
        .await?;
    assert_eq!(nowhere["item"], Value::Null);
    assert_eq!(
        viewer.get("/api/outerkarton/search").await.status(),
        422,
        "a search needs a criterion"
    );
    let original: Value = viewer
        .get("/api/outerkarton?lieferschein=A-2026-1")
        .await
        .json()
        .await?;
    assert_eq!(original["found"], true);
    assert_eq!(
        original["item"]["entries"].as_array().map(Vec::len),
        Some(4)
    );

    // The unit cannot go into a second carton.
    let again = floor
        .worker
        .post(
            "/api/outerkarton",
            &json!({"entries": [entries[0]], "skipPrint": true}),
        )
        .await;
    assert_eq!(again.status(), 409);
    let again: Value = again.json().await?;
    assert!(
        again["errors"]["entries[0].serialnummer"][0]
            .as_str()
            .unwrap_or_default()
            .contains(&format!("Karton #{carton_id}")),
        "{again}"
    );
    let scanned_again: Value = floor
        .worker
        .post(
            "/api/outerkarton/scan",
            &json!({"text": product_scan("C2-PACK-1")}),
        )
        .await
        .json()
        .await?;
    assert_eq!(scanned_again["entries"][0]["problem"], "packed_elsewhere");

    // Reprints need a reason, on the original path and the print-job API alike.
    let reprint = json!({"outerKartonId": carton_id, "printerId": floor.printer_id});
    assert_eq!(
        floor
            .worker
            .put("/api/outerkarton", &reprint)
            .await
            .status(),
        422
    );
    let by_job = floor
        .worker
        .post(
            "/api/print-jobs",
            &json!({"printerId": floor.printer_id, "kind": "outerkarton",
                    "reference": format!("outerkarton:{carton_id}"), "reason": "Karton neu beklebt"}),
        )
        .await;
    assert_eq!(by_job.status(), 202);
    assert_eq!(floor.label(2).await, zpl);
    Ok(())
}

#[tokio::test]
async fn a_unit_that_has_not_passed_is_packed_only_with_a_management_override() -> TestResult {
    let floor = floor().await;
    floor.inspected_by_a("C2-OPEN-1").await;
    let entry = json!({"artikelnummer": "10300", "artikelbezeichnung": "Rotoclear C2 Steuerrechner",
                       "menge": 1, "serialnummer": "C2-OPEN-1"});
    let scanned: Value = floor
        .worker
        .post(
            "/api/outerkarton/scan",
            &json!({"text": product_scan("C2-OPEN-1")}),
        )
        .await
        .json()
        .await?;
    assert_eq!(scanned["entries"][0]["problem"], "not_passed");
    assert_eq!(scanned["entries"][0]["unit"]["status"], "awaiting_b");

    let blocked = floor
        .worker
        .post(
            "/api/outerkarton",
            &json!({"entries": [entry], "skipPrint": true}),
        )
        .await;
    assert_eq!(blocked.status(), 409);
    assert!(errors(&blocked.json().await?)["entries[0].serialnummer"].is_array());
    let not_allowed = floor
        .worker
        .post(
            "/api/outerkarton",
            &json!({"entries": [entry], "skipPrint": true, "overrideReason": "Kunde wartet"}),
        )
        .await;
    assert_eq!(not_allowed.status(), 403, "only MANAGEMENT releases");
    let unknown = json!({"artikelnummer": "10300", "artikelbezeichnung": "Rotoclear C2 Steuerrechner",
                         "menge": 1, "serialnummer": "C2-NIE-GEPRUEFT"});
    let management = floor.app.login_as("MANAGEMENT").await;
    let released = management
        .post(
            "/api/outerkarton",
            &json!({"entries": [entry, unknown], "skipPrint": true,
                    "overrideReason": "Sonderfreigabe QS-Leitung"}),
        )
        .await;
    assert_eq!(released.status(), 201);
    let released: Value = released.json().await?;
    for line in released["item"]["entries"].as_array().ok_or("entries")? {
        assert_eq!(line["overrideReason"], "Sonderfreigabe QS-Leitung");
        assert_eq!(line["overrideBy"], "u_management");
    }
    let short = management
        .post(
            "/api/outerkarton",
            &json!({"entries": [{"artikelnummer": "10091", "menge": 1}], "skipPrint": true,
                    "overrideReason": "x"}),
        )
        .await;
    assert_eq!(short.status(), 422);
    Ok(())
}

#[tokio::test]
async fn invalid_cartons_are_refused_per_line() -> TestResult {
    let floor = floor().await;
    let cases = [
        (json!({"entries": [], "skipPrint": true}), "entries"),
        (
            json!({"entries": [{"artikelnummer": "UNKNOWN", "artikelbezeichnung": "Unknown Item", "menge": 1}], "skipPrint": true}),
            "entries[0].artikelnummer",
        ),
        (
            json!({"entries": [{"artikelnummer": "10091", "menge": 1000}], "skipPrint": true}),
            "entries[0].menge",
        ),
        (
            json!({"entries": [{"artikelnummer": "X1", "menge": 1}], "skipPrint": true}),
            "entries[0].artikelbezeichnung",
        ),
        (
            json!({"entries": [{"artikelnummer": "10370", "menge": 1, "serialnummer": "CX-1"},
                               {"artikelnummer": "10370", "menge": 1, "serialnummer": "CX-1"}], "skipPrint": true}),
            "entries[1].serialnummer",
        ),
        (
            json!({"entries": [{"artikelnummer": "10091", "menge": 1}]}),
            "printerId",
        ),
    ];
    for (body, field) in cases {
        let response = floor.worker.post("/api/outerkarton", &body).await;
        assert_eq!(response.status(), 422, "{body}");
        let answer: Value = response.json().await?;
        assert!(errors(&answer)[field].is_array(), "{field}: {answer}");
    }
    let history: Value = floor.worker.get("/api/outerkarton").await.json().await?;
    assert_eq!(history["pagination"]["total"], 0);
    Ok(())
}

#[tokio::test]
async fn changing_a_carton_needs_a_reason_and_the_current_version_and_frees_removed_units()
-> TestResult {
    let floor = floor().await;
    floor.passed_unit("C2-MOVE-1").await;
    let unit = json!({"artikelnummer": "10300", "artikelbezeichnung": "Rotoclear C2 Steuerrechner",
                      "menge": 1, "serialnummer": "C2-MOVE-1"});
    let cable = json!({"artikelnummer": "10091", "menge": 1});
    let created: Value = floor
        .worker
        .post(
            "/api/outerkarton",
            &json!({"entries": [unit, cable], "printerId": floor.printer_id}),
        )
        .await
        .json()
        .await?;
    let id = created["outerKartonId"].as_i64().ok_or("id")?;
    assert_eq!(
        created["item"]["entries"][1]["artikelbezeichnung"],
        "Stromkabel (2m)"
    );
    let path = format!("/api/outerkarton/{id}");

    let no_reason = floor
        .worker
        .put(&path, &json!({"entries": [cable], "version": 1}))
        .await;
    assert_eq!(no_reason.status(), 422);
    let changed = floor
        .worker
        .put(
            &path,
            &json!({"entries": [cable], "version": 1, "reason": "Einheit falsch gepackt",
                    "printerId": floor.printer_id}),
        )
        .await;
    assert_eq!(changed.status(), 200);
    let changed: Value = changed.json().await?;
    assert_eq!(changed["item"]["version"], 2);
    assert_eq!(changed["printJob"]["reason"], "Einheit falsch gepackt");
    let expected = OuterKartonLabel::new(vec![article("10091", "Stromkabel (2m)", 1)])?;
    assert_eq!(floor.label(2).await, expected.zpl(Mode::Default)?);
    let stale = floor
        .worker
        .put(
            &path,
            &json!({"entries": [cable], "version": 1, "reason": "Noch einmal"}),
        )
        .await;
    assert_eq!(stale.status(), 409);

    // The removed unit is free for another carton now.
    let repacked = floor
        .worker
        .post(
            "/api/outerkarton",
            &json!({"entries": [unit], "skipPrint": true}),
        )
        .await;
    assert_eq!(repacked.status(), 201);
    Ok(())
}

#[tokio::test]
async fn a_carton_with_fifty_lines_is_stored_and_prints_on_two_labels() -> TestResult {
    let floor = floor().await;
    let entries: Vec<Value> = (0..50)
        .map(|i| {
            json!({"artikelnummer": "10370", "artikelbezeichnung": "Rotoclear C-Extender",
                        "menge": 1, "serialnummer": format!("CX-{i:03}")})
        })
        .collect();
    let created = floor
        .worker
        .post(
            "/api/outerkarton",
            &json!({"entries": entries, "printerId": floor.printer_id}),
        )
        .await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await?;
    assert_eq!(
        created["item"]["entries"].as_array().map(Vec::len),
        Some(50)
    );
    let zpl = created["zpl"].as_str().ok_or("zpl")?;
    assert_eq!(zpl.matches("^XA").count(), 2, "28 + 22 lines");
    assert!(zpl.contains("Etikett 2/2"));
    assert_eq!(floor.label(2).await.matches("^XA").count(), 1);
    Ok(())
}
