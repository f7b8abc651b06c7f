namespace Trader.Coinbase.Tests.Rest;

/// <summary>
/// What the scripted server does with one request: answer <see cref="Status"/> with <see cref="Body"/>, or
/// <see cref="Hang"/> (hold the request open until the client gives up), or <see cref="Drop"/> (read the
/// request, then abort the connection without answering).
/// </summary>
public sealed record ScriptedReply(int Status, string Body = "", string ContentType = "application/json", bool Hang = false, bool Drop = false)
{
    public static ScriptedReply Json(string body, int status = 200) => new(status, body);

    public static ScriptedReply Sample(string fileName, int status = 200) =>
        new(status, File.ReadAllText(Path.Combine(Trader.Testing.RepoPaths.Samples, fileName)),
            fileName.EndsWith(".txt", StringComparison.Ordinal) ? "text/plain" : "application/json");

    public static ScriptedReply Text(int status, string body) => new(status, body, "text/plain");

    public static ScriptedReply Empty(int status) => new(status);

    public static readonly ScriptedReply HangForever = new(0, Hang: true);

    public static readonly ScriptedReply DropConnection = new(0, Drop: true);
}
