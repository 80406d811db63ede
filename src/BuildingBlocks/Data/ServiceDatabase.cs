using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Infogerance.ServiceDefaults;
using Npgsql;

namespace Infogerance.Data;

/// <summary>
/// The connection facts of one service's database. <c>ConnectionStrings__{name}</c> carries the owner's
/// credentials, used only to migrate; at run time the service connects as <see cref="AppRole"/>, a role that
/// owns nothing and so stays under row-level security.
/// </summary>
public sealed partial class ServiceDatabase
{
    private ServiceDatabase(string name, NpgsqlConnectionStringBuilder owner)
    {
        Name = name;
        OwnerConnectionString = owner.ConnectionString;
        DatabaseName = owner.Database!;
        AppRole = $"{DatabaseName}_app";
        AppPassword = DeriveAppPassword(owner.Password, DatabaseName);
        AppConnectionString = new NpgsqlConnectionStringBuilder(owner.ConnectionString)
        {
            Username = AppRole,
            Password = AppPassword,
            ApplicationName = name,
            // A service runs the same few hundred statements all day: each is parsed and planned on the server once
            // per connection after its second use, rather than on every call.
            MaxAutoPrepare = 256,
            AutoPrepareMinUsages = 2,
            // A unit of work's scope is transaction-local and nothing else is set on a session, so a connection going
            // back to the pool has nothing to reset: the four reset statements Npgsql would send ahead of the next
            // use (each planned anew) were a fifth of the statements of a signed-in read.
            NoResetOnClose = true,
        }.ConnectionString;
    }

    /// <summary>The service's name, also the name of its connection string.</summary>
    public string Name { get; }
    public string DatabaseName { get; }
    public string OwnerConnectionString { get; }
    public string AppRole { get; }
    public string AppPassword { get; }
    public string AppConnectionString { get; }

    public static ServiceDatabase FromConnectionString(string name, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupFailedException(
                $"ConnectionStrings__{name} is not set: give it the PostgreSQL connection string of the '{name}' database (Host=…;Port=…;Username=…;Password=…;Database={name}).");
        }

        NpgsqlConnectionStringBuilder owner;
        try
        {
            owner = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StartupFailedException($"ConnectionStrings__{name} is not a valid PostgreSQL connection string ({ex.Message}).", ex);
        }

        if (string.IsNullOrEmpty(owner.Database) || !IdentifierPattern().IsMatch(owner.Database))
        {
            throw new StartupFailedException(
                $"ConnectionStrings__{name} must name its database with lower-case letters, digits and underscores (Database={name}).");
        }

        return new ServiceDatabase(name, owner);
    }

    /// <summary>
    /// The application role's password is derived from the owner's: every replica computes the same one,
    /// nobody has to configure a second secret, and it cannot be guessed without the owner's password.
    /// </summary>
    private static string DeriveAppPassword(string? ownerPassword, string database)
    {
        var key = Encoding.UTF8.GetBytes(ownerPassword ?? string.Empty);
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"infogerance-application-role:{database}"));
        return Convert.ToHexStringLower(hash);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,58}$")]
    private static partial Regex IdentifierPattern();
}
