namespace Pinterest.Publishing.Internal.PublishPath;

/// <summary>A cool-down in force: no call of its scope is sent before <see cref="Until"/>.</summary>
/// <param name="Category">The rate-limit category that waits; <see langword="null"/>: the whole account (a spam block).</param>
/// <param name="Until">When the account may call again.</param>
/// <param name="IsSpamBlock">Whether Pinterest flagged the account's request as spam.</param>
/// <param name="InARow">How many 429s came in a row (1 for the first), which set the length of the wait.</param>
internal readonly record struct AccountCooldown(string? Category, DateTimeOffset Until, bool IsSpamBlock, int InARow);
