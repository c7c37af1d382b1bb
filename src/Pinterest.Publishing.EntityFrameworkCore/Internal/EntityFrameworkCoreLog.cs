using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.EntityFrameworkCore.Internal;

/// <summary>Log events of the durable stores (event ids 12000–12999). Only table names and exception types, never a row's content.</summary>
internal static partial class EntityFrameworkCoreLog
{
    /// <summary>The logger category of the durable stores.</summary>
    public const string CategoryName = "Pinterest.Publishing.EntityFrameworkCore";

    [LoggerMessage(EventId = 12001, EventName = "PublishLedgerPruneFailed", Level = LogLevel.Warning,
        Message = "Pruning the publish ledger's old rows failed ({ErrorType}); the write before it is committed, and a later write prunes again.")]
    public static partial void LedgerPruneFailed(ILogger logger, string errorType, Exception exception);
}
