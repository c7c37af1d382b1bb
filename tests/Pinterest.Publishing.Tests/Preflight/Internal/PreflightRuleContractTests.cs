using Pinterest.Publishing.Preflight;
using Pinterest.Publishing.Preflight.Internal;
using Pinterest.Publishing.Preflight.Internal.Rules;
using static Pinterest.Publishing.Tests.TestSupport.PreflightTestKit;

namespace Pinterest.Publishing.Tests.Preflight.Internal;

/// <summary>
/// The contract of <see cref="IPreflightRule"/> as the validator keeps it: probes planned by any rule run together,
/// a rule added to the list reports through it, issues keep rule order, and each phase does only its own work.
/// </summary>
public sealed class PreflightRuleContractTests : IAsyncLifetime
{
    private LoopbackHttpServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new LoopbackHttpServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Probes_planned_by_different_rules_are_in_flight_at_the_same_time()
    {
        // The server holds both answers until both requests are in flight at once: had one rule's probe run (or been
        // awaited) before the other's was sent, its answer would never come and it would time out instead of seeing 206.
        var bothInFlight = _server.WhenInFlightAsync(2);
        var body = TestMedia.Bytes("large-1000x1000.jpg");
        _server.Map("/a.jpg", new LoopbackRoute { Body = body, ContentType = "image/jpeg", Gate = bothInFlight });
        _server.Map("/b.jpg", new LoopbackRoute { Body = body, ContentType = "image/jpeg", Gate = bothInFlight });
        using var validator = PinPreflightValidator.Create(
            new PreflightOptions { AllowPrivateNetworks = true },
            rules: [new ProbingRule("test.a", _server.Url("/a.jpg")), new ProbingRule("test.b", _server.Url("/b.jpg"))]);

        var result = await validator.ValidateAsync(Request(InlineImage()));
        Assert.Equal(2, _server.MaxInFlight);

        Assert.Equal(["test.a", "test.b"], Codes(result));
        Assert.All(result.Issues, i => Assert.Equal("it answered HTTP 206", i.Message));
    }

    [Fact]
    public async Task A_rule_added_to_the_list_reports_after_the_standard_rules()
    {
        using var validator = PinPreflightValidator.Create(rules: [.. PreflightRules.All, new FixedRule("test.added", inPlan: true)]);

        var result = await validator.ValidateAsync(Request(InlineImage()) with { Title = new string('t', 101) });

        Assert.Equal([PreflightCodes.TitleLengthMax, "test.added"], Codes(result));
    }

    [Fact]
    public async Task Issues_appear_rule_by_rule_whichever_phase_found_them()
    {
        using var validator = PinPreflightValidator.Create(rules: [new FixedRule("test.evaluated", inPlan: false), new FixedRule("test.planned", inPlan: true)]);

        var result = await validator.ValidateAsync(Request(InlineImage()));

        Assert.Equal(["test.evaluated", "test.planned"], Codes(result));
    }

    [Fact]
    public async Task A_url_planned_by_two_rules_is_fetched_once_for_the_stronger_need()
    {
        _server.Map("/same.jpg", new LoopbackRoute { Body = TestMedia.Bytes("large-1000x1000.jpg"), ContentType = "image/jpeg" });
        var url = _server.Url("/same.jpg");
        using var validator = PinPreflightValidator.Create(
            new PreflightOptions { AllowPrivateNetworks = true },
            rules: [new ProbingRule("test.link", url, ProbeKind.Link), new ProbingRule("test.image", url, ProbeKind.Image)]);

        var result = await validator.ValidateAsync(Request(InlineImage()));

        Assert.Equal(["test.link", "test.image"], Codes(result));
        var request = Assert.Single(_server.Requests);
        Assert.Equal("bytes=0-65535", request.Range);
    }

    [Fact]
    public async Task Probes_are_registered_only_while_planning_and_read_only_while_evaluating()
    {
        var url = _server.Url("/late.jpg");
        using var late = PinPreflightValidator.Create(rules: [new MisbehavingRule(url, probeWhileEvaluating: true)]);
        using var early = PinPreflightValidator.Create(rules: [new MisbehavingRule(url, probeWhileEvaluating: false)]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => late.ValidateAsync(Request(InlineImage())));
        await Assert.ThrowsAsync<InvalidOperationException>(() => early.ValidateAsync(Request(InlineImage())));
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task A_local_video_is_read_while_the_probes_are_in_flight()
    {
        // The cover's answer waits until the video stream is read: if the read came after the probes, neither would end.
        var read = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _server.Map("/cover.jpg", new LoopbackRoute { Body = TestMedia.Bytes("large-1000x1500.jpg"), ContentType = "image/jpeg", Gate = read.Task });
        using var video = new SignallingStream(TestMedia.Bytes("video-5s.mp4"), read);
        using var validator = Validator();

        var result = await validator.ValidateAsync(Request(PinMedia.Video(VideoSource.FromStream(video, "video/mp4"), VideoCover.FromUrl(_server.Url("/cover.jpg")))))
            .WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Empty(result.Issues);
    }

    [Fact]
    public void Every_rule_class_is_in_the_list_once()
    {
        var ruleTypes = typeof(IPreflightRule).Assembly.GetTypes()
            .Where(t => typeof(IPreflightRule).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false });

        Assert.Equal(ruleTypes.OrderBy(t => t.Name), PreflightRules.All.Select(r => r.GetType()).OrderBy(t => t.Name));
    }

    /// <summary>Plans one probe; reports how it ended, under its own code.</summary>
    private sealed class ProbingRule(string code, Uri url, ProbeKind kind = ProbeKind.Image) : IPreflightRule
    {
        public void Plan(PreflightContext context, PreflightIssueList issues) => context.Probe(url, kind, context.Options.MaxImageBytes);

        public async ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken) =>
            issues.Warning(code, "media", (await context.ProbeResultAsync(url)).Describe());
    }

    /// <summary>Reports one warning, in the phase chosen.</summary>
    private sealed class FixedRule(string code, bool inPlan) : IPreflightRule
    {
        public void Plan(PreflightContext context, PreflightIssueList issues)
        {
            if (inPlan)
            {
                issues.Warning(code, null, "planned");
            }
        }

        public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken)
        {
            if (!inPlan)
            {
                issues.Warning(code, null, "evaluated");
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Registers a probe too late, or reads one too early.</summary>
    private sealed class MisbehavingRule(Uri url, bool probeWhileEvaluating) : IPreflightRule
    {
        public void Plan(PreflightContext context, PreflightIssueList issues)
        {
            if (!probeWhileEvaluating)
            {
                _ = context.ProbeResultAsync(url);
            }
        }

        public ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken)
        {
            context.Probe(url, ProbeKind.Image, 1);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A seekable video stream that signals its first read.</summary>
    private sealed class SignallingStream(byte[] bytes, TaskCompletionSource read) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            read.TrySetResult();
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            read.TrySetResult();
            return base.Read(buffer);
        }
    }
}
