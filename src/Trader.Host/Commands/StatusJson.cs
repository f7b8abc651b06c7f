using System.Text.Json;

namespace Trader.Host.Commands;

/// <summary>snake_case JSON for reports printed by commands (CONTRACTS.md §6 conventions).</summary>
public static class StatusJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };
}
