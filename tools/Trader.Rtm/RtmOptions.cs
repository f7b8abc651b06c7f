namespace Trader.Rtm;

public sealed record RtmOptions(string Root, string SpecPath, string ResultsDir, string OutPath, bool RequireAll)
{
    public static RtmOptions? Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var root = Value("--root");
        var spec = Value("--spec");
        var results = Value("--results");
        var output = Value("--out");
        if (root is null || spec is null || results is null || output is null) return null;
        return new RtmOptions(Path.GetFullPath(root), Path.GetFullPath(spec), Path.GetFullPath(results), Path.GetFullPath(output),
            args.Contains("--require-all"));
    }
}
