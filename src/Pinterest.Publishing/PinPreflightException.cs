using Pinterest.Publishing.Preflight;

namespace Pinterest.Publishing;

/// <summary>Preflight found at least one error; nothing was sent to Pinterest.</summary>
public sealed class PinPreflightException : PinterestException
{
    /// <summary>Creates the exception.</summary>
    public PinPreflightException()
    {
        Result = PreflightResult.Empty;
    }

    /// <summary>Creates the exception with a message.</summary>
    public PinPreflightException(string message)
        : base(message)
    {
        Result = PreflightResult.Empty;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PinPreflightException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Result = PreflightResult.Empty;
    }

    /// <summary>Creates the exception for a result.</summary>
    public PinPreflightException(PreflightResult result)
        : base(BuildMessage(result))
    {
        Result = result;
    }

    /// <summary>Every issue found, errors and warnings.</summary>
    public PreflightResult Result { get; }

    private static string BuildMessage(PreflightResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var errors = result.Errors;
        return errors.Count switch
        {
            0 => "The Pin failed preflight.",
            1 => $"The Pin failed preflight: {errors[0]}",
            _ => $"The Pin failed preflight with {errors.Count} errors: " + string.Join("; ", errors.Select(e => e.ToString())),
        };
    }
}
