using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

/// <summary>The default board is resolved once per publish, and the create goes to the board preflight checked.</summary>
public class BoardResolutionTests
{
    [Fact]
    public async Task The_default_board_provider_is_asked_once_when_it_has_no_board()
    {
        var boards = new CountingBoardProvider(() => null);
        await using var h = await PublishingHarness.CreateAsync(services => services.AddSingleton<IDefaultBoardProvider>(boards));

        var ex = await Assert.ThrowsAsync<PinPreflightException>(() => h.Publisher.PublishAsync(h.ImageRequest() with { BoardId = null }));

        Assert.Contains(ex.Result.Errors, i => i.Code == PreflightCodes.BoardRequired);
        Assert.Equal(1, boards.Calls);
    }

    [Fact]
    public async Task The_default_board_provider_is_asked_once_when_it_has_a_board()
    {
        CountingBoardProvider? boards = null;
        await using var h = await PublishingHarness.CreateAsync(services => services.AddSingleton<IDefaultBoardProvider>(boards = new CountingBoardProvider(() => null)));
        boards!.Board = () => h.Board.Id;

        await h.Publisher.PublishAsync(h.ImageRequest() with { BoardId = null });

        Assert.Equal(h.Board.Id, Assert.Single(h.Emulator.Pins).BoardId);
        Assert.Equal(1, boards.Calls);
    }

    [Fact]
    public async Task Validating_through_the_publisher_asks_the_provider_once()
    {
        var boards = new CountingBoardProvider(() => null);
        await using var h = await PublishingHarness.CreateAsync(services => services.AddSingleton<IDefaultBoardProvider>(boards));

        var result = await h.Publisher.ValidateAsync(h.ImageRequest() with { BoardId = null });

        Assert.Contains(result.Errors, i => i.Code == PreflightCodes.BoardRequired);
        Assert.Equal(1, boards.Calls);
    }

    [Fact]
    public async Task The_preflight_validator_used_on_its_own_still_resolves_the_default_board()
    {
        CountingBoardProvider? boards = null;
        await using var h = await PublishingHarness.CreateAsync(services => services.AddSingleton<IDefaultBoardProvider>(boards = new CountingBoardProvider(() => null)));
        boards!.Board = () => h.Board.Id;

        var result = await h.Services.GetRequiredService<IPinPreflightValidator>().ValidateAsync(h.ImageRequest() with { BoardId = null });

        Assert.True(result.IsValid);
        Assert.Equal(1, boards.Calls);
    }

    [Fact]
    public async Task A_blank_board_id_is_published_to_the_default_board_that_preflight_checked()
    {
        CountingBoardProvider? boards = null;
        await using var h = await PublishingHarness.CreateAsync(services => services.AddSingleton<IDefaultBoardProvider>(boards = new CountingBoardProvider(() => null)));
        boards!.Board = () => h.Board.Id;

        var result = await h.Publisher.PublishAsync(h.ImageRequest() with { BoardId = " " });

        var pin = Assert.Single(h.Emulator.Pins);
        Assert.Equal(result.PinId, pin.Id);
        Assert.Equal(h.Board.Id, pin.BoardId);
    }

    private sealed class CountingBoardProvider(Func<string?> board) : IDefaultBoardProvider
    {
        private int _calls;

        public Func<string?> Board { get; set; } = board;

        public int Calls => Volatile.Read(ref _calls);

        public Task<string?> GetDefaultBoardIdAsync(string accountId, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(Board());
        }
    }
}
