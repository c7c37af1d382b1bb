namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>
/// The services some integration tests need beyond the .NET SDK: PostgreSQL and a Chromium executable. <c>.ci/run</c>
/// starts both (eng/ci-services.sh) and exports where they are; on a developer machine without them the tests skip
/// with a line that says how to run them, and with <c>CI=true</c> they fail instead of skipping.
/// </summary>
internal static class ExternalServices
{
    /// <summary>The environment variable holding an Npgsql connection string to a PostgreSQL the tests may use freely.</summary>
    public const string PostgresVariable = "PINTEREST_TEST_POSTGRES";

    /// <summary>The environment variable holding the path of a Chromium (or Chrome) executable.</summary>
    public const string ChromiumVariable = "PINTEREST_TEST_CHROMIUM";

    /// <summary>Why PostgreSQL tests skip, or <see langword="null"/> when they run (the service is there, or CI must have it).</summary>
    public static string? PostgresSkipReason => SkipReason(PostgresVariable,
        "PostgreSQL test skipped: set " + PostgresVariable + " to an Npgsql connection string (e.g. "
        + "\"Host=127.0.0.1;Port=5432;Username=postgres;Database=postgres\") or run .ci/run, which starts one.");

    /// <summary>Why browser tests skip, or <see langword="null"/> when they run.</summary>
    public static string? ChromiumSkipReason => SkipReason(ChromiumVariable,
        "Browser test skipped: set " + ChromiumVariable + " to a Chromium executable (Debian: apt-get install chromium; "
        + "then /usr/bin/chromium) or run .ci/run, which installs it.");

    /// <summary>Whether a missing service must fail the test rather than skip it.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL connection string; throws (failing the test) when CI runs without it.</summary>
    public static string PostgresConnectionString => Require(PostgresVariable);

    /// <summary>The Chromium executable; throws (failing the test) when CI runs without it.</summary>
    public static string ChromiumExecutable => Require(ChromiumVariable);

    private static string? SkipReason(string variable, string reason) =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)) && !IsCi ? reason : null;

    private static string Require(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set and CI=true: .ci/run must start this service (eng/ci-services.sh); a missing service fails in CI.");
}

/// <summary>A fact that needs PostgreSQL (<see cref="ExternalServices.PostgresVariable"/>): skipped with a how-to line when absent, failed under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = ExternalServices.PostgresSkipReason;
}

/// <summary>A theory that needs PostgreSQL: skipped with a how-to line when absent, failed under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute() => Skip = ExternalServices.PostgresSkipReason;
}

/// <summary>A fact that needs a Chromium executable (<see cref="ExternalServices.ChromiumVariable"/>): skipped with a how-to line when absent, failed under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute() => Skip = ExternalServices.ChromiumSkipReason;
}
