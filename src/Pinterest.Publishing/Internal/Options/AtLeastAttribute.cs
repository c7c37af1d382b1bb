using System.Globalization;

namespace Pinterest.Publishing.Internal.Options;

/// <summary>An <see cref="int"/> or <see cref="long"/> setting must be at least <see cref="Minimum"/>.</summary>
internal sealed class AtLeastAttribute(long minimum) : OptionValidationAttribute
{
    /// <summary>The smallest value allowed.</summary>
    public long Minimum { get; } = minimum;

    /// <inheritdoc />
    protected override string Requirement => string.Create(CultureInfo.InvariantCulture, $"must be at least {Minimum}");

    /// <inheritdoc />
    protected override bool IsValidValue(object? value) => value switch
    {
        int number => number >= Minimum,
        long number => number >= Minimum,
        _ => false,
    };
}
