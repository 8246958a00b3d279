//! Typed client for the server's REST API.
//!
//! Every call returns the server's one error type, [`ErrorBody`]: the JSON body of a failed request
//! when the server sent one, otherwise an equivalent body built here (network failure, a proxy's HTML
//! error page, a malformed answer), so pages handle exactly one error shape.

use std::cell::RefCell;
use std::rc::Rc;

use api_types::analytics::{
    DisagreementResponse, FailureResponse, InspectorResponse, LabelResponse, LeadTimeResponse,
    SystemOverviewResponse, ThroughputResponse,
};
use api_types::auth::{
    ApiTokenListResponse, ChangePasswordRequest, CreateAdminRequest, CreateAdminResponse,
    CreateApiTokenRequest, CreateApiTokenResponse, CreateUserRequest, LoginRequest, LoginResponse,
    MeResponse, ResetPasswordRequest, SecurityEventListResponse, SetupCheckResponse,
    UpdateProfileRequest, UpdateUserRequest, UserListResponse, UserResponse,
};
use api_types::dashboard::DashboardStatsResponse;
use api_types::inspection::{
    CompletedResponse, CreatedResponse, DefinitionResponse, DifferencesResponse,
    InspectionDetailResponse, InspectionListResponse, InspectionStatus, InspectionSummary,
    OverrideRequest, PrintInspectionRequest, ProductListResponse, Values,
};
use api_types::packaging::{
    ArticleCategory, ArticleListResponse, ArticleRequest, ArticleResponse, CartonCreated,
    CartonList, CartonRequest, CartonResponse, CartonUpdateRequest, HalterungCreated,
    HalterungList, HalterungRequest, HalterungResponse, LabelPrinted, PrintLabelRequest,
    ScanRequest, ScanResponse, UnitEntryResponse, ZubehoerCreated, ZubehoerFound, ZubehoerList,
    ZubehoerRequest,
};
use api_types::printers::{PrinterListResponse, PrinterRequest, PrinterResponse};
use api_types::printing::{
    CreatePrintJobRequest, JobActionRequest, JobKind, JobState, PrintJobDetailResponse,
    PrintJobDto, PrintJobListResponse, PrintJobResponse, PrinterStatusResponse, PrinterTestRequest,
    PrinterTestResponse,
};
use api_types::{ErrorBody, ErrorCode, HealthResponse};
use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::{DeserializeOwned, IgnoredAny};
use web_sys::RequestCredentials;

pub use gloo_net::http::Method;

/// Result of an API call.
pub type ApiResult<T> = Result<T, ErrorBody>;

/// Message of the error that stands for "no answer from the server".
pub const UNREACHABLE: &str = "Server nicht erreichbar";

/// Header that carries the session's CSRF token on state-changing requests.
pub const CSRF_HEADER: &str = "X-CSRF-Token";
/// JS-readable cookie in which the server also hands out the CSRF token.
pub const CSRF_COOKIE: &str = "csrf-token";

const LOGIN: &str = "/api/auth/login";
const LOGOUT: &str = "/api/auth/logout";
const ME: &str = "/api/auth/me";

/// What an answer says about the session, for the app to react to in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionProblem {
    /// The session is gone (expired, logged out elsewhere, user deactivated): sign in again.
    SignedOut,
    /// An administrator reset the password: nothing works until the user chose a new one.
    PasswordChangeRequired,
}

/// The app's reaction to a [`SessionProblem`].
type SessionListener = Rc<dyn Fn(SessionProblem)>;

thread_local! {
    // The browser runs the app on one thread; these are per-tab state, not shared data.
    static CSRF_TOKEN: RefCell<Option<String>> = const { RefCell::new(None) };
    static SESSION_LISTENER: RefCell<Option<SessionListener>> = const { RefCell::new(None) };
}

/// Remembers the CSRF token of the current session (from the login or `me` answer); `None` forgets it.
pub fn set_csrf_token(token: Option<String>) {
    CSRF_TOKEN.with(|stored| *stored.borrow_mut() = token);
}

/// Registers the app's reaction to [`SessionProblem`]s reported by any call.
pub fn set_session_listener(listener: impl Fn(SessionProblem) + 'static) {
    SESSION_LISTENER.with(|stored| *stored.borrow_mut() = Some(Rc::new(listener)));
}

/// The session problem an error stands for. Login, `me` and logout answer 401 as part of their
/// normal job (wrong password, not signed in yet, already signed out); their callers handle it.
pub fn session_problem(path: &str, error: &ErrorBody) -> Option<SessionProblem> {
    match error.code {
        ErrorCode::AuthRequired if ![LOGIN, ME, LOGOUT].contains(&path) => {
            Some(SessionProblem::SignedOut)
        }
        ErrorCode::PasswordChangeRequired => Some(SessionProblem::PasswordChangeRequired),
        _ => None,
    }
}

fn report(path: &str, error: &ErrorBody) {
    if let Some(problem) = session_problem(path, error) {
        // Cloned out first: the listener may register a new listener or make further calls.
        let listener = SESSION_LISTENER.with(|stored| stored.borrow().clone());
        if let Some(listener) = listener {
            listener(problem);
        }
    }
}

/// `GET path`, decoding the JSON answer as `T`.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    call(path, request(Method::GET, path).build()).await
}

/// `method path` with `body` as JSON, decoding the JSON answer as `T` (use `()` for empty answers).
pub async fn send_json<B, T>(method: Method, path: &str, body: &B) -> ApiResult<T>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    call(path, request(method, path).json(body)).await
}

/// `method path` without a body, for actions whose answer carries nothing the SPA needs.
async fn act(method: Method, path: &str) -> ApiResult<()> {
    call::<IgnoredAny>(path, request(method, path).build())
        .await
        .map(drop)
}

/// `POST path` with `body`, for actions whose answer carries nothing the SPA needs.
async fn post_action<B: Serialize + ?Sized>(path: &str, body: &B) -> ApiResult<()> {
    send_json::<B, IgnoredAny>(Method::POST, path, body)
        .await
        .map(drop)
}

async fn call<T: DeserializeOwned>(
    path: &str,
    request: Result<Request, gloo_net::Error>,
) -> ApiResult<T> {
    let result = send(build(request)?).await?.into_result();
    if let Err(error) = &result {
        report(path, error);
    }
    result
}

/// `GET /api/health`.
pub async fn health() -> ApiResult<HealthResponse> {
    health_from_reply(send(build(request(Method::GET, "/api/health").build())?).await?)
}

/// `GET /api/setup/check`: whether the first administrator still has to be created.
pub async fn setup_check() -> ApiResult<SetupCheckResponse> {
    get_json("/api/setup/check").await
}

/// `POST /api/setup/create-admin`.
pub async fn create_admin(body: &CreateAdminRequest) -> ApiResult<CreateAdminResponse> {
    send_json(Method::POST, "/api/setup/create-admin", body).await
}

/// A failed login: the error, and for rate limiting how long to wait (`Retry-After`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginFailure {
    pub error: ErrorBody,
    pub retry_after_secs: Option<u64>,
}

/// `POST /api/auth/login`; the server sets the session cookies.
pub async fn login(body: &LoginRequest) -> Result<LoginResponse, LoginFailure> {
    let failure = |error| LoginFailure {
        error,
        retry_after_secs: None,
    };
    let request = build(request(Method::POST, LOGIN).json(body)).map_err(failure)?;
    let reply = send(request).await.map_err(failure)?;
    let retry_after_secs = reply.retry_after_secs;
    reply.into_result().map_err(|error| LoginFailure {
        error,
        retry_after_secs,
    })
}

/// `POST /api/auth/logout`; the server ends the session and clears the cookies.
pub async fn logout() -> ApiResult<()> {
    act(Method::POST, LOGOUT).await
}

/// `GET /api/auth/me`: the signed-in user, 401 when nobody is.
pub async fn me() -> ApiResult<MeResponse> {
    get_json(ME).await
}

/// `POST /api/user/update-profile`.
pub async fn update_profile(body: &UpdateProfileRequest) -> ApiResult<UserResponse> {
    send_json(Method::POST, "/api/user/update-profile", body).await
}

/// `POST /api/user/change-password`.
pub async fn change_password(body: &ChangePasswordRequest) -> ApiResult<()> {
    post_action("/api/user/change-password", body).await
}

/// `GET /api/users`: one page of users, optionally filtered by a search text.
pub async fn users(page: u64, limit: u64, search: &str) -> ApiResult<UserListResponse> {
    let path = with_query(
        "/api/users",
        &[
            ("page", page.to_string()),
            ("limit", limit.to_string()),
            ("search", search.trim().to_owned()),
        ],
    );
    get_json(&path).await
}

/// `POST /api/users`.
pub async fn create_user(body: &CreateUserRequest) -> ApiResult<UserResponse> {
    send_json(Method::POST, "/api/users", body).await
}

/// `PUT /api/users/{id}`: only the fields that are set change.
pub async fn update_user(id: i64, body: &UpdateUserRequest) -> ApiResult<UserResponse> {
    send_json(Method::PUT, &format!("/api/users/{id}"), body).await
}

/// `POST /api/admin/reset-password`.
pub async fn reset_password(body: &ResetPasswordRequest) -> ApiResult<()> {
    post_action("/api/admin/reset-password", body).await
}

/// `POST /api/admin/unlock-user/{id}`.
pub async fn unlock_user(id: i64) -> ApiResult<()> {
    act(Method::POST, &format!("/api/admin/unlock-user/{id}")).await
}

/// `DELETE /api/admin/delete-user/{id}`.
pub async fn delete_user(id: i64) -> ApiResult<()> {
    act(Method::DELETE, &format!("/api/admin/delete-user/{id}")).await
}

/// `GET /api/admin/api-tokens`.
pub async fn api_tokens() -> ApiResult<ApiTokenListResponse> {
    get_json("/api/admin/api-tokens").await
}

/// `POST /api/admin/api-tokens`: the answer holds the secret, the only time it is shown.
pub async fn create_api_token(body: &CreateApiTokenRequest) -> ApiResult<CreateApiTokenResponse> {
    send_json(Method::POST, "/api/admin/api-tokens", body).await
}

/// `DELETE /api/admin/api-tokens/{id}`.
pub async fn revoke_api_token(id: i64) -> ApiResult<()> {
    act(Method::DELETE, &format!("/api/admin/api-tokens/{id}")).await
}

/// Filters of the security log; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SecurityEventQuery {
    pub event_type: String,
    /// `LOW`, `MEDIUM`, `HIGH` or `CRITICAL`.
    pub risk: String,
    pub user_id: Option<i64>,
    /// RFC 3339.
    pub from: String,
    /// RFC 3339.
    pub to: String,
    pub page: u64,
    pub limit: u64,
}

impl SecurityEventQuery {
    /// The request path with the set filters as query parameters.
    pub fn path(&self) -> String {
        with_query(
            "/api/admin/security-events",
            &[
                ("type", self.event_type.trim().to_owned()),
                ("risk", self.risk.clone()),
                (
                    "userId",
                    self.user_id.map(|id| id.to_string()).unwrap_or_default(),
                ),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("page", self.page.to_string()),
                ("limit", self.limit.to_string()),
            ],
        )
    }
}

/// `GET /api/admin/security-events`.
pub async fn security_events(query: &SecurityEventQuery) -> ApiResult<SecurityEventListResponse> {
    get_json(&query.path()).await
}

/// `GET /api/printers`: every registered printer (enabled or not), by name.
pub async fn printers() -> ApiResult<PrinterListResponse> {
    get_json("/api/printers").await
}

/// `POST /api/printers`.
pub async fn create_printer(body: &PrinterRequest) -> ApiResult<PrinterResponse> {
    send_json(Method::POST, "/api/printers", body).await
}

/// `PUT /api/printers/{id}`: the whole printer.
pub async fn update_printer(id: i64, body: &PrinterRequest) -> ApiResult<PrinterResponse> {
    send_json(Method::PUT, &format!("/api/printers/{id}"), body).await
}

/// `DELETE /api/printers/{id}`.
pub async fn delete_printer(id: i64) -> ApiResult<()> {
    act(Method::DELETE, &format!("/api/printers/{id}")).await
}

/// `GET /api/printers/{id}/status`: the server asks the printer (`~HS`) now.
pub async fn printer_status(id: i64) -> ApiResult<PrinterStatusResponse> {
    get_json(&format!("/api/printers/{id}/status")).await
}

/// What `POST /api/printer/test` found out about a printer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterTest {
    /// Reachable and ready: labels will print.
    Ready(PrinterTestResponse),
    /// Reachable, but a fault keeps it from printing (503); the message names the fault.
    Fault(ErrorBody),
    /// Not reachable (502); the message says why.
    Unreachable(ErrorBody),
}

const PRINTER_TEST: &str = "/api/printer/test";

/// `POST /api/printer/test`. A fault and an unreachable printer are answers, not failures: the
/// error is reserved for requests that went wrong (no permission, server down, unknown printer).
pub async fn test_printer(printer_id: i64) -> ApiResult<PrinterTest> {
    let body = PrinterTestRequest { printer_id };
    let result = call::<PrinterTestResponse>(
        PRINTER_TEST,
        request(Method::POST, PRINTER_TEST).json(&body),
    )
    .await;
    printer_test_outcome(result)
}

/// Sorts the printer test's answer by its error class: the printer's own state, or a failure.
pub fn printer_test_outcome(result: ApiResult<PrinterTestResponse>) -> ApiResult<PrinterTest> {
    match result {
        Ok(answer) => Ok(PrinterTest::Ready(answer)),
        Err(error) if error.code == ErrorCode::PrinterNotReady => Ok(PrinterTest::Fault(error)),
        Err(error) if error.code == ErrorCode::PrinterUnreachable => {
            Ok(PrinterTest::Unreachable(error))
        }
        Err(error) => Err(error),
    }
}

/// `POST /api/print-jobs`: queues a test label, a label or a reprint (202).
pub async fn create_print_job(body: &CreatePrintJobRequest) -> ApiResult<PrintJobResponse> {
    send_json(Method::POST, "/api/print-jobs", body).await
}

/// Filters of the print-job list; unset fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintJobQuery {
    pub state: Option<JobState>,
    pub printer_id: Option<i64>,
    pub kind: Option<JobKind>,
    /// What the jobs print, e.g. `inspection:42`.
    pub reference: String,
    /// RFC 3339.
    pub from: String,
    /// RFC 3339.
    pub to: String,
    pub page: u64,
    pub limit: u64,
}

impl PrintJobQuery {
    /// The request path with the set filters as query parameters.
    pub fn path(&self) -> String {
        let or_empty = |value: Option<String>| value.unwrap_or_default();
        with_query(
            "/api/print-jobs",
            &[
                ("state", or_empty(self.state.map(|s| s.as_str().to_owned()))),
                (
                    "printerId",
                    or_empty(self.printer_id.map(|id| id.to_string())),
                ),
                ("kind", or_empty(self.kind.map(|k| k.as_str().to_owned()))),
                ("reference", self.reference.trim().to_owned()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("page", self.page.to_string()),
                ("limit", self.limit.to_string()),
            ],
        )
    }

    /// `GET /api/print-jobs/export` for the same filters (every page, newest first).
    pub fn export_path(&self, format: ExportFormat, numbers: NumberFormat) -> String {
        let or_empty = |value: Option<String>| value.unwrap_or_default();
        with_query(
            "/api/print-jobs/export",
            &[
                ("state", or_empty(self.state.map(|s| s.as_str().to_owned()))),
                (
                    "printerId",
                    or_empty(self.printer_id.map(|id| id.to_string())),
                ),
                ("kind", or_empty(self.kind.map(|k| k.as_str().to_owned()))),
                ("reference", self.reference.trim().to_owned()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("format", format.as_str().to_owned()),
                ("numbers", numbers.as_str().to_owned()),
            ],
        )
    }
}

/// `GET /api/print-jobs`: one page, newest first.
pub async fn print_jobs(query: &PrintJobQuery) -> ApiResult<PrintJobListResponse> {
    get_json(&query.path()).await
}

/// `GET /api/print-jobs/{id}`: the job with its ZPL and its preview.
pub async fn print_job(id: i64) -> ApiResult<PrintJobDetailResponse> {
    get_json(&format!("/api/print-jobs/{id}")).await
}

/// `POST /api/print-jobs/{id}/retry` (a failed or cancelled job).
pub async fn retry_print_job(id: i64) -> ApiResult<PrintJobResponse> {
    let path = format!("/api/print-jobs/{id}/retry");
    send_json(Method::POST, &path, &JobActionRequest::default()).await
}

/// `POST /api/print-jobs/{id}/cancel` (a queued or failed job).
pub async fn cancel_print_job(id: i64) -> ApiResult<PrintJobResponse> {
    let path = format!("/api/print-jobs/{id}/cancel");
    send_json(Method::POST, &path, &JobActionRequest::default()).await
}

/// `GET /api/products`: the product lines.
pub async fn products() -> ApiResult<ProductListResponse> {
    get_json("/api/products").await
}

/// `GET /api/products/{key}/definition`: fields, rules and articles of a product line.
pub async fn product_definition(key: &str) -> ApiResult<DefinitionResponse> {
    get_json(&format!("/api/products/{}/definition", encode(key))).await
}

/// `POST /api/{key}`: Prüfer A records a unit (201).
pub async fn create_inspection(key: &str, values: &Values) -> ApiResult<CreatedResponse> {
    send_json(Method::POST, &format!("/api/{}", encode(key)), values).await
}

/// `PUT /api/inspections/{id}/a`: Prüfer A corrects their values while B has not started.
pub async fn correct_inspection_a(id: i64, values: &Values) -> ApiResult<InspectionSummary> {
    send_json(Method::PUT, &format!("/api/inspections/{id}/a"), values).await
}

/// A unit as `GET /api/{key}?serialnummer=…` shows it (the original's column names). Prüfer B
/// does not see A's values (`valuesHidden`), so only what identifies the unit is read.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct UnitItem {
    pub id: i64,
    pub serialnummer: String,
    pub status: InspectionStatus,
    #[serde(default)]
    pub artikel_nummer: Option<String>,
    #[serde(default)]
    pub artikel_bezeichnung: Option<String>,
    #[serde(default)]
    pub pruefer_a: String,
}

/// The answer of a lookup by serial.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct UnitLookup {
    pub found: bool,
    pub item: UnitItem,
}

/// `GET /api/{key}?serialnummer=…`: the unit with this serial (404 when unknown).
pub async fn lookup_unit(key: &str, serial: &str) -> ApiResult<UnitLookup> {
    let path = with_query(
        &format!("/api/{}", encode(key)),
        &[("serialnummer", serial.trim().to_owned())],
    );
    get_json(&path).await
}

/// `POST /api/inspections/{id}/differences`: B's blind values compared with A's (nothing stored).
pub async fn compare_inspection_b(id: i64, values: &Values) -> ApiResult<DifferencesResponse> {
    send_json(
        Method::POST,
        &format!("/api/inspections/{id}/differences"),
        values,
    )
    .await
}

/// `PUT /api/{key}`: Prüfer B completes the unit: B's values with `serialnummer`, and `printerId`
/// or `skipPrint: true`.
pub async fn complete_inspection(
    key: &str,
    body: &serde_json::Map<String, serde_json::Value>,
) -> ApiResult<CompletedResponse> {
    send_json(Method::PUT, &format!("/api/{}", encode(key)), body).await
}

/// Filters, order and page of the inspection search; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InspectionQuery {
    /// `cpro`, `c2`, `cbasic`, `kk`.
    pub product: String,
    /// Beginning of the serial number.
    pub serial: String,
    /// `awaiting_b`, `in_b`, `passed`, `failed`.
    pub status: String,
    /// Username of Prüfer A or B.
    pub inspector: String,
    /// RFC 3339.
    pub from: String,
    /// RFC 3339.
    pub to: String,
    /// `created`, `serial`, `status`, `completed`; `-` first for descending.
    pub sort: String,
    pub page: u64,
    pub limit: u64,
    /// Variant (C Pro disk size, C2 configuration, KK optics), exact.
    pub variant: String,
    /// Article number, exact.
    pub article: String,
    /// Completed by B on or after this plant day (`YYYY-MM-DD`).
    pub completed_from: String,
    /// Completed by B on or before this plant day (`YYYY-MM-DD`, inclusive).
    pub completed_to: String,
    /// Key of a check that failed (drill-down from the failure Pareto).
    pub failed_check: String,
    /// Key of a field in which A and B differ (drill-down from the disagreement report).
    pub differs: String,
}

impl InspectionQuery {
    /// The request path with the set filters as query parameters.
    pub fn path(&self) -> String {
        with_query("/api/inspections", &self.params(true))
    }

    /// `GET /api/inspections/export` for the same filters and sort (every page).
    pub fn export_path(&self, format: ExportFormat, numbers: NumberFormat) -> String {
        let mut params = self.params(false);
        params.push(("format", format.as_str().to_owned()));
        params.push(("numbers", numbers.as_str().to_owned()));
        with_query("/api/inspections/export", &params)
    }

    fn params(&self, paged: bool) -> Vec<(&'static str, String)> {
        let mut params = vec![
            ("product", self.product.clone()),
            ("serial", self.serial.trim().to_owned()),
            ("status", self.status.clone()),
            ("inspector", self.inspector.trim().to_owned()),
            ("from", self.from.clone()),
            ("to", self.to.clone()),
            ("sort", self.sort.clone()),
            ("variant", self.variant.clone()),
            ("article", self.article.trim().to_owned()),
            ("completedFrom", self.completed_from.clone()),
            ("completedTo", self.completed_to.clone()),
            ("failedCheck", self.failed_check.clone()),
            ("differs", self.differs.clone()),
        ];
        if paged {
            params.push(("page", self.page.to_string()));
            params.push(("limit", self.limit.to_string()));
        }
        params
    }
}

/// `GET /api/inspections`: one page of the search.
pub async fn inspections(query: &InspectionQuery) -> ApiResult<InspectionListResponse> {
    get_json(&query.path()).await
}

/// `GET /api/inspections/{id}`: values, differences, audit trail and label jobs.
pub async fn inspection(id: i64) -> ApiResult<InspectionDetailResponse> {
    get_json(&format!("/api/inspections/{id}")).await
}

/// `POST /api/inspections/{id}/print`: queues the unit's label (202); a reprint needs a reason.
pub async fn print_inspection(
    id: i64,
    body: &PrintInspectionRequest,
) -> ApiResult<PrintJobResponse> {
    send_json(Method::POST, &format!("/api/inspections/{id}/print"), body).await
}

/// `POST /api/inspections/{id}/override`: MANAGEMENT releases the label of a failed unit.
pub async fn override_inspection(id: i64, body: &OverrideRequest) -> ApiResult<InspectionSummary> {
    send_json(
        Method::POST,
        &format!("/api/inspections/{id}/override"),
        body,
    )
    .await
}

/// The answer of `GET /api/{key}/qr`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
pub struct AutomatiktestLink {
    /// The link Prüfer B recorded; `None` when there is none.
    pub qr_code: Option<String>,
}

/// `GET /api/{key}/qr?serialnummer=…`: the unit's Automatiktest link (404 for an unknown serial or
/// a product line without Automatiktest).
pub async fn automatiktest_link(key: &str, serial: &str) -> ApiResult<AutomatiktestLink> {
    let path = with_query(
        &format!("/api/{}/qr", encode(key)),
        &[("serialnummer", serial.trim().to_owned())],
    );
    get_json(&path).await
}

/// The Server-Sent Events stream of job and printer changes (same-origin cookie auth).
pub const PRINT_EVENTS: &str = "/api/print-jobs/events";

// ---- Packaging (#7): catalogue, Zubehör, Halterung, Outer-Karton --------------------------------

/// `GET /api/articles`: the catalogue (`category` `zubehoer`/`halterung`, `active_only`).
pub async fn articles(
    category: Option<ArticleCategory>,
    active_only: bool,
) -> ApiResult<ArticleListResponse> {
    let mut params = Vec::new();
    if let Some(category) = category {
        params.push(("category", category.as_str().to_owned()));
    }
    if active_only {
        params.push(("active", "true".to_owned()));
    }
    get_json(&with_query("/api/articles", &params)).await
}

/// `POST /api/articles` (ADMIN, 201).
pub async fn create_article(body: &ArticleRequest) -> ApiResult<ArticleResponse> {
    send_json(Method::POST, "/api/articles", body).await
}

/// `PUT /api/articles/{id}` (ADMIN).
pub async fn update_article(id: i64, body: &ArticleRequest) -> ApiResult<ArticleResponse> {
    send_json(Method::PUT, &format!("/api/articles/{id}"), body).await
}

/// Filters and page of the packaging histories; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackagingQuery {
    /// Free text: delivery-note number, article number or description, serial number.
    pub q: String,
    /// Exact serial number contained (cartons only).
    pub serialnummer: String,
    /// RFC 3339 bounds of the creation time.
    pub from: String,
    pub to: String,
    pub page: u64,
    pub limit: u64,
}

impl PackagingQuery {
    /// The history path for `base` (`/api/zubehoer`, `/api/halterung`, `/api/outerkarton`), newest
    /// first.
    pub fn path(&self, base: &str) -> String {
        with_query(
            base,
            &[
                ("q", self.q.trim().to_owned()),
                ("serialnummer", self.serialnummer.trim().to_owned()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("order", "desc".to_owned()),
                ("page", self.page.max(1).to_string()),
                ("limit", self.limit.max(1).to_string()),
            ],
        )
    }

    /// The export path for `base` (`/api/zubehoer` or `/api/outerkarton`): every matching record,
    /// newest first, one row per line.
    pub fn export_path(&self, base: &str, format: ExportFormat, numbers: NumberFormat) -> String {
        with_query(
            &format!("{base}/export"),
            &[
                ("q", self.q.trim().to_owned()),
                ("serialnummer", self.serialnummer.trim().to_owned()),
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("order", "desc".to_owned()),
                ("format", format.as_str().to_owned()),
                ("numbers", numbers.as_str().to_owned()),
            ],
        )
    }
}

/// `POST /api/zubehoer`: store an accessory label and print it unless `skipPrint` (201).
pub async fn create_zubehoer(body: &ZubehoerRequest) -> ApiResult<ZubehoerCreated> {
    send_json(Method::POST, "/api/zubehoer", body).await
}

/// `GET /api/zubehoer?…`: the accessory-label history.
pub async fn zubehoer_list(query: &PackagingQuery) -> ApiResult<ZubehoerList> {
    get_json(&query.path("/api/zubehoer")).await
}

/// `GET /api/zubehoer?lieferscheinnummer=…`: the label of one delivery note (`found: false` when
/// there is none).
pub async fn zubehoer_by_lieferschein(number: &str) -> ApiResult<ZubehoerFound> {
    get_json(&with_query(
        "/api/zubehoer",
        &[("lieferscheinnummer", number.trim().to_owned())],
    ))
    .await
}

/// `GET /api/zubehoer/{id}`.
pub async fn zubehoer(id: i64) -> ApiResult<ZubehoerFound> {
    get_json(&format!("/api/zubehoer/{id}")).await
}

/// `POST /api/halterung`: store a mount label and print it unless `skipPrint` (201).
pub async fn create_halterung(body: &HalterungRequest) -> ApiResult<HalterungCreated> {
    send_json(Method::POST, "/api/halterung", body).await
}

/// `GET /api/halterung?…`: the mount-label history.
pub async fn halterung_list(query: &PackagingQuery) -> ApiResult<HalterungList> {
    get_json(&query.path("/api/halterung")).await
}

/// `GET /api/halterung/{id}`.
pub async fn halterung(id: i64) -> ApiResult<HalterungResponse> {
    get_json(&format!("/api/halterung/{id}")).await
}

/// `POST /api/outerkarton/scan`: one scanned QR text resolved into carton lines (422 with the
/// parser's message on `text` when unreadable).
pub async fn scan_for_carton(text: &str) -> ApiResult<ScanResponse> {
    send_json(
        Method::POST,
        "/api/outerkarton/scan",
        &ScanRequest {
            text: text.to_owned(),
        },
    )
    .await
}

/// `GET /api/outerkarton/unit?serialnummer=…`: a unit as a carton line (404 when unknown).
pub async fn unit_for_carton(serial: &str) -> ApiResult<UnitEntryResponse> {
    get_json(&with_query(
        "/api/outerkarton/unit",
        &[("serialnummer", serial.trim().to_owned())],
    ))
    .await
}

/// `POST /api/outerkarton`: store a carton and print its label unless `skipPrint` (201).
pub async fn create_carton(body: &CartonRequest) -> ApiResult<CartonCreated> {
    send_json(Method::POST, "/api/outerkarton", body).await
}

/// `PUT /api/outerkarton/{id}`: change a carton's contents (and reprint when `printerId` is set).
pub async fn update_carton(id: i64, body: &CartonUpdateRequest) -> ApiResult<CartonResponse> {
    send_json(Method::PUT, &format!("/api/outerkarton/{id}"), body).await
}

/// `GET /api/outerkarton?…`: the carton history (`serialnummer` finds the carton of a unit).
pub async fn carton_list(query: &PackagingQuery) -> ApiResult<CartonList> {
    get_json(&query.path("/api/outerkarton")).await
}

/// `GET /api/outerkarton/search?lieferschein=…` or `?serialnummer=…`.
pub async fn carton_search(lieferschein: &str, serial: &str) -> ApiResult<CartonList> {
    get_json(&with_query(
        "/api/outerkarton/search",
        &[
            ("lieferschein", lieferschein.trim().to_owned()),
            ("serialnummer", serial.trim().to_owned()),
        ],
    ))
    .await
}

/// `GET /api/outerkarton/{id}`.
pub async fn carton(id: i64) -> ApiResult<CartonResponse> {
    get_json(&format!("/api/outerkarton/{id}")).await
}

/// A stored label that can be printed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelTarget {
    Inspection(i64),
    Zubehoer(i64),
    Halterung(i64),
    Outerkarton(i64),
}

impl LabelTarget {
    /// The print-job reference the server stores with the label's jobs.
    pub fn reference(self) -> String {
        match self {
            Self::Inspection(id) => format!("inspection:{id}"),
            Self::Zubehoer(id) => format!("zubehoer:{id}"),
            Self::Halterung(id) => format!("halterung:{id}"),
            Self::Outerkarton(id) => format!("outerkarton:{id}"),
        }
    }

    fn print_path(self) -> String {
        match self {
            Self::Inspection(id) => format!("/api/inspections/{id}/print"),
            Self::Zubehoer(id) => format!("/api/zubehoer/{id}/print"),
            Self::Halterung(id) => format!("/api/halterung/{id}/print"),
            Self::Outerkarton(id) => format!("/api/outerkarton/{id}/print"),
        }
    }
}

/// Queues the label of `target` (202); a label printed before needs a `reason`.
pub async fn print_label(target: LabelTarget, body: &PrintLabelRequest) -> ApiResult<PrintJobDto> {
    match target {
        LabelTarget::Inspection(id) => {
            let body = PrintInspectionRequest {
                printer_id: body.printer_id,
                reason: body.reason.clone(),
            };
            Ok(print_inspection(id, &body).await?.data.job)
        }
        _ => {
            let answer: LabelPrinted = send_json(Method::POST, &target.print_path(), body).await?;
            Ok(answer.print_job)
        }
    }
}

// ---- Dashboards (#8) ------------------------------------------------------------------------------

/// `GET /api/dashboard-stats`: the home page's production figures, work queue and print failures.
pub async fn dashboard_stats() -> ApiResult<DashboardStatsResponse> {
    get_json("/api/dashboard-stats").await
}

/// File format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
        }
    }
}

/// Decimal separator of numbers in a CSV export: German `1,5` (default) or English `1.5`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumberFormat {
    #[default]
    De,
    En,
}

impl NumberFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            NumberFormat::De => "de",
            NumberFormat::En => "en",
        }
    }
}

/// Filters of the analytics reports; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnalyticsQuery {
    /// First plant day, `YYYY-MM-DD` (default: depends on the granularity).
    pub from: String,
    /// Last plant day, inclusive (default: today).
    pub to: String,
    /// `day`, `week` or `month` (default `month`).
    pub granularity: String,
    pub product: String,
    pub variant: String,
    pub article: String,
    pub inspector: String,
}

impl AnalyticsQuery {
    /// `/api/analytics/{report}` with the set filters.
    pub fn path(&self, report: &str) -> String {
        with_query(
            &format!("/api/analytics/{report}"),
            &[
                ("from", self.from.clone()),
                ("to", self.to.clone()),
                ("granularity", self.granularity.clone()),
                ("product", self.product.clone()),
                ("variant", self.variant.clone()),
                ("article", self.article.trim().to_owned()),
                ("inspector", self.inspector.trim().to_owned()),
            ],
        )
    }
}

/// `GET /api/analytics/throughput`: inspected/passed/failed per period and first-pass yield.
pub async fn analytics_throughput(query: &AnalyticsQuery) -> ApiResult<ThroughputResponse> {
    get_json(&query.path("throughput")).await
}

/// `GET /api/analytics/failures`: the failure Pareto per check with its trend.
pub async fn analytics_failures(query: &AnalyticsQuery) -> ApiResult<FailureResponse> {
    get_json(&query.path("failures")).await
}

/// `GET /api/analytics/disagreement`: A/B differences per field.
pub async fn analytics_disagreement(query: &AnalyticsQuery) -> ApiResult<DisagreementResponse> {
    get_json(&query.path("disagreement")).await
}

/// `GET /api/analytics/lead-time`: A→B lead time, median and p90.
pub async fn analytics_lead_time(query: &AnalyticsQuery) -> ApiResult<LeadTimeResponse> {
    get_json(&query.path("lead-time")).await
}

/// `GET /api/analytics/inspectors`: work per inspector (empty when per-person figures are off).
pub async fn analytics_inspectors(query: &AnalyticsQuery) -> ApiResult<InspectorResponse> {
    get_json(&query.path("inspectors")).await
}

/// `GET /api/analytics/labels`: labels printed, reprints by reason, failures per printer.
pub async fn analytics_labels(query: &AnalyticsQuery) -> ApiResult<LabelResponse> {
    get_json(&query.path("labels")).await
}

/// `GET /api/admin/system`: counts, database, schema, backup and queue state (ADMIN).
pub async fn system_overview() -> ApiResult<SystemOverviewResponse> {
    get_json("/api/admin/system").await
}

/// `path?name=value&…` with the non-empty parameters, percent-encoded.
pub fn with_query(path: &str, params: &[(&str, String)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect();
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The value of cookie `name` in a `document.cookie` string.
pub fn cookie_value(cookies: &str, name: &str) -> Option<String> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The session's CSRF token: the cookie is the newest (the server may rotate it), the remembered
/// token the fallback.
fn csrf_token() -> Option<String> {
    use wasm_bindgen::JsCast;

    let from_cookie = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|document| document.cookie().ok())
        .and_then(|cookies| cookie_value(&cookies, CSRF_COOKIE));
    from_cookie.or_else(|| CSRF_TOKEN.with(|stored| stored.borrow().clone()))
}

/// Status and body of an HTTP answer, before decoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: String,
    /// `Retry-After` in seconds, when the server sent one.
    pub retry_after_secs: Option<u64>,
}
impl Reply {
    /// A 2xx answer decoded as `T` (an empty body reads as JSON `null`), anything else as an error.
    pub fn into_result<T: DeserializeOwned>(self) -> ApiResult<T> {
        if !(200..300).contains(&self.status) {
            return Err(self.into_error());
        }
        let text = if self.body.trim().is_empty() {
            "null"
        } else {
            &self.body
        };
        serde_json::from_str(text)
            .map_err(|_| ErrorBody::new(ErrorCode::InternalError, "Ungültige Antwort des Servers"))
    }

    /// The error a failed answer stands for: the server's body when it is one, else one built from
    /// the status, keeping an `error` message of older or foreign JSON shapes.
    pub fn into_error(self) -> ErrorBody {
        if let Ok(body) = serde_json::from_str::<ErrorBody>(&self.body) {
            return body;
        }
        let code = code_for_status(self.status);
        let message = serde_json::from_str::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|value| value.get("error")?.as_str().map(str::to_owned))
            .unwrap_or_else(|| format!("Unerwartete Antwort des Servers (HTTP {})", self.status));
        ErrorBody::new(code, message)
    }
}

/// `/api/health` answers 503 with a full [`HealthResponse`] when a check fails; the status page shows
/// those details instead of a bare error.
pub fn health_from_reply(reply: Reply) -> ApiResult<HealthResponse> {
    if reply.status == 503
        && let Ok(health) = serde_json::from_str(&reply.body)
    {
        return Ok(health);
    }
    reply.into_result()
}

/// The error class that goes with an HTTP status, for answers without our JSON body.
pub fn code_for_status(status: u16) -> ErrorCode {
    match status {
        400 => ErrorCode::BadRequest,
        401 => ErrorCode::AuthRequired,
        403 => ErrorCode::Forbidden,
        404 => ErrorCode::NotFound,
        405 => ErrorCode::MethodNotAllowed,
        409 => ErrorCode::Conflict,
        413 => ErrorCode::PayloadTooLarge,
        422 => ErrorCode::ValidationError,
        423 => ErrorCode::AccountLocked,
        429 => ErrorCode::RateLimited,
        // A reverse proxy's "bad gateway" or "gateway timeout" means our server did not answer.
        502..=504 => ErrorCode::ServiceUnavailable,
        _ => ErrorCode::InternalError,
    }
}

fn unreachable() -> ErrorBody {
    ErrorBody::new(ErrorCode::ServiceUnavailable, UNREACHABLE)
}

fn request(method: Method, path: &str) -> RequestBuilder {
    let changes_state = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    let builder = RequestBuilder::new(path)
        .method(method)
        // The session cookie goes to our own origin only.
        .credentials(RequestCredentials::SameOrigin)
        .header("Accept", "application/json");
    match csrf_token() {
        Some(token) if changes_state => builder.header(CSRF_HEADER, &token),
        _ => builder,
    }
}

fn build(request: Result<Request, gloo_net::Error>) -> ApiResult<Request> {
    request.map_err(|_| {
        ErrorBody::new(
            ErrorCode::BadRequest,
            "Anfrage konnte nicht erstellt werden",
        )
    })
}

async fn send(request: Request) -> ApiResult<Reply> {
    let response = request.send().await.map_err(|_| unreachable())?;
    let status = response.status();
    let retry_after_secs = response
        .headers()
        .get("Retry-After")
        .and_then(|value| value.trim().parse().ok());
    // A body cut off mid-transfer is as much a network failure as no answer at all.
    let body = response.text().await.map_err(|_| unreachable())?;
    Ok(Reply {
        status,
        body,
        retry_after_secs,
    })
}

#[cfg(test)]
mod tests {
    use api_types::HealthStatus;
    use serde::Deserialize;

    use super::*;

    fn reply(status: u16, body: &str) -> Reply {
        Reply {
            status,
            body: body.to_owned(),
            retry_after_secs: None,
        }
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: u32,
    }

    const HEALTH: &str = r#"{"status":"unhealthy","timestamp":"2026-11-26T10:30:00Z","version":"0.1.0",
        "checks":{"database":{"status":"error","latency_ms":2000.0,"backend":"sqlite"},
        "filesystem":{"status":"healthy","free_bytes":1073741824},
        "memory":{"status":"healthy","rss_bytes":1048576,"limit_bytes":524288000}}}"#;

    #[test]
    fn decodes_success_bodies() {
        assert_eq!(reply(200, r#"{"id":7}"#).into_result(), Ok(Item { id: 7 }));
        assert_eq!(reply(204, "").into_result::<()>(), Ok(()));
    }

    #[test]
    fn malformed_success_body_is_an_internal_error() {
        let error = reply(200, "<html>").into_result::<Item>().err();
        assert_eq!(error.map(|e| e.code), Some(ErrorCode::InternalError));
    }

    #[test]
    fn keeps_the_servers_error_body() {
        let body = r#"{"success":false,"error":"Pflichtfeld fehlt","code":"VALIDATION_ERROR",
            "errors":{"seriennummer":["Pflichtfeld"]}}"#;
        let error = reply(422, body).into_error();
        assert_eq!(error.code, ErrorCode::ValidationError);
        assert_eq!(error.error, "Pflichtfeld fehlt");
        let fields = error.errors.unwrap_or_default();
        assert_eq!(fields["seriennummer"], vec!["Pflichtfeld".to_owned()]);
    }

    #[test]
    fn synthesizes_an_error_for_foreign_bodies() {
        let proxy = reply(502, "<html><body>Bad Gateway</body></html>").into_error();
        assert_eq!(proxy.code, ErrorCode::ServiceUnavailable);
        assert!(!proxy.success);
        assert_eq!(proxy.error, "Unerwartete Antwort des Servers (HTTP 502)");

        let legacy = reply(429, r#"{"success":false,"error":"Too many requests"}"#).into_error();
        assert_eq!(legacy.code, ErrorCode::RateLimited);
        assert_eq!(legacy.error, "Too many requests");
    }

    #[test]
    fn unhealthy_answer_still_carries_the_details() {
        let health = health_from_reply(reply(503, HEALTH));
        assert_eq!(health.map(|h| h.status), Ok(HealthStatus::Unhealthy));
    }

    #[test]
    fn a_503_without_health_body_is_an_error() {
        let body =
            r#"{"success":false,"error":"Datenbank nicht verfügbar","code":"SERVICE_UNAVAILABLE"}"#;
        let error = health_from_reply(reply(503, body)).err();
        assert_eq!(
            error.map(|e| e.error),
            Some("Datenbank nicht verfügbar".to_owned())
        );
    }

    #[test]
    fn only_unexpected_401s_end_the_session() {
        let signed_out = ErrorBody::new(ErrorCode::AuthRequired, "Nicht angemeldet");
        assert_eq!(
            session_problem("/api/users", &signed_out),
            Some(SessionProblem::SignedOut)
        );
        for own_business in [LOGIN, ME, LOGOUT] {
            assert_eq!(session_problem(own_business, &signed_out), None);
        }
        let reset = ErrorBody::new(ErrorCode::PasswordChangeRequired, "Passwort ändern");
        assert_eq!(
            session_problem("/api/users", &reset),
            Some(SessionProblem::PasswordChangeRequired)
        );
        let forbidden = ErrorBody::new(ErrorCode::Forbidden, "Keine Berechtigung");
        assert_eq!(session_problem("/api/users", &forbidden), None);
    }

    #[test]
    fn builds_encoded_queries_without_empty_parameters() {
        assert_eq!(with_query("/api/users", &[]), "/api/users");
        assert_eq!(
            with_query(
                "/api/users",
                &[
                    ("page", "2".into()),
                    ("search", "Jörg Berg&Co".into()),
                    ("limit", String::new())
                ]
            ),
            "/api/users?page=2&search=J%C3%B6rg%20Berg%26Co"
        );
        let query = SecurityEventQuery {
            risk: "HIGH".into(),
            user_id: Some(7),
            from: "2026-01-01T00:00:00.000Z".into(),
            page: 1,
            limit: 50,
            ..SecurityEventQuery::default()
        };
        assert_eq!(
            query.path(),
            "/api/admin/security-events?risk=HIGH&userId=7&from=2026-01-01T00%3A00%3A00.000Z&page=1&limit=50"
        );
    }

    #[test]
    fn printer_test_tells_fault_from_unreachable() {
        let outcome = |status, body| printer_test_outcome(reply(status, body).into_result());
        let ready = r#"{"success":true,"message":"Drucker bereit","data":{"printerId":1,
            "reachable":true,"ready":true,"faults":[],"error":null,
            "checkedAt":"2026-11-26T10:30:00Z","queue":{"queued":0,"sending":0,"failed":0}}}"#;
        assert!(matches!(
            outcome(200, ready),
            Ok(PrinterTest::Ready(answer)) if answer.data.ready
        ));
        let fault = r#"{"success":false,"error":"Kein Etikettenmaterial (Papier leer)",
            "code":"PRINTER_NOT_READY"}"#;
        assert!(matches!(
            outcome(503, fault),
            Ok(PrinterTest::Fault(body)) if body.error == "Kein Etikettenmaterial (Papier leer)"
        ));
        let offline =
            r#"{"success":false,"error":"Verbindung abgelehnt","code":"PRINTER_UNREACHABLE"}"#;
        assert!(matches!(
            outcome(502, offline),
            Ok(PrinterTest::Unreachable(body)) if body.error == "Verbindung abgelehnt"
        ));
        // A proxy's page or a database outage is no answer from the printer.
        let proxy = outcome(502, "<html>Bad Gateway</html>");
        assert_eq!(
            proxy.err().map(|e| e.code),
            Some(ErrorCode::ServiceUnavailable)
        );
        let database =
            r#"{"success":false,"error":"Datenbank nicht verfügbar","code":"SERVICE_UNAVAILABLE"}"#;
        assert!(outcome(503, database).is_err());
        let forbidden = r#"{"success":false,"error":"Keine Berechtigung","code":"FORBIDDEN"}"#;
        assert_eq!(
            outcome(403, forbidden).err().map(|e| e.code),
            Some(ErrorCode::Forbidden)
        );
    }

    #[test]
    fn print_job_filters_become_query_parameters() {
        let query = PrintJobQuery {
            state: Some(JobState::Failed),
            printer_id: Some(3),
            kind: Some(JobKind::Test),
            page: 2,
            limit: 25,
            ..PrintJobQuery::default()
        };
        assert_eq!(
            query.path(),
            "/api/print-jobs?state=failed&printerId=3&kind=test&page=2&limit=25"
        );
        let reference = PrintJobQuery {
            reference: " inspection:42 ".into(),
            page: 1,
            limit: 25,
            ..PrintJobQuery::default()
        };
        assert_eq!(
            reference.path(),
            "/api/print-jobs?reference=inspection%3A42&page=1&limit=25"
        );
    }

    #[test]
    fn inspection_filters_become_query_parameters() {
        let query = InspectionQuery {
            product: "c2".into(),
            serial: " C2-00 ".into(),
            status: "failed".into(),
            sort: "-created".into(),
            page: 1,
            limit: 25,
            ..InspectionQuery::default()
        };
        assert_eq!(
            query.path(),
            "/api/inspections?product=c2&serial=C2-00&status=failed&sort=-created&page=1&limit=25"
        );
    }

    #[test]
    fn reads_the_csrf_cookie() {
        let cookies = "etikett_lang=de; csrf-token=abc123; other=";
        assert_eq!(cookie_value(cookies, CSRF_COOKIE), Some("abc123".into()));
        assert_eq!(cookie_value(cookies, "other"), None);
        assert_eq!(cookie_value("", CSRF_COOKIE), None);
    }

    #[test]
    fn locked_accounts_have_their_own_class() {
        assert_eq!(code_for_status(423), ErrorCode::AccountLocked);
    }

    #[test]
    fn network_failures_read_as_unavailable() {
        let error = unreachable();
        assert_eq!(error.code, ErrorCode::ServiceUnavailable);
        assert_eq!(error.error, "Server nicht erreichbar");
    }
}
