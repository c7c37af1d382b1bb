using System.Reflection;
using Pinterest.Publishing.Api;

namespace Pinterest.Publishing.Tests.Api;

/// <summary>The README's "The low-level client" table lists every public call of every sub-client.</summary>
public sealed class ReadmeClientSurfaceTests
{
    public static TheoryData<Type> SubClients => [typeof(PinsClient), typeof(BoardsClient), typeof(MediaClient), typeof(UserAccountClient), typeof(OAuthClient)];

    [Theory]
    [MemberData(nameof(SubClients))]
    public void The_readme_lists_every_call_of_the_sub_client(Type subClient)
    {
        var readme = File.ReadAllText(Path.Combine(OpenApiContract.RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("## The low-level client", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## The low-level client' section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        var property = typeof(PinterestClient).GetProperties().Single(p => p.PropertyType == subClient).Name;
        var rows = section.Split('\n').Where(line => line.StartsWith($"| `{property}` |", StringComparison.Ordinal)).ToList();

        var missing = subClient.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.IsVirtual && !m.IsSpecialName)
            .Select(m => m.Name)
            .Distinct()
            .Where(name => !rows.Any(row => row.Contains($"`{name}`", StringComparison.Ordinal)))
            .ToList();

        Assert.Empty(missing);
    }
}
