using Pinterest.Publishing.Tests.Api;

namespace Pinterest.Publishing.Tests.DependencyInjection;

/// <summary>The README's quick start code blocks are the compiled text of <see cref="ReadmeQuickStart"/>.</summary>
public sealed class ReadmeQuickStartTests
{
    [Theory]
    [InlineData("README quick start", 0)]
    [InlineData("README publish directly", 1)]
    public void The_readme_block_is_the_compiled_snippet(string marker, int blockIndex)
    {
        var root = OpenApiContract.RepositoryRoot();
        var snippet = Parts(File.ReadAllLines(Path.Combine(root, "tests", "Pinterest.Publishing.Tests", "DependencyInjection", "ReadmeQuickStart.cs")), marker);
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("## Quick start", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Quick start' section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var blocks = CSharpBlocks(readme[start..end]);

        Assert.True(blocks.Count > blockIndex, $"The quick start has {blocks.Count} csharp blocks; expected block {blockIndex + 1}.");
        // Blank lines are layout (the parts are separate in the file), not code.
        Assert.Equal(snippet.Where(line => line.Length > 0), blocks[blockIndex].Where(line => line.Length > 0));
    }

    // The lines between each "<marker>: part" and "<marker>: end part", each part dedented by its own indentation,
    // so a part inside a method compares equal to the README's top-level text.
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
