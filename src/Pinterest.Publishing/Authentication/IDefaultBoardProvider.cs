
namespace Pinterest.Publishing.Authentication;

/// <summary>Gives the host's default board for an account, used when a request names no board.</summary>
public interface IDefaultBoardProvider
{
    /// <summary>The account's default board id, or <see langword="null"/> when it has none.</summary>
    Task<string?> GetDefaultBoardIdAsync(string accountId, CancellationToken cancellationToken = default);
}
