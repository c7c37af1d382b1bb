
namespace Pinterest.Publishing.Api.Models;

/// <summary>How fresh a <see cref="TopPinsReport"/>'s data is.</summary>
public sealed class TopPinsDateAvailability
{
    /// <summary>Whether the data is real time.</summary>
    public bool? IsRealtime { get; set; }

    /// <summary>The latest moment the data covers, in Unix milliseconds as Pinterest sends it.</summary>
    public double? LatestAvailableTimestamp { get; set; }
}
