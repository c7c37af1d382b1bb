namespace Pinterest.Publishing.Tests.TestSupport;

public static class TestBytes
{
    public static byte[] Create(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
