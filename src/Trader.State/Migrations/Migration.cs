namespace Trader.State.Migrations;

/// <summary>One schema step: applied once, in version order, inside its own transaction.</summary>
public sealed record Migration(int Version, string Description, string Sql);
