
namespace Pinterest.Publishing;

/// <summary>
/// The names of the <see cref="System.Net.Http.HttpClient"/>s the library takes from <c>IHttpClientFactory</c>; a host
/// (or a test) can configure them further with <c>services.AddHttpClient(name)</c>.
/// </summary>
public static class PinterestHttpClientNames
{
    /// <summary>Pinterest API calls (bearer token added per request by the client).</summary>
    public const string Api = "Pinterest.Publishing.Api";

    /// <summary>Video uploads to the presigned upload host: no bearer token, no retries, timeout scaled per upload.</summary>
    public const string Upload = "Pinterest.Publishing.Upload";

    /// <summary>Preflight probes and video downloads: SSRF-guarded, no proxy, no automatic redirects, no credentials.</summary>
    public const string Probe = "Pinterest.Publishing.Probe";
}
