//! Print jobs on several instances: the printer's lease lets one instance send at a time, jobs go
//! out oldest first (by id, the order they were stored), and a killed instance's lease runs out so
//! another one carries on.

use std::time::Duration;

use crate::support::{
    Cluster, EmulatorProcess, TestResult, eventually, job_of_label, received_labels,
};

const WAIT: Duration = Duration::from_secs(60);

/// Waits until the emulator wrote `count` labels and every job reports `printed`; returns the job
/// numbers of the labels in order of arrival.
async fn printed_in_order(
    cluster: &Cluster,
    admin: &crate::support::Session,
    out: &std::path::Path,
    jobs: &[i64],
) -> Vec<Option<i64>> {
    let arrived = eventually(WAIT, || async { received_labels(out).len() >= jobs.len() }).await;
    assert!(
        arrived,
        "only {} of {} labels arrived\n{}",
        received_labels(out).len(),
        jobs.len(),
        cluster.logs()
    );
    for &job in jobs {
        let printed = eventually(WAIT, || async {
            cluster.job_state(admin, job).await == "printed"
        })
        .await;
        assert!(
            printed,
            "job {job} is {}",
            cluster.job_state(admin, job).await
        );
    }
    // Every job is marked printed only after its delivery, so nothing more can arrive now.
    received_labels(out)
        .iter()
        .map(|zpl| job_of_label(zpl))
        .collect()
}

#[tokio::test]
#[ignore = "needs TEST_DATABASE_URL (PostgreSQL) and nginx; run with --ignored"]
async fn labels_queued_on_every_instance_print_once_each_in_submission_order() -> TestResult {
    let Some(cluster) = Cluster::start(3, &[]).await else {
        return Ok(());
    };
    let admin = cluster.setup_admin().await;
    let out = tempfile::tempdir()?;
    let printer = EmulatorProcess::start(0, out.path(), "ready").await;
    let printer_id = cluster
        .register_printer(&admin, "Linie 1", printer.address)
        .await;

    // Round robin over the instances directly, one after another: 1, 2, 3, 1, 2, 3 …
    let mut jobs = Vec::new();
    for n in 0..12u16 {
        let base = cluster.instance(n % cluster.instances + 1);
        jobs.push(cluster.print_test_label(&base, &admin, printer_id).await);
    }

    let labels = printed_in_order(&cluster, &admin, out.path(), &jobs).await;
    let expected: Vec<Option<i64>> = jobs.iter().copied().map(Some).collect();
    assert_eq!(
        labels, expected,
        "each label exactly once, in the order submitted"
    );
    Ok(())
}

#[tokio::test]
#[ignore = "needs TEST_DATABASE_URL (PostgreSQL) and nginx; run with --ignored"]
async fn jobs_of_a_killed_instance_are_printed_once_after_its_lease_runs_out() -> TestResult {
    let Some(cluster) = Cluster::start(3, &[]).await else {
        return Ok(());
    };
    let admin = cluster.setup_admin().await;
    let out = tempfile::tempdir()?;
    // A paused printer: the lease holder keeps the jobs queued and asks the printer again and
    // again, so it holds the printer and all of its jobs when it is killed.
    let paused = EmulatorProcess::start(0, out.path(), "paused").await;
    let address = paused.address;
    let printer_id = cluster.register_printer(&admin, "Linie 2", address).await;
    let mut jobs = Vec::new();
    for n in 0..6u16 {
        let base = cluster.instance(n % cluster.instances + 1);
        jobs.push(cluster.print_test_label(&base, &admin, printer_id).await);
    }
    let lease_query = format!("SELECT holder FROM printer_leases WHERE printer_id = {printer_id}");
    let leased = eventually(WAIT, || async {
        cluster.db.query_string(&lease_query).await.is_some()
    })
    .await;
    assert!(leased, "no instance took the printer's lease");
    let holder = cluster
        .db
        .query_string(&lease_query)
        .await
        .unwrap_or_default();
    // The instance id is `<host name>:<port>`.
    let port: u16 = holder.rsplit(':').next().unwrap_or_default().parse()?;
    let victim = port - cluster.port;
    assert!(
        (1..=cluster.instances).contains(&victim),
        "lease holder {holder}"
    );
    let waiting = eventually(WAIT, || async {
        let body: serde_json::Value = cluster
            .get(
                &cluster.lb(),
                &format!("/api/print-jobs/{}", jobs[0]),
                &admin,
            )
            .await
            .json()
            .await
            .unwrap_or_default();
        body["data"]["job"]["lastError"]
            .as_str()
            .is_some_and(|e| e.starts_with("Wartet"))
    })
    .await;
    assert!(waiting, "the holder never saw the paused printer");

    cluster.kill_hard(victim);
    // The printer is ready again (same address); the labels go to the same directory.
    paused.stop();
    let _ready = EmulatorProcess::start(address.port(), out.path(), "ready").await;

    let labels = printed_in_order(&cluster, &admin, out.path(), &jobs).await;
    let expected: Vec<Option<i64>> = jobs.iter().copied().map(Some).collect();
    assert_eq!(
        labels, expected,
        "each label exactly once, in order, after the crash"
    );
    let new_holder = cluster.db.query_string(&lease_query).await;
    assert!(
        new_holder.as_deref().is_some_and(|h| h != holder),
        "another instance holds the printer now: {new_holder:?} (killed: {holder})"
    );
    Ok(())
}
