using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>Records everything a logger is given: the formatted message, each state and scope key/value, and the exception.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static void AppendValues(StringBuilder text, object? state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var (key, value) in pairs)
            {
                text.Append(" | ").Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                if (value is System.Collections.IEnumerable items and not string)
                {
                    foreach (var item in items)
                    {
                        text.Append(' ').Append(Convert.ToString(item, CultureInfo.InvariantCulture));
                    }
                }
            }
        }
        else if (state is not null)
        {
            text.Append(" | ").Append(Convert.ToString(state, CultureInfo.InvariantCulture));
        }
    }

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder();
            text.Append(logLevel).Append(' ').Append(category).Append('[').Append(eventId.Id).Append("] ").Append(formatter(state, exception));
            AppendValues(text, state);
            provider._scopes.ForEachScope((scope, builder) => AppendValues(builder, scope), text);
            if (exception is not null)
            {
                text.Append(" | exception: ").Append(exception);
            }

            provider.Entries.Enqueue(text.ToString());
        }
    }
}
