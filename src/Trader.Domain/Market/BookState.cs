namespace Trader.Domain.Market;

/// <summary>Whether a book can be trusted: only a book built from a snapshot and every update since is <see cref="Live"/>.</summary>
public enum BookState : byte
{
    /// <summary>New, or marked for resync (reconnect, sequence gap): updates are ignored until the next snapshot.</summary>
    AwaitingSnapshot,

    Live,
}
