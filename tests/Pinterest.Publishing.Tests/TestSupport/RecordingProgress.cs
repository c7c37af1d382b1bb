namespace Pinterest.Publishing.Tests.TestSupport;

public sealed class RecordingProgress : IProgress<long>
{
    private readonly List<long> _values = [];

    public IReadOnlyList<long> Values
    {
        get
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }

    public void Report(long value)
    {
        lock (_values)
        {
            _values.Add(value);
        }
    }
}
