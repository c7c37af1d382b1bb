using Pinterest.Publishing.Tests.Conventions.Samples.Async;
using Pinterest.Publishing.Tests.Conventions.Samples.Extension;
using Pinterest.Publishing.Tests.Conventions.Samples.Rooms;
using Pinterest.Publishing.Tests.Conventions.Samples.Rooms.Internal;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// The convention checkers must catch a broken rule, or the convention tests prove nothing: each runs here over
/// deliberate violations (the types under <c>Conventions/Samples</c>, or files written to a temporary folder).
/// </summary>
public sealed class ConventionRuleTests : IDisposable
{
    private const string Samples = "Pinterest.Publishing.Tests.Conventions.Samples.";
    private static readonly Type[] TestTypes = typeof(ConventionRuleTests).Assembly.GetTypes();
    private readonly string _root = Directory.CreateTempSubdirectory("conventions-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_pending_list_fails_on_a_new_violation_and_on_a_fixed_one()
    {
        var problems = PendingViolations.Compare(found: ["a broken", "b listed"], pending: ["b listed", "c fixed"]);

        Assert.Equal(["violation: a broken", "no longer violated, remove it from the pending list: c fixed"], problems);
        Assert.Empty(PendingViolations.Compare(["b listed"], ["b listed"]));
        Assert.ThrowsAny<Exception>(() => PendingViolations.AssertOnly(["a broken"], []));
    }

    [Fact]
    public void A_public_type_in_an_Internal_namespace_and_an_internal_type_outside_one_are_reported()
    {
        var violations = InternalNamespaceRule.Check(
            [typeof(PublicInInternal), TypeNamed("Rooms.Internal.InternalInInternal"), TypeNamed("Rooms.InternalOutside"),
             typeof(PublicOutside), typeof(PublicOutside).GetNestedTypes(System.Reflection.BindingFlags.NonPublic)[0],
             TypeNamed("Rooms.GeneratedOutside")]);

        Assert.Equal(
            [
                Samples + "Rooms.Internal.PublicInInternal: public type in an Internal namespace (move it out, or make it internal)",
                Samples + "Rooms.InternalOutside: internal type outside an Internal namespace (move it to its room's Internal folder)",
            ],
            violations);
    }

    [Fact]
    public void An_open_public_class_is_reported_unless_allowlisted_and_a_stale_allowlist_entry_too()
    {
        var types = TestTypes.Where(t => t.Namespace == Samples + "Extension");

        var violations = SealedPublicTypeRule.Check(types, new Dictionary<string, string>
        {
            [typeof(AllowlistedBase).FullName!] = "the sample base",
            [typeof(SealedClass).FullName!] = "sealed since",
        });

        Assert.Equal(
            [
                typeof(OpenClass).FullName + ": public class neither sealed nor static (seal it, or allowlist it with the reason it is meant for extension)",
                typeof(SealedClass).FullName + ": allowlisted for extension but sealed, static or gone (remove it from the allowlist)",
            ],
            violations);
    }

    [Fact]
    public void An_async_method_without_the_suffix_or_with_an_early_token_is_reported_but_a_framework_override_is_not()
    {
        var violations = AsyncMethodRule.Check([typeof(AsyncSamples), typeof(ForeignOverride)]);

        var type = typeof(AsyncSamples).FullName;
        Assert.Equal(
            [
                $"{type}.CountAsync: takes its CancellationToken 'cancellationToken' before other parameters (take it last)",
                $"{type}.Helper: returns Task but is not named …Async",
                $"{type}.Pages: returns IAsyncEnumerable<…> but is not named …Async",
                $"{type}.Upload: returns Task but is not named …Async",
            ],
            violations);
    }

    [Fact]
    public void A_log_event_without_a_name_out_of_its_range_outside_its_log_class_or_with_a_used_id_or_name_and_a_log_class_without_its_category_are_reported()
    {
        var house = new HouseMap(
        [
            new("SampleApi", Samples + "Logs.Api", 0, 1000, 1999, Samples + "Logs.Api.SampleApiLog", "Samples.Api"),
            new("SampleJobs", Samples + "Logs.Jobs", 1, 2000, 2999, Samples + "Logs.Jobs.SampleJobsLog", "Samples.Jobs"),
            new("Quiet", Samples + "Logs.Quiet", 0),
        ]);

        var violations = LogEventRule.Check(TestTypes.Where(t => t.Namespace?.StartsWith(Samples + "Logs.", StringComparison.Ordinal) == true), house);

        Assert.Equal(
            [
                Samples + "Logs.Api.SampleApiLog.Strayed (2500): outside the SampleApi range (1000–1999)",
                Samples + "Logs.Api.SampleApiLog.Unnamed (1002): no EventName",
                Samples + "Logs.Jobs.JobRunner.LogRan (2001): declared outside SampleJobs's log class " + Samples + "Logs.Jobs.SampleJobsLog",
                Samples + "Logs.Jobs.SampleJobsLog: no CategoryName constant (\"Samples.Jobs\")",
                Samples + "Logs.Quiet.QuietLog.Spoke (9001): outside the Quiet range (none)",
                $"event id 2500 used by {Samples}Logs.Api.SampleApiLog.Strayed, {Samples}Logs.Jobs.SampleJobsLog.SentAgain",
                $"event name Sent used by {Samples}Logs.Api.SampleApiLog.Sent, {Samples}Logs.Jobs.SampleJobsLog.SentAgain",
            ],
            violations);
    }

    [Fact]
    public void A_reference_to_a_higher_layer_is_reported_from_signatures_method_bodies_and_async_state_machines()
    {
        var house = new HouseMap(
        [
            new("Low", Samples + "Layers.Low", 0),
            new("High", Samples + "Layers.High", 1),
        ]);
        using var module = IlReferences.Read(typeof(ConventionRuleTests).Assembly);

        var violations = LayerReferenceRule.Check(module, house, t => t.Namespace.StartsWith(Samples + "Layers.", StringComparison.Ordinal));

        const string detail = Samples + "Layers.High.Internal.HighDetail (internal, High layer 1), a higher layer";
        Assert.Equal(
            [
                $"{Samples}Layers.Low.Internal.LowAwaiter (internal, Low layer 0) uses {detail}",
                $"{Samples}Layers.Low.Internal.LowHelper (internal, Low layer 0) uses {detail}",
                $"{Samples}Layers.Low.Internal.LowUsesHighContract (internal, Low layer 0) uses {Samples}Layers.High.HighContract (public, High layer 1), a higher layer",
                $"{Samples}Layers.Low.LowLeak (public, Low layer 0) uses {detail}",
            ],
            violations);
    }

    [Fact]
    public void A_namespace_in_no_room_is_reported_by_the_layer_check()
    {
        using var module = IlReferences.Read(typeof(ConventionRuleTests).Assembly);

        var violations = LayerReferenceRule.Check(module, new HouseMap([new("High", Samples + "Layers.High", 1)]),
            t => t.Namespace == Samples + "Layers.Low");

        Assert.Contains($"{Samples}Layers.Low.LowLeak: namespace {Samples}Layers.Low is in no room of the house (add it to HouseMap and CONTRIBUTING.md)", violations);
    }

    [Fact]
    public void A_typed_logger_and_a_shared_telemetry_read_outside_an_entry_point_are_reported()
    {
        using var module = IlReferences.Read(typeof(ConventionRuleTests).Assembly);
        const string wiring = Samples + "Wiring.";

        var violations = LoggingWiringRule.Check(
            module, wiring + "SampleTelemetry", new HashSet<string> { wiring + "SampleEntryPoint" },
            t => t.Namespace == Samples + "Wiring");

        Assert.Equal(
            [
                wiring + "CreatesTypedLogger: takes an ILogger<T> or calls CreateLogger<T> (category from a type name); use ILoggerFactory.CreateLogger(PinterestLogCategories.<Room>)",
                wiring + "ReadsShared: reads " + wiring + "SampleTelemetry.Shared; take the telemetry as a required constructor argument (only the non-DI entry points choose Shared)",
                wiring + "TakesTypedLogger: takes an ILogger<T> or calls CreateLogger<T> (category from a type name); use ILoggerFactory.CreateLogger(PinterestLogCategories.<Room>)",
            ],
            violations);
    }

    [Fact]
    public void A_long_file_without_a_reason_on_its_first_line_is_reported()
    {
        WriteLines("src/P/Long.cs", "namespace P;", 301);
        WriteLines("src/P/DocCommentFirst.cs", "/// <summary>A doc comment is no reason.</summary>", 301);
        WriteLines("src/P/Reasoned.cs", "// One state machine: splitting it would scatter its transitions.", 400);
        WriteLines("src/P/Exactly300.cs", "namespace P;", 300);
        WriteLines("src/P/obj/Generated.cs", "namespace P;", 500);

        var violations = FileLengthRule.Check(_root, Path.Combine(_root, "src"));

        Assert.Equal(
            [
                "src/P/DocCommentFirst.cs: 301 lines, over 300 without a first-line comment giving the reason",
                "src/P/Long.cs: 301 lines, over 300 without a first-line comment giving the reason",
            ],
            violations);
    }

    [Fact]
    public void A_namespace_that_does_not_match_its_folder_is_reported_with_the_DependencyInjection_exception()
    {
        Write("src/P/P.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><RootNamespace>Root.Ns</RootNamespace></PropertyGroup></Project>");
        Write("src/P/A.cs", "namespace Root.Ns;\n");
        Write("src/P/Sub/Right.cs", "namespace Root.Ns.Sub\n{\n}\n");
        Write("src/P/Sub/Wrong.cs", "using System;\n\nnamespace Root.Ns;\n");
        Write("src/P/Sub/None.cs", "class Orphan { }\n");
        Write("src/P/DependencyInjection/Extensions.cs", "namespace Microsoft.Extensions.DependencyInjection;\n");
        Write("src/P/DependencyInjection/Misplaced.cs", "namespace Root.Ns.DependencyInjection;\n");
        Write("src/Q/Q.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\" />");
        Write("src/Q/X.cs", "namespace Q;\n");
        Write("src/Q/obj/Debug/Generated.cs", "namespace Elsewhere;\n");

        var violations = FolderNamespaceRule.Check(_root, Path.Combine(_root, "src"));

        Assert.Equal(
            [
                "src/P/DependencyInjection/Misplaced.cs: namespace Root.Ns.DependencyInjection, but its folder says Microsoft.Extensions.DependencyInjection",
                "src/P/Sub/None.cs: declares no namespace (expected Root.Ns.Sub)",
                "src/P/Sub/Wrong.cs: namespace Root.Ns, but its folder says Root.Ns.Sub",
            ],
            violations);
    }

    [Fact]
    public void An_exception_missing_from_the_readme_table_or_named_there_but_gone_is_reported()
    {
        const string readme = "# X\n\n## Outcomes for schedulers\n\n| What | Exception |\n|---|---|\n"
            + "| bad draft | `PinPreflightException` |\n| malformed | `ArgumentException` |\n| old | `PinterestRenamedException` |\n\n"
            + "Text naming `PinterestRateLimitException` outside the table.\n\n## Next\n| `PinterestApiException` |\n";

        var problems = ReadmeExceptionTable.Check(readme, [typeof(PinPreflightException), typeof(PinterestRateLimitException), typeof(PinterestApiException)]);

        Assert.Equal(
            [
                "PinterestApiException: public exception missing from the README's outcomes table (say when it is thrown and what to do)",
                "PinterestRateLimitException: public exception missing from the README's outcomes table (say when it is thrown and what to do)",
                "PinterestRenamedException: named in the README's outcomes table but no public exception of the library",
            ],
            problems);
    }

    private static Type TypeNamed(string name) => TestTypes.Single(t => t.FullName == Samples + name);

    private void WriteLines(string path, string first, int count) =>
        Write(path, string.Join('\n', Enumerable.Range(0, count).Select(i => i == 0 ? first : "// line " + i)) + "\n");

    private void Write(string path, string text)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
