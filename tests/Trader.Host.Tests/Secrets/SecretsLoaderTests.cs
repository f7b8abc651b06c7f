using Trader.Domain.Config;
using Trader.Domain.Security;
using Trader.Host.Secrets;
using Trader.Testing;

namespace Trader.Host.Tests.Secrets;

[Trait("Req", "REQ-SEC1")]
public sealed class SecretsLoaderTests
{
    private static readonly SecretsSection Names = new();

    private sealed class FakeEnvironment(Dictionary<string, string> values)
    {
        public List<string> Asked { get; } = [];

        public string? Get(string name)
        {
            Asked.Add(name);
            return values.GetValueOrDefault(name);
        }
    }

    private static (CredentialsLoadResult Result, FakeEnvironment Env) Load(Dictionary<string, string> values, SecretsSection? names = null)
    {
        var env = new FakeEnvironment(values);
        return (SecretsLoader.Load(names ?? Names, env.Get), env);
    }

    [Fact]
    public void An_ES256_SEC1_PEM_and_its_name_load_from_the_environment_and_only_the_configured_variables_are_read()
    {
        var (result, env) = Load(new() { ["COINBASE_API_KEY_NAME"] = TestKeys.KeyName, ["COINBASE_API_PRIVATE_KEY"] = TestKeys.Es256Sec1Pem });

        Assert.Empty(result.Problems);
        Assert.Equal(TestKeys.KeyName, result.Credentials!.KeyName);
        Assert.Equal(TestKeys.Es256Sec1Pem.Trim(), result.Credentials.PrivateKey);
        Assert.Equal(ApiKeyKind.Es256, result.Credentials.Kind);
        Assert.Equal("environment variable COINBASE_API_PRIVATE_KEY", result.Source);
        Assert.Equal(["COINBASE_API_KEY_NAME", "COINBASE_API_PRIVATE_KEY", "COINBASE_API_PRIVATE_KEY_FILE"], env.Asked.Order());
    }

    [Fact]
    public void The_variable_names_come_from_the_secrets_section()
    {
        var names = new SecretsSection { KeyNameEnv = "MY_NAME", PrivateKeyEnv = "MY_KEY", PrivateKeyFileEnv = "MY_FILE" };

        var (result, env) = Load(new() { ["MY_NAME"] = TestKeys.KeyName, ["MY_KEY"] = TestKeys.Es256Pkcs8Pem, ["COINBASE_API_PRIVATE_KEY"] = "ignored" }, names);

        Assert.True(result.KeysPresent);
        Assert.Equal(["MY_FILE", "MY_KEY", "MY_NAME"], env.Asked.Order());
    }

    [Fact]
    public void A_PKCS8_PEM_with_escaped_newlines_as_in_Coinbase_json_key_files_is_accepted_and_normalized()
    {
        var escaped = TestKeys.Es256Pkcs8Pem.Trim().Replace("\n", "\\n");

        var (result, _) = Load(new() { ["COINBASE_API_KEY_NAME"] = TestKeys.KeyName, ["COINBASE_API_PRIVATE_KEY"] = escaped });

        Assert.Empty(result.Problems);
        Assert.Equal(TestKeys.Es256Pkcs8Pem.Trim(), result.Credentials!.PrivateKey);
    }

    [Theory]
    [InlineData(88)]
    [InlineData(44)]
    public void An_Ed25519_base64_key_of_64_or_32_bytes_is_accepted(int characters)
    {
        var key = characters == 88 ? TestKeys.Ed25519Base64 : TestKeys.Ed25519SeedBase64;
        Assert.Equal(characters, key.Length);

        var (result, _) = Load(new() { ["COINBASE_API_KEY_NAME"] = "6e9c1b1c-0f4e-4b7a-9f2e-3c1d2e3f4a5b", ["COINBASE_API_PRIVATE_KEY"] = key });

        Assert.Empty(result.Problems);
        Assert.Equal(ApiKeyKind.Ed25519, result.Credentials!.Kind);
    }

    [Fact]
    public void The_private_key_can_come_from_a_key_file_named_in_the_environment()
    {
        using var dir = new TempDir();
        var path = dir.File("cdp.pem");
        File.WriteAllText(path, TestKeys.Es256Sec1Pem);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var (result, _) = Load(new() { ["COINBASE_API_KEY_NAME"] = TestKeys.KeyName, ["COINBASE_API_PRIVATE_KEY_FILE"] = path });

        Assert.Empty(result.Problems);
        Assert.Empty(result.Warnings);
        Assert.Equal(TestKeys.Es256Sec1Pem.Trim(), result.Credentials!.PrivateKey);
        Assert.Equal("key file named by COINBASE_API_PRIVATE_KEY_FILE", result.Source);
    }

    [Fact]
    public void A_key_file_readable_by_others_loads_with_a_warning()
    {
        if (OperatingSystem.IsWindows())
            return;
        using var dir = new TempDir();
        var path = dir.File("cdp.pem");
        File.WriteAllText(path, TestKeys.Es256Sec1Pem);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        var (result, _) = Load(new() { ["COINBASE_API_KEY_NAME"] = TestKeys.KeyName, ["COINBASE_API_PRIVATE_KEY_FILE"] = path });

        Assert.True(result.KeysPresent);
        Assert.Contains(result.Warnings, w => w.Contains("readable by other users", StringComparison.Ordinal));
    }

    [Fact]
    public void No_variable_set_means_no_key_and_no_problem()
    {
        var (result, _) = Load([]);

        Assert.False(result.KeysPresent);
        Assert.Empty(result.Problems);
    }

    public static TheoryData<string, string, string, string> Broken => new()
    {
        // key name, inline key, key file, expected problem (start)
        { "", "PEM", "", "a private key is set but COINBASE_API_KEY_NAME (the key name) is not" },
        { TestKeys.KeyName, "", "", "COINBASE_API_KEY_NAME is set but neither COINBASE_API_PRIVATE_KEY nor COINBASE_API_PRIVATE_KEY_FILE is" },
        { TestKeys.KeyName, "PEM", "/some/file.pem", "both COINBASE_API_PRIVATE_KEY and COINBASE_API_PRIVATE_KEY_FILE are set; set only one" },
        { TestKeys.KeyName, "", "/no/such/key.pem", "COINBASE_API_PRIVATE_KEY_FILE names a key file that does not exist: /no/such/key.pem" },
        { TestKeys.KeyName, "P384", "", "the private key from environment variable COINBASE_API_PRIVATE_KEY is an EC key on another curve" },
        { TestKeys.KeyName, "PUBLIC", "", "the private key from environment variable COINBASE_API_PRIVATE_KEY is a public key PEM" },
        { TestKeys.KeyName, "CORRUPT", "", "the private key from environment variable COINBASE_API_PRIVATE_KEY is not a valid EC P-256 private key PEM" },
        { TestKeys.KeyName, "SHORT", "", "the private key from environment variable COINBASE_API_PRIVATE_KEY is base64 of 48 bytes" },
        { TestKeys.KeyName, "not base64 at all!", "", "the private key from environment variable COINBASE_API_PRIVATE_KEY is neither an EC P-256 PEM nor base64" },
        { "organizations/x/apiKeys/ y", "PEM", "", "COINBASE_API_KEY_NAME contains whitespace" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_key_is_reported_without_printing_it(string name, string inline, string file, string expected)
    {
        var key = inline switch
        {
            "PEM" => TestKeys.Es256Sec1Pem,
            "P384" => TestKeys.P384Pem,
            "PUBLIC" => PublicPem(),
            "CORRUPT" => TestKeys.Es256Sec1Pem.Replace("\n", "\nAAAA", StringComparison.Ordinal),
            "SHORT" => Convert.ToBase64String(new byte[48]),
            _ => inline,
        };
        var values = new Dictionary<string, string>();
        if (name.Length > 0) values["COINBASE_API_KEY_NAME"] = name;
        if (key.Length > 0) values["COINBASE_API_PRIVATE_KEY"] = key;
        if (file.Length > 0) values["COINBASE_API_PRIVATE_KEY_FILE"] = file;

        var (result, _) = Load(values);

        Assert.False(result.KeysPresent);
        Assert.Contains(result.Problems, p => p.StartsWith(expected, StringComparison.Ordinal));
        var text = string.Join("\n", result.Problems.Concat(result.Warnings));
        foreach (var line in TestKeys.BodyLines(key))
            Assert.DoesNotContain(line, text);
    }

    [Fact]
    public void Credentials_print_without_the_private_key()
    {
        var (result, _) = Load(new() { ["COINBASE_API_KEY_NAME"] = TestKeys.KeyName, ["COINBASE_API_PRIVATE_KEY"] = TestKeys.Es256Sec1Pem });

        var status = new SecretsStatus(result, KeyRotation.Evaluate(Names, result.KeysPresent, VirtualTime.Create().TimeProvider));
        var printed = string.Join("\n", status.StartupLines()) + result.Credentials;

        foreach (var line in TestKeys.BodyLines(TestKeys.Es256Sec1Pem))
            Assert.DoesNotContain(line, printed);
        Assert.Contains("API key loaded from environment variable COINBASE_API_PRIVATE_KEY (Es256)", printed);
    }

    private static string PublicPem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        return key.ExportSubjectPublicKeyInfoPem();
    }
}
