using Dapper;
using Infogerance.Data;
using Infogerance.TestSupport;
using Npgsql;

namespace Infogerance.BuildingBlocks.Tests;

/// <summary>Several parameter objects given to one command, as Dapper's own DynamicParameters would give them.</summary>
public sealed class CombinedParametersTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task Every_part_is_given_the_later_winning_on_a_shared_name()
    {
        await using var connection = new NpgsqlConnection(await infrastructure.CreateDatabaseAsync("combined_parameters"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var nested = new DynamicParameters(new { d = "dynamic" });
        var parameters = new CombinedParameters(
            new { a = "first", b = "overwritten" },
            null,
            new Dictionary<string, object?> { ["b"] = "dictionary", ["c"] = 3 },
            nested);

        // Twice: the second takes the readers kept from the first.
        for (var call = 0; call < 2; call++)
        {
            var command = new CommandDefinition("SELECT @a || ' ' || @b || ' ' || @c::text || ' ' || @d", parameters);
            Assert.Equal("first dictionary 3 dynamic", await connection.ExecuteScalarAsync<string>(command));
        }
    }
}
