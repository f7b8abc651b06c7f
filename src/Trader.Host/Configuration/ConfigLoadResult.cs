using Trader.Domain.Config;

namespace Trader.Host.Configuration;

/// <summary>
/// The outcome of loading the four files: the bound configuration when there is no error (warnings allowed),
/// and every problem found, in file order.
/// </summary>
public sealed record ConfigLoadResult(TraderConfig? Config, IReadOnlyList<ConfigProblem> Problems)
{
    public IEnumerable<ConfigProblem> Errors => Problems.Where(p => p.IsError);

    public IEnumerable<ConfigProblem> Warnings => Problems.Where(p => !p.IsError);

    public bool IsValid => Config is not null;

    /// <summary>Every problem, one per line (<c>file: key.path: message</c>), for stderr.</summary>
    public void WriteProblems(TextWriter error)
    {
        foreach (var problem in Problems)
            error.WriteLine(problem.ToString());
    }
}
