
namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// Pinterest's error body, <c>{"code": int, "message": string}</c>, and the <c>message_detail</c> Pinterest's own client
/// reads first when it tells a spam block apart (<c>message_detail or message</c>).
/// </summary>
internal sealed class PinterestErrorBody
{
    public int? Code { get; set; }

    public string? Message { get; set; }

    public string? MessageDetail { get; set; }
}
