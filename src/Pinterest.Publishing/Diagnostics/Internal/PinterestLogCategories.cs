namespace Pinterest.Publishing.Diagnostics.Internal;

/// <summary>
/// The logger category of each room, the same with dependency injection and without: loggers are created with
/// <c>ILoggerFactory.CreateLogger(PinterestLogCategories.X)</c>, never <c>ILogger&lt;T&gt;</c>, whose category is a
/// type's full name and would move with every namespace change. Hosts filter on these names (or on the common
/// <see cref="Root"/> prefix); CONTRIBUTING.md lists them with each room's event id range.
/// </summary>
internal static class PinterestLogCategories
{
    /// <summary>The prefix of every category: a host filter on it covers the whole library.</summary>
    public const string Root = "Pinterest.Publishing";

    /// <summary>The low-level API client (event ids 1000–1999).</summary>
    public const string Api = Root + ".Api";

    /// <summary>Tokens: refresh, rotation, store (event ids 2000–2999).</summary>
    public const string Authentication = Root + ".Authentication";

    /// <summary>The preflight validator and its probes (event ids 3000–3999).</summary>
    public const string Preflight = Root + ".Preflight";

    /// <summary>The publish path: the facade and its stages (event ids 4000–4999).</summary>
    public const string PublishPath = Root + ".PublishPath";

    /// <summary>Video download, upload and processing (event ids 5000–5999).</summary>
    public const string VideoUpload = Root + ".VideoUpload";

    /// <summary>The schedule dispatcher (event ids 6000–6999).</summary>
    public const string Scheduling = Root + ".Scheduling";

    /// <summary>The SSRF-safe HTTP client (event ids 7000–7999).</summary>
    public const string SafeHttp = Root + ".SafeHttp";

    /// <summary>Options and their registration (event ids 8000–8999).</summary>
    public const string Options = Root + ".Options";

    /// <summary>Delivery of outcome events to the host's observers (event ids 10000–10999).</summary>
    public const string Events = Root + ".Events";
}
