using System.Runtime.CompilerServices;

namespace Pinterest.Publishing.Api.Internal;

/// <summary>
/// The optional <c>ad_account_id</c> query parameter (Pinterest's "Business Access"): the call acts for the owner of that
/// ad account. The spec allows digits only, at most <see cref="PinterestLimits.AdAccountIdMaxLength"/> of them.
/// </summary>
internal static class BusinessAccess
{
    /// <summary>Adds <c>ad_account_id</c> when <paramref name="adAccountId"/> is set; throws when it is not an ad account id.</summary>
    public static QueryBuilder AddAdAccountId(this QueryBuilder query, string? adAccountId, [CallerArgumentExpression(nameof(adAccountId))] string? parameterName = null) =>
        query.Add("ad_account_id", Validate(adAccountId, parameterName));

    /// <summary>The query of a call whose only optional parameter is <c>ad_account_id</c>.</summary>
    public static QueryBuilder Query(string? adAccountId, [CallerArgumentExpression(nameof(adAccountId))] string? parameterName = null) =>
        new QueryBuilder().AddAdAccountId(adAccountId, parameterName);

    private static string? Validate(string? adAccountId, string? parameterName)
    {
        if (adAccountId is null)
        {
            return null;
        }

        if (adAccountId.Length is 0 or > PinterestLimits.AdAccountIdMaxLength || !adAccountId.All(char.IsAsciiDigit))
        {
            throw new ArgumentException(
                $"The ad account id must be 1 to {PinterestLimits.AdAccountIdMaxLength} digits (Pinterest's ad_account_id, from List ad accounts); pass null to act for the token's own user.",
                parameterName);
        }

        return adAccountId;
    }
}
