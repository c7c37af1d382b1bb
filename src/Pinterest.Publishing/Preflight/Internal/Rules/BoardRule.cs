namespace Pinterest.Publishing.Preflight.Internal.Rules;

/// <summary>
/// A board is given or the account has a default one, and board and section ids are numeric, as Pinterest's
/// <c>^\d+$</c> pattern of <c>PinCreate.board_id</c> and <c>board_section_id</c> requires.
/// </summary>
internal sealed class BoardRule : IPreflightRule
{
    /// <inheritdoc />
    public void Plan(PreflightContext context, PreflightIssueList issues)
    {
    }

    /// <inheritdoc />
    public async ValueTask EvaluateAsync(PreflightContext context, PreflightIssueList issues, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (string.IsNullOrWhiteSpace(request.BoardId))
        {
            var fallback = context.DefaultBoards is null
                ? null
                : await context.DefaultBoards.GetDefaultBoardIdAsync(request.AccountId, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(fallback))
            {
                issues.Error(PreflightCodes.BoardRequired, "board_id",
                    "No board was given and the account has no default board. Set BoardId to the numeric id of one of the account's boards.");
            }
            else if (!IsNumericId(fallback))
            {
                issues.Error(PreflightCodes.BoardIdFormat, "board_id",
                    "The default board id from IDefaultBoardProvider is not numeric. Store the board's numeric id, not its name.");
            }
        }
        else if (!IsNumericId(request.BoardId))
        {
            issues.Error(PreflightCodes.BoardIdFormat, "board_id",
                "The board id must be digits only (such as 549755885175); a board name or URL was given. List the account's boards to find its id.");
        }

        if (request.BoardSectionId is not null && !IsNumericId(request.BoardSectionId))
        {
            issues.Error(PreflightCodes.BoardIdFormat, "board_section_id",
                "The board section id must be digits only; a section name was given. List the board's sections to find its id.");
        }
    }

    /// <summary>Whether an id is ASCII digits only, as Pinterest's <c>^\d+$</c> board and section ids are.</summary>
    private static bool IsNumericId(string id) => id.Length > 0 && id.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
