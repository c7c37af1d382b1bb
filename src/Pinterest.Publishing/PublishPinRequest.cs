using System.Globalization;
using System.Text;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing;

/// <summary>
/// A Pin to publish (or validate) for one connected Pinterest account.
/// </summary>
public sealed record PublishPinRequest
{
    /// <summary>The host's identifier of the connected account; the key given to <see cref="Authentication.IPinterestTokenStore"/>.</summary>
    public required string AccountId { get; init; }

    /// <summary>The board's numeric id. When <see langword="null"/>, <see cref="Authentication.IDefaultBoardProvider"/> is asked.</summary>
    public string? BoardId { get; init; }

    /// <summary>The numeric id of a section of the board, or <see langword="null"/>.</summary>
    public string? BoardSectionId { get; init; }

    /// <summary>The Pin title; at most 100 characters.</summary>
    public string? Title { get; init; }

    /// <summary>The Pin description; at most 800 characters (Pinterest shows about 500 in the feed).</summary>
    public string? Description { get; init; }

    /// <summary>The destination link: an absolute http(s) URL of at most 2048 characters.</summary>
    public Uri? Link { get; init; }

    /// <summary>Alternative text for the Pin's image; at most 500 characters.</summary>
    public string? AltText { get; init; }

    /// <summary>A placeholder colour shown while the image loads, as <c>#RRGGBB</c>.</summary>
    public string? DominantColor { get; init; }

    /// <summary>The image, carousel or video to publish.</summary>
    public required PinMedia Media { get; init; }

    /// <summary>
    /// The create call is not sent at or after this time; the publish then fails with the retryable
    /// <see cref="PinterestCreateDeadlineExceededException"/> and nothing is created. <see langword="null"/>: no deadline.
    /// </summary>
    /// <remarks>
    /// A job system sets it to the end of its claim on the job (its lease) less a margin: past it another worker may
    /// have claimed the job, and this one must not create the Pin. The scheduling dispatcher sets it for every scheduled Pin.
    /// </remarks>
    public DateTimeOffset? CreateDeadline { get; init; }

    /// <summary>
    /// Identifies one logical publish across attempts, such as a scheduled Pin's id (at most 200 characters): a retry
    /// with the same id returns the Pin an earlier attempt created (found in the ledger, or on the board when that
    /// attempt's instance died mid-create) instead of creating another, and waits for a video upload that an earlier
    /// attempt left processing instead of uploading again. Use an id unique to the Pin: two different Pins published
    /// with one id get the first one's Pin. <see langword="null"/>: every attempt is on its own.
    /// </summary>
    /// <remarks>
    /// The upload is remembered for a day in the <see cref="Coordination.IPinterestPublishLedger"/>: by default this
    /// process's memory, so another process retrying the same id uploads again (a cost, never a duplicate Pin) unless the
    /// instances share a durable ledger. The scheduling dispatcher sets it to the scheduled Pin's id.
    /// </remarks>
    public string? OperationId { get; init; }

    // The link prints without userinfo or query (a password, a tracking or signed value), the media with its own
    // redacted URLs. Keep in step with the members above.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccountId = ").Append(AccountId)
            .Append(", BoardId = ").Append(BoardId)
            .Append(", BoardSectionId = ").Append(BoardSectionId)
            .Append(", Title = ").Append(Title)
            .Append(", Description = ").Append(Description)
            .Append(", Link = ").Append(Link is null ? null : SecretScrubber.RedactUrl(Link))
            .Append(", AltText = ").Append(AltText)
            .Append(", DominantColor = ").Append(DominantColor)
            .Append(", Media = ").Append(Media)
            .Append(", CreateDeadline = ").Append(CreateDeadline?.ToString("O", CultureInfo.InvariantCulture))
            .Append(", OperationId = ").Append(OperationId);
        return true;
    }
}
