using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Internal.Failures;
using Pinterest.Publishing.Internal.PublishPath;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Internal.Failures;

/// <summary>The pipeline tells the create loop, by a typed signal, whether a failed create may have reached Pinterest.</summary>
public sealed class SendAttemptTests : IDisposable
{
    private static readonly CreatePinRequest Body = new() { BoardId = "1", MediaSource = new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } };

    private readonly ApiTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task A_failure_getting_the_token_leaves_the_create_not_sent()
    {
        var attempt = new SendAttempt();
        var client = Client(new ScriptedCredential { TokenFailure = new InvalidOperationException("token store is down") });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.Pins.CreateAsync(Body, attempt, CancellationToken.None));

        Assert.False(attempt.MayHaveBeenSent);
        Assert.Empty(_ctx.Requests);
        Assert.Equal(FailureKind.NotSent, FailureClassifier.Classify(ex, sendAttempt: attempt));
        Assert.Equal(CreateFailureAction.Retry, DuplicateSafePinCreator.DecideAfterFailure(ex, attempt, callerCancelled: false));
    }

    [Fact]
    public async Task A_server_error_once_sent_may_have_created_the_pin()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));
        var attempt = new SendAttempt();

        var ex = await Assert.ThrowsAsync<PinterestApiException>(() => Client(new ScriptedCredential()).Pins.CreateAsync(Body, attempt, CancellationToken.None));

        Assert.True(attempt.MayHaveBeenSent);
        Assert.Equal(FailureKind.Transient, FailureClassifier.Classify(ex, sendAttempt: attempt));
    }

    [Fact]
    public async Task A_401_then_a_failed_refresh_leaves_the_create_not_processed()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost()).RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":2,"message":"Authentication failed."}"""));
        var attempt = new SendAttempt();
        var credential = new ScriptedCredential { RefreshFailure = new PinterestApiException("token endpoint down", System.Net.HttpStatusCode.ServiceUnavailable) };

        var ex = await Assert.ThrowsAsync<PinterestApiException>(() => Client(credential).Pins.CreateAsync(Body, attempt, CancellationToken.None));

        Assert.Single(_ctx.Requests);
        Assert.False(attempt.MayHaveBeenSent);
        Assert.Equal(FailureKind.NotSent, FailureClassifier.Classify(ex, sendAttempt: attempt));
    }

    [Fact]
    public async Task The_replay_after_a_refresh_is_sent_again()
    {
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost().WithHeader("Authorization", "Bearer old-token"))
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"code":2,"message":"Authentication failed."}"""));
        _ctx.Server.Given(Request.Create().WithPath("/v5/pins").UsingPost().WithHeader("Authorization", "Bearer new-token"))
            .RespondWith(Response.Create().WithStatusCode(503));
        var attempt = new SendAttempt();

        var ex = await Assert.ThrowsAsync<PinterestApiException>(() => Client(new ScriptedCredential { RefreshedToken = "new-token" }).Pins.CreateAsync(Body, attempt, CancellationToken.None));

        Assert.Equal(2, _ctx.Requests.Count);
        Assert.True(attempt.MayHaveBeenSent);
        Assert.Equal(FailureKind.Transient, FailureClassifier.Classify(ex, sendAttempt: attempt));
    }

    private PinterestClient Client(IPinterestCredential credential) =>
        new(_ctx.HttpClient, _ctx.Options(), tokenManager: null, credential);

    private sealed class ScriptedCredential : IPinterestCredential
    {
        public string? AccountId => "account-1";

        public Exception? TokenFailure { get; init; }

        public Exception? RefreshFailure { get; init; }

        public string? RefreshedToken { get; init; }

        public ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
            TokenFailure is null ? new("old-token") : ValueTask.FromException<string>(TokenFailure);

        public ValueTask<string?> RefreshAfterUnauthorizedAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
            RefreshFailure is null ? new(RefreshedToken) : ValueTask.FromException<string?>(RefreshFailure);
    }
}
