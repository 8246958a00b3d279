//! The start page's figures in the browser: MANAGEMENT sees the units just recorded in the C2 figure,
//! in the current plant month's column of the chart and in its table; Prüfer B finds the unit still
//! waiting for B in the work queue, linked to B's form.

use chrono::Datelike;
use etikettdrucker::inspection::examples::{example_a, example_b};
use labels::product::Product;
use serde_json::json;

use crate::{Browser, E2eResult};

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and the built SPA; scripts/test.sh runs it"]
async fn the_home_page_shows_the_recorded_units_and_the_work_queue() -> E2eResult {
    let browser = Browser::start().await?;
    let inspector_b = browser.another_window().await?;
    let result = async {
        // Arrange: three C2 units by Prüfer A, the first completed by Prüfer B.
        let a = browser.app.login_as("PRUEFER_A").await;
        let b = browser.app.login_as("PRUEFER_B").await;
        let serials = ["C2-HOME-1", "C2-HOME-2", "C2-HOME-3"];
        for serial in serials {
            let created = a.post("/api/c2", &example_a(Product::C2, serial)).await;
            assert_eq!(created.status(), 201);
        }
        let mut values = example_b(Product::C2);
        values["serialnummer"] = json!(serials[0]);
        values["skipPrint"] = json!(true);
        assert_eq!(b.put("/api/c2", &values).await.status(), 200);
        // The plant's current month (the test settings keep the default time zone).
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Berlin)
            .date_naive();
        let month = format!("{:04}-{:02}", today.year(), today.month());

        // Act & assert: MANAGEMENT on the start page.
        let (manager, password) = browser.app.create_user("mia_manager", "MANAGEMENT").await;
        browser.sign_in(&manager, &password).await?;
        browser
            .wait_for_text("[data-testid=kpi-c2] [data-testid=kpi-value]", "3")
            .await?;
        browser
            .wait_for_text("[data-testid=kpi-total] [data-testid=kpi-value]", "3")
            .await?;
        browser
            .wait_for(&format!(
                "[data-testid=monthly-chart] [data-testid=month-col][data-month='{month}'][data-total='3']"
            ))
            .await?;
        let columns = browser
            .client
            .find_all(fantoccini::Locator::Css(
                "[data-testid=monthly-chart] [data-testid=month-col]",
            ))
            .await?;
        assert_eq!(columns.len(), 12, "one column per month");
        browser.click("monthly-table-toggle").await?;
        browser
            .wait_for_text(
                &format!(
                    "[data-testid=monthly-table] tr[data-month='{month}'] [data-testid=month-total]"
                ),
                "3",
            )
            .await?;
        browser
            .wait_for("[data-testid=dist-c2] [data-name=DMG][data-value='3']")
            .await?;
        // Per-person figures are on by default: MANAGEMENT sees who recorded the units.
        browser.wait_for("[data-testid=top-performers]").await?;

        // Prüfer B sees the two units still waiting, each linked to B's form, not the finished one.
        let (b_user, b_password) = browser.app.create_user("bea_b", "PRUEFER_B").await;
        inspector_b.sign_in(&b_user, &b_password).await?;
        inspector_b
            .wait_for_text(
                "[data-testid=work-queue] [data-testid=work-item][data-serial='C2-HOME-2'] .table__strong",
                "C2-HOME-2",
            )
            .await?;
        let items = inspector_b
            .client
            .find_all(fantoccini::Locator::Css(
                "[data-testid=work-queue] [data-testid=work-item]",
            ))
            .await?;
        let mut shown = Vec::new();
        for item in &items {
            shown.push(item.attr("data-serial").await?.unwrap_or_default());
        }
        assert_eq!(shown, ["C2-HOME-2", "C2-HOME-3"], "oldest first");
        let link = inspector_b
            .wait_for("[data-testid=work-item][data-serial='C2-HOME-2'] a")
            .await?;
        let href = link.attr("href").await?.unwrap_or_default();
        assert!(href.ends_with("/products/c2/b"), "{href}");
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    inspector_b.stop().await;
    browser.stop().await;
    result
}
