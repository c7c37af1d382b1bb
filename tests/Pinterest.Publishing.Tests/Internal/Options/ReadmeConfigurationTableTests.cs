using Pinterest.Publishing.Api;
using Pinterest.Publishing.Scheduling;

namespace Pinterest.Publishing.Tests.Internal.Options;

/// <summary>
/// The README's configuration tables list every setting of every options type, with the default the code has, and
/// nothing else: an option added, renamed or removed, or a default changed, fails here until the README follows.
/// </summary>
public sealed class ReadmeConfigurationTableTests
{
    public static TheoryData<Type> OptionsTypes => new()
    {
        typeof(PinterestPublishingOptions),
        typeof(PinSchedulingOptions),
        typeof(PinterestClientOptions),
    };

    [Theory]
    [MemberData(nameof(OptionsTypes))]
    public void The_readme_documents_every_setting_with_its_default_and_no_other(Type optionsType)
    {
        var readme = File.ReadAllText(Path.Combine(OpenApiContract.RepositoryRoot(), "README.md"));

        Assert.Empty(ConfigurationTable.Check(readme, optionsType));
    }

    [Fact]
    public void Nested_options_are_listed_by_their_full_key()
    {
        var keys = OptionSettings.Of(typeof(PinterestPublishingOptions)).Select(s => s.Key).ToArray();

        Assert.Contains("Retry:MaxRetries", keys);
        Assert.Contains("Preflight:AllowedPorts", keys);
        Assert.Contains("VideoUpload:MinUploadTimeout", keys);
        Assert.DoesNotContain("EffectiveBaseAddress", keys);
        Assert.DoesNotContain("Retry", keys);
    }

    // The checker itself, on a sample type and sample tables: it must fail on each kind of drift.
    private const string Heading = "## Sample (`SampleOptions`)\n\n| Key | Default | Meaning |\n|---|---|---|\n";

    [Fact]
    public void The_checker_accepts_a_complete_table()
    {
        var markdown = Heading + "| `Timeout` | `00:00:10` | t |\n| `Ports` | `80`, `443` | p |\n| `Name` | none | n |\n| `Inner:Limit` | `3` | l |\n\nText.";

        Assert.Empty(ConfigurationTable.Check(markdown, typeof(SampleOptions)));
    }

    [Fact]
    public void The_checker_fails_on_a_key_missing_from_the_table()
    {
        var markdown = Heading + "| `Timeout` | `00:00:10` | t |\n| `Ports` | `80`, `443` | p |\n| `Name` | none | n |\n";

        var problem = Assert.Single(ConfigurationTable.Check(markdown, typeof(SampleOptions)));
        Assert.Contains("`Inner:Limit`", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checker_fails_on_a_table_key_no_option_has()
    {
        var markdown = Heading + "| `Timeout` | `00:00:10` | t |\n| `Ports` | `80`, `443` | p |\n| `Name` | none | n |\n| `Inner:Limit` | `3` | l |\n| `Inner:OldName` | `3` | renamed |\n";

        var problem = Assert.Single(ConfigurationTable.Check(markdown, typeof(SampleOptions)));
        Assert.Contains("`Inner:OldName`", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_checker_fails_on_a_wrong_default()
    {
        var markdown = Heading + "| `Timeout` | `00:00:30` | t |\n| `Ports` | `80` | p |\n| `Name` | none | n |\n| `Inner:Limit` | `3` | l |\n";

        var problems = ConfigurationTable.Check(markdown, typeof(SampleOptions));

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("`Timeout`", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("`Ports`", StringComparison.Ordinal));
    }

    [Fact]
    public void The_checker_refuses_a_type_the_markdown_has_no_table_for()
    {
        Assert.Throws<InvalidOperationException>(() => ConfigurationTable.Check("## Other\n\n| a | b |\n", typeof(SampleOptions)));
    }

    private sealed class SampleOptions
    {
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        public IList<int> Ports { get; } = [80, 443];

        public string? Name { get; set; }

        public SampleInnerOptions Inner { get; } = new();

        public string Computed => "not a setting";
    }

    private sealed class SampleInnerOptions
    {
        public int Limit { get; set; } = 3;
    }
}
