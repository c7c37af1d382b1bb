namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>An account's cool-down for one rate-limit category (table <c>pinterest_cooldowns</c>).</summary>
internal sealed class CooldownRow
{
    /// <summary>The category stored for a whole-account cool-down: a primary key column cannot be null.</summary>
    public const string WholeAccount = "";

    public string AccountId { get; set; } = "";

    public string Category { get; set; } = WholeAccount;

    public long UntilAt { get; set; }

    public bool IsSpamBlock { get; set; }

    public int InARow { get; set; }
}
