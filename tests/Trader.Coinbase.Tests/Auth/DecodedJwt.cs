using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace Trader.Coinbase.Tests.Auth;

/// <summary>A JWT split into its decoded header and payload, the signed bytes and the signature.</summary>
public sealed record DecodedJwt(JsonObject Header, JsonObject Payload, byte[] SigningInput, byte[] Signature)
{
    public static DecodedJwt Parse(string token)
    {
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        return new DecodedJwt(
            JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject(),
            JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject(),
            Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]),
            Base64Url.DecodeFromChars(parts[2]));
    }

    public static DecodedJwt FromBearer(string? authorization)
    {
        Assert.NotNull(authorization);
        Assert.StartsWith("Bearer ", authorization);
        return Parse(authorization["Bearer ".Length..]);
    }

    public string? Uri => Payload["uri"]?.GetValue<string>();
}
