using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Events.Internal;

/// <summary>
/// Log events of the delivery of outcome events. Only event names, observer type names and exception types are
/// logged: an observer's exception message is the host's and may hold anything, so it is scrubbed.
/// </summary>
internal static partial class EventsLog
{
    /// <summary>The logger category of the events room.</summary>
    public const string CategoryName = PinterestLogCategories.Events;

    [LoggerMessage(EventId = 10001, EventName = "ObserverFailed", Level = LogLevel.Warning,
        Message = "Observer {Observer} failed on {Event}: {ExceptionType}: {ExceptionMessage}")]
    public static partial void ObserverFailed(ILogger logger, string observer, string @event, string exceptionType, string? exceptionMessage);

    [LoggerMessage(EventId = 10002, EventName = "ObserverTimedOut", Level = LogLevel.Warning,
        Message = "Observer {Observer} did not finish {Event} within {Timeout}; the next events are delivered without waiting for it.")]
    public static partial void ObserverTimedOut(ILogger logger, string observer, string @event, TimeSpan timeout);

    [LoggerMessage(EventId = 10003, EventName = "ObserverEventDropped", Level = LogLevel.Warning,
        Message = "Event {Event} was dropped: {Capacity} events already wait for the observers (a slow observer?).")]
    public static partial void Dropped(ILogger logger, string @event, int capacity);
}
