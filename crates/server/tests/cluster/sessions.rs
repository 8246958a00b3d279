//! Sessions live in the database: one login serves every instance, one logout ends it everywhere.

use serde_json::{Value, json};

use crate::support::{Cluster, TestResult};

#[tokio::test]
#[ignore = "needs TEST_DATABASE_URL (PostgreSQL) and nginx; run with --ignored"]
async fn a_session_from_one_instance_works_on_all_and_a_logout_ends_it_on_all() -> TestResult {
    let Some(cluster) = Cluster::start(3, &[]).await else {
        return Ok(());
    };
    // Logged in on instance 1 directly.
    let admin = cluster.setup_admin().await;

    let mut others = vec![cluster.instance(2), cluster.instance(3), cluster.lb()];
    for (n, base) in others.iter().enumerate() {
        let me = cluster.get(base, "/api/auth/me", &admin).await;
        assert_eq!(me.status(), 200, "GET /api/auth/me at {base}");
        let body: Value = me.json().await?;
        assert_eq!(body["user"]["username"], "admin", "{body}");

        // The CSRF token issued by instance 1 is accepted elsewhere, and required there.
        let user = json!({
            "username": format!("pruefer{n}"),
            "email": format!("pruefer{n}@rotoclear.test"),
            "password": crate::support::PASSWORD,
            "firstName": "Paula",
            "lastName": "Pruefer",
            "role": "PRUEFER_A",
        });
        let created = cluster.post(base, "/api/users", &admin, &user).await;
        assert!(
            created.status().is_success(),
            "POST /api/users at {base}: {}",
            created.status()
        );
        let forged = cluster
            .http
            .post(format!("{base}/api/users"))
            .header("cookie", format!("auth-token={}", admin.cookie))
            .json(&user)
            .send()
            .await?;
        assert_eq!(
            forged.status(),
            403,
            "a POST without the CSRF token at {base}"
        );
    }

    // Logout on instance 3 ends the session on every instance and through nginx.
    let logout = cluster
        .post(&cluster.instance(3), "/api/auth/logout", &admin, &json!({}))
        .await;
    assert_eq!(logout.status(), 200, "logout");
    others.insert(0, cluster.instance(1));
    for base in &others {
        let me = cluster.get(base, "/api/auth/me", &admin).await;
        assert_eq!(
            me.status(),
            401,
            "the session still works at {base} after logout"
        );
    }
    Ok(())
}
