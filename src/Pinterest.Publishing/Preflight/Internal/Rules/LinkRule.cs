using Pinterest.Publishing.Api.Internal;
using Pinterest.Publishing.Internal.SafeHttp;

namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// The Pin's destination link is an absolute http(s) URL within <see cref="PinterestLimits.LinkMaxLength"/> and, when
/// <see cref="PreflightOptions.CheckDestinationLink"/> is on, answers GET with 2xx or 3xx. <see cref="PlanLink"/> and
/// <see cref="EvaluateLinkAsync"/> serve carousel items' links too.
/// </summary>
internal sealed class LinkRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues) => PlanLink(context.Request.Link, "link", context, issues);

    /// <inheritdoc />
    public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) =>
        EvaluateLinkAsync(context.Request.Link, "link", context, issues);

    /// <summary>Reports a malformed link; plans the probe of a well-formed one when destination links are checked.</summary>
    public static void PlanLink(Uri? link, string target, PreflightContext context, PreflightIssueList issues)
    {
        if (link is null)
        {
            return;
        }

        if (FormProblem(link) is { } problem)
        {
            issues.Error(PreflightCodes.LinkFormat, target, problem);
        }
        else if (context.Options.CheckDestinationLink)
        {
            context.Probe(link, ProbeKind.Link, 0);
        }
    }

    /// <summary>Reports what the probe planned by <see cref="PlanLink"/> found, if one was planned.</summary>
    public static async ValueTask EvaluateLinkAsync(Uri? link, string target, PreflightContext context, PreflightIssueList issues)
    {
        if (link is null || FormProblem(link) is not null || !context.Options.CheckDestinationLink)
        {
            return;
        }

        var probe = await context.ProbeResultAsync(link).ConfigureAwait(false);
        if (probe.Outcome == ProbeOutcome.PrivateNetwork)
        {
            issues.Error(PreflightCodes.UrlPrivateNetwork, target,
                "The link points to a loopback, private or link-local address, which Pinterest cannot reach. Use a public URL.");
        }
        else if (!probe.IsSuccessOrRedirect)
        {
            issues.Error(PreflightCodes.DestinationUrlReachable, target,
                $"The link does not answer GET with 2xx or 3xx: {probe.Describe()}. Check that the page exists and is public.");
        }
    }

    /// <summary>What is wrong with a link's form, or <see langword="null"/> when it may be probed.</summary>
    private static string? FormProblem(Uri link)
    {
        if (!ProbeHttp.IsHttpUrl(link))
        {
            return "The link must be an absolute http or https URL, such as https://example.com/page.";
        }

        // The link is sent as its AbsoluteUri, whose host may keep Unicode (IDN) characters: count what is sent, as Pinterest does.
        var length = PinterestText.Length(link.AbsoluteUri);
        return length > PinterestLimits.LinkMaxLength
            ? $"The link has {length} characters; Pinterest accepts at most {PinterestLimits.LinkMaxLength}. Use a shorter URL."
            : null;
    }
}
