using Pinterest.Publishing.Api.Models;

namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>One create body with every field the duplicate-safe create compares (text, link, board, media kind) set.</summary>
internal static class SampleCreatePinRequest
{
    public static CreatePinRequest Create() => new()
    {
        BoardId = "1",
        Title = "Title",
        Description = "Desc",
        Link = "https://example.com/a",
        MediaSource = new ImageUrlMediaSource { Url = "https://cdn.example.com/a.jpg" },
    };
}
