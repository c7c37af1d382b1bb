using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.Failures;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>
/// The mocking model (Azure SDK style): every client has a protected constructor for mocking and virtual operations, so
/// a test double is a subclass that needs no HttpClient, token or internal state. The README's example is compiled here
/// (ReadmeCodeBlockTests checks the README shows exactly it).
/// </summary>
public sealed class ClientMockingTests
{
    // README mock client: part
    // Your code: takes a PinterestClient.
    public sealed class RecipeSharer(PinterestClient client)
    {
        public Task<Pin> ShareAsync(string boardId, string imageUrl, CancellationToken cancellationToken = default) =>
            client.Pins.CreateAsync(
                new CreatePinRequest { BoardId = boardId, MediaSource = new ImageUrlMediaSource { Url = imageUrl } },
                cancellationToken);
    }

    // The test doubles: derive, and override what your code calls.
    private sealed class FakePins : PinsClient
    {
        public List<CreatePinRequest> Created { get; } = [];

        public override Task<Pin> CreateAsync(CreatePinRequest request, CancellationToken cancellationToken = default)
        {
            Created.Add(request);
            return Task.FromResult(new Pin { Id = "pin-1", BoardId = request.BoardId });
        }
    }

    private sealed class FakePinterestClient(PinsClient pins) : PinterestClient
    {
        public override PinsClient Pins => pins;
    }

    [Fact]
    public async Task Shares_the_recipe_on_its_board()
    {
        var pins = new FakePins();
        var sharer = new RecipeSharer(new FakePinterestClient(pins));

        var pin = await sharer.ShareAsync("board-1", "https://example.com/cake.jpg");

        Assert.Equal("pin-1", pin.Id);
        Assert.Equal("board-1", Assert.Single(pins.Created).BoardId);
    }
    // README mock client: end part

    public static TheoryData<Type> ClientTypes =>
        [typeof(PinterestClient), typeof(PinsClient), typeof(BoardsClient), typeof(MediaClient), typeof(UserAccountClient), typeof(OAuthClient)];

    [Theory]
    [MemberData(nameof(ClientTypes))]
    public void Every_client_can_be_derived_with_a_protected_constructor_and_overrides_every_public_operation(Type type)
    {
        Assert.False(type.IsSealed, $"{type.Name} is sealed.");
        var constructor = type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes);
        Assert.True(constructor is { IsFamily: true }, $"{type.Name} has no protected parameterless constructor.");

        var notVirtual = type.GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsVirtual || m.IsFinal)
            .Select(m => m.Name)
            .ToList();
        Assert.Empty(notVirtual);
    }

    [Fact]
    public async Task A_member_a_test_double_does_not_override_says_which_member_to_override()
    {
        var pins = new FakePins();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => pins.GetAsync("1"));

        Assert.Contains("FakePins.GetAsync", ex.Message, StringComparison.Ordinal);
        Assert.Contains("override GetAsync", ex.Message, StringComparison.Ordinal);
        var client = Assert.Throws<InvalidOperationException>(() => new FakePinterestClient(pins).Boards);
        Assert.Contains("override Boards", client.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_publish_path_create_on_a_test_double_runs_its_override_and_counts_as_possibly_sent()
    {
        // The duplicate-safe create calls the internal overload that tracks the send: on a double, the override is the
        // create, and what it throws must be treated as possibly sent (reconciled), never as surely not sent (retried).
        var pins = new FakePins();
        var sendAttempt = new SendAttempt();
        var request = new CreatePinRequest { BoardId = "board-1", MediaSource = new ImageUrlMediaSource { Url = "https://example.com/a.jpg" } };

        var pin = await pins.CreateAsync(request, sendAttempt, CancellationToken.None);

        Assert.Equal("pin-1", pin.Id);
        Assert.Same(request, Assert.Single(pins.Created));
        Assert.True(sendAttempt.MayHaveBeenSent);
    }

    [Fact]
    public async Task The_reconciliation_listing_on_a_test_double_runs_its_override()
    {
        var boards = new FakeBoards();

        var pins = new List<Pin>();
        await foreach (var pin in boards.GetPinsAsync("board-1", pageSize: 25, maxPages: 8, CancellationToken.None))
        {
            pins.Add(pin);
        }

        Assert.Equal(["a", "b"], pins.Select(p => p.Id));
    }

    [Fact]
    public void A_double_registered_as_PinterestClient_is_what_dependency_injection_resolves()
    {
        var services = new ServiceCollection();
        services.AddPinterestPublishing(_ => { });
        var client = new FakePinterestClient(new FakePins());
        services.AddSingleton<PinterestClient>(client);
        using var provider = services.BuildServiceProvider();

        Assert.Same(client, provider.GetRequiredService<PinterestClient>());
    }

    private sealed class FakeBoards : BoardsClient
    {
        public override async IAsyncEnumerable<Pin> GetPinsAsync(string boardId, int pageSize = 25, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new Pin { Id = "a", BoardId = boardId };
            yield return new Pin { Id = "b", BoardId = boardId };
        }
    }
}
