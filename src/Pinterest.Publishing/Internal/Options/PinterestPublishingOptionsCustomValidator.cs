using System.Globalization;
using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.Internal.Options;

/// <summary>
/// The rules of <see cref="PinterestPublishingOptions"/> that an attribute on one setting cannot state: the shape of a
/// URL or a path, the items of a list, and settings that must agree with each other. Each failure names the keys
/// involved and the fix; a value that is a secret is never printed.
/// </summary>
internal sealed class PinterestPublishingOptionsCustomValidator : IValidateOptions<PinterestPublishingOptions>
{
    public ValidateOptionsResult Validate(string? name, PinterestPublishingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new ValidateOptionsResultBuilder();

        if (options.ApiBaseAddress is { } baseAddress &&
            (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp)))
        {
            failures.AddError("Pinterest:ApiBaseAddress must be an absolute http(s) URL such as https://api.pinterest.com/; "
                + "remove it to use the host of Pinterest:Environment.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.AddError("Pinterest:ClientId and Pinterest:ClientSecret must be set together (both are needed to refresh tokens).");
        }

        var preflight = options.Preflight;
        if (preflight.AllowedPorts.Count == 0 || preflight.AllowedPorts.Any(p => p is < 1 or > 65535))
        {
            failures.AddError($"Pinterest:Preflight:AllowedPorts must list ports from 1 to 65535 (it is [{string.Join(", ", preflight.AllowedPorts)}]; default 80, 443).");
        }

        if (preflight.AllowedImageContentTypes.Count == 0)
        {
            failures.AddError("Pinterest:Preflight:AllowedImageContentTypes must list at least one type (default image/jpeg, image/png).");
        }

        if (options.Retry.MaxRateLimitDelay < options.Retry.RateLimitDelay)
        {
            failures.AddError(string.Create(CultureInfo.InvariantCulture,
                $"Pinterest:Retry:MaxRateLimitDelay must not be shorter than Pinterest:Retry:RateLimitDelay (it is {options.Retry.MaxRateLimitDelay:c}, that is {options.Retry.RateLimitDelay:c})."));
        }

        var video = options.VideoUpload;
        if (video.MaxPollInterval < video.InitialPollInterval)
        {
            failures.AddError(string.Create(CultureInfo.InvariantCulture,
                $"Pinterest:VideoUpload:MaxPollInterval must not be shorter than Pinterest:VideoUpload:InitialPollInterval (it is {video.MaxPollInterval:c}, that is {video.InitialPollInterval:c})."));
        }

        if (video.TemporaryDirectory is { } directory && !IsAbsoluteDirectoryPath(directory))
        {
            failures.AddError("Pinterest:VideoUpload:TemporaryDirectory must be an absolute directory path without invalid characters; "
                + "remove the setting to use a private directory under the system temp directory.");
        }

        AddUploadTimeoutFailure(failures, preflight, video);
        return failures.Build();
    }

    /// <summary>
    /// The upload of the largest video gets <c>MinUploadTimeout</c> plus its size at <c>MinUploadBytesPerSecond</c>;
    /// past what a timer can run (49 days), the upload would throw instead of starting.
    /// </summary>
    private static void AddUploadTimeoutFailure(ValidateOptionsResultBuilder failures, PreflightOptions preflight, VideoUploadOptions video)
    {
        if (video.MinUploadBytesPerSecond < 1 || video.MinUploadTimeout <= TimeSpan.Zero)
        {
            // Refused on its own already.
            return;
        }

        var largest = Math.Max(preflight.MaxVideoBytes, video.MaxDownloadBytes);
        var seconds = video.MinUploadTimeout.TotalSeconds + ((double)largest / video.MinUploadBytesPerSecond);
        if (seconds > OptionLimits.MaxTimerSpan.TotalSeconds)
        {
            var slowest = (long)Math.Ceiling(largest / (OptionLimits.MaxTimerSpan - video.MinUploadTimeout).TotalSeconds);
            failures.AddError(string.Create(CultureInfo.InvariantCulture,
                $"Pinterest:VideoUpload:MinUploadBytesPerSecond must be at least {slowest} for the largest video (Pinterest:Preflight:MaxVideoBytes "
                + $"or Pinterest:VideoUpload:MaxDownloadBytes, {largest} bytes): at {video.MinUploadBytesPerSecond} bytes per second its upload "
                + $"timeout ({seconds / 86400:0} days) is longer than a timer can run (49 days)."));
        }
    }

    private static bool IsAbsoluteDirectoryPath(string path) =>
        !string.IsNullOrWhiteSpace(path) && path.IndexOfAny(Path.GetInvalidPathChars()) < 0 && Path.IsPathFullyQualified(path);
}
