using Trader.Host.Cli;
using Trader.Host.Composition;
using Trader.Host.Configuration;
using Trader.Host.Tests.Configuration;
using Trader.Pipeline.Clock;
using Trader.Testing;

namespace Trader.Host.Tests.Secrets;

[Trait("Req", "REQ-SEC1")]
public sealed class ConfigSecretTests
{
    private static string Indent(string pem, int spaces) =>
        string.Join("\n", pem.Trim().Split('\n').Select(l => new string(' ', spaces) + l));

    [Fact]
    public void A_PEM_private_key_in_config_is_refused_naming_the_key_path_without_echoing_it()
    {
        var pem = TestKeys.Es256Sec1Pem;
        using var set = ConfigSet.With(app: $"exchange:\n  api_secret: |\n{Indent(pem, 4)}\n");

        var result = set.Load();

        Assert.Null(result.Config);
        var problem = Assert.Single(result.Errors);
        Assert.Equal("app.yaml", problem.File);
        Assert.Equal("exchange.api_secret", problem.KeyPath);
        Assert.StartsWith("value looks like a PEM block", problem.Message);
        AssertNothingEchoes(result, TestKeys.BodyLines(pem));
    }

    [Fact]
    public void A_Coinbase_key_name_anywhere_is_refused_without_echoing_it()
    {
        using var set = ConfigSet.With(policy: $"governance:\n  kill_switch_file: \"{TestKeys.KeyName}\"\n");

        var result = set.Load();

        var problem = Assert.Single(result.Errors);
        Assert.Equal("policy.yaml: governance.kill_switch_file: value looks like a Coinbase API key name (organizations/…/apiKeys/…)", problem.ToString()[..problem.ToString().IndexOf(';')]);
        AssertNothingEchoes(result, ["11111111-2222", "66666666-7777"]);
    }

    [Fact]
    public void A_long_base64_key_in_a_list_is_refused_with_its_index()
    {
        var key = TestKeys.Ed25519Base64;
        using var set = ConfigSet.With(universe: $"exclusions:\n  never_trade: [USDT-USD, \"{key}\"]\n");

        var result = set.Load();

        Assert.Contains(result.Errors, p => p.KeyPath == "exclusions.never_trade[1]" && p.Message.StartsWith("value looks like a long base64 key", StringComparison.Ordinal));
        AssertNothingEchoes(result, [key[..16], key[30..50]]);
    }

    [Fact]
    public void A_secret_named_key_holding_a_literal_is_refused_but_an_environment_reference_is_only_unsupported()
    {
        using var literal = ConfigSet.With(app: "exchange:\n  api_key: hunter2-is-my-password\n");
        using var reference = ConfigSet.With(app: "exchange:\n  api_key: \"${COINBASE_API_KEY}\"\n");

        var refused = literal.Load();
        var allowed = reference.Load();

        var error = Assert.Single(refused.Errors);
        Assert.Equal("exchange.api_key", error.KeyPath);
        Assert.StartsWith("holds a value; only an environment reference like ${NAME} is allowed here", error.Message);
        AssertNothingEchoes(refused, ["hunter2"]);
        Assert.Empty(allowed.Errors);
        Assert.Single(allowed.Warnings);
    }

    [Fact]
    public void A_secret_in_an_unsupported_section_is_still_refused()
    {
        using var set = ConfigSet.With(policy: "ai:\n  openai_api_key: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789\n");

        var result = set.Load();

        var error = Assert.Single(result.Errors);
        Assert.Equal("ai.openai_api_key", error.KeyPath);
        AssertNothingEchoes(result, ["abcdefghijklmnop"]);
    }

    [Fact]
    public void A_secret_used_as_a_key_name_is_redacted_from_the_path()
    {
        var key = TestKeys.Ed25519Base64;
        using var set = ConfigSet.With(app: $"exchange:\n  \"{key}\": 1\n");

        var result = set.Load();

        Assert.Contains(result.Errors, p => p.KeyPath == "exchange.<redacted>" && p.Message.StartsWith("a key name looks like", StringComparison.Ordinal));
        AssertNothingEchoes(result, [key[..16]]);
    }

    [Fact]
    public void A_secret_where_a_variable_name_belongs_is_refused_and_the_type_error_does_not_echo_it_either()
    {
        var pem = TestKeys.Es256Pkcs8Pem;
        using var set = ConfigSet.With(app: $"secrets:\n  private_key_env: |\n{Indent(pem, 4)}\n");

        var result = set.Load();

        Assert.Contains(result.Errors, p => p.KeyPath == "secrets.private_key_env" && p.Message.StartsWith("value looks like a PEM", StringComparison.Ordinal));
        Assert.Contains(result.Errors, p => p.KeyPath == "secrets.private_key_env" && p.Message.Contains("a value (not shown)", StringComparison.Ordinal));
        AssertNothingEchoes(result, TestKeys.BodyLines(pem));
    }

    [Fact]
    public async Task The_cli_refuses_a_config_holding_a_key_and_never_prints_it()
    {
        var pem = TestKeys.Es256Sec1Pem;
        using var set = ConfigSet.With(app: $"exchange:\n  api_secret: |\n{Indent(pem, 4)}\n");
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(new ProcessClock(TraderClock.Virtual(VirtualTime.Create())), output, error, _ => null);

        var exit = await TraderCli.RunAsync(["validate-config", "--config", set.Path], context);

        Assert.Equal(ExitCodes.BadInput, exit);
        Assert.StartsWith("app.yaml: exchange.api_secret: value looks like a PEM block", error.ToString());
        foreach (var line in TestKeys.BodyLines(pem))
        {
            Assert.DoesNotContain(line, error.ToString());
            Assert.DoesNotContain(line, output.ToString());
        }
    }

    [Fact]
    public void The_shipped_config_holds_no_secret()
    {
        using var set = ConfigSet.Shipped();

        Assert.Empty(set.Load().Problems);
    }

    private static void AssertNothingEchoes(ConfigLoadResult result, IEnumerable<string> fragments)
    {
        var text = string.Join("\n", result.Problems.Select(p => p.ToString()));
        foreach (var fragment in fragments)
            Assert.DoesNotContain(fragment, text);
    }
}
