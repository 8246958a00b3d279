//! Printing in the browser, as a new administrator tries it: register the printer emulator, print a
//! test label and watch it print live, take the printer away, print again and see the job wait with
//! its reason, bring the printer back and see the job print.

use std::time::Duration;

use etikettdrucker::printing::{Emulator, EmulatorConfig};

use crate::helpers::ADMIN_PASSWORD;
use crate::{Browser, E2eResult};

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and the built SPA; scripts/test.sh runs it"]
async fn an_admin_registers_a_printer_and_follows_jobs_live() -> E2eResult {
    // An offline printer is retried for as long as the test needs.
    let browser = Browser::start_with(|s| s.printing.max_attempts = 1000).await?;
    let printer = Emulator::start("127.0.0.1:0".parse()?, EmulatorConfig::default()).await?;
    let address = printer.local_addr();
    let result = async {
        browser.app.admin().await;
        browser.open("/login").await?;
        browser.fill("login-identifier", "admin").await?;
        browser.fill("login-password", ADMIN_PASSWORD).await?;
        browser.click("login-submit").await?;
        browser.wait_for_path("/").await?;

        browser.click("nav--admin-printers").await?;
        browser.wait_for_path("/admin/printers").await?;
        browser.click("printer-create").await?;
        browser.fill("printer-name", "Demo-Drucker").await?;
        browser.fill("printer-host", "127.0.0.1").await?;
        browser
            .fill("printer-port", &address.port().to_string())
            .await?;
        browser.click("printer-submit").await?;
        browser
            .wait_for("[data-testid=printer-status][data-status=ready]")
            .await?;

        browser.click("nav--print-jobs").await?;
        browser.wait_for_path("/print-jobs").await?;
        browser
            .wait_for("[data-testid=live-state][data-live=open]")
            .await?;
        browser
            .wait_for("[data-testid=printer-picker-status][data-status=ready]")
            .await?;
        browser.click("print-test-label").await?;
        browser
            .wait_for("[data-testid^=job-row-][data-state=printed]")
            .await?;
        browser.wait_for(".toast[data-kind=success]").await?;
        assert_eq!(
            printer
                .wait_for_labels(1, Duration::from_secs(10))
                .await
                .len(),
            1
        );

        // The printer goes away: the next job waits, with the reason in its row.
        printer.stop().await;
        browser.click("print-test-label").await?;
        // The row is redrawn with every attempt; read it until the reason is there.
        let waiting = "[data-testid^=job-row-][data-state=queued] [data-testid=job-last-error]";
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        let mut reason = String::new();
        while !reason.contains("abgelehnt") {
            if tokio::time::Instant::now() >= deadline {
                return Err(format!("no waiting reason shown; last {reason:?}").into());
            }
            if let Ok(element) = browser.client.find(fantoccini::Locator::Css(waiting)).await {
                reason = element.text().await.unwrap_or_default();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }

        // It comes back: the waiting job prints without anyone touching it.
        let printer = Emulator::start(address, EmulatorConfig::default()).await?;
        let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
        loop {
            let printed = browser
                .client
                .find_all(fantoccini::Locator::Css(
                    "[data-testid^=job-row-][data-state=printed]",
                ))
                .await?;
            if printed.len() == 2 {
                break;
            }
            if tokio::time::Instant::now() >= deadline {
                return Err(format!("{} of 2 jobs shown printed", printed.len()).into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(
            printer
                .wait_for_labels(1, Duration::from_secs(10))
                .await
                .len(),
            1
        );
        Ok::<_, Box<dyn std::error::Error>>(())
    }
    .await;
    browser.stop().await;
    result
}
