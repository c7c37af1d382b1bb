
namespace Pinterest.Publishing.Preflight.Internal;

/// <summary>How a probe ended.</summary>
internal enum ProbeOutcome
{
    /// <summary>An HTTP response was received (of any status).</summary>
    Responded = 0,

    /// <summary>The URL is not an absolute http(s) URL.</summary>
    InvalidUrl,

    /// <summary>The host resolves only to private or reserved addresses (also through a redirect).</summary>
    PrivateNetwork,

    /// <summary>The probe did not finish within the probe timeout.</summary>
    Timeout,

    /// <summary>The connection failed, was reset, or the server sent something that is not HTTP.</summary>
    Failed,
}
