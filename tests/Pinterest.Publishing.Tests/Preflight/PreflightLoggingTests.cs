using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing.Tests.Preflight;

/// <summary>Preflight logs under its room's category, "Pinterest.Publishing.Preflight", with and without the container.</summary>
public sealed class PreflightLoggingTests
{
    // PreflightLog.Completed: every validation ends with it.
    private const string Completed = "PreflightCompleted";

    [Fact]
    public async Task The_validator_from_dependency_injection_logs_under_the_preflight_category()
    {
        var logs = new FakeLogCollector();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs)));
        services.AddPinterestPublishing(_ => { });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IPinPreflightValidator>().ValidateAsync(PreflightTestKit.Request(PreflightTestKit.InlineImage()));

        var completed = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == Completed);
        Assert.Equal("Pinterest.Publishing.Preflight", completed.Category);
        Assert.Equal(3005, completed.Id.Id);
    }

    [Fact]
    public async Task The_validator_built_without_dependency_injection_logs_under_the_same_category()
    {
        var logs = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs)));
        using var validator = PreflightTestKit.Validator(loggerFactory: loggerFactory);

        await validator.ValidateAsync(PreflightTestKit.Request(PreflightTestKit.InlineImage()));

        var completed = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == Completed);
        Assert.Equal("Pinterest.Publishing.Preflight", completed.Category);
        Assert.Equal(3005, completed.Id.Id);
    }
}
