
namespace Pinterest.Publishing.AspNetCore.Internal;

/// <summary>Return URLs: only a local path is followed, so the connect endpoint is no open redirect.</summary>
internal static class LocalUrl
{
    /// <summary><paramref name="candidate"/> when it is a local URL (<c>/path</c>, not <c>//host</c> or <c>/\host</c>), else <c>/</c>.</summary>
    public static string OrRoot(string? candidate) =>
        candidate is { Length: > 0 and <= 2048 }
        && candidate[0] == '/'
        && (candidate.Length == 1 || (candidate[1] != '/' && candidate[1] != '\\'))
        && !candidate.Any(char.IsControl)
            ? candidate
            : "/";
}
