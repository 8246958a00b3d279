//! `GET /api/dashboard-stats` against hand-counted data: totals, passed units, the 30-day window,
//! variant distributions, the 12 plant months, per-person figures by role and setting, work queues.

use chrono::Datelike;
use etikettdrucker::inspection::examples::{example_a, example_b};
use labels::product::Product;
use serde_json::{Value, json};

use crate::helpers::{Session, TestApp, TestResult};

async fn stats(session: &Session) -> Value {
    let response = session.get("/api/dashboard-stats").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    body["data"].clone()
}

/// Two C2 units and one C Pro unit by Prüfer A, one C2 passed by Prüfer B, an accessory label.
async fn plant(app: &TestApp) -> (Session, Session) {
    let a = app.login_as("PRUEFER_A").await;
    let b = app.login_as("PRUEFER_B").await;
    for (product, serial) in [
        (Product::C2, "C2-D-1"),
        (Product::C2, "C2-D-2"),
        (Product::CPro, "CP-D-1"),
    ] {
        let created = a
            .post(
                &format!("/api/{}", product.key()),
                &example_a(product, serial),
            )
            .await;
        assert_eq!(created.status(), 201);
    }
    let mut values = example_b(Product::C2);
    values["serialnummer"] = json!("C2-D-1");
    values["skipPrint"] = json!(true);
    assert_eq!(b.put("/api/c2", &values).await.status(), 200);
    let label = a
        .post(
            "/api/zubehoer",
            &json!({"lieferscheinnummer": "LS-D", "skipPrint": true,
                    "items": [{"artikelnummer": "10091", "menge": 1}]}),
        )
        .await;
    assert_eq!(label.status(), 201);
    (a, b)
}

#[tokio::test]
async fn the_figures_count_what_was_recorded_in_the_plants_months() -> TestResult {
    let app = TestApp::spawn().await;
    let (a, b) = plant(&app).await;
    let management = app.login_as("MANAGEMENT").await;
    let data = stats(&management).await;

    assert_eq!(
        data["totals"],
        json!({"cpro": 1, "c2": 2, "cbasic": 0, "kk": 0, "zubehoer": 1, "outerKarton": 0, "total": 3})
    );
    assert_eq!(data["passed"]["c2"], 1);
    assert_eq!(data["passed"]["total"], 1);
    assert_eq!(data["recent"]["total"], 3);
    assert_eq!(data["recentDays"], 30);
    assert_eq!(data["timeZone"], "Europe/Berlin");
    assert_eq!(
        data["distributions"]["c2Configs"],
        json!([{"name": "DMG", "value": 2}])
    );
    assert_eq!(
        data["distributions"]["cproFestplatten"],
        json!([{"name": "TB_1", "value": 1}])
    );

    // 12 months, the last one the plant's current month, keys and labels alike.
    let months = data["monthlyStats"].as_array().ok_or("months")?;
    assert_eq!(months.len(), 12);
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Berlin)
        .date_naive();
    let current = format!("{:04}-{:02}", today.year(), today.month());
    let last = &months[11];
    assert_eq!(last["month"], current.as_str());
    assert!(
        last["label"]
            .as_str()
            .unwrap_or_default()
            .ends_with(&today.year().to_string())
    );
    assert_eq!(
        (last["c2"].as_u64(), last["cpro"].as_u64()),
        (Some(2), Some(1))
    );
    let summed: u64 = months
        .iter()
        .map(|m| {
            ["cpro", "c2", "cbasic", "kk"]
                .iter()
                .map(|k| m[*k].as_u64().unwrap_or_default())
                .sum::<u64>()
        })
        .sum();
    assert_eq!(summed, 3, "every unit in exactly one month");

    // Per-person figures: MANAGEMENT sees them, inspectors never.
    assert_eq!(
        data["topPerformers"]["c2"],
        json!([{"name": "u_pruefer_a", "count": 2}])
    );
    assert_eq!(data["perPersonFigures"], true);
    let for_b = stats(&b).await;
    assert_eq!(for_b["topPerformers"]["c2"], json!([]));

    // Work queues: B sees the unit waiting for B; A (only A) sees their units still with B.
    let queue: Vec<&str> = for_b["workQueue"]
        .as_array()
        .ok_or("queue")?
        .iter()
        .filter_map(|w| w["serialnummer"].as_str())
        .collect();
    assert_eq!(
        queue,
        ["C2-D-2", "CP-D-1"],
        "oldest first, passed unit gone"
    );
    let for_a = stats(&a).await;
    assert_eq!(for_a["workQueue"].as_array().map(Vec::len), Some(2));
    let viewer = app.login_as("VIEWER").await;
    assert_eq!(stats(&viewer).await["workQueue"], json!([]));

    // The figures are shared between requests for a few seconds, but a write shows at once.
    let created = a.post("/api/kk", &example_a(Product::Kk, "KK-D-1")).await;
    assert_eq!(created.status(), 201);
    let after = stats(&management).await;
    assert_eq!(after["totals"]["kk"], 1);
    assert_eq!(after["totals"]["total"], 4);
    assert_eq!(
        after["distributions"]["kkOptics"],
        json!([{"name": "Zwei_Optiken", "value": 1}])
    );
    Ok(())
}

#[tokio::test]
async fn per_person_figures_can_be_switched_off() -> TestResult {
    let app = TestApp::spawn_with(|s| s.analytics.per_person_figures = false).await;
    plant(&app).await;
    let management = app.login_as("MANAGEMENT").await;
    let data = stats(&management).await;
    assert_eq!(data["perPersonFigures"], false);
    assert_eq!(
        data["topPerformers"],
        json!({"cpro": [], "c2": [], "cbasic": [], "kk": []})
    );
    assert_eq!(data["totals"]["total"], 3, "the other figures stay");
    Ok(())
}

/// The daily counts as rows, in a fixed order.
async fn daily_rows(
    db: &sea_orm::DatabaseConnection,
) -> Vec<(
    String,
    String,
    String,
    i32,
    String,
    String,
    String,
    String,
    i64,
)> {
    use sea_orm::{ConnectionTrait, Statement};
    let rows = db
        .query_all(Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(datum AS TEXT) AS d, product, status, released, variant, artikel_nummer, \
             pruefer_a, pruefer_b, CAST(n AS BIGINT) AS n FROM inspection_daily \
             ORDER BY 1, 2, 3, 4, 5, 6, 7, 8",
        ))
        .await
        .expect("daily counts");
    rows.iter()
        .map(|r| {
            (
                r.try_get("", "d").unwrap_or_default(),
                r.try_get("", "product").unwrap_or_default(),
                r.try_get("", "status").unwrap_or_default(),
                r.try_get("", "released").unwrap_or_default(),
                r.try_get("", "variant").unwrap_or_default(),
                r.try_get("", "artikel_nummer").unwrap_or_default(),
                r.try_get("", "pruefer_a").unwrap_or_default(),
                r.try_get("", "pruefer_b").unwrap_or_default(),
                r.try_get("", "n").unwrap_or_default(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_daily_counts_follow_every_kind_of_write() -> TestResult {
    let app = TestApp::spawn().await;
    let (a, b) = plant(&app).await;
    // A corrects a unit (variant changes), B starts one, B fails one, MANAGEMENT releases it.
    let created: Value = a
        .post("/api/c2", &example_a(Product::C2, "C2-D-9"))
        .await
        .json()
        .await?;
    let id = created["itemId"].as_i64().ok_or("id")?;
    let mut corrected = example_a(Product::C2, "C2-D-9");
    corrected["konfiguration"] = json!("EDU");
    assert_eq!(
        a.put(&format!("/api/inspections/{id}/a"), &corrected)
            .await
            .status(),
        200
    );
    let mut started = example_b(Product::C2);
    started["serialnummer"] = json!("C2-D-2");
    let compared = b
        .post(
            &format!(
                "/api/inspections/{}/differences",
                stats(&b).await["workQueue"][0]["inspectionId"]
            ),
            &started,
        )
        .await;
    assert_eq!(compared.status(), 200);
    let mut failing = example_b(Product::C2);
    failing["serialnummer"] = json!("C2-D-9");
    failing["hdmi_ok"] = json!(false);
    failing["skipPrint"] = json!(true);
    assert_eq!(b.put("/api/c2", &failing).await.status(), 200);
    let management = app.login_as("MANAGEMENT").await;
    let released = management
        .post(
            &format!("/api/inspections/{id}/override"),
            &json!({"reason": "Kratzer am Gehäuse, unkritisch"}),
        )
        .await;
    assert_eq!(released.status(), 200);

    let db = app.db().await;
    let kept = daily_rows(&db).await;
    etikettdrucker::dashboard::daily::rebuild(&db).await?;
    assert_eq!(kept, daily_rows(&db).await, "incremental = counted afresh");
    // And the home page reads them: 3 C2 units, 2 of them passed or released.
    let data = stats(&management).await;
    assert_eq!(data["totals"]["c2"], 3);
    assert_eq!(data["passed"]["c2"], 2);
    assert!(
        kept.iter()
            .any(|row| row.1 == "c2" && row.2 == "failed" && row.3 == 1 && row.7 == "u_pruefer_b"),
        "{kept:?}"
    );
    Ok(())
}
