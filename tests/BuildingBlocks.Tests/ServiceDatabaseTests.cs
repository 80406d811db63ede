using Infogerance.Data;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;

namespace Infogerance.BuildingBlocks.Tests;

public sealed class ServiceDatabaseTests
{
    [Fact]
    public void Application_role_is_derived_from_the_database_and_is_stable()
    {
        var first = ServiceDatabase.FromConnectionString("contracts", "Host=db;Port=5432;Username=owner;Password=secret;Database=contracts");
        var second = ServiceDatabase.FromConnectionString("contracts", "Host=db;Port=5432;Username=owner;Password=secret;Database=contracts");
        var otherOwnerPassword = ServiceDatabase.FromConnectionString("contracts", "Host=db;Port=5432;Username=owner;Password=other;Database=contracts");

        Assert.Equal("contracts_app", first.AppRole);
        Assert.Equal(first.AppPassword, second.AppPassword);
        Assert.NotEqual(first.AppPassword, otherOwnerPassword.AppPassword);
        Assert.Matches("^[0-9a-f]{64}$", first.AppPassword);
        Assert.Contains("Username=contracts_app", first.AppConnectionString);
        Assert.DoesNotContain("secret", first.AppConnectionString);
    }

    [Theory]
    [InlineData(null, "ConnectionStrings__contracts is not set")]
    [InlineData("", "ConnectionStrings__contracts is not set")]
    [InlineData("Host=db;Nonsense=1", "not a valid PostgreSQL connection string")]
    [InlineData("Host=db;Username=u;Password=p", "must name its database")]
    [InlineData("Host=db;Username=u;Password=p;Database=Bad-Name", "must name its database")]
    public void Bad_connection_strings_are_refused_with_one_clear_line(string? connectionString, string expected)
    {
        var error = Assert.Throws<StartupFailedException>(() => ServiceDatabase.FromConnectionString("contracts", connectionString));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(null, "ConnectionStrings__messaging is not set")]
    [InlineData("localhost:5672", "not an amqp:// address")]
    [InlineData("http://localhost:5672", "not an amqp:// address")]
    public void Bad_broker_addresses_are_refused_with_one_clear_line(string? connectionString, string expected)
    {
        var error = Assert.Throws<StartupFailedException>(() => BrokerAddress.FromConnectionString(connectionString));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Broker_address_defaults_to_the_amqp_port()
    {
        Assert.Equal(5672, BrokerAddress.FromConnectionString("amqp://guest:guest@localhost").Port);
        Assert.Equal(5673, BrokerAddress.FromConnectionString("amqp://guest:guest@localhost:5673").Port);
    }
}
