using System.Globalization;

namespace Pinterest.Publishing.Internal.Options;

/// <summary>
/// A <see cref="TimeSpan"/> setting must lie between <see cref="Minimum"/> and <see cref="Maximum"/> (invariant
/// <c>[d.]hh:mm:ss</c> text, as <c>Range(typeof(TimeSpan), …)</c> takes them; see <see cref="OptionLimits"/>).
/// </summary>
internal sealed class TimeSpanRangeAttribute : OptionValidationAttribute
{
    private readonly TimeSpan _minimum;
    private readonly TimeSpan _maximum;

    public TimeSpanRangeAttribute(string minimum, string maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
        _minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        _maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    /// <summary>The shortest span allowed (excluded when <see cref="MinimumIsExclusive"/>).</summary>
    public string Minimum { get; }

    /// <summary>The longest span allowed.</summary>
    public string Maximum { get; }

    /// <summary>Whether <see cref="Minimum"/> itself is refused: with zero, the span must be positive.</summary>
    public bool MinimumIsExclusive { get; set; }

    /// <inheritdoc />
    protected override string Requirement
    {
        get
        {
            var lower = (MinimumIsExclusive, _minimum == TimeSpan.Zero) switch
            {
                (true, true) => "must be positive",
                (false, true) => "must be zero or more",
                (true, false) => $"must be longer than {Minimum}",
                (false, false) => $"must be at least {Minimum}",
            };
            return _maximum == TimeSpan.MaxValue ? lower : $"{lower} and at most {Maximum}";
        }
    }

    /// <inheritdoc />
    protected override bool IsValidValue(object? value) =>
        value is TimeSpan span && (MinimumIsExclusive ? span > _minimum : span >= _minimum) && span <= _maximum;
}
