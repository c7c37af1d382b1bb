using static Pinterest.Publishing.Tests.TestSupport.IsoBoxes;

namespace Pinterest.Publishing.Tests.MultiInstance;

/// <summary>
/// What the multi-instance proof schedules, drawn from a seed: <see cref="PinCount"/> Pins over <see cref="AccountCount"/>
/// accounts, mostly single images, a quarter carousels and <see cref="VideoCount"/> videos, due over the first seconds
/// of the run. Each Pin has its own title, so a duplicate on the emulator shows as two Pins with one title.
/// </summary>
internal sealed record ProofPlan(IReadOnlyList<ProofPlan.Item> Items)
{
    public const int AccountCount = 30;
    public const int PinCount = 300;
    public const int VideoCount = 6;

    /// <summary>Accounts whose stored access token reaches the refresh margin mid-run (proactive refresh by every worker at once).</summary>
    public static bool ExpiresByStoredDate(int account) => account < 10;

    /// <summary>Accounts whose access token Pinterest expires mid-run while the store still calls it valid (refresh after a 401).</summary>
    public static bool ExpiresOnPinterestOnly(int account) => account is >= 10 and < 15;

    /// <summary>The account whose user disconnects the app mid-run: its later Pins must end Reauthorize, nobody else's.</summary>
    public const int RevokedAccount = AccountCount - 1;

    public enum Shape
    {
        Image,
        Carousel,
        Video,
    }

    public sealed record Item(int Index, int Account, Shape Shape, TimeSpan DueAfter)
    {
        public string Title => $"Proof {Index:D3}";
    }

    public static ProofPlan Create(int seed)
    {
        var random = new Random(seed);
        var videos = Enumerable.Range(0, PinCount).OrderBy(_ => random.Next()).Take(VideoCount).ToHashSet();
        var items = new List<Item>(PinCount);
        for (var i = 0; i < PinCount; i++)
        {
            var shape = videos.Contains(i) ? Shape.Video : random.NextDouble() < 0.25 ? Shape.Carousel : Shape.Image;
            items.Add(new Item(i, i % AccountCount, shape, TimeSpan.FromMilliseconds(random.Next(0, 15_000))));
        }

        return new ProofPlan(items);
    }

    /// <summary>A faststart MP4 of six seconds (moov before the media data), as a phone or ffmpeg +faststart writes it.</summary>
    public static byte[] Video() => Concat(Ftyp(), Mp4Shapes.Moov(6), Box("mdat", new byte[64 * 1024]));

    public static PublishPinRequest Request(Item item, string accountId, string boardId, Uri image, Uri video) => new()
    {
        AccountId = accountId,
        BoardId = boardId,
        Title = item.Title,
        Description = $"Scheduled by the multi-instance proof ({item.Shape}).",
        AltText = "A test image",
        Media = item.Shape switch
        {
            Shape.Carousel => PinMedia.Carousel(new CarouselItem(image), new CarouselItem(image) { Title = "Second" }),
            Shape.Video => PinMedia.Video(VideoSource.FromUrl(video), VideoCover.FromKeyFrame(TimeSpan.FromSeconds(1))),
            _ => PinMedia.Image(image),
        },
    };
}
