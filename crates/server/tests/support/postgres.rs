//! Shared by the test crates `api` and `cluster` (included with `#[path]`): a throwaway PostgreSQL
//! database on the test server.

use sea_orm::{ConnectionTrait, Database};

/// A database of its own on the server of `admin_url`; removed by [`TestDatabase::drop_database`]
/// or, from a destructor, [`TestDatabase::drop_blocking`].
pub struct TestDatabase {
    admin_url: String,
    name: String,
    pub url: String,
}

impl TestDatabase {
    pub async fn create(admin_url: &str) -> Self {
        let name = format!("etikett_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(admin_url)
            .await
            .expect("TEST_DATABASE_URL reachable");
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map(|(base, _)| base)
            .unwrap_or(admin_url);
        Self {
            admin_url: admin_url.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }

    pub async fn drop_database(&self) {
        if let Ok(admin) = Database::connect(&self.admin_url).await {
            let _ = admin
                .execute_unprepared(&format!(
                    "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                    self.name
                ))
                .await;
            let _ = admin.close().await;
        }
    }

    /// [`Self::drop_database`] from synchronous code such as `Drop`: a runtime of its own on a
    /// thread of its own, so it also works inside a running async test.
    pub fn drop_blocking(&self) {
        std::thread::scope(|scope| {
            scope.spawn(|| {
                if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    runtime.block_on(self.drop_database());
                }
            });
        });
    }
}
