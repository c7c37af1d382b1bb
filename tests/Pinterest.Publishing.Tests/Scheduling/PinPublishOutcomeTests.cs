using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Scheduling;

public sealed class PinPublishOutcomeTests
{
    [Fact]
    public void Each_kind_reports_its_kind_and_finality()
    {
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        PinPublishOutcome[] outcomes =
        [
            new PinPublishOutcome.Published("1"),
            new PinPublishOutcome.Rejected("bad", ["title_too_long"]),
            new PinPublishOutcome.RetryAt(at, "429"),
            new PinPublishOutcome.Unknown("timeout", at),
            new PinPublishOutcome.Reauthorize("rejected"),
            new PinPublishOutcome.MissingScope("no pins:write", ["pins:write"]),
            new PinPublishOutcome.AppCredentialsRejected("client secret refused"),
        ];

        Assert.Equal(
            [PinPublishOutcomeKind.Published, PinPublishOutcomeKind.Rejected, PinPublishOutcomeKind.RetryAt, PinPublishOutcomeKind.Unknown, PinPublishOutcomeKind.Reauthorize, PinPublishOutcomeKind.MissingScope, PinPublishOutcomeKind.AppCredentialsRejected],
            outcomes.Select(o => o.Kind));
        Assert.Equal([true, true, false, true, true, true, true], outcomes.Select(o => o.IsFinal));
        Assert.Equal(["Published.", "bad", "429", "timeout", "rejected", "no pins:write", "client secret refused"], outcomes.Select(o => o.Reason));
    }

    [Fact]
    public void Outcomes_carry_their_data_and_compare_by_value()
    {
        var at = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new PinPublishOutcome.Published("1"), new PinPublishOutcome.Published("1"));
        Assert.NotEqual<PinPublishOutcome>(new PinPublishOutcome.Reauthorize("x"), new PinPublishOutcome.Unknown("x", at));
        Assert.Equal(at, new PinPublishOutcome.RetryAt(at, "r").At);
        Assert.Equal(at, new PinPublishOutcome.Unknown("u", at).AttemptStartedAt);
        Assert.Equal(["a", "b"], new PinPublishOutcome.Rejected("r", ["a", "b"]).Codes);
        Assert.Throws<ArgumentException>(() => new PinPublishOutcome.Published(""));
        Assert.Throws<ArgumentNullException>(() => new PinPublishOutcome.Rejected("r", null!));
        Assert.Equal(["pins:read"], new PinPublishOutcome.MissingScope("m", ["pins:read"]).RequiredScopes);
        Assert.Throws<ArgumentNullException>(() => new PinPublishOutcome.MissingScope("m", null!));
    }
}
