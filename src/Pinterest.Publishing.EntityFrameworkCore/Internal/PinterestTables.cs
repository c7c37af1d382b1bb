using Microsoft.EntityFrameworkCore;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>
/// The library's tables and how they map. Names are spelled out (snake_case, prefixed <c>pinterest_</c>) rather than
/// left to the host's naming conventions, because the stores also run hand-written SQL against them.
/// </summary>
internal static class PinterestTables
{
    public const string Tokens = "pinterest_tokens";
    public const string ScheduledPins = "pinterest_scheduled_pins";
    public const string ProcessingUploads = "pinterest_processing_uploads";
    public const string CreateAttempts = "pinterest_create_attempts";
    public const string ClaimedPins = "pinterest_claimed_pins";
    public const string Cooldowns = "pinterest_cooldowns";

    /// <summary>The partial index's filter: only due pending rows are ever scanned by a claim.</summary>
    public const string PendingFilter = "status = 'pending'";

    public static void Apply(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TokenRow>(e =>
        {
            e.ToTable(Tokens);
            e.HasKey(r => r.AccountId);
            e.Property(r => r.AccountId).HasColumnName("account_id").HasMaxLength(200);
            e.Property(r => r.AccessToken).HasColumnName("access_token");
            e.Property(r => r.ExpiresAt).HasColumnName("expires_at");
            e.Property(r => r.RefreshToken).HasColumnName("refresh_token");
            e.Property(r => r.RefreshTokenExpiresAt).HasColumnName("refresh_token_expires_at");
            e.Property(r => r.Scope).HasColumnName("scope");
            e.Property(r => r.Version).HasColumnName("version").IsConcurrencyToken();
            e.HasIndex(r => r.RefreshTokenExpiresAt).HasDatabaseName("ix_pinterest_tokens_refresh_token_expires_at");
            e.HasIndex(r => r.ExpiresAt).HasDatabaseName("ix_pinterest_tokens_expires_at");
        });

        modelBuilder.Entity<ScheduledPinRow>(e =>
        {
            e.ToTable(ScheduledPins);
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(r => r.Request).HasColumnName("request");
            e.Property(r => r.DueAt).HasColumnName("due_at");
            e.Property(r => r.Attempt).HasColumnName("attempt");
            e.Property(r => r.LeaseToken).HasColumnName("lease_token").HasMaxLength(64);
            e.Property(r => r.LeaseExpiresAt).HasColumnName("lease_expires_at");
            e.Property(r => r.Status).HasColumnName("status").HasMaxLength(16);
            e.Property(r => r.OutcomeKind).HasColumnName("outcome_kind");
            e.Property(r => r.OutcomeReason).HasColumnName("outcome_reason");
            e.Property(r => r.OutcomePinId).HasColumnName("outcome_pin_id");
            e.Property(r => r.OutcomeCodes).HasColumnName("outcome_codes");
            e.Property(r => r.OutcomeAt).HasColumnName("outcome_at");
            e.Property(r => r.OutcomeCountsAsAttempt).HasColumnName("outcome_counts_as_attempt");
            e.HasIndex(r => new { r.DueAt, r.Id }).HasDatabaseName("ix_pinterest_scheduled_pins_due_pending").HasFilter(PendingFilter);
        });

        modelBuilder.Entity<ProcessingUploadRow>(e =>
        {
            e.ToTable(ProcessingUploads);
            e.HasKey(r => r.OperationId);
            e.Property(r => r.OperationId).HasColumnName("operation_id").HasMaxLength(200);
            e.Property(r => r.MediaId).HasColumnName("media_id").HasMaxLength(200);
            e.Property(r => r.UpdatedAt).HasColumnName("updated_at");
        });

        modelBuilder.Entity<CreateAttemptRow>(e =>
        {
            e.ToTable(CreateAttempts);
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasColumnName("id").HasMaxLength(64);
            e.Property(r => r.OperationId).HasColumnName("operation_id").HasMaxLength(200);
            e.Property(r => r.DraftKey).HasColumnName("draft_key");
            e.Property(r => r.StartedAt).HasColumnName("started_at");
            e.Property(r => r.InFlightUntil).HasColumnName("in_flight_until");
            e.Property(r => r.EndedAt).HasColumnName("ended_at");
            e.HasIndex(r => r.OperationId).HasDatabaseName("ix_pinterest_create_attempts_operation_id");
            e.HasIndex(r => r.DraftKey).HasDatabaseName("ix_pinterest_create_attempts_draft_key");
            e.HasIndex(r => r.StartedAt).HasDatabaseName("ix_pinterest_create_attempts_started_at");
        });

        modelBuilder.Entity<ClaimedPinRow>(e =>
        {
            e.ToTable(ClaimedPins);
            e.HasKey(r => r.PinId);
            e.Property(r => r.PinId).HasColumnName("pin_id").HasMaxLength(200);
            e.Property(r => r.OperationId).HasColumnName("operation_id").HasMaxLength(200);
            e.Property(r => r.ClaimedAt).HasColumnName("claimed_at");
            e.HasIndex(r => r.ClaimedAt).HasDatabaseName("ix_pinterest_claimed_pins_claimed_at");
            e.HasIndex(r => r.OperationId).HasDatabaseName("ix_pinterest_claimed_pins_operation_id");
        });

        modelBuilder.Entity<CooldownRow>(e =>
        {
            e.ToTable(Cooldowns);
            e.HasKey(r => new { r.AccountId, r.Category });
            e.Property(r => r.AccountId).HasColumnName("account_id").HasMaxLength(200);
            e.Property(r => r.Category).HasColumnName("category").HasMaxLength(64);
            e.Property(r => r.UntilAt).HasColumnName("until_at");
            e.Property(r => r.IsSpamBlock).HasColumnName("is_spam_block");
            e.Property(r => r.InARow).HasColumnName("in_a_row");
        });
    }
}
