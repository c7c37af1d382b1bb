using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>Checks <see cref="PinterestConnectOptions"/> when the host starts; each message names the option and the fix.</summary>
internal sealed class PinterestConnectOptionsValidator : IValidateOptions<PinterestConnectOptions>
{
    public ValidateOptionsResult Validate(string? name, PinterestConnectOptions options)
    {
        List<string> failures = [];
        if (options.Scopes.Count == 0)
        {
            failures.Add("PinterestConnectOptions.Scopes is empty: ask for at least one scope (e.g. boards:read, pins:write).");
        }
        else if (options.Scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(',', StringComparison.Ordinal) || s.Trim().Length != s.Length))
        {
            failures.Add("PinterestConnectOptions.Scopes holds an empty scope, one with white space around it, or one with a comma: give one scope per entry (e.g. \"pins:write\").");
        }

        if (options.RedirectUri is { } redirect
            && (redirect.Trim().Length != redirect.Length
                || !Uri.TryCreate(redirect, UriKind.Absolute, out var parsed)
                || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add("PinterestConnectOptions.RedirectUri must be an absolute http(s) URL without white space around it, written exactly as registered for the Pinterest app (or null to build it from the request).");
        }

        if (string.IsNullOrEmpty(options.CallbackPath) || options.CallbackPath[0] != '/' || options.CallbackPath.Length == 1 || options.CallbackPath.EndsWith('/'))
        {
            failures.Add("PinterestConnectOptions.CallbackPath must start with '/' and name a path without a trailing '/' (default \"/callback\").");
        }

        if (options.StateLifetime < TimeSpan.FromSeconds(1) || options.StateLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"PinterestConnectOptions.StateLifetime is {options.StateLifetime}: set it from 00:00:01 to 01:00:00 (default 00:10:00).");
        }

        if (string.IsNullOrWhiteSpace(options.CorrelationCookieName) || options.CorrelationCookieName.Any(c => char.IsWhiteSpace(c) || c is ';' or ',' or '='))
        {
            failures.Add("PinterestConnectOptions.CorrelationCookieName must be a cookie name without white space, ';', ',' or '=' (default \".Pinterest.Connect\").");
        }

        if (options.AccountIdResolver is null)
        {
            failures.Add("PinterestConnectOptions.AccountIdResolver is null: set a function that returns the signed-in user's account id.");
        }

        if (options.AuthorizeEndpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("PinterestConnectOptions.AuthorizeEndpoint must be an absolute http(s) URL (default https://www.pinterest.com/oauth/).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
