//! A database outage (a proxy between the instances and PostgreSQL is cut, the shared server stays
//! up): the health check reports it, and the same processes serve again once it is back.

use std::time::Duration;

use serde_json::json;

use crate::support::{Cluster, TcpProxy, TestDb, TestResult, admin_url, eventually};

const WAIT: Duration = Duration::from_secs(30);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs TEST_DATABASE_URL (PostgreSQL) and nginx; run with --ignored"]
async fn instances_report_a_lost_database_and_reconnect_by_themselves() -> TestResult {
    let Some(admin_url) = admin_url() else {
        return Ok(());
    };
    let db = TestDb::create(&admin_url).await;
    let proxy = TcpProxy::start(db.server_address()).await;
    let via_proxy = db.url_via(proxy.port);
    let cluster = Cluster::start_on(db, &via_proxy, 3, &[]).await;
    let admin = cluster.setup_admin().await;
    let pids: Vec<u32> = (1..=cluster.instances).map(|i| cluster.pid(i)).collect();

    proxy.cut();
    for base in cluster.everywhere() {
        let down = eventually(WAIT, || async { cluster.health(&base).await == Some(503) }).await;
        assert!(down, "{base}/api/health does not report the database down");
    }

    proxy.restore();
    for base in cluster.everywhere() {
        let up = eventually(WAIT, || async { cluster.health(&base).await == Some(200) }).await;
        assert!(up, "{base}/api/health stays unhealthy\n{}", cluster.logs());
        let me = cluster.get(&base, "/api/auth/me", &admin).await;
        assert_eq!(me.status(), 200, "the session at {base} after the outage");
    }
    let created = cluster
        .post(
            &cluster.lb(),
            "/api/users",
            &admin,
            &json!({
                "username": "nachher",
                "email": "nachher@rotoclear.test",
                "password": crate::support::PASSWORD,
                "firstName": "Nach",
                "lastName": "Her",
                "role": "VIEWER",
            }),
        )
        .await;
    assert!(
        created.status().is_success(),
        "a write after the outage: {}",
        created.status()
    );
    let same: Vec<u32> = (1..=cluster.instances).map(|i| cluster.pid(i)).collect();
    assert_eq!(same, pids, "no instance was restarted");
    Ok(())
}
