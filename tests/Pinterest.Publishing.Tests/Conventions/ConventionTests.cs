using System.Reflection;
using Mono.Cecil;
using Pinterest.Publishing.Api;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Conventions;

/// <summary>
/// The house rules of CONTRIBUTING.md, run over the real assemblies. Each reports every violation by name; the few
/// left for work in progress are listed in <see cref="Pending"/>, which can only shrink. Each checker is shown to fail
/// on a deliberate violation in <see cref="ConventionRuleTests"/>.
/// </summary>
public sealed class ConventionTests
{
    private static readonly Assembly Library = typeof(PinterestClient).Assembly;
    private static readonly Assembly Emulator = typeof(PinterestEmulator).Assembly;

    [Fact]
    public void Internal_types_live_in_Internal_namespaces_and_public_types_never_do() =>
        PendingViolations.AssertOnly(
            InternalNamespaceRule.Check([.. Library.GetTypes(), .. Emulator.GetTypes()]),
            Pending.InternalNamespaces);

    [Fact]
    public void Public_classes_are_sealed_or_static_unless_meant_for_extension() =>
        PendingViolations.AssertOnly(
            SealedPublicTypeRule.Check([.. Library.GetTypes(), .. Emulator.GetTypes()], MeantForExtension),
            Pending.SealedPublicTypes);

    [Fact]
    public void Async_methods_end_in_Async_and_take_the_cancellation_token_last() =>
        PendingViolations.AssertOnly(
            AsyncMethodRule.Check([.. Library.GetTypes(), .. Emulator.GetTypes()]),
            Pending.AsyncMethods);

    [Fact]
    public void Log_events_have_names_unique_ids_in_their_room_range_and_live_in_the_room_log_class() =>
        PendingViolations.AssertOnly(LogEventRule.Check(Library.GetTypes(), HouseMap.Library), Pending.LogEvents);

    [Fact]
    public void Log_event_ids_are_unique_across_every_package()
    {
        // Each package's rooms and log classes differ, but one id must name one event wherever a host filters on it.
        Assembly[] packages =
        [
            Library,
            typeof(Pinterest.Publishing.AspNetCore.IPinterestConnectHandler).Assembly,
            typeof(Pinterest.Publishing.EntityFrameworkCore.IPinterestPublishingDbContext).Assembly,
        ];
        var reused = packages.SelectMany(a => LogEventRule.Find(a.GetTypes()))
            .GroupBy(e => e.Attribute.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Name))}")
            .ToArray();

        Assert.True(reused.Length == 0, $"Event ids used twice: {string.Join("; ", reused)}");
    }

    [Fact]
    public void The_emulator_declares_no_log_events() =>
        Assert.Empty(LogEventRule.Find(Emulator.GetTypes()));

    [Fact]
    public void No_layer_references_a_layer_above_it()
    {
        using var module = IlReferences.Read(Library);
        PendingViolations.AssertOnly(LayerReferenceRule.Check(module, HouseMap.Library), Pending.LayerReferences);
    }

    [Fact]
    public void Loggers_are_created_with_their_room_category_and_telemetry_is_injected_one_way()
    {
        using var module = IlReferences.Read(Library);
        PendingViolations.AssertOnly(
            LoggingWiringRule.Check(module, LoggingWiringRule.LibraryTelemetry, LoggingWiringRule.LibraryEntryPoints),
            Pending.LoggingWiring);
    }

    [Fact]
    public void No_source_file_is_over_300_lines_without_a_reason_on_its_first_line() =>
        PendingViolations.AssertOnly(FileLengthRule.Check(RepositoryFiles.Root, RepositoryFiles.Src), Pending.LongFiles);

    [Fact]
    public void The_readme_says_when_each_public_exception_is_thrown_and_what_to_do() =>
        Assert.Empty(ReadmeExceptionTable.Check(
            File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")),
            Library.GetTypes().Where(t => t.IsVisible && typeof(Exception).IsAssignableFrom(t))));

    [Fact]
    public void Folders_match_namespaces() =>
        PendingViolations.AssertOnly(FolderNamespaceRule.Check(RepositoryFiles.Root, RepositoryFiles.Src), []);

    /// <summary>The public classes meant for extension, each with its reason (rule b).</summary>
    internal static readonly IReadOnlyDictionary<string, string> MeantForExtension = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Pinterest.Publishing.PinMedia"] = "closed hierarchy: the abstract base of the sealed media kinds (private protected constructor)",
        ["Pinterest.Publishing.VideoSource"] = "closed hierarchy: the abstract base of the sealed video sources (private protected constructor)",
        ["Pinterest.Publishing.VideoCover"] = "closed hierarchy: the abstract base of the sealed cover kinds (private protected constructor)",
        ["Pinterest.Publishing.Scheduling.PinPublishOutcome"] = "closed hierarchy: the abstract base of the sealed outcome records (private protected constructor)",
        ["Pinterest.Publishing.Api.Models.PinMediaSource"] = "closed hierarchy: the abstract, JSON-polymorphic base of the sealed media_source kinds",
        ["Pinterest.Publishing.PinterestException"] = "the base every library failure derives from: catch it to catch them all",
        ["Pinterest.Publishing.PinterestApiException"] = "the base of the API's failures (rate limit, trial access): catch it to catch them all",
        ["Pinterest.Publishing.Api.PinterestClient"] = "mockable: protected constructor and virtual members (README, Mock the client)",
        ["Pinterest.Publishing.Api.PinsClient"] = "mockable: protected constructor and virtual members",
        ["Pinterest.Publishing.Api.BoardsClient"] = "mockable: protected constructor and virtual members",
        ["Pinterest.Publishing.Api.MediaClient"] = "mockable: protected constructor and virtual members",
        ["Pinterest.Publishing.Api.UserAccountClient"] = "mockable: protected constructor and virtual members",
        ["Pinterest.Publishing.Api.OAuthClient"] = "mockable: protected constructor and virtual members",
    };
}
