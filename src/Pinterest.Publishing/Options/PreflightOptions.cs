namespace Pinterest.Publishing;

/// <summary>How preflight probes media and links.</summary>
public sealed class PreflightOptions
{
    /// <summary>
    /// Allows URLs that resolve to loopback, private, link-local and similar addresses. Off by default: a draft's URLs
    /// come from users, and probing them must not reach the host's internal network. Turn on only for tests.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Timeout of one probe. Default 10 seconds.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of establishing one probe connection. Default 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many probes of one draft run at once. Default 8.</summary>
    public int MaxConcurrentProbes { get; set; } = 8;

    /// <summary>Whether the destination link is probed. Default <see langword="true"/>.</summary>
    public bool CheckDestinationLink { get; set; } = true;

    /// <summary>The largest image accepted, in bytes. Default 20,000,000.</summary>
    public long MaxImageBytes { get; set; } = 20_000_000;

    /// <summary>The largest video accepted, in bytes. Default 2,000,000,000.</summary>
    public long MaxVideoBytes { get; set; } = 2_000_000_000;

    /// <summary>The image content types accepted from probes. Default <c>image/jpeg</c> and <c>image/png</c>.</summary>
    public IList<string> AllowedImageContentTypes { get; } = new List<string> { "image/jpeg", "image/png" };
}
