using Microsoft.EntityFrameworkCore;
using Pinterest.Publishing.Tests.Conventions;

namespace Pinterest.Publishing.Tests.EntityFrameworkCore;

/// <summary>
/// The SQL scripts shipped for hosts without migrations are what the model generates, so they never drift. After a
/// model change, run the tests once with <c>PINTEREST_UPDATE_SCRIPTS=1</c> to rewrite them, and commit the result.
/// </summary>
public sealed class SchemaScriptTests
{
    public static TheoryData<string> Scripts => ["postgresql.sql", "sqlite.sql"];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void The_committed_script_equals_what_the_model_generates(string file)
    {
        var builder = new DbContextOptionsBuilder<StoreTestDbContext>();
        var options = file == "sqlite.sql"
            ? builder.UseSqlite("Data Source=:memory:").Options
            : builder.UseNpgsql("Host=localhost;Database=unused").Options;
        using var context = new StoreTestDbContext(options);
        var generated = context.Database.GenerateCreateScript().ReplaceLineEndings("\n");
        var path = Path.Combine(RepositoryFiles.Src, "Pinterest.Publishing.EntityFrameworkCore", "Scripts", file);

        if (Environment.GetEnvironmentVariable("PINTEREST_UPDATE_SCRIPTS") == "1")
        {
            File.WriteAllText(path, generated);
        }

        Assert.Equal(generated, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }
}
