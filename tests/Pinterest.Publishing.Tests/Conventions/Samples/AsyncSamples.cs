using Polly;

#pragma warning disable CA1068, CA1812, CA1822, CA1849, IDE0051

namespace Pinterest.Publishing.Tests.Conventions.Samples.Async;

/// <summary>Rule c: async methods named without "Async" or taking their token early.</summary>
internal sealed class AsyncSamples
{
    public Task Upload() => Task.CompletedTask;

    public ValueTask<int> CountAsync(CancellationToken cancellationToken, int start) => ValueTask.FromResult(start);

    public IAsyncEnumerable<int> Pages() => AsyncEnumerable.Empty<int>();

    public Task FineAsync(int start, CancellationToken cancellationToken) => Task.Delay(start, cancellationToken);

    // Private methods too.
    private static async Task Helper() => await Task.Yield();

    // A property is not a method.
    public Task<int> Pending => Task.FromResult(1);
}

/// <summary>
/// Overrides a framework method whose name lacks "Async" (Polly's <c>ResilienceStrategy.ExecuteCore</c>): it follows its
/// declaration and is not judged.
/// </summary>
internal sealed class ForeignOverride : ResilienceStrategy
{
    protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state) =>
        callback(context, state);
}
