
namespace Pinterest.Publishing.Api.Internal;

/// <summary>Pinterest's error body, <c>{"code": int, "message": string}</c>.</summary>
internal sealed class PinterestErrorBody
{
    public int? Code { get; set; }

    public string? Message { get; set; }
}
