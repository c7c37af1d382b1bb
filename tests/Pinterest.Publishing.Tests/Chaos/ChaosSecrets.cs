using System.Net;
using System.Text;
using Pinterest.Publishing.Testing;

namespace Pinterest.Publishing.Tests.Chaos;

/// <summary>
/// Every secret of an emulator run: the client secret and the Basic credential, each access and refresh token the
/// emulator issued (as the token store received them and as requests carried them, with the random part after the
/// <c>pina_</c>/<c>pinr_</c> prefix on its own), the presigned upload fields, and the test's own URL secrets.
/// </summary>
internal static class ChaosSecrets
{
    // The upload fields whose values sign or authorize the upload; the others (key, date, algorithm) are not secret.
    private static readonly string[] SecretUploadFields = ["x-amz-signature", "x-amz-security-token", "x-amz-credential", "policy"];

    public static IReadOnlyList<(string Kind, string Value)> Collect(
        PinterestEmulator emulator,
        IEnumerable<string> tokenStoreEvents,
        IEnumerable<(string Kind, string Value)> urlSecrets)
    {
        var options = emulator.Options;
        var secrets = new List<(string Kind, string Value)>
        {
            ("client secret", options.ClientSecret),
            ("Basic credential", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ClientId}:{options.ClientSecret}"))),
        };

        // RecordingTokenStore writes "store:{access}:{refresh}".
        foreach (var parts in tokenStoreEvents.Where(e => e.StartsWith("store:", StringComparison.Ordinal)).Select(e => e.Split(':')))
        {
            AddToken(secrets, "access token", parts[1]);
            AddToken(secrets, "refresh token", parts[2]);
        }

        foreach (var request in emulator.Requests)
        {
            AddToken(secrets, "access token", request.AccessToken);
            if (request.Path == "/v5/oauth/token")
            {
                foreach (var pair in request.BodyText.Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == "refresh_token"))
                {
                    AddToken(secrets, "refresh token", WebUtility.UrlDecode(pair[1]));
                }
            }
        }

        foreach (var media in emulator.Media)
        {
            secrets.AddRange(media.UploadParameters.Where(p => SecretUploadFields.Contains(p.Key)).Select(p => ($"upload field {p.Key}", p.Value)));
        }

        secrets.AddRange(urlSecrets);
        return secrets.Distinct().ToArray();
    }

    private static void AddToken(List<(string Kind, string Value)> secrets, string kind, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return;
        }

        secrets.Add((kind, token));
        if (token.StartsWith("pina_", StringComparison.Ordinal) || token.StartsWith("pinr_", StringComparison.Ordinal))
        {
            // A scrubber that masked only "pina_…"-shaped text would still leak the token quoted without its prefix.
            secrets.Add(($"{kind} without its prefix", token[5..]));
        }
    }
}
