
namespace Pinterest.Publishing;

/// <summary>The base of every exception this library throws on purpose.</summary>
public class PinterestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PinterestException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinterestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinterestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
