using Microsoft.Extensions.Options;

namespace Pinterest.Publishing.Scheduling.Internal;

/// <summary>
/// Checks each setting of <see cref="PinSchedulingOptions"/> against the validation attributes on it; generated at
/// build time like <c>PinterestPublishingOptionsValidator</c>, and kept beside the scheduler because the options layer
/// below may not reference the scheduling types.
/// </summary>
[OptionsValidator]
internal sealed partial class PinSchedulingOptionsValidator : IValidateOptions<PinSchedulingOptions>;
