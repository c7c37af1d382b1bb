using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.Internal.Options;

/// <summary>Validates <see cref="PinterestPublishingOptions"/> at start-up, naming the setting and the fix.</summary>
internal sealed class PinterestPublishingOptionsValidator : IValidateOptions<PinterestPublishingOptions>
{
    public ValidateOptionsResult Validate(string? name, PinterestPublishingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.ApiBaseAddress is { } baseAddress &&
            (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add("Pinterest:ApiBaseAddress must be an absolute http(s) URL such as https://api.pinterest.com/.");
        }

        if (!Enum.IsDefined(options.Environment))
        {
            failures.Add("Pinterest:Environment must be Production or Sandbox.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) != string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Pinterest:ClientId and Pinterest:ClientSecret must be set together (both are needed to refresh tokens).");
        }

        RequirePositive(failures, options.TokenRefreshMargin, "Pinterest:TokenRefreshMargin", allowZero: true);
        RequirePositive(failures, options.RequestTimeout, "Pinterest:RequestTimeout");
        if (options.MaxConcurrentPublishesPerAccount < 1)
        {
            failures.Add("Pinterest:MaxConcurrentPublishesPerAccount must be at least 1 (default 3).");
        }

        if (options.Retry.MaxRetries < 0)
        {
            failures.Add("Pinterest:Retry:MaxRetries must be 0 or more.");
        }

        RequirePositive(failures, options.Retry.BaseDelay, "Pinterest:Retry:BaseDelay");
        RequirePositive(failures, options.Retry.MaxDelay, "Pinterest:Retry:MaxDelay");
        RequirePositive(failures, options.Retry.MaxRetryAfter, "Pinterest:Retry:MaxRetryAfter", allowZero: true);

        var preflight = options.Preflight;
        RequirePositive(failures, preflight.ProbeTimeout, "Pinterest:Preflight:ProbeTimeout");
        RequirePositive(failures, preflight.ConnectTimeout, "Pinterest:Preflight:ConnectTimeout");
        if (preflight.MaxConcurrentProbes < 1)
        {
            failures.Add("Pinterest:Preflight:MaxConcurrentProbes must be at least 1 (default 8).");
        }

        if (preflight.MaxImageBytes < 1)
        {
            failures.Add("Pinterest:Preflight:MaxImageBytes must be positive (default 20000000).");
        }

        if (preflight.MaxVideoBytes < 1)
        {
            failures.Add("Pinterest:Preflight:MaxVideoBytes must be positive (default 2000000000).");
        }

        if (preflight.AllowedPorts.Count == 0 || preflight.AllowedPorts.Any(p => p is < 1 or > 65535))
        {
            failures.Add($"Pinterest:Preflight:AllowedPorts must list ports from 1 to 65535 (it is [{string.Join(", ", preflight.AllowedPorts)}]; default 80, 443).");
        }

        if (preflight.AllowedImageContentTypes.Count == 0)
        {
            failures.Add("Pinterest:Preflight:AllowedImageContentTypes must list at least one type (default image/jpeg, image/png).");
        }

        var video = options.VideoUpload;
        RequirePositive(failures, video.InitialPollInterval, "Pinterest:VideoUpload:InitialPollInterval");
        RequirePositive(failures, video.MaxPollInterval, "Pinterest:VideoUpload:MaxPollInterval");
        RequirePositive(failures, video.ProcessingTimeout, "Pinterest:VideoUpload:ProcessingTimeout");
        RequireDownloadTimeout(failures, video.DownloadIdleTimeout, "Pinterest:VideoUpload:DownloadIdleTimeout", "00:00:30");
        RequireDownloadTimeout(failures, video.MinDownloadTimeout, "Pinterest:VideoUpload:MinDownloadTimeout", "00:01:00");
        if (video.MinDownloadBytesPerSecond < 1)
        {
            failures.Add($"Pinterest:VideoUpload:MinDownloadBytesPerSecond must be at least 1 (it is {video.MinDownloadBytesPerSecond}; default 65536).");
        }

        if (video.TemporaryDirectory is { } directory && !IsAbsoluteDirectoryPath(directory))
        {
            failures.Add("Pinterest:VideoUpload:TemporaryDirectory must be an absolute directory path without invalid characters; "
                + "remove the setting to use a private directory under the system temp directory.");
        }

        if (video.MaxPollInterval < video.InitialPollInterval)
        {
            failures.Add("Pinterest:VideoUpload:MaxPollInterval must not be shorter than InitialPollInterval.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void RequireDownloadTimeout(List<string> failures, TimeSpan value, string setting, string defaultValue)
    {
        RequirePositive(failures, value, setting);
        if (value > VideoUpload.Internal.DownloadDeadline.MaxTimeout)
        {
            failures.Add($"{setting} must be at most {VideoUpload.Internal.DownloadDeadline.MaxTimeout} (it is {value}; default {defaultValue}).");
        }
    }

    private static bool IsAbsoluteDirectoryPath(string path) =>
        !string.IsNullOrWhiteSpace(path) && path.IndexOfAny(Path.GetInvalidPathChars()) < 0 && Path.IsPathFullyQualified(path);

    private static void RequirePositive(List<string> failures, TimeSpan value, string setting, bool allowZero = false)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            failures.Add($"{setting} must be {(allowZero ? "zero or more" : "positive")} (it is {value}).");
        }
    }
}
