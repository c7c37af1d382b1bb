using Microsoft.Extensions.Logging;
using Pinterest.Publishing.Authentication;
using Pinterest.Publishing.Internal.SafeHttp;
using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;

namespace Pinterest.Publishing.Tests.TestSupport;

internal static class PreflightTestKit
{
    /// <summary>A validator for loopback servers (AllowPrivateNetworks on unless <paramref name="configure"/> turns it off).</summary>
    public static PinPreflightValidator Validator(
        Action<PreflightOptions>? configure = null,
        IDefaultBoardProvider? boards = null,
        TimeProvider? time = null,
        ProbeNetworkSeams? seams = null,
        ILoggerFactory? loggerFactory = null)
    {
        var options = new PreflightOptions { AllowPrivateNetworks = true };
        configure?.Invoke(options);
        return PinPreflightValidator.Create(options, boards, time, loggerFactory, seams);
    }

    public static PublishPinRequest Request(PinMedia media) => new()
    {
        AccountId = "account-1",
        BoardId = "549755885175",
        Media = media,
    };

    /// <summary>A valid inline image: lets text rules be tested without any network.</summary>
    public static PinMedia InlineImage() => PinMedia.Image(TestMedia.Bytes("large-1000x1500.png"), "image/png");

    public static string[] Codes(PreflightResult result) => result.Issues.Select(i => i.Code).ToArray();

    public static PreflightIssue Single(PreflightResult result, string code) => Assert.Single(result.Issues, i => i.Code == code);

    /// <summary>Validates a draft of <paramref name="media"/> through the public <see cref="IPinPreflightValidator"/>, as callers do.</summary>
    public static async Task<PreflightResult> ValidatePubliclyAsync(PinMedia media, Action<PreflightOptions>? configure = null)
    {
        using var validator = Validator(configure);
        return await ValidateThrough(validator, Request(media));
    }

#pragma warning disable CA1859 // The call goes through the public interface on purpose: what callers use.
    private static Task<PreflightResult> ValidateThrough(IPinPreflightValidator validator, PublishPinRequest request) => validator.ValidateAsync(request);
#pragma warning restore CA1859

    public static async Task<PreflightResult> ValidateAsync(PublishPinRequest request, Action<PreflightOptions>? configure = null)
    {
        using var validator = Validator(configure);
        return await validator.ValidateAsync(request);
    }
}

internal sealed class FixedDefaultBoard(string? boardId) : IDefaultBoardProvider
{
    public List<string> AskedFor { get; } = [];

    public Task<string?> GetDefaultBoardIdAsync(string accountId, CancellationToken cancellationToken = default)
    {
        AskedFor.Add(accountId);
        return Task.FromResult(boardId);
    }
}
