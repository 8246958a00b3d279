//! The role matrix, generated from the permission table: every route × anonymous and the six roles.

use std::collections::BTreeSet;

use etikettdrucker::auth::permissions::{Access, RULES};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, TestResult};

const ROLES: [&str; 6] = [
    "VIEWER",
    "PRUEFER_B",
    "PRUEFER_A",
    "PRUEFER_AB",
    "MANAGEMENT",
    "ADMIN",
];

fn allowed(access: Access, role: &str) -> bool {
    match access {
        Access::Public | Access::Authenticated | Access::User => true,
        Access::PrueferA => matches!(role, "PRUEFER_A" | "PRUEFER_AB" | "MANAGEMENT" | "ADMIN"),
        Access::PrueferB => matches!(role, "PRUEFER_B" | "PRUEFER_AB" | "MANAGEMENT" | "ADMIN"),
        Access::Printing => role != "VIEWER",
        Access::Dashboards => matches!(role, "MANAGEMENT" | "ADMIN"),
        Access::Admin => role == "ADMIN",
    }
}

/// A concrete path for a route template: ids that do not exist (so nothing is changed).
fn concrete(path: &str) -> String {
    path.replace("{id}", "987654")
        .replace("{product:cpro|c2|cbasic|kk}", "kk")
        .replace("{product:cpro|c2|kk}", "kk")
        .replace("{product}", "kk")
        .replace("{file}", "swagger-ui.css")
}

#[tokio::test]
async fn every_route_enforces_its_role_on_the_server() -> TestResult {
    let app = TestApp::spawn().await;
    let mut sessions = Vec::new();
    for role in ROLES {
        sessions.push((role, app.login_as(role).await));
    }
    for rule in RULES {
        if rule.path == "/api/auth/logout" || rule.path == "/api/setup/create-admin" {
            continue; // public and state-changing for the caller; covered in auth.rs
        }
        let method = Method::from_bytes(rule.method.as_bytes())?;
        let path = concrete(rule.path);
        let body = (method != Method::GET).then(|| json!({}));

        let mut anonymous = app.client.request(method.clone(), app.url(&path));
        if let Some(body) = &body {
            anonymous = anonymous.json(body);
        }
        let status = anonymous.send().await?.status().as_u16();
        if rule.access == Access::Public {
            assert!(
                status != 401 && status != 403,
                "anonymous {} {path}: {status}",
                rule.method
            );
        } else {
            assert_eq!(status, 401, "anonymous {} {path}", rule.method);
        }

        for (role, session) in &sessions {
            let status = session
                .send(method.clone(), &path, body.as_ref())
                .await
                .status()
                .as_u16();
            if allowed(rule.access, role) {
                assert!(
                    status != 401 && status != 403,
                    "{role} {} {path}: {status}",
                    rule.method
                );
            } else {
                assert_eq!(status, 403, "{role} {} {path}", rule.method);
            }
        }
    }
    Ok(())
}

/// `/api/{product:cpro|c2}` → `/api/{product}`, as the OpenAPI document writes route parameters.
fn without_regex(path: &str) -> String {
    let (mut out, mut in_braces, mut skipping) = (String::with_capacity(path.len()), false, false);
    for c in path.chars() {
        match c {
            '{' => in_braces = true,
            '}' => (in_braces, skipping) = (false, false),
            ':' if in_braces => skipping = true,
            _ => {}
        }
        if !skipping {
            out.push(c);
        }
    }
    out
}

/// Every documented API operation has a permission rule and every `/api` rule is documented, so no
/// route can exist without a decision about who may use it.
#[test]
fn the_permission_table_covers_the_openapi_document() -> TestResult {
    let doc: Value = serde_json::from_str(etikettdrucker::openapi::json())?;
    let mut documented = BTreeSet::new();
    for (path, operations) in doc["paths"].as_object().ok_or("no paths")? {
        for method in operations.as_object().ok_or("no operations")?.keys() {
            documented.insert((method.to_uppercase(), path.clone()));
        }
    }
    let ruled: BTreeSet<(String, String)> = RULES
        .iter()
        .filter(|r| {
            r.path.starts_with("/api/")
                && !r.path.starts_with("/api/docs")
                && r.path != "/api/openapi.json"
        })
        .map(|r| (r.method.to_string(), without_regex(r.path)))
        .collect();
    let missing_rule: Vec<_> = documented.difference(&ruled).collect();
    let undocumented: Vec<_> = ruled.difference(&documented).collect();
    assert!(
        missing_rule.is_empty(),
        "documented but no permission rule: {missing_rule:?}"
    );
    assert!(
        undocumented.is_empty(),
        "permission rule but not documented: {undocumented:?}"
    );
    Ok(())
}
