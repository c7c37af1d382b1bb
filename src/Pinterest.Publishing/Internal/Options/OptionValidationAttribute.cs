using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Pinterest.Publishing.Internal.Options;

/// <summary>
/// A DataAnnotations rule on one setting whose failure names the setting's configuration key, what it must be and the
/// value it has: "<c>Pinterest:Preflight:ProbeTimeout must be positive and at most 1.00:00:00 (it is 00:00:00).</c>"
/// </summary>
/// <remarks>
/// The source-generated validator replaces the stock <see cref="RangeAttribute"/> with a copy that ignores
/// <see cref="ValidationAttribute.ErrorMessage"/> and can only say "The field PinterestPublishingOptions.X must be
/// between…" (dotnet/runtime#123137), and the stock <c>Range(typeof(TimeSpan), …)</c> is not trim-safe; these rules
/// build their own message and run as they are under the generator. Never put one on a secret: it prints the value.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
internal abstract class OptionValidationAttribute : ValidationAttribute
{
    /// <summary>What the value must be, after the key: "must be at least 1".</summary>
    protected abstract string Requirement { get; }

    /// <summary>Whether <paramref name="value"/> meets the rule.</summary>
    protected abstract bool IsValidValue(object? value);

    /// <inheritdoc />
    public override bool IsValid(object? value) => IsValidValue(value);

    /// <inheritdoc />
    public override string FormatErrorMessage(string name) => $"{OptionKeys.FromDisplayName(name)} {Requirement}.";

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return IsValidValue(value)
            ? ValidationResult.Success
            : new ValidationResult(string.Create(
                CultureInfo.InvariantCulture,
                $"{OptionKeys.FromDisplayName(validationContext.DisplayName)} {Requirement} (it is {Format(value)})."));
    }

    private static string Format(object? value) => value switch
    {
        null => "not set",
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
