//! The inspection engine through the API: every product line from Prüfer A to a printed label, with
//! the emulator receiving exactly the label engine's ZPL; validation, duplicates, the two-person
//! rule, blind entry, failed checks and override, concurrent completion.

use std::time::Duration;

use etikettdrucker::inspection::examples::{example_a, example_b};
use etikettdrucker::printing::{Emulator, EmulatorConfig};
use labels::product::Product;
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, TestResult, eventually};

const WAIT: Duration = Duration::from_secs(15);

struct Floor {
    app: TestApp,
    printer: Emulator,
    printer_id: i64,
    a: Session,
    b: Session,
}

async fn floor() -> Floor {
    floor_with(|_| {}).await
}

async fn floor_with(configure: impl FnOnce(&mut etikettdrucker::settings::Settings)) -> Floor {
    let app = TestApp::spawn_with(configure).await;
    let printer = Emulator::start(
        "127.0.0.1:0".parse().expect("addr"),
        EmulatorConfig::default(),
    )
    .await
    .expect("emulator");
    let address = printer.local_addr();
    let registered: Value = app
        .admin()
        .await
        .post(
            "/api/printers",
            &json!({"name": "Prüfplatz", "host": "127.0.0.1", "port": address.port()}),
        )
        .await
        .json()
        .await
        .expect("printer");
    let printer_id = registered["data"]["printer"]["id"].as_i64().expect("id");
    let a = app.login_as("PRUEFER_A").await;
    let b = app.login_as("PRUEFER_B").await;
    Floor {
        app,
        printer,
        printer_id,
        a,
        b,
    }
}

fn with(mut body: Value, extra: Value) -> Value {
    for (k, v) in extra.as_object().cloned().unwrap_or_default() {
        body[k] = v;
    }
    body
}

async fn wait_printed(session: &Session, job_id: i64) -> Value {
    let last = std::sync::Mutex::new(Value::Null);
    let printed = eventually(WAIT, || async {
        let job: Value = session
            .get(&format!("/api/print-jobs/{job_id}"))
            .await
            .json()
            .await
            .unwrap_or_default();
        let done = job["data"]["job"]["state"] == "printed";
        *last.lock().expect("lock") = job["data"]["job"].clone();
        done
    })
    .await;
    let last = last.into_inner().expect("lock");
    assert!(printed, "job {job_id} not printed: {last}");
    last
}

#[tokio::test]
async fn every_product_goes_from_a_to_b_to_a_printed_label() -> TestResult {
    let floor = floor().await;
    for (n, product) in Product::ALL.into_iter().enumerate() {
        let key = product.key();
        let serial = format!("{}-API-{n}", key.to_uppercase());
        let created = floor
            .a
            .post(&format!("/api/{key}"), &example_a(product, &serial))
            .await;
        assert_eq!(created.status(), 201, "{key}");
        let created: Value = created.json().await?;
        assert_eq!(created["success"], true);
        assert_eq!(created["inspection"]["status"], "awaiting_b");
        assert_eq!(
            created["inspection"]["pruefer_a"],
            Value::Null,
            "camelCase summary"
        );
        assert_eq!(created["inspection"]["prueferA"], "u_pruefer_a");
        let id = created["itemId"].as_i64().ok_or("itemId")?;

        // B finds the unit by serial; A's values are hidden from B (blind entry).
        let found = floor
            .b
            .get(&format!("/api/{key}?serialnummer={serial}"))
            .await;
        assert_eq!(found.status(), 200);
        let found: Value = found.json().await?;
        assert_eq!(found["found"], true);
        assert_eq!(found["item"]["serialnummer"], serial.as_str());
        assert_eq!(found["item"]["valuesHidden"], true);
        assert!(found["item"].get("hardware_ok").is_none());
        let hidden: Value = floor
            .b
            .get(&format!("/api/inspections/{id}"))
            .await
            .json()
            .await?;
        assert!(hidden["data"]["valuesA"].is_null());
        assert!(
            !hidden["data"]["events"].to_string().contains("hardware_ok"),
            "the audit trail must not reveal A's values to B: {hidden}"
        );

        let compared = floor
            .b
            .post(
                &format!("/api/inspections/{id}/differences"),
                &example_b(product),
            )
            .await;
        assert_eq!(compared.status(), 200, "{key}");
        let compared: Value = compared.json().await?;
        assert_eq!(compared["differences"], json!([]), "{key}");

        let completed = floor
            .b
            .put(
                &format!("/api/{key}"),
                &with(
                    example_b(product),
                    json!({"serialnummer": serial, "printerId": floor.printer_id}),
                ),
            )
            .await;
        assert_eq!(completed.status(), 200, "{key}");
        let completed: Value = completed.json().await?;
        assert_eq!(completed["status"], "passed");
        let job_id = completed["printJob"]["id"].as_i64().ok_or("printJob")?;
        assert_eq!(
            completed["printJob"]["reference"],
            format!("inspection:{id}")
        );

        let job = wait_printed(&floor.b, job_id).await;
        let labels = floor.printer.wait_for_labels(n + 1, WAIT).await;
        let received = &labels.get(n).ok_or("label missing")?.zpl;
        assert_eq!(received, job["zpl"].as_str().ok_or("zpl")?.as_bytes());

        // The printed label is the label engine's, for the stored data.
        let detail: Value = floor
            .b
            .get(&format!("/api/inspections/{id}"))
            .await
            .json()
            .await?;
        let data = &detail["data"];
        let expected = labels::product::write_label(
            product,
            &labels::product::ProductLabelInput {
                serialnummer: serial.clone(),
                artikel_bezeichnung: data["artikelBezeichnung"]
                    .as_str()
                    .unwrap_or_default()
                    .into(),
                artikel_nummer: data["artikelNummer"].as_str().unwrap_or_default().into(),
                seriennummer_elektronik: text(&data["valuesB"], "seriennummer_elektronik"),
                mac_adresse: text(&data["valuesB"], "mac_adresse"),
                seriennummer_festplatte: text(&data["valuesB"], "seriennummer_festplatte"),
                software_version: text(&data["valuesB"], "software_version"),
                firmware_version: text(&data["valuesB"], "firmware_version"),
                seriennummer_optik1: text(&data["valuesB"], "seriennummer_optik1"),
                seriennummer_optik2: text(&data["valuesB"], "seriennummer_optik2"),
                datum: data["datum"].as_str().unwrap_or_default().into(),
            },
            labels::zpl::Mode::Default,
        )?;
        assert_eq!(received, expected.as_bytes(), "{key}");
        assert!(data["artikelNummer"].is_string(), "{key}: article derived");
        assert_eq!(data["status"], "passed");
        assert_eq!(data["printJobs"].as_array().map(Vec::len), Some(1));
        let actions: Vec<&str> = data["events"]
            .as_array()
            .ok_or("events")?
            .iter()
            .filter_map(|e| e["action"].as_str())
            .collect();
        assert_eq!(
            actions,
            ["created", "b_started", "completed", "print_requested"]
        );
        // Once complete, everyone sees the values, in the original shape too.
        let found: Value = floor
            .b
            .get(&format!("/api/{key}?serialnummer={serial}"))
            .await
            .json()
            .await?;
        assert_eq!(found["item"]["pruefer_b"], "u_pruefer_b");
        assert_eq!(found["item"]["status"], "passed");
    }
    Ok(())
}

fn text(values: &Value, key: &str) -> String {
    values[key].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn bad_input_is_named_per_field_and_duplicates_conflict() -> TestResult {
    let floor = floor().await;
    let empty = floor.a.post("/api/c2", &json!({})).await;
    assert_eq!(empty.status(), 422);
    let empty: Value = empty.json().await?;
    for field in [
        "serialnummer",
        "ba_nummer",
        "konfiguration",
        "mac_adresse",
        "hardware_ok",
    ] {
        assert!(empty["errors"][field].is_array(), "{field}: {empty}");
    }
    assert!(empty["errors"].get("automatiktest_ok").is_none(), "B-only");

    let bad = with(
        example_a(Product::C2, "C2-BAD"),
        json!({"mac_adresse": "00:1A", "konfiguration": "XYZ", "software_version": "1 2"}),
    );
    let bad: Value = floor.a.post("/api/c2", &bad).await.json().await?;
    assert!(
        bad["errors"]["mac_adresse"][0]
            .as_str()
            .is_some_and(|m| m.contains("Hex"))
    );
    assert!(bad["errors"]["konfiguration"].is_array());
    assert!(bad["errors"]["software_version"].is_array());

    let first = floor
        .a
        .post("/api/c2", &example_a(Product::C2, "C2-DUP"))
        .await;
    assert_eq!(first.status(), 201);
    let again = floor
        .a
        .post("/api/c2", &example_a(Product::C2, "C2-DUP"))
        .await;
    assert_eq!(again.status(), 409);
    let again: Value = again.json().await?;
    assert!(again["errors"]["serialnummer"].is_array());
    // The same serial in another product line is another unit.
    let other = floor
        .a
        .post("/api/kk", &example_a(Product::Kk, "C2-DUP"))
        .await;
    assert_eq!(other.status(), 201);

    assert_eq!(floor.b.get("/api/c2?serialnummer=NOPE").await.status(), 404);
    assert_eq!(floor.b.get("/api/xyz").await.status(), 404);
    let qr = floor.b.get("/api/cbasic/qr?serialnummer=CB-1").await;
    assert_eq!(qr.status(), 404, "C Basic has no Automatiktest");
    Ok(())
}

#[tokio::test]
async fn the_kk_and_c_basic_defects_are_fixed() -> TestResult {
    let floor = floor().await;
    // KK: the configuration sent as `KonfigurationKK` (the original form's key) is stored.
    let mut kk = example_a(Product::Kk, "KK-FIX");
    let config = kk["konfiguration"].take();
    kk["KonfigurationKK"] = config.clone();
    let created: Value = floor.a.post("/api/kk", &kk).await.json().await?;
    let id = created["itemId"].as_i64().ok_or("id")?;
    // KK B can complete, with the Automatiktest link it now has.
    let done = floor
        .b
        .put(
            "/api/kk",
            &with(
                example_b(Product::Kk),
                json!({"serialnummer": "KK-FIX", "skipPrint": true}),
            ),
        )
        .await;
    assert_eq!(done.status(), 200);
    let detail: Value = floor
        .b
        .get(&format!("/api/inspections/{id}"))
        .await
        .json()
        .await?;
    assert_eq!(detail["data"]["valuesA"]["konfiguration"], config);
    let link: Value = floor
        .b
        .get("/api/kk/qr?serialnummer=KK-FIX")
        .await
        .json()
        .await?;
    assert!(
        link["qr_code"]
            .as_str()
            .is_some_and(|l| l.starts_with("https://"))
    );

    // One optic cannot have a two-optic format.
    let wrong = with(
        example_a(Product::Kk, "KK-ONE"),
        json!({"anzahl_optiken": "Ein_Optik", "optik_format": "F1_F2"}),
    );
    let wrong = floor.a.post("/api/kk", &wrong).await;
    assert_eq!(wrong.status(), 422);

    // C Basic: the original body keys of the language checks are accepted and compared.
    let mut cb = example_a(Product::CBasic, "CB-FIX");
    let switch = cb["sprache_wechslen"].take();
    cb["sprache_wechslen_funktioniert"] = switch;
    assert_eq!(floor.a.post("/api/cbasic", &cb).await.status(), 201);
    let created: Value = floor
        .b
        .get("/api/cbasic?serialnummer=CB-FIX")
        .await
        .json()
        .await?;
    let id = created["item"]["id"].as_i64().ok_or("id")?;
    let compared: Value = floor
        .b
        .post(
            &format!("/api/inspections/{id}/differences"),
            &example_b(Product::CBasic),
        )
        .await
        .json()
        .await?;
    assert_eq!(
        compared["differences"],
        json!([]),
        "no phantom language differences"
    );
    Ok(())
}

#[tokio::test]
async fn b_sees_differences_and_a_cannot_change_after_b_started() -> TestResult {
    let floor = floor().await;
    let created: Value = floor
        .a
        .post(
            "/api/c2",
            &with(
                example_a(Product::C2, "C2-DIFF"),
                json!({"konfiguration": "RC"}),
            ),
        )
        .await
        .json()
        .await?;
    let id = created["itemId"].as_i64().ok_or("id")?;

    // A corrects the firmware before B starts.
    let corrected = floor
        .a
        .put(
            &format!("/api/inspections/{id}/a"),
            &with(
                example_a(Product::C2, "C2-DIFF"),
                json!({"software_version": "1.2.4", "konfiguration": "RC"}),
            ),
        )
        .await;
    assert_eq!(corrected.status(), 200);
    // Only A (or management) may correct.
    let other_a = floor.app.login_as("PRUEFER_AB").await;
    let foreign = other_a
        .put(
            &format!("/api/inspections/{id}/a"),
            &example_a(Product::C2, "C2-DIFF"),
        )
        .await;
    assert_eq!(foreign.status(), 403);

    let b_values = with(
        example_b(Product::C2),
        json!({"software_version": "1.2.3", "konfiguration": "DMG"}),
    );
    let compared: Value = floor
        .b
        .post(&format!("/api/inspections/{id}/differences"), &b_values)
        .await
        .json()
        .await?;
    let fields: Vec<&str> = compared["differences"]
        .as_array()
        .ok_or("differences")?
        .iter()
        .filter_map(|d| d["field"].as_str())
        .collect();
    assert_eq!(fields, ["software_version", "konfiguration"]);
    assert_eq!(compared["differences"][0]["a"], "1.2.4");
    assert_eq!(compared["differences"][0]["b"], "1.2.3");

    let late = floor
        .a
        .put(
            &format!("/api/inspections/{id}/a"),
            &example_a(Product::C2, "C2-DIFF"),
        )
        .await;
    assert_eq!(late.status(), 409, "B has started");

    let done: Value = floor
        .b
        .put(
            "/api/c2",
            &with(
                b_values,
                json!({"serialnummer": "C2-DIFF", "skipPrint": true}),
            ),
        )
        .await
        .json()
        .await?;
    assert_eq!(done["status"], "passed");
    assert_eq!(done["differences"].as_array().map(Vec::len), Some(2));
    // B's configuration decides the article.
    assert_eq!(done["inspection"]["artikelNummer"], "10052");
    Ok(())
}

#[tokio::test]
async fn the_same_person_cannot_be_a_and_b_unless_allowed() -> TestResult {
    let floor = floor().await;
    let both = floor.app.login_as("PRUEFER_AB").await;
    let created: Value = both
        .post("/api/c2", &example_a(Product::C2, "C2-SELF"))
        .await
        .json()
        .await?;
    let id = created["itemId"].as_i64().ok_or("id")?;
    let compare = both
        .post(
            &format!("/api/inspections/{id}/differences"),
            &example_b(Product::C2),
        )
        .await;
    assert_eq!(compare.status(), 403);
    let complete = both
        .put(
            "/api/c2",
            &with(
                example_b(Product::C2),
                json!({"serialnummer": "C2-SELF", "skipPrint": true}),
            ),
        )
        .await;
    assert_eq!(complete.status(), 403);
    let body: Value = complete.json().await?;
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("Vier-Augen"))
    );

    let relaxed = floor_with(|s| s.inspection.allow_same_inspector = true).await;
    let both = relaxed.app.login_as("PRUEFER_AB").await;
    both.post("/api/c2", &example_a(Product::C2, "C2-SELF"))
        .await;
    let complete = both
        .put(
            "/api/c2",
            &with(
                example_b(Product::C2),
                json!({"serialnummer": "C2-SELF", "skipPrint": true}),
            ),
        )
        .await;
    assert_eq!(complete.status(), 200);
    Ok(())
}

#[tokio::test]
async fn a_failed_check_blocks_the_label_until_management_overrides() -> TestResult {
    let floor = floor().await;
    let created: Value = floor
        .a
        .post("/api/c2", &example_a(Product::C2, "C2-FAIL"))
        .await
        .json()
        .await?;
    let id = created["itemId"].as_i64().ok_or("id")?;
    let done: Value = floor
        .b
        .put(
            "/api/c2",
            &with(
                example_b(Product::C2),
                json!({"serialnummer": "C2-FAIL", "printerId": floor.printer_id, "hdmi_ok": false}),
            ),
        )
        .await
        .json()
        .await?;
    assert_eq!(done["status"], "failed");
    assert_eq!(done["failedChecks"], json!(["hdmi_ok"]));
    assert!(done["printJob"].is_null());
    assert!(done["printRefused"].is_string());

    let print = json!({"printerId": floor.printer_id});
    let refused = floor
        .b
        .post(&format!("/api/inspections/{id}/print"), &print)
        .await;
    assert_eq!(refused.status(), 409);
    // Inspectors cannot override; management can, with a reason.
    let attempt = floor
        .b
        .post(
            &format!("/api/inspections/{id}/override"),
            &json!({"reason": "passt schon"}),
        )
        .await;
    assert_eq!(attempt.status(), 403);
    let manager = floor.app.login_as("MANAGEMENT").await;
    let no_reason = manager
        .post(
            &format!("/api/inspections/{id}/override"),
            &json!({"reason": " "}),
        )
        .await;
    assert_eq!(no_reason.status(), 422);
    let released = manager
        .post(
            &format!("/api/inspections/{id}/override"),
            &json!({"reason": "HDMI-Buchse nachgelötet und geprüft"}),
        )
        .await;
    assert_eq!(released.status(), 200);
    let released: Value = released.json().await?;
    assert_eq!(released["printable"], true);

    let queued = floor
        .b
        .post(&format!("/api/inspections/{id}/print"), &print)
        .await;
    assert_eq!(queued.status(), 202);
    let queued: Value = queued.json().await?;
    wait_printed(&floor.b, queued["data"]["job"]["id"].as_i64().ok_or("id")?).await;

    // A second label needs a reason; through the print-job API as well.
    let again = floor
        .b
        .post(&format!("/api/inspections/{id}/print"), &print)
        .await;
    assert_eq!(again.status(), 422);
    let reprint = floor
        .b
        .post(
            "/api/print-jobs",
            &json!({"printerId": floor.printer_id, "kind": "product",
                    "reference": format!("inspection:{id}"), "reason": "Etikett verschmiert"}),
        )
        .await;
    assert_eq!(reprint.status(), 202);
    Ok(())
}

#[tokio::test]
async fn concurrent_completions_leave_one_winner() -> TestResult {
    let floor = floor().await;
    floor
        .a
        .post("/api/c2", &example_a(Product::C2, "C2-RACE"))
        .await;
    let second_b = floor.app.login_as("PRUEFER_AB").await;
    let body = with(
        example_b(Product::C2),
        json!({"serialnummer": "C2-RACE", "skipPrint": true}),
    );
    let (one, two) = tokio::join!(
        floor.b.put("/api/c2", &body),
        second_b.put("/api/c2", &body)
    );
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409]);
    Ok(())
}

#[tokio::test]
async fn product_definitions_and_search() -> TestResult {
    let floor = floor().await;
    let viewer = floor.app.login_as("VIEWER").await;
    let products: Value = viewer.get("/api/products").await.json().await?;
    let keys: Vec<&str> = products["data"]["products"]
        .as_array()
        .ok_or("products")?
        .iter()
        .filter_map(|p| p["key"].as_str())
        .collect();
    assert_eq!(keys, ["cpro", "c2", "cbasic", "kk"]);
    let kk: Value = viewer
        .get("/api/products/kk/definition")
        .await
        .json()
        .await?;
    assert_eq!(kk["data"]["labelTitle"], "Rotoclear C-Line");
    assert!(
        kk["data"]["fields"]
            .as_array()
            .is_some_and(|f| f.len() > 20)
    );
    assert_eq!(
        viewer.get("/api/products/zzz/definition").await.status(),
        404
    );

    // Viewers cannot record anything.
    assert_eq!(
        viewer
            .post("/api/c2", &example_a(Product::C2, "C2-V"))
            .await
            .status(),
        403
    );
    for n in 0..3 {
        floor
            .a
            .post("/api/c2", &example_a(Product::C2, &format!("C2-S{n}")))
            .await;
    }
    floor
        .a
        .post("/api/kk", &example_a(Product::Kk, "KK-S0"))
        .await;
    let found: Value = viewer
        .get("/api/inspections?product=c2&serial=C2-S&sort=serial&limit=2")
        .await
        .json()
        .await?;
    assert_eq!(found["data"]["pagination"]["total"], 3);
    assert_eq!(found["data"]["inspections"][0]["serialnummer"], "C2-S0");
    let by_inspector: Value = viewer
        .get("/api/inspections?inspector=u_pruefer_a&status=awaiting_b")
        .await
        .json()
        .await?;
    assert_eq!(by_inspector["data"]["pagination"]["total"], 4);
    for bad in ["status=done", "product=x", "sort=color", "limit=0"] {
        assert_eq!(
            viewer
                .get(&format!("/api/inspections?{bad}"))
                .await
                .status(),
            422,
            "{bad}"
        );
    }
    let list: Value = viewer.get("/api/c2").await.json().await?;
    assert_eq!(list["items"].as_array().map(Vec::len), Some(3));
    Ok(())
}
