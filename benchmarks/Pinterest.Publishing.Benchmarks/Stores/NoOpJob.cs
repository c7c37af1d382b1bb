namespace Pinterest.Publishing.Benchmarks.Stores;

/// <summary>The Hangfire job of the anchor: does nothing but count itself done.</summary>
public static class NoOpJob
{
    public static CountdownEvent Done { get; private set; } = new(0);

    public static void Reset(int jobs) => Done = new CountdownEvent(jobs);

    public static void Run() => Done.Signal();
}
