namespace Trader.Coinbase.Tests.Rest;

/// <summary>One request as the scripted server saw it, stamped with the virtual clock's time at arrival.</summary>
public sealed record RecordedRequest(
    int Index,
    string Method,
    string Path,
    string Query,
    string Body,
    string? Authorization,
    DateTimeOffset At)
{
    public bool Is(string method, string path) => Method == method && Path == path;
}
