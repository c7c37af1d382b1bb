using Pinterest.Publishing.Tests.Api;

namespace Pinterest.Publishing.Tests.DependencyInjection;

/// <summary>
/// README code blocks that are compiled: each is the text between markers in a test file (<see cref="ReadmeQuickStart"/>,
/// <see cref="Scheduling.PublishPinJob"/>, the mocking example in <see cref="Api.ClientMockingTests"/>), so a renamed or removed API breaks the build instead of the README.
/// </summary>
public sealed class ReadmeCodeBlockTests
{
    [Theory]
    [InlineData("DependencyInjection/ReadmeQuickStart.cs", "README quick start", "## Quick start", 0)]
    [InlineData("DependencyInjection/ReadmeQuickStart.cs", "README publish directly", "## Quick start", 1)]
    [InlineData("Scheduling/ReadmeHangfireExample.cs", "README hangfire", "### Other job systems (Hangfire, Quartz.NET)", 0)]
    [InlineData("Api/ClientMockingTests.cs", "README mock client", "## Mock the client in your tests", 0)]
    public void The_readme_block_is_the_compiled_snippet(string file, string marker, string heading, int blockIndex)
    {
        var root = OpenApiContract.RepositoryRoot();
        var snippet = Parts(File.ReadAllLines(Path.Combine(root, "tests", "Pinterest.Publishing.Tests", file)), marker);
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{heading}' section.");
        var blocks = CSharpBlocks(readme[start..]);

        Assert.True(blocks.Count > blockIndex, $"README.md has {blocks.Count} csharp blocks from '{heading}' on; expected block {blockIndex + 1}.");
        Assert.Equal(snippet, blocks[blockIndex]);
    }

    // The lines between each "<marker>: part" and "<marker>: end part", each part dedented by its own indentation
    // (so a part inside a method compares equal to the README's top-level text), parts separated by a blank line.
    private static List<string> Parts(string[] lines, string marker)
    {
        var result = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "// " + marker + ": part")
            {
                continue;
            }

            var part = lines.Skip(i + 1).TakeWhile(line => line.Trim() != "// " + marker + ": end part").ToList();
            if (result.Count > 0)
            {
                result.Add(string.Empty);
            }

            var indent = part.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
            result.AddRange(part.Select(line => line.Length >= indent ? line[indent..].TrimEnd() : line.Trim()));
            i += part.Count;
        }

        Assert.NotEmpty(result);
        return result;
    }

    private static List<List<string>> CSharpBlocks(string section)
    {
        var blocks = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in section.Split('\n'))
        {
            if (current is null && line.TrimEnd() == "```csharp")
            {
                current = [];
            }
            else if (current is not null && line.TrimEnd() == "```")
            {
                blocks.Add(current);
                current = null;
            }
            else
            {
                current?.Add(line.TrimEnd());
            }
        }

        return blocks;
    }
}
