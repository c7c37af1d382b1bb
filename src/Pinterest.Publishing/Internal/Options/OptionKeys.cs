
namespace Pinterest.Publishing.Internal.Options;

/// <summary>
/// The configuration key of a setting (<c>Pinterest:VideoUpload:MinUploadTimeout</c>, <c>PinScheduling:Lease</c>), as
/// start-up failures name it so a host can find the line to fix.
/// </summary>
internal static class OptionKeys
{
    /// <summary>
    /// The key of the setting the source-generated validator calls <paramref name="displayName"/>: it names a member by
    /// its path from the options type (<c>PinterestPublishingOptions.VideoUpload.MinUploadTimeout</c>). The root
    /// becomes its configuration section (<c>Pinterest</c>) or its name without <c>Options</c> (<c>PinScheduling</c>),
    /// and the dots colons, as in configuration.
    /// </summary>
    public static string FromDisplayName(string displayName)
    {
        ArgumentNullException.ThrowIfNull(displayName);
        var parts = displayName.Split('.');
        parts[0] = parts[0] switch
        {
            nameof(PinterestPublishingOptions) => PinterestDefaults.ConfigurationSectionName,
            var root when root.EndsWith("Options", StringComparison.Ordinal) && root.Length > "Options".Length => root[..^"Options".Length],
            var root => root,
        };
        return string.Join(':', parts);
    }
}
