namespace Pinterest.Publishing.Preflight.Internal.Rules;

// The issue asked for Preflight/Rules/; the rules are internal, and internal types live under Internal/ with an
// .Internal namespace (the house rule of issue 11), hence Preflight/Internal/Rules/.

/// <summary>
/// One Pinterest rule of preflight. <see cref="PinPreflightValidator"/> runs every rule of <see cref="PreflightRules.All"/>
/// in two phases: first <see cref="Plan"/> of each rule, then every planned URL probe at once (bounded by
/// <see cref="PreflightOptions.MaxConcurrentProbes"/>) while a local video is read, then <see cref="EvaluateAsync"/> of
/// each rule. A rule is stateless: what it decides in <see cref="Plan"/> it decides again, from the same request, in
/// <see cref="EvaluateAsync"/>.
/// </summary>
/// <remarks>
/// <para><b>How to add a preflight rule.</b></para>
/// <list type="number">
/// <item>Add a code to <see cref="PreflightCodes"/> (public: list it in <c>PublicAPI.Unshipped.txt</c> and in
/// docs/public-api.md) and, when the rule checks a Pinterest limit, a constant to
/// <see cref="Api.Internal.PinterestLimits"/> that cites its source; build the message from that constant.</item>
/// <item>Add one file here, <c>sealed class XxxRule : IPreflightRule</c>. In <see cref="Plan"/> report what needs no
/// I/O and register what does (<see cref="PreflightContext.Probe"/>, <see cref="PreflightContext.ReadLocalVideo"/>);
/// in <see cref="EvaluateAsync"/> read the results (<see cref="PreflightContext.ProbeResultAsync"/>,
/// <see cref="PreflightContext.LocalVideo"/>) and report. Reuse the shared checks (<see cref="ImageChecks"/>,
/// <see cref="LinkRule"/>, <see cref="TitleRule"/>…) rather than writing one again.</item>
/// <item>Add it to <see cref="PreflightRules.All"/>: its place there is where its issues appear in the result.</item>
/// <item>Add its test under tests/Pinterest.Publishing.Tests/Preflight/, through the validator
/// (<c>PreflightTestKit.ValidateAsync</c>): the draft that breaks the rule gives exactly its code, target and a
/// message that names the limit; a draft at the limit gives no issue.</item>
/// </list>
/// </remarks>
internal interface IPreflightRule
{
    /// <summary>
    /// Reports the issues that need no I/O into <paramref name="issues"/>, and registers the probes and the local read
    /// the rule's evaluation needs. Nothing has been fetched yet.
    /// </summary>
    void Plan(PreflightContext context, PreflightIssueList issues);

    /// <summary>
    /// Turns the results of the planned probes and reads into issues. Every probe of the draft has completed. Runs after
    /// <see cref="Plan"/> with the same <paramref name="issues"/>.
    /// </summary>
    ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken);
}
