namespace Pinterest.Publishing.Health.Internal;

/// <summary>The names of the checks, as they appear in a health report.</summary>
internal static class PinterestHealthCheckNames
{
    public const string Options = "pinterest-publishing-options";
    public const string TokenStore = "pinterest-publishing-token-store";
    public const string Schedule = "pinterest-publishing-schedule";
    public const string Dispatcher = "pinterest-publishing-dispatcher";
}
