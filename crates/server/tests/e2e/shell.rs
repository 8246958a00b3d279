//! The SPA shell: it loads under the server's CSP, shows the system status, switches language.

use fantoccini::Locator;

use crate::{Browser, E2eResult};

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and the built SPA; scripts/test.sh runs it"]
async fn status_page_shows_health_and_the_language_switch_persists() -> E2eResult {
    let browser = Browser::start().await?;
    let result = async {
        // German by default.
        browser.open("/status").await?;
        browser
            .wait_for_text("[data-testid=page-title]", "Systemstatus")
            .await?;
        browser
            .wait_for_text("[data-testid=health-status]", "Betriebsbereit")
            .await?;
        let database = browser
            .client
            .find(Locator::Css("[data-testid=check-database]"))
            .await?
            .text()
            .await?;
        assert!(database.contains("Datenbank"), "{database}");
        let footer = browser
            .client
            .find(Locator::Css("[data-testid=footer]"))
            .await?
            .text()
            .await?;
        assert!(footer.contains(env!("CARGO_PKG_VERSION")), "{footer}");

        // Switch to English.
        browser
            .client
            .find(Locator::Css("[data-testid=lang-switch]"))
            .await?
            .click()
            .await?;
        browser
            .wait_for_text("[data-testid=page-title]", "System status")
            .await?;
        browser
            .wait_for_text("[data-testid=health-status]", "Healthy")
            .await?;

        // The choice survives a reload, and the document language follows it.
        browser.client.refresh().await?;
        browser
            .wait_for_text("[data-testid=page-title]", "System status")
            .await?;
        let lang = browser
            .client
            .find(Locator::Css("html"))
            .await?
            .attr("lang")
            .await?;
        assert_eq!(lang.as_deref(), Some("en"));

        // A client-side route the server does not know still loads the SPA (history fallback).
        browser.open("/gibt/es/nicht").await?;
        browser
            .wait_for_text("[data-testid=page-title]", "Page not found")
            .await?;
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    browser.stop().await;
    result
}
