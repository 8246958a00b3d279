//! The printer registry: admins register printers, everyone logged in reads them; addresses are
//! validated and never come from anywhere else.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestResult};

#[tokio::test]
async fn admins_register_edit_and_remove_printers() -> TestResult {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;

    let created = admin
        .post(
            "/api/printers",
            &json!({"name": "Demo-Drucker", "host": "127.0.0.1", "location": "Halle 2", "isDefault": true}),
        )
        .await;
    assert_eq!(created.status(), 200);
    let created: Value = created.json().await?;
    let first = &created["data"]["printer"];
    assert_eq!(first["port"], 9100);
    assert_eq!(first["dpi"], 300);
    assert_eq!(
        (
            first["labelWidthMm"].as_u64(),
            first["labelHeightMm"].as_u64()
        ),
        (Some(100), Some(150))
    );
    assert_eq!(first["isDefault"], true);
    assert_eq!(first["updatedBy"], "admin");
    let first_id = first["id"].as_i64().ok_or("no id")?;

    // A second default replaces the first.
    let second: Value = admin
        .post(
            "/api/printers",
            &json!({"name": "Versand", "host": "zebra-versand.werk.local", "port": 6101, "isDefault": true}),
        )
        .await
        .json()
        .await?;
    let second_id = second["data"]["printer"]["id"].as_i64().ok_or("no id")?;

    // Everyone logged in can read the registry, to choose a printer.
    let inspector = app.login_as("PRUEFER_B").await;
    let list: Value = inspector.get("/api/printers").await.json().await?;
    let printers = list["data"]["printers"].as_array().ok_or("no list")?;
    assert_eq!(printers.len(), 2);
    let defaults: Vec<i64> = printers
        .iter()
        .filter(|p| p["isDefault"] == true)
        .filter_map(|p| p["id"].as_i64())
        .collect();
    assert_eq!(defaults, vec![second_id]);
    assert_eq!(
        inspector
            .post("/api/printers", &json!({"name": "x", "host": "127.0.0.1"}))
            .await
            .status(),
        403
    );

    let edited = admin
        .put(
            &format!("/api/printers/{first_id}"),
            &json!({"name": "Demo-Drucker", "host": "127.0.0.1", "port": 9101, "enabled": false}),
        )
        .await;
    assert_eq!(edited.status(), 200);
    let edited: Value = edited.json().await?;
    assert_eq!(edited["data"]["printer"]["port"], 9101);
    assert_eq!(edited["data"]["printer"]["enabled"], false);

    assert_eq!(
        admin
            .delete(&format!("/api/printers/{first_id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        admin
            .delete(&format!("/api/printers/{first_id}"))
            .await
            .status(),
        404
    );
    let events: Value = admin
        .get("/api/admin/security-events?type=PRINTER_DELETED")
        .await
        .json()
        .await?;
    assert_eq!(events["data"]["pagination"]["total"], 1);
    Ok(())
}

#[tokio::test]
async fn printer_input_is_validated_per_field_and_names_are_unique() -> TestResult {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let invalid = admin
        .post(
            "/api/printers",
            &json!({"name": "", "host": "http://127.0.0.1", "port": 0, "dpi": 250, "labelWidthMm": 5}),
        )
        .await;
    assert_eq!(invalid.status(), 422);
    let body: Value = invalid.json().await?;
    for field in ["name", "host", "port", "dpi", "labelWidthMm"] {
        assert!(body["errors"][field][0].is_string(), "{field}: {body}");
    }
    let ok = json!({"name": "Linie 1", "host": "127.0.0.1"});
    assert_eq!(admin.post("/api/printers", &ok).await.status(), 200);
    let duplicate = admin.post("/api/printers", &ok).await;
    assert_eq!(duplicate.status(), 409);
    let body: Value = duplicate.json().await?;
    assert_eq!(body["errors"]["name"][0], "Name bereits vergeben");
    Ok(())
}

#[tokio::test]
async fn development_mode_registers_the_demo_printer_once() -> TestResult {
    let app = TestApp::spawn_with(|s| {
        s.printing.demo_printer = Some("127.0.0.1:9101".parse().expect("address"));
    })
    .await;
    let listed: Value = app.admin().await.get("/api/printers").await.json().await?;
    let printers = listed["data"]["printers"].as_array().ok_or("list")?;
    assert_eq!(printers.len(), 1);
    assert_eq!(printers[0]["name"], "Demo-Drucker");
    assert_eq!(printers[0]["host"], "127.0.0.1");
    assert_eq!(printers[0]["port"], 9101);
    assert_eq!(printers[0]["isDefault"], true);
    Ok(())
}

#[test]
fn the_demo_printer_is_loopback_and_development_only() {
    use etikettdrucker::settings::Settings;
    let load = |vars: &[(&str, &str)]| {
        Settings::load_from(
            None,
            vars.iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>(),
        )
    };
    assert!(load(&[("ETIKETT_PRINTING__DEMO_PRINTER", "127.0.0.1:9101")]).is_ok());
    let error =
        load(&[("ETIKETT_PRINTING__DEMO_PRINTER", "0.0.0.0:9100")]).expect_err("not loopback");
    assert!(error.to_string().contains("ETIKETT_PRINTING__DEMO_PRINTER"));
    assert!(
        load(&[
            ("ETIKETT_PRINTING__DEMO_PRINTER", "127.0.0.1:9101"),
            ("ETIKETT_ENV", "production")
        ])
        .is_err()
    );
}
