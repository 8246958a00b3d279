//! Role change, deactivation, deletion, password reset and password change end sessions at once;
//! nobody can remove the last administrator; a reset password must be changed first.

use serde_json::{Value, json};

use crate::helpers::{TestApp, TestResult, with_cookie};

async fn user_id(app: &TestApp, username: &str) -> Result<i64, Box<dyn std::error::Error>> {
    let users: Value = app
        .admin()
        .await
        .get(&format!("/api/users?search={username}"))
        .await
        .json()
        .await?;
    Ok(users["data"]["users"][0]["id"]
        .as_i64()
        .ok_or("user not found")?)
}

#[tokio::test]
async fn admin_changes_end_the_affected_sessions_at_once() -> TestResult {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    for (username, change) in [
        ("rolle", json!({"role": "VIEWER"})),
        ("inaktiv", json!({"status": "INACTIVE"})),
        ("gesperrt", json!({"status": "SUSPENDED"})),
    ] {
        let (name, password) = app.create_user(username, "PRUEFER_A").await;
        let session = app.login(&name, &password).await;
        assert_eq!(
            with_cookie(&app.address, "/api/auth/me", &session.cookie).await,
            200
        );
        let id = user_id(&app, username).await?;
        assert_eq!(
            admin
                .put(&format!("/api/users/{id}"), &change)
                .await
                .status(),
            200
        );
        assert_eq!(
            with_cookie(&app.address, "/api/auth/me", &session.cookie).await,
            401,
            "{username}"
        );
    }
    // Inactive users cannot log in again.
    assert_eq!(
        app.try_login("inaktiv", crate::helpers::USER_PASSWORD)
            .await
            .status,
        401
    );
    // A name change keeps the session.
    let (name, password) = app.create_user("namen", "PRUEFER_B").await;
    let session = app.login(&name, &password).await;
    let id = user_id(&app, "namen").await?;
    assert_eq!(
        admin
            .put(&format!("/api/users/{id}"), &json!({"firstName": "Neu"}))
            .await
            .status(),
        200
    );
    assert_eq!(
        with_cookie(&app.address, "/api/auth/me", &session.cookie).await,
        200
    );
    Ok(())
}

#[tokio::test]
async fn deletion_ends_the_session() -> TestResult {
    let app = TestApp::spawn().await;
    let (name, password) = app.create_user("geloescht", "VIEWER").await;
    let session = app.login(&name, &password).await;
    let id = user_id(&app, "geloescht").await?;
    assert_eq!(
        app.admin()
            .await
            .delete(&format!("/api/admin/delete-user/{id}"))
            .await
            .status(),
        200
    );
    assert_eq!(
        with_cookie(&app.address, "/api/auth/me", &session.cookie).await,
        401
    );
    assert_eq!(
        app.admin()
            .await
            .delete(&format!("/api/admin/delete-user/{id}"))
            .await
            .status(),
        404
    );
    Ok(())
}

#[tokio::test]
async fn a_reset_password_ends_sessions_and_must_be_changed_first() -> TestResult {
    let app = TestApp::spawn().await;
    let (name, password) = app.create_user("vergessen", "MANAGEMENT").await;
    let before = app.login(&name, &password).await;
    let id = user_id(&app, "vergessen").await?;
    let reset = app
        .admin()
        .await
        .post(
            "/api/admin/reset-password",
            &json!({"userId": id, "newPassword": "Vom-Admin-Gesetzt-2026"}),
        )
        .await;
    assert_eq!(reset.status(), 200);
    assert_eq!(
        with_cookie(&app.address, "/api/auth/me", &before.cookie).await,
        401
    );

    let session = app.login(&name, "Vom-Admin-Gesetzt-2026").await;
    let me: Value = session.get("/api/auth/me").await.json().await?;
    assert_eq!(me["user"]["mustChangePassword"], true);
    let blocked = session.get("/metrics").await;
    assert_eq!(blocked.status(), 403);
    let body: Value = blocked.json().await?;
    assert_eq!(body["code"], "PASSWORD_CHANGE_REQUIRED");

    let change = session
        .post(
            "/api/user/change-password",
            &json!({"currentPassword": "Vom-Admin-Gesetzt-2026", "newPassword": "Selbst-Gewaehlt-2026"}),
        )
        .await;
    assert_eq!(change.status(), 200);
    assert_eq!(session.get("/metrics").await.status(), 200);
    Ok(())
}

#[tokio::test]
async fn changing_your_password_ends_your_other_sessions_only() -> TestResult {
    let app = TestApp::spawn().await;
    let (name, password) = app.create_user("wechsel", "PRUEFER_AB").await;
    let here = app.login(&name, &password).await;
    let elsewhere = app.login(&name, &password).await;

    let wrong = here
        .post(
            "/api/user/change-password",
            &json!({"currentPassword": "falsch", "newPassword": "Neues-Passwort-Band-3"}),
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let body: Value = wrong.json().await?;
    assert_eq!(
        body["errors"]["currentPassword"][0],
        "Aktuelles Passwort ist falsch"
    );

    let change = here
        .post(
            "/api/user/change-password",
            &json!({"currentPassword": password, "newPassword": "Neues-Passwort-Band-3"}),
        )
        .await;
    assert_eq!(change.status(), 200);
    assert_eq!(
        with_cookie(&app.address, "/api/auth/me", &here.cookie).await,
        200
    );
    assert_eq!(
        with_cookie(&app.address, "/api/auth/me", &elsewhere.cookie).await,
        401
    );
    assert_eq!(app.try_login(&name, &password).await.status, 401);
    assert_eq!(
        app.try_login(&name, "Neues-Passwort-Band-3").await.status,
        200
    );
    Ok(())
}

#[tokio::test]
async fn nobody_removes_themselves_or_the_last_admin() -> TestResult {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let own = admin.user_id;
    assert_eq!(
        admin
            .delete(&format!("/api/admin/delete-user/{own}"))
            .await
            .status(),
        409
    );
    assert_eq!(
        admin
            .put(&format!("/api/users/{own}"), &json!({"role": "VIEWER"}))
            .await
            .status(),
        409
    );
    assert_eq!(
        admin
            .put(&format!("/api/users/{own}"), &json!({"status": "INACTIVE"}))
            .await
            .status(),
        409
    );

    // A second admin may demote the first; then the second is the last one and stays protected.
    let second = app.login_as("ADMIN").await;
    assert_eq!(
        second
            .put(&format!("/api/users/{own}"), &json!({"role": "MANAGEMENT"}))
            .await
            .status(),
        200
    );
    let second_id = second.user_id;
    let manager = app.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    assert_eq!(manager.get("/api/users").await.status(), 403);
    assert_eq!(
        second
            .delete(&format!("/api/admin/delete-user/{second_id}"))
            .await
            .status(),
        409
    );
    Ok(())
}

#[tokio::test]
async fn profile_updates_validate_and_keep_emails_unique() -> TestResult {
    let app = TestApp::spawn().await;
    app.create_user("andere", "VIEWER").await;
    let session = app.login_as("PRUEFER_B").await;
    let taken = session
        .post(
            "/api/user/update-profile",
            &json!({"email": "andere@rotoclear.test", "firstName": "P", "lastName": "B"}),
        )
        .await;
    assert_eq!(taken.status(), 409);
    let invalid = session
        .post(
            "/api/user/update-profile",
            &json!({"email": "x", "firstName": "", "lastName": "B"}),
        )
        .await;
    assert_eq!(invalid.status(), 422);
    let ok = session
        .post(
            "/api/user/update-profile",
            &json!({"email": "neu@rotoclear.test", "firstName": "Petra", "lastName": "Berger"}),
        )
        .await;
    assert_eq!(ok.status(), 200);
    let me: Value = session.get("/api/auth/me").await.json().await?;
    assert_eq!(me["user"]["firstName"], "Petra");
    assert_eq!(me["user"]["email"], "neu@rotoclear.test");
    Ok(())
}
