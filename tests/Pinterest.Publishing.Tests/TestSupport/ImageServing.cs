namespace Pinterest.Publishing.Tests.TestSupport;

/// <summary>How a test server serves media: the three ways real hosts behave.</summary>
public enum ServingMode
{
    /// <summary>Answers <c>Range</c> with 206 and <c>Content-Range</c>.</summary>
    RangeHonoured,

    /// <summary>Ignores <c>Range</c>: always 200 with the whole body.</summary>
    RangeIgnored,

    /// <summary>Honours <c>Range</c> but answers HEAD with 405, as many signed-URL hosts do.</summary>
    HeadRefused,
}

/// <summary>Serves media bytes on a <see cref="LoopbackHttpServer"/> in a <see cref="ServingMode"/>.</summary>
internal static class ImageServing
{
    public static TheoryData<ServingMode> AllModes => new() { ServingMode.RangeHonoured, ServingMode.RangeIgnored, ServingMode.HeadRefused };

    public static Uri Serve(this LoopbackHttpServer server, string path, byte[] body, string contentType, ServingMode mode)
    {
        server.Map(path, new LoopbackRoute
        {
            Body = body,
            ContentType = contentType,
            HonourRange = mode != ServingMode.RangeIgnored,
            RejectHead = mode == ServingMode.HeadRefused,
        });
        return server.Url(path);
    }
}
