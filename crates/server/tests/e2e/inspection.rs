//! The inspection of a unit in the browser, as the shop floor does it: Prüfer A records a C2 and a KK
//! unit at one workstation, a different Prüfer B enters the values blind at another, sees the
//! difference dialog for the value B typed differently, confirms, and the label comes out of the
//! printer emulator.

use std::time::Duration;

use etikettdrucker::inspection::examples::{example_a, example_b};
use etikettdrucker::printing::{Emulator, EmulatorConfig};
use labels::product::Product;
use serde_json::{Map, Value, json};

use crate::{Browser, E2eResult, Window};

/// Enters `values` into the form, field by field in the definition's order (so conditional fields
/// are there when their turn comes), for the fields `step` (`a` or `b`) fills.
async fn fill_form(window: &Window, definition: &Value, step: &str, values: &Value) -> E2eResult {
    let mut entered = Map::new();
    for field in definition["fields"].as_array().ok_or("fields")? {
        let key = field["key"].as_str().ok_or("key")?;
        let filled_by = field["filledBy"].as_str().unwrap_or_default();
        if filled_by != step && filled_by != "both" {
            continue;
        }
        if let Some(when) = field.get("visibleWhen").filter(|w| !w.is_null()) {
            let current = entered.get(when["field"].as_str().unwrap_or_default());
            let visible = when["anyOf"]
                .as_array()
                .is_some_and(|any| current.is_some_and(|c| any.contains(c)));
            if !visible {
                continue;
            }
        }
        let Some(value) = values.get(key).filter(|v| !v.is_null()) else {
            continue;
        };
        match (field["kind"].as_str().unwrap_or_default(), value) {
            ("check", Value::Bool(yes)) => {
                let answer = if *yes { "yes" } else { "no" };
                window.click(&format!("field-{key}-{answer}")).await?;
            }
            ("choice", Value::String(code)) => {
                window.click(&format!("field-{key}-opt-{code}")).await?;
            }
            (_, Value::String(text)) => window.fill(&format!("field-{key}-input"), text).await?,
            (kind, other) => {
                return Err(format!("{key}: cannot enter {other} into a {kind}").into());
            }
        }
        entered.insert(key.to_string(), value.clone());
    }
    Ok(())
}

async fn inspect(
    a: &Window,
    b: &Window,
    definition: &Value,
    product: Product,
    serial: &str,
) -> E2eResult {
    let key = product.key();
    a.open(&format!("/products/{key}/a")).await?;
    a.wait_for("[data-testid=a-form]").await?;
    fill_form(a, definition, "a", &example_a(product, serial)).await?;
    a.click("a-submit").await?;
    a.wait_for(&format!("[data-testid=a-saved][data-serial='{serial}']"))
        .await?;

    b.open(&format!("/products/{key}/b")).await?;
    b.fill("b-serial", serial).await?;
    b.click("b-load").await?;
    b.wait_for("[data-testid=b-form]").await?;
    // B types one value differently from A.
    let mut values = example_b(product);
    let changed = if product == Product::Kk {
        "firmware_version"
    } else {
        "software_version"
    };
    values[changed] = json!("9.9.9");
    fill_form(b, definition, "b", &values).await?;
    b.wait_for("[data-testid=b-printer-status][data-status=ready]")
        .await?;
    b.click("b-save-print").await?;
    b.wait_for("[data-testid=diff-dialog]").await?;
    b.wait_for(&format!("[data-testid=diff-row-{changed}]"))
        .await?;
    b.click("diff-confirm").await?;
    b.wait_for("[data-testid=b-result][data-status=passed]")
        .await?;
    b.wait_for("[data-testid=b-job-state][data-state=printed]")
        .await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and the built SPA; scripts/test.sh runs it"]
async fn two_inspectors_take_a_c2_and_a_kk_unit_from_scan_to_label() -> E2eResult {
    let browser = Browser::start().await?;
    let printer = Emulator::start("127.0.0.1:0".parse()?, EmulatorConfig::default()).await?;
    let second = browser.another_window().await?;
    let result = async {
        let admin = browser.app.admin().await;
        let registered = admin
            .post(
                "/api/printers",
                &json!({"name": "Prüfplatz 1", "host": "127.0.0.1",
                        "port": printer.local_addr().port(), "isDefault": true}),
            )
            .await;
        assert_eq!(registered.status(), 200);
        let (a_user, a_password) = browser.app.create_user("anna_a", "PRUEFER_A").await;
        let (b_user, b_password) = browser.app.create_user("bernd_b", "PRUEFER_B").await;
        browser.sign_in(&a_user, &a_password).await?;
        second.sign_in(&b_user, &b_password).await?;

        for (n, product) in [Product::C2, Product::Kk].into_iter().enumerate() {
            let definition: Value = admin
                .get(&format!("/api/products/{}/definition", product.key()))
                .await
                .json()
                .await?;
            let serial = format!("{}-E2E-1", product.key().to_uppercase());
            inspect(&browser, &second, &definition["data"], product, &serial).await?;
            let labels = printer
                .wait_for_labels(n + 1, Duration::from_secs(15))
                .await;
            let label = String::from_utf8_lossy(&labels.get(n).ok_or("no label")?.zpl).to_string();
            assert!(
                label.contains(&format!("Seriennummer: {serial}")),
                "{label}"
            );
        }
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    second.stop().await;
    browser.stop().await;
    result
}
