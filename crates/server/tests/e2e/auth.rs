//! Signing in and roles in the browser: first-run setup, login, user administration, navigation by
//! role and the no-access page.

use fantoccini::Locator;

use crate::{Browser, E2eResult};

const ADMIN_PASSWORD: &str = "Prüfstand-Kalibrierung-2026";
const INSPECTOR_PASSWORD: &str = "Messschieber-Kontrolle-77";

async fn sign_in(browser: &Browser, identifier: &str, password: &str) -> E2eResult {
    browser.wait_for_path("/login").await?;
    browser.fill("login-identifier", identifier).await?;
    browser.fill("login-password", password).await?;
    browser.click("login-submit").await?;
    browser.wait_for_path("/").await?;
    Ok(())
}

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and the built SPA; scripts/test.sh runs it"]
async fn first_admin_creates_an_inspector_who_sees_no_administration() -> E2eResult {
    let browser = Browser::start().await?;
    let result = async {
        // A fresh installation sends every visitor to the first-run setup.
        browser.open("/").await?;
        browser.wait_for_path("/setup").await?;
        browser.fill("setup-username", "admin").await?;
        browser.fill("setup-email", "qs-admin@rotoclear.de").await?;
        browser.fill("setup-first-name", "Greta").await?;
        browser.fill("setup-last-name", "Hoffmann").await?;
        browser.fill("setup-password", ADMIN_PASSWORD).await?;
        browser
            .fill("setup-password-confirm", ADMIN_PASSWORD)
            .await?;
        browser.click("setup-submit").await?;

        // Setup does not sign in: the new administrator does, and finds the administration.
        sign_in(&browser, "admin", ADMIN_PASSWORD).await?;
        browser
            .wait_for_text("[data-testid=user-menu-role]", "Administrator")
            .await?;
        browser.click("nav--admin-users").await?;
        browser.wait_for_path("/admin/users").await?;
        browser
            .wait_for_text("[data-testid=page-title]", "Benutzerverwaltung")
            .await?;
        browser.wait_for("[data-testid=user-row-admin]").await?;

        browser.click("user-create").await?;
        browser.fill("user-username", "pruefer_b1").await?;
        browser
            .fill("user-email", "pruefer.b1@rotoclear.de")
            .await?;
        browser.fill("user-first-name", "Jonas").await?;
        browser.fill("user-last-name", "Weber").await?;
        browser.fill("user-password", INSPECTOR_PASSWORD).await?;
        browser.select("user-role", "PRUEFER_B").await?;
        browser.click("user-submit").await?;
        let row = browser
            .wait_for("[data-testid=user-row-pruefer_b1]")
            .await?
            .text()
            .await?;
        assert!(row.contains("Prüfer B"), "{row}");

        browser.click("logout").await?;

        // The inspector's navigation has no administration …
        sign_in(&browser, "pruefer_b1", INSPECTOR_PASSWORD).await?;
        browser
            .wait_for_text("[data-testid=user-menu-role]", "Prüfer B")
            .await?;
        browser.wait_for("[data-testid=nav--status]").await?;
        let admin_links = browser
            .client
            .find_all(Locator::Css("[data-testid=nav--admin-users]"))
            .await?;
        assert!(
            admin_links.is_empty(),
            "inspector sees the user administration"
        );

        // … and typing its address shows "no access" instead of the page.
        browser.open("/admin/users").await?;
        browser
            .wait_for_text(
                "[data-testid=no-access] [data-testid=page-title]",
                "Keine Berechtigung",
            )
            .await?;
        assert!(
            browser
                .client
                .find_all(Locator::Css("[data-testid=user-create]"))
                .await?
                .is_empty()
        );
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    browser.stop().await;
    result
}
