using System.Globalization;

namespace Pinterest.Publishing.ProofWorker;

/// <summary>
/// What a worker needs, from <c>--name value</c> arguments or, for each, the environment variable <c>PROOF_NAME</c>
/// (upper case, dashes as underscores). The client secret and the connection string are best passed in the environment,
/// which other users of the machine cannot read, unlike a command line.
/// </summary>
internal sealed record ProofWorkerSettings
{
    public required string Postgres { get; init; }

    public required Uri Emulator { get; init; }

    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required string WorkerName { get; init; }

    /// <summary>How long a claim keeps other workers away; the proof kills a worker, so its claims wait this long.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    public int MaxConcurrentPublishesPerAccount { get; init; } = 2;

    public static ProofWorkerSettings Read(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected '--name value' pairs; '{args[i]}' is not a '--name'.", nameof(args));
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Get(string name) => Find(name) ?? throw new ArgumentException(
            $"Missing setting '{name}': pass --{name} <value> or set {EnvironmentName(name)}.", nameof(args));

        string? Find(string name) => values.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(EnvironmentName(name));

        var settings = new ProofWorkerSettings
        {
            Postgres = Get("postgres"),
            Emulator = new Uri(Get("emulator"), UriKind.Absolute),
            ClientId = Get("client-id"),
            ClientSecret = Get("client-secret"),
            WorkerName = Get("worker-name"),
        };

        return settings with
        {
            Lease = Find("lease-ms") is { } lease ? TimeSpan.FromMilliseconds(int.Parse(lease, CultureInfo.InvariantCulture)) : settings.Lease,
            PollInterval = Find("poll-ms") is { } poll ? TimeSpan.FromMilliseconds(int.Parse(poll, CultureInfo.InvariantCulture)) : settings.PollInterval,
            MaxConcurrentPublishesPerAccount = Find("max-per-account") is { } max ? int.Parse(max, CultureInfo.InvariantCulture) : settings.MaxConcurrentPublishesPerAccount,
        };
    }

    private static string EnvironmentName(string name) => "PROOF_" + name.Replace('-', '_').ToUpperInvariant();
}
