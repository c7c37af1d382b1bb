using System.Net;
using System.Net.Sockets;
using Pinterest.Publishing.Api.Models;
using Pinterest.Publishing.Internal.PublishPath;

namespace Pinterest.Publishing.Tests.Internal.PublishPath;

public class DuplicateSafePinCreatorClassificationTests
{
    public static TheoryData<string, Exception, bool, bool> Failures() => new()
    {
        { "429 not spam", new PinterestRateLimitException("slow down", 8, "rid", TimeSpan.FromSeconds(2), isSpamBlock: false), true, false },
        { "429 spam", new PinterestRateLimitException("spam", 8, "rid", null, isSpamBlock: true), false, false },
        { "connect refused", new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), true, false },
        { "reset after send", new HttpRequestException(HttpRequestError.ResponseEnded, "reset", new IOException("reset")), false, true },
        { "503", new PinterestApiException("unavailable", HttpStatusCode.ServiceUnavailable), false, true },
        { "500", new PinterestApiException("error", HttpStatusCode.InternalServerError), false, true },
        { "408", new PinterestApiException("timeout", HttpStatusCode.RequestTimeout), false, true },
        { "timeout", new TaskCanceledException("timeout", new TimeoutException()), false, true },
        { "201 unreadable", new PinterestApiException("not JSON", HttpStatusCode.Created), false, true },
        { "400", new PinterestApiException("bad", HttpStatusCode.BadRequest, 1), false, false },
        { "404 board", new PinterestApiException("no board", HttpStatusCode.NotFound, 40), false, false },
        { "trial", new PinterestTrialAccessException("trial", "rid"), false, false },
        { "reauthorize", new PinterestReauthorizationRequiredException("connect again", "acct", new PinterestApiException("401", HttpStatusCode.Unauthorized)), false, false },
        { "unforeseen exception type", new InvalidOperationException("a bug after sending"), false, true },
        { "header parser bug", new ArgumentOutOfRangeException("seconds"), false, true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_is_retried_reconciled_or_surfaced(string name, Exception failure, bool retry, bool reconcile)
    {
        Assert.True(retry == DuplicateSafePinCreator.IsSurelyNotProcessed(failure), name);
        Assert.True(reconcile == DuplicateSafePinCreator.IsAmbiguous(failure), name);
    }

    private static CreatePinRequest Body() => SampleCreatePinRequest.Create();

    [Fact]
    public void A_pin_with_the_same_text_link_and_media_kind_matches()
    {
        var pin = new Pin { Id = "9", BoardId = "1", Title = "Title", Description = "Desc", Link = "https://example.com/a", Media = new PinMediaSummary { MediaType = "image" } };

        Assert.True(BoardSearch.Matches(pin, Body()));
    }

    [Theory]
    [InlineData("Other", "Desc", "https://example.com/a", "image", "1")]
    [InlineData("Title", "Other", "https://example.com/a", "image", "1")]
    [InlineData("Title", "Desc", "https://example.com/b", "image", "1")]
    [InlineData("Title", "Desc", null, "image", "1")]
    [InlineData("Title", "Desc", "https://example.com/a", "video", "1")]
    [InlineData("Title", "Desc", "https://example.com/a", "image", "2")]
    public void A_pin_that_differs_in_any_compared_field_does_not_match(string title, string description, string? link, string mediaType, string boardId)
    {
        var pin = new Pin { Id = "9", BoardId = boardId, Title = title, Description = description, Link = link, Media = new PinMediaSummary { MediaType = mediaType } };

        Assert.False(BoardSearch.Matches(pin, Body()));
    }
}
