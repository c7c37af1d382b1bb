using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.Internal.Options;

/// <summary>
/// Checks each setting of <see cref="PinterestPublishingOptions"/> and its nested options against the validation
/// attributes on it (ranges, timer bounds); generated at build time, so no reflection runs (trim- and AOT-safe). Rules
/// across settings are <see cref="PinterestPublishingOptionsCustomValidator"/>'s.
/// </summary>
[OptionsValidator]
internal sealed partial class PinterestPublishingOptionsValidator : IValidateOptions<PinterestPublishingOptions>;
