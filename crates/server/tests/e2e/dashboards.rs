//! The QA lead's dashboards in the browser: MANAGEMENT filters the C2 dashboard by the current
//! month, sees the chart, the figures and the table agree, drills into an inspection and downloads
//! the CSV of exactly those units; the analytics page shows the same month.

use chrono::Datelike;
use etikettdrucker::inspection::examples::{example_a, example_b};
use labels::product::Product;
use serde_json::json;

use crate::{Browser, E2eResult};

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and the built SPA; scripts/test.sh runs it"]
async fn management_filters_c2_by_month_and_downloads_the_csv() -> E2eResult {
    let browser = Browser::start().await?;
    let result = async {
        // Arrange: three C2 units; B passes one, fails one (HDMI), the third still waits for B.
        let a = browser.app.login_as("PRUEFER_A").await;
        let b = browser.app.login_as("PRUEFER_B").await;
        for serial in ["C2-DASH-1", "C2-DASH-2", "C2-DASH-3"] {
            let created = a.post("/api/c2", &example_a(Product::C2, serial)).await;
            assert_eq!(created.status(), 201);
        }
        for (serial, hdmi) in [("C2-DASH-1", true), ("C2-DASH-2", false)] {
            let mut values = example_b(Product::C2);
            values["serialnummer"] = json!(serial);
            values["hdmi_ok"] = json!(hdmi);
            values["skipPrint"] = json!(true);
            assert_eq!(b.put("/api/c2", &values).await.status(), 200);
        }
        let today = chrono::Utc::now()
            .with_timezone(&chrono_tz::Europe::Berlin)
            .date_naive();
        let month = format!("{:04}-{:02}", today.year(), today.month());

        // Act: MANAGEMENT opens the C2 dashboard and picks the month.
        let (manager, password) = browser.app.create_user("qa_lead", "MANAGEMENT").await;
        browser.sign_in(&manager, &password).await?;
        browser.open("/dashboard/c2").await?;
        let picker = browser.wait_for("[data-testid=dash-month]").await?;
        browser
            .client
            .execute(
                "arguments[0].value = arguments[1]; \
                 arguments[0].dispatchEvent(new Event('change', { bubbles: true }));",
                vec![serde_json::to_value(&picker)?, json!(month)],
            )
            .await?;
        browser.click("dash-apply").await?;

        // Assert: figures, chart and table agree on two completed units, one passed, one failed.
        browser
            .wait_for("[data-testid=dash-inspected][data-value='2']")
            .await?;
        browser
            .wait_for("[data-testid=dash-passed][data-value='1']")
            .await?;
        browser
            .wait_for("[data-testid=dash-failed][data-value='1']")
            .await?;
        browser
            .wait_for("[data-testid=dash-total][data-total='2']")
            .await?;
        // Today's column of the day chart holds both.
        let day = usize::try_from(today.day0())?;
        browser
            .wait_for(&format!(
                "[data-testid=chart-throughput-bar-{day}][data-total='2']"
            ))
            .await?;
        browser.click("chart-throughput-toggle").await?;
        browser
            .wait_for(&format!("[data-testid=chart-throughput-row-{day}]"))
            .await?;
        let rows = browser
            .client
            .find_all(fantoccini::Locator::Css(
                "[data-testid=dash-table] [data-testid^=dash-row-]",
            ))
            .await?;
        assert_eq!(rows.len(), 2, "the table lists the two completed units");

        // The CSV behind the export link holds exactly those two units.
        let link = browser.wait_for("[data-testid=export-csv]").await?;
        let href = link.attr("href").await?.unwrap_or_default();
        assert!(href.contains("completedFrom="), "{href}");
        assert!(href.contains("product=c2"), "{href}");
        let csv = browser
            .client
            .execute(
                "return fetch(arguments[0], { credentials: 'same-origin' }) \
                 .then(r => r.arrayBuffer()) \
                 .then(b => new TextDecoder('utf-8', { ignoreBOM: true }).decode(b));",
                vec![json!(href)],
            )
            .await?;
        let csv = csv.as_str().unwrap_or_default();
        assert!(csv.starts_with('\u{feff}'), "UTF-8 BOM");
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 3, "{csv}");
        assert!(csv.contains(";C2-DASH-1;Bestanden;"), "{csv}");
        assert!(csv.contains(";C2-DASH-2;Nicht bestanden;"), "{csv}");
        assert!(!csv.contains("C2-DASH-3"), "{csv}");

        // Drill-down from the table to the inspection's page.
        let unit = browser
            .wait_for("[data-testid=dash-table] a[href*='/inspections/']")
            .await?;
        let target = unit.attr("href").await?.unwrap_or_default();
        let testid = unit.attr("data-testid").await?.unwrap_or_default();
        browser.click(&testid).await?;
        browser.wait_for_path(&target).await?;
        browser.wait_for("[data-testid=detail-serial]").await?;

        // The analytics page counts the same month.
        browser
            .open(&format!(
                "/dashboard?product=c2&from={month}-01&to={}",
                today.format("%Y-%m-%d")
            ))
            .await?;
        browser
            .wait_for("[data-testid=kpi-inspected] [data-value='2']")
            .await?;
        browser
            .wait_for("[data-testid=kpi-awaiting-b] [data-value='1']")
            .await?;
        browser.wait_for("[data-testid=chart-pareto]").await?;
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    browser.stop().await;
    result
}
