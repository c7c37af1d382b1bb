
namespace Pinterest.Publishing.Internal.Options;

/// <summary>An enum setting must hold one of the named values of <see cref="EnumType"/> (configuration binds any number).</summary>
internal sealed class DefinedEnumAttribute(Type enumType) : OptionValidationAttribute
{
    /// <summary>The enum whose named values are allowed.</summary>
    public Type EnumType { get; } = enumType;

    /// <inheritdoc />
    protected override string Requirement => $"must be {string.Join(" or ", Enum.GetNames(EnumType))}";

    /// <inheritdoc />
    protected override bool IsValidValue(object? value) =>
        value is Enum member && member.GetType() == EnumType && Enum.IsDefined(EnumType, member);
}
