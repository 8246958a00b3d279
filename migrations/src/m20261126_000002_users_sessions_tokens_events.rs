//! Users, server-side sessions, API tokens and the security event log.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(User::Table)
                    .if_not_exists()
                    .col(big_pk(User::Id))
                    .col(
                        ColumnDef::new(User::Username)
                            .string_len(100)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(User::Email)
                            .string_len(254)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(User::PasswordHash)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(ColumnDef::new(User::FirstName).string_len(100).not_null())
                    .col(ColumnDef::new(User::LastName).string_len(100).not_null())
                    .col(ColumnDef::new(User::Role).string_len(20).not_null())
                    .col(ColumnDef::new(User::Status).string_len(20).not_null())
                    .col(timestamp(User::LastLoginAt).null())
                    .col(
                        ColumnDef::new(User::FailedLoginAttempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(timestamp(User::LockedUntil).null())
                    .col(timestamp(User::PasswordChangedAt).null())
                    .col(
                        ColumnDef::new(User::MustChangePassword)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(timestamp(User::CreatedAt).not_null())
                    .col(timestamp(User::UpdatedAt).not_null())
                    .col(ColumnDef::new(User::CreatedBy).string_len(100).null())
                    .col(ColumnDef::new(User::UpdatedBy).string_len(100).null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .if_not_exists()
                    .col(
                        ColumnDef::new(Session::Id)
                            .string_len(36)
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(Session::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Session::UserId).big_integer().not_null())
                    .col(ColumnDef::new(Session::CsrfToken).string_len(64).not_null())
                    .col(ColumnDef::new(Session::StayLoggedIn).boolean().not_null())
                    .col(timestamp(Session::CreatedAt).not_null())
                    .col(timestamp(Session::ExpiresAt).not_null())
                    .col(timestamp(Session::LastSeenAt).not_null())
                    .col(ColumnDef::new(Session::IpAddress).string_len(64).null())
                    .col(ColumnDef::new(Session::UserAgent).string_len(500).null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_session_user")
                            .from(Session::Table, Session::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "idx_session_user", Session::Table, Session::UserId).await?;
        index(
            manager,
            "idx_session_expires",
            Session::Table,
            Session::ExpiresAt,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ApiToken::Table)
                    .if_not_exists()
                    .col(big_pk(ApiToken::Id))
                    .col(ColumnDef::new(ApiToken::Name).string_len(100).not_null())
                    .col(
                        ColumnDef::new(ApiToken::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(ApiToken::Prefix).string_len(16).not_null())
                    .col(ColumnDef::new(ApiToken::Role).string_len(20).not_null())
                    .col(
                        ColumnDef::new(ApiToken::CreatedBy)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(timestamp(ApiToken::CreatedAt).not_null())
                    .col(timestamp(ApiToken::ExpiresAt).null())
                    .col(timestamp(ApiToken::LastUsedAt).null())
                    .col(timestamp(ApiToken::RevokedAt).null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SecurityEvent::Table)
                    .if_not_exists()
                    .col(big_pk(SecurityEvent::Id))
                    .col(
                        ColumnDef::new(SecurityEvent::EventType)
                            .string_len(50)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SecurityEvent::Risk)
                            .string_len(10)
                            .not_null(),
                    )
                    .col(ColumnDef::new(SecurityEvent::UserId).big_integer().null())
                    .col(
                        ColumnDef::new(SecurityEvent::Username)
                            .string_len(100)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SecurityEvent::IpAddress)
                            .string_len(64)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SecurityEvent::UserAgent)
                            .string_len(500)
                            .null(),
                    )
                    .col(ColumnDef::new(SecurityEvent::Details).text().not_null())
                    .col(timestamp(SecurityEvent::CreatedAt).not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_security_event_user")
                            .from(SecurityEvent::Table, SecurityEvent::UserId)
                            .to(User::Table, User::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_security_event_created",
            SecurityEvent::Table,
            SecurityEvent::CreatedAt,
        )
        .await?;
        index(
            manager,
            "idx_security_event_type",
            SecurityEvent::Table,
            SecurityEvent::EventType,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SecurityEvent::Table.into_iden(),
            ApiToken::Table.into_iden(),
            Session::Table.into_iden(),
            User::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn big_pk(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn timestamp(column: impl IntoIden) -> ColumnDef {
    ColumnDef::new(column).timestamp_with_time_zone().to_owned()
}

async fn index<T: IntoIden + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    column: C,
) -> Result<(), DbErr> {
    manager
        .create_index(
            Index::create()
                .name(name)
                .table(table)
                .col(column)
                .to_owned(),
        )
        .await
}

#[derive(DeriveIden)]
enum User {
    #[sea_orm(iden = "users")]
    Table,
    Id,
    Username,
    Email,
    PasswordHash,
    FirstName,
    LastName,
    Role,
    Status,
    LastLoginAt,
    FailedLoginAttempts,
    LockedUntil,
    PasswordChangedAt,
    MustChangePassword,
    CreatedAt,
    UpdatedAt,
    CreatedBy,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum Session {
    #[sea_orm(iden = "sessions")]
    Table,
    Id,
    TokenHash,
    UserId,
    CsrfToken,
    StayLoggedIn,
    CreatedAt,
    ExpiresAt,
    LastSeenAt,
    IpAddress,
    UserAgent,
}

#[derive(DeriveIden)]
enum ApiToken {
    #[sea_orm(iden = "api_tokens")]
    Table,
    Id,
    Name,
    TokenHash,
    Prefix,
    Role,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum SecurityEvent {
    #[sea_orm(iden = "security_events")]
    Table,
    Id,
    EventType,
    Risk,
    UserId,
    Username,
    IpAddress,
    UserAgent,
    Details,
    CreatedAt,
}
