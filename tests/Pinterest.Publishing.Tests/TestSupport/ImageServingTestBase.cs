namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// A test class that serves its images from one loopback server (<see cref="ImageServing"/>'s modes), closed after
/// each test.
/// </summary>
public abstract class ImageServingTestBase : IAsyncLifetime
{
    /// <summary>The loopback server the test's media are served from.</summary>
    private protected LoopbackHttpServer Server { get; } = new();

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync() => await Server.DisposeAsync();
}
