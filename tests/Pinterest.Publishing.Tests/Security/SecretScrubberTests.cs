using System.Text;
using Pinterest.Publishing.Diagnostics.Internal;

namespace Pinterest.Publishing.Tests.Security;

public sealed class SecretScrubberTests
{
    [Theory]
    [InlineData("https://user:pass@cdn.example/x.jpg?X-Amz-Signature=secret#frag", "https://cdn.example/x.jpg")]
    [InlineData("http://user@127.0.0.1:8080/a/b.mp4?sig=1", "http://127.0.0.1:8080/a/b.mp4")]
    [InlineData("https://cdn.example:443/x%20y.jpg", "https://cdn.example/x%20y.jpg")]
    [InlineData("https://[::1]:9000/v?x=1", "https://[::1]:9000/v")]
    public void A_url_is_cut_to_scheme_host_port_and_path(string url, string expected)
    {
        Assert.Equal(expected, SecretScrubber.RedactUrl(new Uri(url)));
    }

    [Fact]
    public void A_relative_url_is_not_printed()
    {
        Assert.Equal("(relative URL)", SecretScrubber.RedactUrl(new Uri("/x.jpg?sig=1", UriKind.Relative)));
    }

    [Theory]
    [InlineData("Authorization: Bearer abcDEF0123456789xyz was refused", "Authorization: Bearer *** was refused")]
    [InlineData("Basic ZWNoby1jbGllbnQtaWQ6c2VjcmV0", "Basic ***")]
    [InlineData("grant_type=refresh_token&refresh_token=pinr_x%2B1&scope=a", "grant_type=refresh_token&refresh_token=***&scope=a")]
    [InlineData("{\"access_token\": \"abc123\", \"client_secret\":\"s3cr3t\"}", "{\"access_token\": \"***\", \"client_secret\":\"***\"}")]
    [InlineData("token pina_AbCdEf0123456789 and pinr_ZyXwVu9876543210", "token pina_*** and pinr_***")]
    [InlineData("fetch of https://u:p@cdn.example/x.jpg?X-Amz-Signature=abc failed", "fetch of https://cdn.example/x.jpg failed")]
    [InlineData("Basic authentication failed for Bearer tokens", "Basic authentication failed for Bearer tokens")]
    [InlineData("Invalid board id 549755885175.", "Invalid board id 549755885175.")]
    public void Credential_shapes_and_url_secrets_are_removed_from_server_text(string text, string expected)
    {
        Assert.Equal(expected, SecretScrubber.Scrub(text));
    }

    [Fact]
    public void The_exact_secrets_of_the_request_are_removed_as_sent_and_as_encoded()
    {
        const string secret = "Echo/Refresh+Token=0a1b";
        var text = $"raw {secret}, form {Uri.EscapeDataString(secret)}, url {System.Net.WebUtility.UrlEncode(secret)}, short abc";

        var scrubbed = SecretScrubber.Scrub(text, [secret, "abc"]);

        Assert.Equal("raw ***, form ***, url ***, short abc", scrubbed);
    }

    [Fact]
    public void A_secret_containing_another_is_masked_whole()
    {
        Assert.Equal("x *** y", SecretScrubber.Scrub("x client:supersecret y", ["supersecret", "client:supersecret"]));
    }

    [Theory]
    [InlineData("a1b2-c3d4_e5.f6:7", "a1b2-c3d4_e5.f6:7")]
    [InlineData("  abc-123  ", "abc-123")]
    [InlineData("Bearer abcdef0123456789", null)]
    [InlineData("abc/def", null)]
    [InlineData("pina_AbCdEf0123456789", null)]
    [InlineData("known-secret-token-42", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_request_id_is_kept_only_when_plainly_an_id_without_a_secret(string? value, string? expected)
    {
        Assert.Equal(expected, SecretScrubber.RequestId(value, ["known-secret-token-42"]));
    }

    [Fact]
    public void A_request_id_longer_than_an_id_is_dropped()
    {
        Assert.Null(SecretScrubber.RequestId(new string('a', SecretScrubber.MaxRequestIdLength + 1)));
        Assert.NotNull(SecretScrubber.RequestId(new string('a', SecretScrubber.MaxRequestIdLength)));
    }

    [Fact]
    public void The_credential_fields_of_a_form_are_its_secrets()
    {
        var form = Encoding.UTF8.GetBytes("grant_type=authorization_code&code=the%20code&redirect_uri=https%3A%2F%2Fa&refresh_token=a%2Bb");

        Assert.Equal(["the code", "a+b"], SecretScrubber.FormSecrets(form));
    }
}
