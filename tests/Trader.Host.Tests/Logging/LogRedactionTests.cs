using Serilog;
using Serilog.Context;
using Trader.Domain.Security;
using Trader.Domain.Trading;
using Trader.Host.Logging;
using Trader.Testing;

namespace Trader.Host.Tests.Logging;

/// <summary>
/// The secret scanner over every sink (REQ-SEC1, NFR-O1): secrets planted in every path that could carry them into a
/// log — message text, scalar properties, nested objects, dictionaries, sequences, LogContext, ToString of objects,
/// exception messages, inner and aggregate exceptions, stack text — must appear 0 times in the file and console output.
/// </summary>
public sealed class LogRedactionTests
{
    [Fact]
    [Trait("Req", "REQ-SEC1")]
    [Trait("Req", "NFR-O1")]
    public void No_fragment_of_any_planted_secret_reaches_any_sink()
    {
        using var dir = new TempDir();
        var secrets = new PlantedSecrets(seed: 7);
        var console = new StringWriter();
        var redactor = new SecretRedactor();
        var credentials = new ApiCredentials(secrets.KeyName, secrets.EcPem);
        redactor.Register(credentials);
        redactor.Register(new ApiCredentials(secrets.KeyName, secrets.Ed25519));
        var options = new LogOptions
        {
            Directory = dir.File("logs"), Mode = TradingMode.Live, Console = console, MaxBytes = 4096, BackupCount = 50,
            MinimumLevel = Serilog.Events.LogEventLevel.Verbose,
        };

        var events = 0;
        using (var logger = TraderLogging.Create(options, redactor, VirtualTime.Create().TimeProvider))
        {
            foreach (var (name, value) in secrets.Planted)
            {
                logger.Information("message text carries " + value); events++;
                logger.Warning("scalar {Name} {Value}", name, value); events++;
                logger.Information("stringified {$Value}", new Leaky(value)); events++;
                logger.Information("captured by ToString {Value}", new Leaky(value)); events++;
                logger.Information("nested {@Request}", new
                {
                    Url = "https://api.coinbase.com/api/v3/brokerage/orders",
                    Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + value, ["X-" + name] = value, ["Cookie"] = secrets.OpaqueToken },
                    Auth = new { Token = secrets.OpaqueToken, PrivateKey = secrets.Ed25519, api_secret = secrets.OpaqueToken },
                    Body = new { Secret = value, Items = new[] { value, "ok" }, Inner = new { Deeper = new List<object> { value } } },
                }); events++;
                logger.Information("dictionary keyed by the secret {Map}", new Dictionary<string, int> { [value] = 1 }); events++;
                logger.Information("sequence {List}", new List<string> { "a", value }); events++;
                using (LogContext.PushProperty("context_value", value))
                    logger.Information("log context"); events++;
                logger.ForContext("for_context", value).Debug("for context"); events++;
                logger.Error(new InvalidOperationException("outer carries " + value,
                    new HttpRequestException("inner carries " + value, new FormatException(value))), "exception {Name}", name); events++;
                logger.Fatal(new AggregateException("aggregate " + value, new TimeoutException(value), new LeakyException(value)), "aggregate"); events++;
                logger.Verbose(Thrown(value), "thrown and caught, with a real stack trace"); events++;
            }
            logger.Information("credentials {@Credentials} {Credentials}", credentials, credentials); events++;
            logger.Information("header as json {Json}", $"{{\"Authorization\":\"Bearer {secrets.OpaqueToken}\",\"private_key\":\"{secrets.EcPem.Replace("\n", "\\n")}\"}}"); events++;
            logger.Information("opaque token alone: Bearer {Opaque}", secrets.OpaqueToken); events++;
            logger.Information("opaque token under a credential name {Authorization} {password}", secrets.OpaqueToken, secrets.OpaqueToken); events++;
        }

        var files = Directory.GetFiles(options.Directory);
        Assert.True(files.Length > 1, "the test must cover rolled files too");
        var fileOutput = string.Join('\n', files.Select(File.ReadAllText));
        var consoleOutput = console.ToString();
        Assert.Equal(events, fileOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("{\"@t\"", StringComparison.Ordinal)));
        Assert.Contains(SecretRedactor.Mask, fileOutput);
        Assert.Contains(SecretRedactor.Mask, consoleOutput);
        Assert.Contains("outer carries", consoleOutput);

        var leaks = secrets.Scan(fileOutput).Select(l => "file: " + l).Concat(secrets.Scan(consoleOutput).Select(l => "console: " + l)).ToList();
        Assert.True(leaks.Count == 0, "leaked:\n" + string.Join("\n", leaks));
    }

    private static Exception Thrown(string secret)
    {
        try
        {
            throw new UnauthorizedAccessException("denied for " + secret);
        }
        catch (UnauthorizedAccessException e)
        {
            return e;
        }
    }

    private sealed class Leaky(string secret)
    {
        public override string ToString() => "Leaky(" + secret + ")";
    }

    private sealed class LeakyException(string secret) : Exception("leaky")
    {
        public override string ToString() => "LeakyException: " + secret;

        public override string StackTrace => "at Secret.Place(" + secret + ")";
    }
}
