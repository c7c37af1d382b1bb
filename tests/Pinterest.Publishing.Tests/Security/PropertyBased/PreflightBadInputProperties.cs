using CsCheck;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Security.PropertyBased;

/// <summary>
/// Hostile drafts and hostile media servers: <see cref="PinPreflightValidator.ValidateAsync"/> only ever returns a
/// result (issues) or throws the documented <see cref="ArgumentException"/> for a malformed request.
/// </summary>
public sealed class PreflightBadInputProperties
{
    private static readonly byte[][] Fixtures =
    [
        TestMedia.Bytes("large-1000x1500.jpg"),
        TestMedia.Bytes("large-1000x1000.png"),
        TestMedia.Bytes("odd-400x300.gif"),
        TestMedia.Bytes("large-1000x1000.webp"),
        TestMedia.Bytes("video-5s.mp4"),
        TestMedia.Bytes("video-5s-moov-at-end.mp4"),
    ];

    private static readonly Gen<CarouselItem?> Item = Gen.Frequency(
        (12, Gen.Select(FuzzGen.Url, FuzzGen.Text, FuzzGen.Text, FuzzGen.NullableUrl,
            (url, title, description, link) => (CarouselItem?)new CarouselItem(url) { Title = title, Description = description, Link = link })),
        (1, FuzzGen.Always<CarouselItem?>(null)));

    private static readonly Gen<VideoCover?> Cover = Gen.Frequency(
        (2, FuzzGen.Always<VideoCover?>(null)),
        (2, FuzzGen.Url.Select(u => (VideoCover?)VideoCover.FromUrl(u))),
        (2, Gen.Long[-1_000_000_000L, 100_000_000_000L].Select(ticks => (VideoCover?)new KeyFrameVideoCover(TimeSpan.FromTicks(ticks)))));

    /// <summary>
    /// Media as a factory: the public factories may themselves reject an argument with an
    /// <see cref="ArgumentException"/>, which is part of the documented contract.
    /// </summary>
    private static readonly Gen<Func<PinMedia>> Media = Gen.Frequency(
        (4, FuzzGen.Url.Select(u => (Func<PinMedia>)(() => PinMedia.Image(u)))),
        (2, Gen.Select(FuzzGen.MediaBytes(Fixtures), FuzzGen.AnyContentType, (bytes, type) => (Func<PinMedia>)(() => PinMedia.Image(bytes, type)))),
        (1, FuzzGen.MediaBytes(Fixtures).Select(bytes => (Func<PinMedia>)(() => new InlineImagePinMedia(bytes, null!)))),
        (4, Item.Array[0, 8].Select(items => (Func<PinMedia>)(() => PinMedia.Carousel(items!)))),
        (1, Item.Array[0, 3].Select(items => (Func<PinMedia>)(() => new CarouselPinMedia(items!)))),
        (2, Gen.Select(FuzzGen.Url, Cover, (u, c) => (Func<PinMedia>)(() => PinMedia.Video(VideoSource.FromUrl(u), c)))),
        (2, Gen.Select(FuzzGen.MediaBytes(Fixtures), FuzzGen.AnyContentType, Cover,
            (bytes, type, c) => (Func<PinMedia>)(() => PinMedia.Video(VideoSource.FromStream(new MemoryStream(bytes), type), c)))),
        (1, Gen.Select(FuzzGen.Text, Cover, (path, c) => (Func<PinMedia>)(() => PinMedia.Video(VideoSource.FromFile(path!), c)))),
        (1, FuzzGen.Always<Func<PinMedia>>(() => null!)));

    private static readonly Gen<Func<PublishPinRequest>> Request = Gen.Select(
        Gen.Frequency((8, Gen.OneOf("account-1", "a", "ü-konto")), (1, FuzzGen.Text)),
        FuzzGen.Text,
        FuzzGen.Text,
        FuzzGen.Text,
        FuzzGen.Text,
        FuzzGen.NullableUrl,
        Gen.Select(FuzzGen.Text, FuzzGen.Text, Media),
        (account, board, section, title, description, link, rest) => (Func<PublishPinRequest>)(() => new PublishPinRequest
        {
            AccountId = account!,
            BoardId = board,
            BoardSectionId = section,
            Title = title,
            Description = description,
            Link = link,
            AltText = rest.Item1,
            DominantColor = rest.Item2,
            Media = rest.Item3(),
        }));

    private static readonly Gen<FuzzResponse[]> Server = FuzzGen.Response(FuzzGen.MediaBytes(Fixtures)).Array[1, 6];

    [Fact]
    public async Task Validator_returns_issues_or_throws_ArgumentException_for_any_draft_and_any_server()
    {
        var results = 0;
        var rejected = 0;
        await Gen.Select(Request, Server).SampleAsync(async (request, server) =>
        {
            using var handler = new FuzzHandler(server);
            using var validator = new PinPreflightValidator(
                new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan },
                new PreflightOptions { AllowPrivateNetworks = true },
                defaultBoards: null,
                TimeProvider.System,
                NullLogger<PinPreflightValidator>.Instance);
            if (await ValidateAsync(validator, request) is { } result)
            {
                Assert.All(result.Issues, issue => Assert.False(string.IsNullOrEmpty(issue.Code)));
                NullabilityAssert.Honoured(result);
                Interlocked.Increment(ref results);
            }
            else
            {
                Interlocked.Increment(ref rejected);
            }
        }, iter: 1000, threads: 1, print: s => $"{s.Item1()} / server: {string.Join(" | ", s.Item2.Select(r => r.ToString()))}");

        // Both outcomes must actually occur, or the generators have drifted into one corner.
        Assert.True(results > 100, $"only {results} drafts reached a result");
        Assert.True(rejected > 0, "no draft was rejected as malformed");
    }

    [Fact]
    public async Task Validator_over_the_emulator_returns_issues_or_throws_ArgumentException_for_hosted_garbage()
    {
        await using var emulator = new PinterestEmulator();
        using var probeClient = new HttpClient(emulator.CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        using var validator = new PinPreflightValidator(
            probeClient,
            new PreflightOptions { AllowPrivateNetworks = true },
            defaultBoards: null,
            TimeProvider.System,
            NullLogger<PinPreflightValidator>.Instance);
        var hosted = 0;
        var issues = 0;

        var hostedMedia = Gen.Select(FuzzGen.MediaBytes(Fixtures), FuzzGen.AnyContentType.Where(t => !string.IsNullOrWhiteSpace(t) && !t.Any(char.IsControl)));
        await Gen.Select(hostedMedia.Array[1, 6], Gen.Int[0, 3], FuzzGen.Text).SampleAsync(async (media, shape, title) =>
        {
            var urls = media.Select(m => emulator.HostMedia($"m{Interlocked.Increment(ref hosted)}", m.Item1, m.Item2)).ToArray();
            var pinMedia = shape switch
            {
                0 => PinMedia.Image(urls[0]),
                1 => PinMedia.Carousel(urls.Select(u => new CarouselItem(u) { Link = urls[^1] })),
                2 => PinMedia.Video(VideoSource.FromUrl(urls[0]), urls.Length > 1 ? VideoCover.FromUrl(urls[1]) : null),
                _ => PinMedia.Image(urls[0]),
            };
            var request = new PublishPinRequest { AccountId = "account-1", BoardId = "1234", Title = title, Link = urls[^1], Media = pinMedia };

            var result = await validator.ValidateAsync(request);
            Interlocked.Add(ref issues, result.Issues.Count);
        }, iter: 300, threads: 1);

        Assert.True(issues > 0, "no hosted garbage produced an issue");
    }

    private static async Task<PreflightResult?> ValidateAsync(PinPreflightValidator validator, Func<PublishPinRequest> request)
    {
        try
        {
            return await validator.ValidateAsync(request());
        }
        catch (ArgumentException)
        {
            // The documented exception for a malformed request (null members, a blank account id, a bad factory argument).
            return null;
        }
    }
}
