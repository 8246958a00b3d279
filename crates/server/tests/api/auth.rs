//! Setup, login, sessions, lockout, throttling, CSRF, password policy, tokens, security events.

use serde_json::{Value, json};

use crate::helpers::{ADMIN_PASSWORD, TestApp, TestResult, with_cookie};

#[tokio::test]
async fn setup_is_open_once_and_only_while_no_user_exists() -> TestResult {
    let app = TestApp::spawn().await;
    let check: Value = app.get("/api/setup/check").await.json().await?;
    assert_eq!(check["needsSetup"], true);

    app.admin().await;

    let check: Value = app.get("/api/setup/check").await.json().await?;
    assert_eq!(check["needsSetup"], false);
    let again = app
        .post_json(
            "/api/setup/create-admin",
            &json!({"username": "mallory", "email": "m@x.test", "password": "Noch-ein-Admin-2026",
                    "firstName": "M", "lastName": "M"}),
        )
        .await;
    assert_eq!(again.status(), 409);
    assert_eq!(
        app.try_login("mallory", "Noch-ein-Admin-2026").await.status,
        401
    );
    Ok(())
}

#[tokio::test]
async fn concurrent_setups_create_exactly_one_admin() -> TestResult {
    let app = TestApp::spawn().await;
    let body = |name: &str| {
        json!({"username": name, "email": format!("{name}@x.test"), "password": "Gleichzeitig-Start-2026",
               "firstName": "A", "lastName": "B"})
    };
    let (first_body, second_body) = (body("erster"), body("zweiter"));
    let (first, second) = tokio::join!(
        app.post_json("/api/setup/create-admin", &first_body),
        app.post_json("/api/setup/create-admin", &second_body),
    );
    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409]);
    let logins = [
        app.try_login("erster", "Gleichzeitig-Start-2026")
            .await
            .status,
        app.try_login("zweiter", "Gleichzeitig-Start-2026")
            .await
            .status,
    ];
    assert_eq!(logins.iter().filter(|s| **s == 200).count(), 1);
    Ok(())
}

#[tokio::test]
async fn setup_explains_every_invalid_field() -> TestResult {
    let app = TestApp::spawn().await;
    let response = app
        .post_json(
            "/api/setup/create-admin",
            &json!({"username": "a", "email": "keine-mail", "password": "kurz", "firstName": "", "lastName": "B"}),
        )
        .await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await?;
    for field in ["username", "email", "password", "firstName"] {
        assert!(
            body["errors"][field][0]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{field}: {body}"
        );
    }
    assert_eq!(
        body["errors"]["password"][0],
        "Passwort muss mindestens 12 Zeichen lang sein"
    );
    Ok(())
}

#[tokio::test]
async fn login_me_and_logout_end_the_session_on_the_server() -> TestResult {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;

    let me: Value = admin.get("/api/auth/me").await.json().await?;
    assert_eq!(me["user"]["username"], "admin");
    assert_eq!(me["user"]["role"], "ADMIN");
    assert_eq!(me["csrfToken"], admin.csrf.as_str());
    assert_eq!(
        with_cookie(&app.address, "/api/auth/me", &admin.cookie).await,
        200
    );

    let logout = admin.post("/api/auth/logout", &json!({})).await;
    assert_eq!(logout.status(), 200);

    // The old cookie no longer works: the session is gone on the server.
    assert_eq!(
        with_cookie(&app.address, "/api/auth/me", &admin.cookie).await,
        401
    );
    Ok(())
}

#[tokio::test]
async fn login_sets_hardened_cookies_and_accepts_email() -> TestResult {
    let app = TestApp::spawn().await;
    app.admin().await;
    let response = app
        .client
        .post(app.url("/api/auth/login"))
        .json(&json!({"identifier": "ADMIN@rotoclear.test", "password": ADMIN_PASSWORD, "stayLoggedIn": true}))
        .send()
        .await?;
    assert_eq!(response.status(), 200);
    let cookies: Vec<String> = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_string))
        .collect();
    let auth = cookies
        .iter()
        .find(|c| c.starts_with("auth-token="))
        .ok_or("no auth cookie")?;
    assert!(
        auth.contains("HttpOnly")
            && auth.contains("SameSite=Lax")
            && auth.contains("Max-Age=2592000")
    );
    let csrf = cookies
        .iter()
        .find(|c| c.starts_with("csrf-token="))
        .ok_or("no csrf cookie")?;
    assert!(!csrf.contains("HttpOnly"));
    let body: Value = response.json().await?;
    assert_eq!(body["sessionInfo"]["expiresIn"], 2_592_000);
    assert_eq!(body["sessionInfo"]["stayLoggedIn"], true);
    Ok(())
}

#[tokio::test]
async fn unknown_users_and_wrong_passwords_get_the_same_answer() -> TestResult {
    let app = TestApp::spawn().await;
    app.admin().await;
    let unknown = app.try_login("niemand", "Irgendein-Passwort-1").await;
    let wrong = app.try_login("admin", "Falsches-Passwort-2026").await;
    assert_eq!((unknown.status, wrong.status), (401, 401));
    assert_eq!(unknown.body["error"], wrong.body["error"]);
    assert_eq!(unknown.body["error"], "Ungültige Anmeldedaten");
    let empty = app.try_login("", "").await;
    assert_eq!(empty.status, 422);
    Ok(())
}

#[tokio::test]
async fn five_wrong_passwords_lock_the_account_until_an_admin_unlocks_it() -> TestResult {
    let app = TestApp::spawn().await;
    let (name, password) = app.create_user("werker", "PRUEFER_A").await;
    for _ in 0..5 {
        assert_eq!(
            app.try_login(&name, "Falsches-Passwort-2026").await.status,
            401
        );
    }
    let locked = app.try_login(&name, &password).await;
    assert_eq!(locked.status, 423);
    assert_eq!(locked.body["code"], "ACCOUNT_LOCKED");

    let users: Value = app
        .admin()
        .await
        .get("/api/users?search=werker")
        .await
        .json()
        .await?;
    let user = &users["data"]["users"][0];
    assert!(user["lockedUntil"].is_string());
    let id = user["id"].as_i64().ok_or("no id")?;
    let unlock = app
        .admin()
        .await
        .post(&format!("/api/admin/unlock-user/{id}"), &json!({}))
        .await;
    assert_eq!(unlock.status(), 200);
    assert_eq!(app.try_login(&name, &password).await.status, 200);

    let events: Value = app
        .admin()
        .await
        .get("/api/admin/security-events?type=ACCOUNT_LOCKED")
        .await
        .json()
        .await?;
    assert_eq!(events["data"]["events"][0]["username"], "werker");
    assert_eq!(events["data"]["events"][0]["risk"], "HIGH");
    Ok(())
}

#[tokio::test]
async fn login_attempts_are_throttled_per_address_before_any_password_work() -> TestResult {
    let app = TestApp::spawn_with(|s| s.auth.login_attempts_per_minute = 3).await;
    for _ in 0..3 {
        assert_eq!(
            app.try_login("jemand", "Falsches-Passwort-2026")
                .await
                .status,
            401
        );
    }
    let refused = app.try_login("jemand", "Falsches-Passwort-2026").await;
    assert_eq!(refused.status, 429);
    assert_eq!(refused.body["code"], "RATE_LIMITED");
    let wait: u64 = refused.retry_after.as_deref().unwrap_or("0").parse()?;
    assert!((1..=60).contains(&wait));

    // The count lives in the database: a second instance on the same database refuses too.
    let shared = app.database_url.clone();
    let second = TestApp::spawn_with(|s| {
        s.auth.login_attempts_per_minute = 3;
        s.database.url = Some(shared.into());
    })
    .await;
    let refused = second.try_login("jemand", "Falsches-Passwort-2026").await;
    assert_eq!(refused.status, 429);
    Ok(())
}

#[tokio::test]
async fn state_changing_requests_need_the_sessions_csrf_token() -> TestResult {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let body = json!({"username": "ohne_csrf", "email": "o@x.test", "password": "Ohne-Token-Versuch-1",
                      "firstName": "O", "lastName": "C", "role": "VIEWER"});

    let without = admin
        .client
        .post(app.url("/api/users"))
        .json(&body)
        .send()
        .await?;
    assert_eq!(without.status(), 403);
    let wrong = admin
        .client
        .post(app.url("/api/users"))
        .header("x-csrf-token", "falsch")
        .json(&body)
        .send()
        .await?;
    assert_eq!(wrong.status(), 403);
    // Reading needs no token.
    assert_eq!(
        admin
            .client
            .get(app.url("/api/users"))
            .send()
            .await?
            .status(),
        200
    );
    assert_eq!(admin.post("/api/users", &body).await.status(), 200);

    let events: Value = admin
        .get("/api/admin/security-events?type=CSRF_FAILED")
        .await
        .json()
        .await?;
    assert_eq!(events["data"]["pagination"]["total"], 2);
    Ok(())
}

#[tokio::test]
async fn api_tokens_work_without_csrf_are_role_scoped_and_revocable() -> TestResult {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let created: Value = admin
        .post(
            "/api/admin/api-tokens",
            &json!({"name": "MES", "role": "ADMIN", "expiresInDays": 30}),
        )
        .await
        .json()
        .await?;
    let secret = created["data"]["secret"]
        .as_str()
        .ok_or("no secret")?
        .to_string();
    assert!(secret.starts_with("etk_"));
    let id = created["data"]["token"]["id"].as_i64().ok_or("no id")?;
    let viewer: Value = admin
        .post(
            "/api/admin/api-tokens",
            &json!({"name": "Anzeige", "role": "VIEWER"}),
        )
        .await
        .json()
        .await?;
    let viewer_secret = viewer["data"]["secret"]
        .as_str()
        .ok_or("no secret")?
        .to_string();

    let bearer = |secret: &str| {
        app.client
            .post(app.url("/api/users"))
            .bearer_auth(secret.to_string())
            .json(&json!({"username": "per_token", "email": "t@x.test", "password": "Vom-Token-Angelegt-1",
                          "firstName": "T", "lastName": "K", "role": "VIEWER"}))
            .send()
    };
    assert_eq!(
        bearer(&secret).await?.status(),
        200,
        "admin token needs no CSRF token"
    );
    assert_eq!(
        bearer(&viewer_secret).await?.status(),
        403,
        "viewer token is not admin"
    );

    // The list never shows secrets again.
    let list = admin.get("/api/admin/api-tokens").await.text().await?;
    assert!(!list.contains(&secret) && list.contains("\"lastUsedAt\":\"20"));

    assert_eq!(
        admin
            .delete(&format!("/api/admin/api-tokens/{id}"))
            .await
            .status(),
        200
    );
    let after = app
        .client
        .get(app.url("/api/users"))
        .bearer_auth(&secret)
        .send()
        .await?;
    assert_eq!(after.status(), 401);
    let events: Value = admin
        .get("/api/admin/security-events?type=TOKEN_USED_AFTER_REVOKE")
        .await
        .json()
        .await?;
    assert_eq!(events["data"]["pagination"]["total"], 1);
    assert_eq!(
        app.client
            .get(app.url("/api/auth/me"))
            .bearer_auth("etk_unbekannt")
            .send()
            .await?
            .status(),
        401
    );
    Ok(())
}

#[tokio::test]
async fn the_password_policy_explains_each_failure() -> TestResult {
    let app = TestApp::spawn().await;
    let admin = app.admin().await;
    let create = |username: &str, password: &str| {
        let body = json!({"username": username, "email": format!("{username}@x.test"),
                          "password": password, "firstName": "P", "lastName": "P", "role": "VIEWER"});
        async move { admin.post("/api/users", &body).await }
    };
    let cases = [
        (
            "kurzpw",
            "Ab1!",
            "Passwort muss mindestens 12 Zeichen lang sein",
        ),
        (
            "anna_berg",
            "Ich-bin-anna_berg-2026",
            "Passwort darf den Benutzernamen nicht enthalten",
        ),
        (
            "haeufig",
            "Passwort123456",
            "Passwort ist zu häufig verwendet und leicht zu erraten",
        ),
    ];
    for (username, password, message) in cases {
        let response = create(username, password).await;
        assert_eq!(response.status(), 422, "{password}");
        let body: Value = response.json().await?;
        assert_eq!(body["errors"]["password"][0], message, "{password}");
    }
    assert_eq!(create("gut", "Kalibrierung am Band 7").await.status(), 200);
    Ok(())
}

#[tokio::test]
async fn duplicate_usernames_and_emails_are_409_per_field() -> TestResult {
    let app = TestApp::spawn().await;
    app.create_user("doppelt", "VIEWER").await;
    let response = app
        .admin()
        .await
        .post(
            "/api/users",
            &json!({"username": "DOPPELT", "email": "doppelt@rotoclear.test", "password": "Zweiter-Versuch-2026",
                    "firstName": "D", "lastName": "D", "role": "VIEWER"}),
        )
        .await;
    assert_eq!(response.status(), 409);
    let body: Value = response.json().await?;
    assert_eq!(
        body["errors"]["username"][0],
        "Benutzername bereits vergeben"
    );
    assert_eq!(
        body["errors"]["email"][0],
        "E-Mail-Adresse bereits vergeben"
    );
    Ok(())
}

#[tokio::test]
async fn the_security_log_filters_by_type_risk_user_and_time() -> TestResult {
    let app = TestApp::spawn().await;
    let viewer = app.login_as("VIEWER").await;
    assert_eq!(viewer.get("/api/users").await.status(), 403);
    app.try_login("admin", "Falsches-Passwort-2026").await;
    let admin = app.admin().await;

    let denied: Value = admin
        .get("/api/admin/security-events?type=PERMISSION_DENIED")
        .await
        .json()
        .await?;
    let event = &denied["data"]["events"][0];
    assert_eq!(event["username"], "u_viewer");
    assert_eq!(event["details"]["route"], "/api/users");
    assert_eq!(event["userId"], viewer.user_id);

    let by_user: Value = admin
        .get(&format!(
            "/api/admin/security-events?userId={}",
            viewer.user_id
        ))
        .await
        .json()
        .await?;
    let kinds: Vec<&str> = by_user["data"]["events"]
        .as_array()
        .ok_or("no events")?
        .iter()
        .filter_map(|e| e["type"].as_str())
        .collect();
    assert!(
        kinds.contains(&"PERMISSION_DENIED") && kinds.contains(&"LOGIN_SUCCESS"),
        "{kinds:?}"
    );

    let medium: Value = admin
        .get("/api/admin/security-events?risk=MEDIUM&limit=200")
        .await
        .json()
        .await?;
    let events = medium["data"]["events"].as_array().ok_or("no events")?;
    assert!(!events.is_empty() && events.iter().all(|e| e["risk"] == "MEDIUM"));

    let future: Value = admin
        .get("/api/admin/security-events?from=2099-01-01T00:00:00Z")
        .await
        .json()
        .await?;
    assert_eq!(future["data"]["pagination"]["total"], 0);
    let bad = admin.get("/api/admin/security-events?from=gestern").await;
    assert_eq!(bad.status(), 422);
    let page: Value = admin
        .get("/api/admin/security-events?limit=1&page=2")
        .await
        .json()
        .await?;
    assert_eq!(page["data"]["events"].as_array().map(Vec::len), Some(1));
    assert!(
        page["data"]["pagination"]["totalPages"]
            .as_u64()
            .is_some_and(|p| p >= 2)
    );
    Ok(())
}
