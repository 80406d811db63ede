using Npgsql;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>
/// A cheap summary of what a service's tables hold: per table its row count and the sum of its rows' xmin, so that an
/// insert, a delete or an update (which writes a new row version with a new xmin) all change it. Read as the
/// database's owner, which row-level security does not restrict. The tables background work writes on its own
/// (the inbox, timers, scheduled passes, e-mail deliveries) are left out: a refused request writes nothing, but those
/// tables change whenever their own clock says so. Of the outbox, which its dispatcher updates and empties on its own,
/// only the events written count: its highest sequence, so that a refused request that wrote an event is seen.
/// </summary>
internal static class DatabaseFingerprint
{
    private const string Outbox = "outbox_messages";

    private static readonly string[] BackgroundTables =
        [Outbox, "inbox_messages", "schemaversions", "ticket_timers", "email_deliveries", "notice_schedule", "statement_schedule"];

    /// <summary>Each table with its count and xmin sum, "table:count:sum".</summary>
    public static async Task<IReadOnlyDictionary<string, string>> TakeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var table = reader.GetString(0);
                if (!BackgroundTables.Contains(table))
                {
                    tables.Add(table);
                }
            }
        }

        var summary = string.Join(" UNION ALL ", tables.Select(table =>
            $"SELECT '{table}', count(*), coalesce(sum(xmin::text::bigint), 0) FROM \"{table}\"")
            .Append($"SELECT '{Outbox} (events written)', 0, coalesce(max(sequence), 0)::numeric FROM {Outbox}"));
        var fingerprint = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(summary, connection);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            fingerprint[rows.GetString(0)] = $"{rows.GetInt64(1)} rows, xmin sum {rows.GetDecimal(2)}";
        }

        return fingerprint;
    }

    /// <summary>The tables whose summary differs, with both summaries.</summary>
    public static IEnumerable<string> Changes(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        after.Where(table => before.GetValueOrDefault(table.Key) != table.Value)
            .Select(table => $"{table.Key} ({before.GetValueOrDefault(table.Key) ?? "absent"} → {table.Value})");
}
