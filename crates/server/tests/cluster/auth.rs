//! Account lockout and the per-address login throttle are kept in the database, so they count
//! every instance's attempts together.

use std::collections::BTreeSet;

use crate::support::{Cluster, PASSWORD, TestResult};

/// `ETIKETT_AUTH__LOGIN_ATTEMPTS_PER_MINUTE` in this test.
const LIMIT: u16 = 6;
/// The default `auth.lockout_threshold`.
const LOCKOUT_THRESHOLD: u16 = 5;

#[tokio::test]
#[ignore = "needs TEST_DATABASE_URL (PostgreSQL) and nginx; run with --ignored"]
async fn wrong_passwords_on_different_instances_lock_the_account_everywhere() -> TestResult {
    let limit = LIMIT.to_string();
    let Some(cluster) =
        Cluster::start(3, &[("ETIKETT_AUTH__LOGIN_ATTEMPTS_PER_MINUTE", &limit)]).await
    else {
        return Ok(());
    };
    let admin = cluster.setup_admin().await;
    cluster.create_user(&admin, "pruefer", "PRUEFER_A").await;

    // Each attempt from its own address (as nginx would forward it), so the throttle stays out.
    for n in 1..=LOCKOUT_THRESHOLD {
        let base = cluster.instance(n % cluster.instances + 1);
        let address = format!("203.0.113.{}", 10 + n);
        let attempt = cluster
            .login(&base, "pruefer", "falsch", Some(&address))
            .await;
        if n < LOCKOUT_THRESHOLD {
            assert_eq!(attempt.status, 401, "wrong password {n} at {base}");
        } else {
            assert!(
                [401, 423].contains(&attempt.status),
                "wrong password {n}: {}",
                attempt.status
            );
        }
    }
    for i in 1..=cluster.instances {
        let address = format!("203.0.113.{}", 30 + i);
        let attempt = cluster
            .login(&cluster.instance(i), "pruefer", PASSWORD, Some(&address))
            .await;
        assert_eq!(
            attempt.status, 423,
            "the right password on instance {i} while locked"
        );
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs TEST_DATABASE_URL (PostgreSQL) and nginx; run with --ignored"]
async fn the_login_throttle_counts_one_address_over_all_instances() -> TestResult {
    let limit = LIMIT.to_string();
    let Some(cluster) =
        Cluster::start(3, &[("ETIKETT_AUTH__LOGIN_ATTEMPTS_PER_MINUTE", &limit)]).await
    else {
        return Ok(());
    };
    // Through nginx: the client's own X-Forwarded-For is replaced by its real address, so
    // changing it on every attempt does not help; nginx spreads the attempts over the instances.
    for n in 1..=LIMIT {
        let spoofed = format!("198.51.100.{n}");
        let attempt = cluster
            .login(&cluster.lb(), "niemand", "falsch", Some(&spoofed))
            .await;
        assert_eq!(attempt.status, 401, "attempt {n} of {LIMIT} through nginx");
    }
    let attempt = cluster
        .login(&cluster.lb(), "niemand", "falsch", Some("198.51.100.99"))
        .await;
    assert_eq!(attempt.status, 429, "attempt {} through nginx", LIMIT + 1);
    let upstreams: BTreeSet<String> = cluster
        .access_log()
        .lines()
        .filter(|line| line.contains("POST /api/auth/login"))
        .filter_map(|line| line.split("upstream=").nth(1))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect();
    assert!(
        upstreams.len() > 1,
        "nginx sent every attempt to one instance: {upstreams:?}"
    );

    // Directly, from one forwarded address, round robin over the instances.
    let address = "203.0.113.77";
    for n in 0..LIMIT {
        let base = cluster.instance(n % cluster.instances + 1);
        let attempt = cluster
            .login(&base, "niemand", "falsch", Some(address))
            .await;
        assert_eq!(
            attempt.status,
            401,
            "attempt {} of {LIMIT} at {base}",
            n + 1
        );
    }
    for i in 1..=cluster.instances {
        let attempt = cluster
            .login(&cluster.instance(i), "niemand", "falsch", Some(address))
            .await;
        assert_eq!(attempt.status, 429, "over the limit at instance {i}");
    }
    Ok(())
}
