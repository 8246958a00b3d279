//! TEMPORARY: screenshots of the auth pages (not to be committed).

use fantoccini::Locator;

use crate::{Browser, E2eResult};

const ADMIN_PASSWORD: &str = "Prüfstand-Kalibrierung-2026";

async fn shot(browser: &Browser, name: &str) -> E2eResult {
    let png = browser.client.screenshot().await?;
    std::fs::write(format!("/tmp/shots/{name}.png"), png)?;
    let errors = browser
        .client
        .execute("return (window.__errors || []).join('\\n');", vec![])
        .await?;
    println!("{name}: errors={errors}");
    Ok(())
}

async fn hook(browser: &Browser) -> E2eResult {
    browser
        .client
        .execute(
            "window.__errors = window.__errors || []; \
             const e = console.error; console.error = (...a) => { window.__errors.push(a.join(' ')); e(...a); }; \
             window.addEventListener('error', ev => window.__errors.push('ERR ' + ev.message));",
            vec![],
        )
        .await?;
    Ok(())
}

async fn text(browser: &Browser, css: &str) -> String {
    match browser.client.find(Locator::Css(css)).await {
        Ok(e) => e.text().await.unwrap_or_default(),
        Err(_) => "<none>".into(),
    }
}

async fn pause(ms: u64) {
    tokio::time::sleep(std::time::Duration::from_millis(ms)).await;
}

#[tokio::test]
#[ignore = "scratch"]
async fn scratch_screens() -> E2eResult {
    let browser = Browser::start().await?;
    let result = async {
        browser.open("/").await?;
        browser.wait_for_path("/setup").await?;
        hook(&browser).await?;
        browser.fill("setup-password", "admin123").await?;
        browser.click("setup-password-confirm").await?;
        browser.fill("setup-password-confirm", "admin12").await?;
        browser.click("setup-username").await?;
        pause(300).await;
        shot(&browser, "01-setup-weak").await?;
        browser.click("setup-submit").await?;
        pause(300).await;
        shot(&browser, "02-setup-submit-invalid").await?;
        browser.fill("setup-password", ADMIN_PASSWORD).await?;
        browser
            .fill("setup-password-confirm", ADMIN_PASSWORD)
            .await?;
        browser.click("setup-submit").await?;
        browser.wait_for_path("/login").await?;
        hook(&browser).await?;
        pause(200).await;
        shot(&browser, "03-login").await?;
        browser.fill("login-identifier", "admin").await?;
        browser.fill("login-password", "falsch-falsch").await?;
        browser.click("login-submit").await?;
        browser.wait_for("[data-testid=login-error]").await?;
        shot(&browser, "04-login-wrong").await?;
        browser.fill("login-password", ADMIN_PASSWORD).await?;
        browser.click("login-submit").await?;
        browser.wait_for_path("/").await?;
        pause(300).await;
        shot(&browser, "05-home").await?;
        browser.click("nav--admin-users").await?;
        browser.wait_for("[data-testid=user-row-admin]").await?;
        shot(&browser, "06-users").await?;
        // Create a user twice: second time conflicts.
        for round in 0..2 {
            browser.click("user-create").await?;
            browser.fill("user-username", "anna").await?;
            browser.fill("user-email", "anna@rotoclear.de").await?;
            browser.fill("user-first-name", "Anna").await?;
            browser.fill("user-last-name", "Berg").await?;
            browser
                .fill("user-password", "Kaffeemaschine am Band 7")
                .await?;
            browser.select("user-role", "PRUEFER_A").await?;
            browser.click("user-submit").await?;
            pause(600).await;
            shot(&browser, &format!("07-create-{round}")).await?;
        }
        browser.click("user-username").await?;
        browser
            .client
            .find(Locator::Css("dialog [aria-label=Schließen]"))
            .await?
            .click()
            .await?;
        pause(200).await;
        // Edit own row
        let own = browser
            .wait_for("[data-testid=user-row-admin] [data-testid=user-edit]")
            .await?;
        own.click().await?;
        pause(300).await;
        shot(&browser, "08-edit-own").await?;
        browser
            .client
            .find(Locator::Css("dialog [aria-label=Schließen]"))
            .await?
            .click()
            .await?;
        // Reset anna's password
        browser
            .wait_for("[data-testid=user-row-anna] [data-testid=user-reset-password]")
            .await?
            .click()
            .await?;
        browser
            .fill("reset-password", "Neues-Startpasswort-99")
            .await?;
        pause(200).await;
        shot(&browser, "09-reset").await?;
        browser.click("reset-submit").await?;
        pause(600).await;
        shot(&browser, "10-after-reset").await?;
        // tokens
        browser.click("nav--admin-api-tokens").await?;
        browser.click("token-create").await?;
        browser.fill("token-name", "ERP-Anbindung").await?;
        browser.fill("token-expiry", "0").await?;
        browser.click("token-submit").await?;
        pause(300).await;
        shot(&browser, "11-token-invalid").await?;
        browser.fill("token-expiry", "90").await?;
        browser.click("token-submit").await?;
        browser.wait_for("[data-testid=token-secret]").await?;
        browser.click("token-copy").await?;
        pause(300).await;
        shot(&browser, "12-token-secret").await?;
        browser.click("token-secret-done").await?;
        pause(300).await;
        shot(&browser, "13-tokens").await?;
        browser.click("token-revoke").await?;
        browser.click("revoke-submit").await?;
        pause(500).await;
        shot(&browser, "14-token-revoked").await?;
        // events
        browser.click("nav--admin-security-events").await?;
        browser.wait_for("[data-testid=event-table]").await?;
        pause(300).await;
        shot(&browser, "15-events").await?;
        browser.fill("filter-user-id", "abc").await?;
        browser.select("filter-risk", "MEDIUM").await?;
        browser.click("filter-apply").await?;
        pause(300).await;
        shot(&browser, "16-events-invalid").await?;
        browser.fill("filter-user-id", "").await?;
        browser.click("filter-apply").await?;
        pause(500).await;
        shot(&browser, "17-events-medium").await?;
        // English
        browser.click("lang-switch").await?;
        browser.click("nav--admin-users").await?;
        pause(500).await;
        shot(&browser, "18-users-en").await?;
        browser.click("lang-switch").await?;
        // Logout, login as anna → must change password
        browser.click("logout").await?;
        browser.wait_for_path("/login").await?;
        browser.fill("login-identifier", "anna").await?;
        browser
            .fill("login-password", "Neues-Startpasswort-99")
            .await?;
        browser.click("login-submit").await?;
        browser.wait_for_path("/profile").await?;
        pause(400).await;
        shot(&browser, "19-must-change").await?;
        browser.open("/admin/users").await?;
        pause(800).await;
        println!(
            "anna on /admin/users -> {}",
            browser.client.current_url().await?
        );
        browser.open("/").await?;
        pause(800).await;
        println!("anna on / -> {}", browser.client.current_url().await?);
        hook(&browser).await?;
        browser
            .fill("current-password", "Neues-Startpasswort-99")
            .await?;
        browser.fill("new-password", "anna-ist-toll-2026").await?;
        browser
            .fill("new-password-confirm", "anna-ist-toll-2026")
            .await?;
        pause(200).await;
        shot(&browser, "20-change-weak").await?;
        browser
            .fill("new-password", "Sonnenblumen-Feld-Nord")
            .await?;
        browser
            .fill("new-password-confirm", "Sonnenblumen-Feld-Nord")
            .await?;
        browser.click("password-submit").await?;
        browser.wait_for_path("/").await?;
        pause(400).await;
        shot(&browser, "21-after-change").await?;
        browser.click("user-menu-profile").await?;
        browser.click("profile-edit").await?;
        browser.fill("profile-email", "kaputt").await?;
        browser.click("profile-submit").await?;
        pause(300).await;
        shot(&browser, "22-profile-invalid").await?;
        browser
            .fill("profile-email", "anna.berg@rotoclear.de")
            .await?;
        browser.click("profile-submit").await?;
        pause(500).await;
        shot(&browser, "23-profile-saved").await?;
        println!(
            "menu name: {}",
            text(&browser, "[data-testid=user-menu-name]").await
        );
        // lockout: 5 wrong passwords for anna
        browser.click("logout").await?;
        browser.wait_for_path("/login").await?;
        for _ in 0..6 {
            browser.fill("login-identifier", "anna").await?;
            browser.fill("login-password", "voellig-falsch-123").await?;
            browser.click("login-submit").await?;
            pause(400).await;
        }
        shot(&browser, "24-locked").await?;
        println!(
            "login error: {}",
            text(&browser, "[data-testid=login-error]").await
        );
        // login admin, unlock
        browser.fill("login-identifier", "admin").await?;
        browser.fill("login-password", ADMIN_PASSWORD).await?;
        browser.click("login-submit").await?;
        browser.wait_for_path("/").await?;
        browser.click("nav--admin-users").await?;
        browser.wait_for("[data-testid=user-row-anna]").await?;
        pause(300).await;
        shot(&browser, "25-users-locked").await?;
        browser.click("user-unlock").await?;
        pause(600).await;
        println!(
            "locked badges after unlock: {}",
            browser
                .client
                .find_all(Locator::Css("[data-testid=user-locked]"))
                .await?
                .len()
        );
        // Search
        browser.fill("user-search", "adm").await?;
        pause(900).await;
        println!(
            "rows after search: {}",
            browser
                .client
                .find_all(Locator::Css("[data-testid^=user-row-]"))
                .await?
                .len()
        );
        shot(&browser, "25b-search").await?;
        browser.fill("user-search", "").await?;
        pause(900).await;
        // Delete anna
        browser
            .wait_for("[data-testid=user-row-anna] [data-testid=user-delete]")
            .await?
            .click()
            .await?;
        pause(300).await;
        shot(&browser, "26-delete").await?;
        browser.click("delete-submit").await?;
        pause(500).await;
        shot(&browser, "27-deleted").await?;
        // The session ends behind the app's back: the next request sends the user to the login,
        // which brings them back afterwards.
        browser.client.delete_all_cookies().await?;
        browser.click("nav--admin-api-tokens").await?;
        browser.wait_for_path("/login").await?;
        println!("after expiry: {}", browser.client.current_url().await?);
        pause(300).await;
        shot(&browser, "28-expired").await?;
        browser.fill("login-identifier", "admin").await?;
        browser.fill("login-password", ADMIN_PASSWORD).await?;
        browser.click("login-submit").await?;
        browser.wait_for_path("/admin/api-tokens").await?;
        println!("back at: {}", browser.client.current_url().await?);
        browser.click("nav--admin-security-events").await?;
        browser.wait_for("[data-testid=event-table]").await?;
        pause(300).await;
        shot(&browser, "29-events").await?;
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    if result.is_err() {
        let _ = shot(&browser, "99-failure").await;
    }
    browser.stop().await;
    result
}

#[tokio::test]
#[ignore = "scratch"]
async fn scratch_mobile() -> E2eResult {
    let browser = Browser::start().await?;
    let result = async {
        browser.client.set_window_size(390, 844).await?;
        browser.open("/").await?;
        browser.wait_for_path("/setup").await?;
        browser.fill("setup-password", ADMIN_PASSWORD).await?;
        browser.fill("setup-password-confirm", ADMIN_PASSWORD).await?;
        browser.click("setup-submit").await?;
        browser.wait_for_path("/login").await?;
        pause(300).await;
        shot(&browser, "m1-login").await?;
        browser.fill("login-identifier", "admin").await?;
        browser.fill("login-password", ADMIN_PASSWORD).await?;
        browser.click("login-submit").await?;
        browser.wait_for_path("/").await?;
        browser.open("/admin/users").await?;
        browser.wait_for("[data-testid=user-row-admin]").await?;
        pause(300).await;
        shot(&browser, "m2-users").await?;
        browser.click("user-create").await?;
        pause(300).await;
        shot(&browser, "m3-dialog").await?;
        Ok::<(), Box<dyn std::error::Error>>(())
    }
    .await;
    browser.stop().await;
    result
}
