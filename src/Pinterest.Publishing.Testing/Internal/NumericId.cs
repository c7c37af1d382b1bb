using System.Diagnostics.CodeAnalysis;

namespace Pinterest.Publishing.Testing.Internal;

/// <summary>Pinterest's ids (Pins, boards, sections, media) are digit strings: the spec's pattern <c>^\d+$</c>.</summary>
internal static class NumericId
{
    public static bool IsValid([NotNullWhen(true)] string? value) => !string.IsNullOrEmpty(value) && value.All(char.IsAsciiDigit);

    /// <summary>Answers 400 naming the path parameter when <paramref name="value"/> is not a numeric id.</summary>
    public static void Require(string value, string name)
    {
        if (!IsValid(value))
        {
            throw PinterestApiError.Invalid($"Invalid parameter: '{name}' must match the pattern ^\\d+$.");
        }
    }
}
