
namespace Pinterest.Publishing;

/// <summary>Which Pinterest API host to call when no explicit base address is set.</summary>
public enum PinterestEnvironment
{
    /// <summary><c>https://api.pinterest.com/</c>.</summary>
    Production = 0,

    /// <summary><c>https://api-sandbox.pinterest.com/</c>: needs a sandbox token; no video Pins, no analytics.</summary>
    Sandbox = 1,
}
