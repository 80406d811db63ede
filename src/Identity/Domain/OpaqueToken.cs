using System.Buffers.Text;
using System.Security.Cryptography;

namespace Infogerance.Identity.Domain;

/// <summary>
/// The secrets we hand out — session cookies, invitation and unlock links, API keys — as <c>{kind}_{organisation}_{secret}</c>.
/// The organisation part lets a lookup run inside that organisation's row-level security scope; only a SHA-256
/// hash of the whole token is stored, so a database leak yields no usable secret.
/// </summary>
public sealed record OpaqueToken(string Kind, Guid OrganisationId, string Value)
{
    public const string Session = "ses";
    public const string Invitation = "inv";
    public const string Unlock = "unl";
    public const string ApiKey = "ifgk";

    public byte[] Hash => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Value));

    public static OpaqueToken Create(string kind, Guid organisationId)
    {
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return new OpaqueToken(kind, organisationId, $"{kind}_{organisationId:N}_{secret}");
    }

    public static OpaqueToken? Parse(string kind, string? value)
    {
        var parts = value?.Split('_', 3);
        return parts is [var k, var organisation, { Length: 43 }] && k == kind && Guid.TryParseExact(organisation, "N", out var id)
            ? new OpaqueToken(kind, id, value!)
            : null;
    }

    /// <summary>What an admin sees of an API key after creation: enough to tell keys apart.</summary>
    public string Prefix => Value[..(Kind.Length + 34 + 6)];
}
