using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Api.Internal;

/// <summary>
/// Pinterest's API sandbox does not serve the operations its API description marks <c>x-sandbox: disabled</c>
/// (analytics): under the sandbox the client throws before sending them, and sends everything else as before.
/// </summary>
public sealed class SandboxOperationTests
{
    private static readonly DateOnly Start = new(2026, 11, 1);

    public static TheoryData<string> Analytics() => ["pin", "user_account"];

    [Theory]
    [MemberData(nameof(Analytics))]
    public async Task An_analytics_call_under_the_sandbox_environment_throws_before_anything_is_sent(string which)
    {
        await using var emulator = NewEmulator(out var token);
        using var http = emulator.CreateHttpClient();
        var client = Client(emulator, http, token, PinterestEnvironment.Sandbox);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => CallAsync(client, which));

        Assert.Contains("sandbox does not serve", error.Message, StringComparison.Ordinal);
        Assert.Contains("analytics", error.Message, StringComparison.Ordinal);
        Assert.Contains("Production", error.Message, StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task The_sandbox_host_as_base_address_counts_as_the_sandbox()
    {
        await using var emulator = NewEmulator(out var token);
        using var http = emulator.CreateHttpClient();
        var client = Client(emulator, http, token, PinterestEnvironment.Production, PinterestPublishingOptions.SandboxBaseAddress);

        await Assert.ThrowsAsync<NotSupportedException>(() => CallAsync(client, "user_account"));

        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Under_the_sandbox_the_operations_it_serves_are_sent()
    {
        await using var emulator = NewEmulator(out var token);
        using var http = emulator.CreateHttpClient();
        var client = Client(emulator, http, token, PinterestEnvironment.Sandbox);

        var boards = new List<Pinterest.Publishing.Api.Models.Board>();
        await foreach (var board in client.Boards.GetBoardsAsync())
        {
            boards.Add(board);
        }

        Assert.Single(boards);
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task In_production_analytics_are_sent()
    {
        await using var emulator = NewEmulator(out var token);
        using var http = emulator.CreateHttpClient();
        var client = Client(emulator, http, token, PinterestEnvironment.Production);

        await CallAsync(client, "user_account");

        Assert.Single(emulator.Requests);
    }

    [Fact]
    public void Every_operation_the_spec_keeps_from_the_sandbox_is_refused_and_every_other_is_not()
    {
        var sandbox = new ApiRequestBuilder(new PinterestClientOptions { Environment = PinterestEnvironment.Sandbox });
        var production = new ApiRequestBuilder(new PinterestClientOptions());

        Assert.Contains(PinterestEndpoints.All, e => !e.InSandbox);
        foreach (var endpoint in PinterestEndpoints.All)
        {
            var request = PinterestApiRequest.Create(endpoint, "x");
            production.EnsureServedHere(request);
            if (endpoint.InSandbox)
            {
                sandbox.EnsureServedHere(request);
            }
            else
            {
                Assert.Throws<NotSupportedException>(() => sandbox.EnsureServedHere(request));
            }
        }
    }

    private static PinterestEmulator NewEmulator(out string accessToken)
    {
        var emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero)) });
        var user = emulator.AddAccount();
        emulator.AddBoard(user, "Board");
        accessToken = emulator.IssueTokens(user).AccessToken;
        return emulator;
    }

    private static PinterestClient Client(PinterestEmulator emulator, HttpClient http, string token, PinterestEnvironment environment, Uri? baseAddress = null) =>
        new(http, token, new PinterestClientOptions { ApiBaseAddress = baseAddress ?? emulator.BaseAddress, Environment = environment, TimeProvider = emulator.Options.TimeProvider });

    private static Task<Pinterest.Publishing.Api.Models.AnalyticsReport> CallAsync(PinterestClient client, string which) => which == "pin"
        ? client.Pins.GetAnalyticsAsync("123", Start, Start.AddDays(1), ["IMPRESSION"])
        : client.UserAccount.GetAnalyticsAsync(Start, Start.AddDays(1));
}
