using Microsoft.Extensions.Logging;

#pragma warning disable CA1812, LOGGEN027 // LOGGEN027: the duplicate event name is the point of the sample.

namespace Pinterest.Publishing.Tests.Conventions.Samples.Logs.Api
{
    /// <summary>Rule d: the sample Api room's log class (ids 1000–1999), with its category.</summary>
    internal static partial class SampleApiLog
    {
        public const string CategoryName = "Samples.Api";

        [LoggerMessage(EventId = 1001, EventName = "Sent", Level = LogLevel.Information, Message = "Sent")]
        public static partial void Sent(ILogger logger);

        [LoggerMessage(EventId = 2500, EventName = "Strayed", Level = LogLevel.Information, Message = "Strayed")]
        public static partial void Strayed(ILogger logger);

        [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Unnamed")]
        public static partial void Unnamed(ILogger logger);
    }
}

namespace Pinterest.Publishing.Tests.Conventions.Samples.Logs.Jobs
{
    /// <summary>Rule d: the sample Jobs room's log class (ids 2000–2999), without its CategoryName.</summary>
    internal static partial class SampleJobsLog
    {
        [LoggerMessage(EventId = 2500, EventName = "Sent", Level = LogLevel.Information, Message = "Sent again")]
        public static partial void SentAgain(ILogger logger);
    }

    /// <summary>Declares its own event instead of using its room's log class.</summary>
    internal sealed partial class JobRunner
    {
        [LoggerMessage(EventId = 2001, EventName = "Ran", Level = LogLevel.Information, Message = "Ran")]
        private static partial void LogRan(ILogger logger);
    }
}

namespace Pinterest.Publishing.Tests.Conventions.Samples.Logs.Quiet
{
    /// <summary>A room without a range logs.</summary>
    internal static partial class QuietLog
    {
        [LoggerMessage(EventId = 9001, EventName = "Spoke", Level = LogLevel.Information, Message = "Spoke")]
        public static partial void Spoke(ILogger logger);
    }
}
