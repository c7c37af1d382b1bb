using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Authentication.Internal;
using Pinterest.Publishing.Diagnostics.Internal;
using Pinterest.Publishing.Internal.Failures;
using Pinterest.Publishing.Internal.PublishPath;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Pinterest.Publishing.Tests.Authentication.Internal;

/// <summary>
/// A refresh spends the stored refresh token, so whatever else is wrong with the token endpoint's answer, the rotated
/// refresh token it carries must be stored, and the failure must be one the scheduler retries, never a rejected Pin or
/// a reauthorization.
/// </summary>
public sealed class MalformedRefreshAnswerTests : IDisposable
{
    private const string Account = "acct-malformed";
    private const string NewRefresh = "pinr_rotated_7f6e5d4c3b2a1908";

    private readonly ApiTestContext _ctx = new();
    private readonly RecordingTokenStore _store = new(new ConcurrentQueue<string>());

    public void Dispose() => _ctx.Dispose();

    /// <summary>Answers whose access token is usable once the expiry is clamped: the refresh succeeds.</summary>
    public static TheoryData<string> ClampedAnswers => new()
    {
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":0}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":-3600}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":9223372036854775808}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":9223372036854775807}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":-9223372036854775809}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":1e400}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":"soon"}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908"}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":3600,"refresh_token_expires_in":9223372036854775807}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":3600,"refresh_token_expires_in":18446744073709551616}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":3600,"refresh_token_expires_at":9223372036854775807}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":3600,"refresh_token_expires_at":-9223372036854775808}""",
        """{"access_token":"pina_new","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":3600,"refresh_token_expires_at":{"nested":[1,2]}}""",
    };

    /// <summary>Answers without a usable access token: the refresh fails, transiently, after storing the rotated refresh token.</summary>
    public static TheoryData<string> AnswersWithoutAccessToken => new()
    {
        """{"access_token":"","refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":3600}""",
        """{"refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":3600}""",
        """{"access_token":null,"refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":0}""",
        """{"access_token":12345,"refresh_token":"pinr_rotated_7f6e5d4c3b2a1908","expires_in":9223372036854775808}""",
    };

    [Theory]
    [MemberData(nameof(ClampedAnswers))]
    public async Task A_malformed_expiry_is_clamped_and_the_rotated_refresh_token_is_stored(string answer)
    {
        GivenTokenAnswer(answer);
        var manager = await ManagerWithExpiredTokenAsync();

        var accessToken = await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        Assert.Equal("pina_new", accessToken);
        var stored = await _store.Peek(Account);
        Assert.Equal(NewRefresh, stored!.RefreshToken);

        // The expiry is a real instant within a sane bound: never past a year, never an overflow.
        var now = _ctx.Time.GetUtcNow();
        Assert.InRange(stored.ExpiresAt, now, now.AddDays(366));
        Assert.True(stored.RefreshTokenExpiresAt is null || stored.RefreshTokenExpiresAt <= now.AddYears(11));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task An_expires_in_of_zero_or_less_refreshes_again_on_the_next_call_with_the_rotated_token(long expiresIn)
    {
        GivenTokenAnswer($$"""{"access_token":"pina_new","refresh_token":"{{NewRefresh}}","expires_in":{{expiresIn}}}""");
        var manager = await ManagerWithExpiredTokenAsync();

        await manager.GetAccessTokenAsync(Account, CancellationToken.None);
        await manager.GetAccessTokenAsync(Account, CancellationToken.None);

        var refreshes = _ctx.Requests.Select(r => r.RequestMessage.Body!).ToArray();
        Assert.Equal(["grant_type=refresh_token&refresh_token=pinr_old_0123", $"grant_type=refresh_token&refresh_token={NewRefresh}"], refreshes);
    }

    [Theory]
    [MemberData(nameof(AnswersWithoutAccessToken))]
    public async Task An_answer_without_an_access_token_stores_the_rotated_refresh_token_and_fails_transiently(string answer)
    {
        GivenTokenAnswer(answer);
        var manager = await ManagerWithExpiredTokenAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        var stored = await _store.Peek(Account);
        Assert.Equal(NewRefresh, stored!.RefreshToken);
        Assert.True(stored.ExpiresAt <= _ctx.Time.GetUtcNow(), "The stored access token must count as expired so that the next call refreshes.");
        AssertRetriedNotRejected(error);
        Assert.Contains("token endpoint", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("""{"refresh_token":"pinr_x","expires_in":3600""")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"access_token":"","expires_in":3600}""")]
    public async Task An_unreadable_token_answer_is_a_transient_token_endpoint_error(string answer)
    {
        GivenTokenAnswer(answer);
        var manager = await ManagerWithExpiredTokenAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        AssertRetriedNotRejected(error);
        Assert.Equal("pinr_old_0123", (await _store.Peek(Account))!.RefreshToken);
    }

    [Theory]
    [InlineData("""{"refresh_token":"pinr_x","expires_in":3600""")]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("null")]
    [InlineData("""{"access_token":"","expires_in":3600}""")]
    public async Task An_unreadable_success_is_in_doubt_and_no_layer_sends_the_spent_refresh_token_again_at_once(string answer)
    {
        // A 2xx means Pinterest processed the refresh and rotated the refresh token: the one sent is spent.
        GivenTokenAnswer(answer);
        var manager = await ManagerWithExpiredTokenAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        Assert.Equal(FailureKind.TokenRefreshInDoubt, FailureClassifier.Classify(error));

        // The create loop, whose create was never sent because the token step failed, does not try again at once.
        Assert.Equal(CreateFailureAction.Surface, DuplicateSafePinCreator.DecideAfterFailure(error, new SendAttempt(), callerCancelled: false));
        Assert.Single(_ctx.Requests);
        AssertRetriedNotRejected(error);
    }

    [Fact]
    public async Task A_success_that_only_rotated_the_refresh_token_is_safe_to_retry_at_once()
    {
        GivenTokenAnswer($$"""{"refresh_token":"{{NewRefresh}}","expires_in":3600}""");
        var manager = await ManagerWithExpiredTokenAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => manager.GetAccessTokenAsync(Account, CancellationToken.None).AsTask());

        Assert.IsType<PinterestTokenAnswerException>(error);
        Assert.Equal(FailureKind.Transient, FailureClassifier.Classify(error));
    }

    [Fact]
    public async Task A_code_exchange_with_an_absurd_expiry_keeps_its_tokens()
    {
        GivenTokenAnswer($$"""{"access_token":"pina_new","refresh_token":"{{NewRefresh}}","expires_in":9223372036854775808,"refresh_token_expires_in":-5}""");

        var token = await _ctx.ClientWithoutAccount().OAuth.ExchangeCodeAsync("code", new Uri("https://app.example/cb"));

        Assert.Equal("pina_new", token.AccessToken);
        Assert.Equal(NewRefresh, token.RefreshToken);
        Assert.InRange(token.ExpiresAt, ApiTestContext.Now, ApiTestContext.Now.AddDays(366));
    }

    private static void AssertRetriedNotRejected(Exception error)
    {
        Assert.IsNotType<PinterestReauthorizationRequiredException>(error);
        var api = Assert.IsAssignableFrom<PinterestApiException>(error);
        Assert.True(api.IsTransient);
        var outcome = PinPublishOutcomeMapper.FromException(error, 1, ApiTestContext.Now, new PinSchedulingOptions());
        Assert.Equal(PinPublishOutcomeKind.RetryAt, outcome.Kind);
    }

    private async Task<PinterestTokenManager> ManagerWithExpiredTokenAsync()
    {
        await _store.Seed(Account, new PinterestToken { AccessToken = "pina_old", RefreshToken = "pinr_old_0123", ExpiresAt = ApiTestContext.Now.AddHours(-1) });
        return new PinterestTokenManager(_store, new PinterestTokenRefresher(_ctx.ClientWithoutAccount().Transport), _ctx.Time, PinterestTokenManager.DefaultRefreshMargin, NullLogger.Instance, PinterestTelemetry.Shared);
    }

    private void GivenTokenAnswer(string body) =>
        _ctx.Server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
}
