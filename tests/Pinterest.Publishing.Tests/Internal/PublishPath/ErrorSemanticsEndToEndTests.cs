using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Scheduling;
using Pinterest.Publishing.Scheduling.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>
/// Pinterest's error answers end to end, from the emulator through the library to the scheduler's outcome: a missing
/// scope, a spam block worded in either field, and the generic 403 code 29.
/// </summary>
public sealed class ErrorSemanticsEndToEndTests
{
    private const string PublishingScopes = "boards:read,boards:write,pins:read,pins:write";

    [Fact]
    public async Task Reading_the_user_account_without_user_accounts_read_names_the_scope_and_never_refreshes()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = new PinterestEmulator(new PinterestEmulatorOptions { TimeProvider = time });
        var user = emulator.AddAccount();
        var store = new InMemoryPinterestTokenStore();
        var issued = emulator.IssueTokens(user, PublishingScopes);
        await store.StoreTokenAsync("a", issued);
        using var http = emulator.CreateHttpClient();
        var client = PublishingHarness.TokenStoreClient(emulator, http, store, "a", time);

        var error = await Assert.ThrowsAsync<PinterestInsufficientScopeException>(() => client.UserAccount.GetAsync());

        Assert.Equal(["user_accounts:read"], error.RequiredScopes);
        Assert.Equal(0, emulator.TokenRefreshCount);
        Assert.Single(emulator.Requests, r => r.Path == "/v5/user_account");
        Assert.Equal(issued.RefreshToken, (await store.GetTokenAsync("a"))!.RefreshToken);
    }

    [Fact]
    public async Task A_scheduled_pin_whose_token_lacks_pins_write_ends_missing_scope_without_refresh_or_rotation()
    {
        await using var h = await PublishingHarness.CreateAsync(storeToken: false);
        var tokens = h.Services.GetRequiredService<IPinterestTokenStore>();
        var issued = h.Emulator.IssueTokens(h.User, "boards:read,boards:write,pins:read");
        await tokens.StoreTokenAsync(PublishingHarness.AccountId, issued);
        var (store, dispatcher, options) = Dispatcher(h);
        var scheduled = store.Schedule(h.ImageRequest("No pins:write"), h.Time.GetUtcNow());

        await dispatcher.RunOnceAsync(CancellationToken.None);
        h.Time.Advance(options.RetryMaxDelay + TimeSpan.FromMinutes(1));
        await dispatcher.RunOnceAsync(CancellationToken.None);

        var outcome = Assert.IsType<PinPublishOutcome.MissingScope>(store.GetOutcome(scheduled.Id));
        Assert.Contains("pins:write", outcome.RequiredScopes);
        Assert.Contains("pins:write", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(1, h.CreateCalls());
        Assert.Empty(h.Emulator.Pins);
        Assert.Equal(0, h.Emulator.TokenRefreshCount);
        Assert.Equal(issued.RefreshToken, (await tokens.GetTokenAsync(PublishingHarness.AccountId))!.RefreshToken);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_spam_block_worded_in_either_field_is_not_posted_again_and_waits_the_spam_delay(bool wordingInMessage)
    {
        await using var h = await PublishingHarness.CreateAsync();
        h.Emulator.InjectFault("POST /v5/pins", EmulatorFault.SpamBlock(wordingInMessage: wordingInMessage));
        var (store, dispatcher, options) = Dispatcher(h);
        var started = h.Time.GetUtcNow();
        var scheduled = store.Schedule(h.ImageRequest("Spam blocked"), started);

        // Driven: a create loop that took the block for a plain 429 would wait on the clock to post again.
        await h.DriveAsync(dispatcher.RunOnceAsync(CancellationToken.None), TimeSpan.FromSeconds(1));

        var outcome = Assert.IsType<PinPublishOutcome.RetryAt>(store.GetOutcome(scheduled.Id));
        Assert.InRange(outcome.At, started + options.SpamBlockDelay, h.Time.GetUtcNow() + options.SpamBlockDelay);
        Assert.Equal(1, h.CreateCalls());
        Assert.Empty(h.Emulator.Pins);
    }

    [Fact]
    public async Task A_pin_on_a_group_board_without_save_permission_is_rejected_as_not_permitted_not_as_trial()
    {
        await using var h = await PublishingHarness.CreateAsync();
        var owner = h.Emulator.AddAccount("board_owner");
        var groupBoard = h.Emulator.AddBoard(owner, "Group board");
        h.Emulator.AddReadOnlyBoardCollaborator(groupBoard, h.User);

        var error = await Assert.ThrowsAsync<PinterestApiException>(() => h.Publisher.PublishAsync(h.ImageRequest(boardId: groupBoard.Id)));

        Assert.IsNotType<PinterestTrialAccessException>(error);
        Assert.Equal(29, error.ErrorCode);
        Assert.False(error.IsTransient);
        Assert.Contains("not permitted", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Sandbox", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.CreateCalls());

        var (store, dispatcher, _) = Dispatcher(h);
        var scheduled = store.Schedule(h.ImageRequest(boardId: groupBoard.Id), h.Time.GetUtcNow());
        await dispatcher.RunOnceAsync(CancellationToken.None);
        var rejected = Assert.IsType<PinPublishOutcome.Rejected>(store.GetOutcome(scheduled.Id));
        Assert.Equal(["pinterest.api.29"], rejected.Codes);
        Assert.Empty(h.Emulator.Pins);
    }

    private static (InMemoryPinScheduleStore Store, PinScheduleDispatcher Dispatcher, PinSchedulingOptions Options) Dispatcher(PublishingHarness h)
    {
        var store = new InMemoryPinScheduleStore();
        var options = new PinSchedulingOptions();
        return (store, new PinScheduleDispatcher(store, h.Publisher, Microsoft.Extensions.Options.Options.Create(options), h.Time, NullLoggerFactory.Instance), options);
    }
}
