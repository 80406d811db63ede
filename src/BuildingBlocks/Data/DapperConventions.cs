using System.Data;
using Dapper;

namespace Infogerance.Data;

/// <summary>Dapper settings shared by every service.</summary>
internal static class DapperConventions
{
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }

        // snake_case columns map to PascalCase properties without an alias in every query.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new TextArrayHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    /// <summary>date columns are read as DateTime; the calendar day is what they mean.</summary>
    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            DateOnly date => date,
            _ => throw new DataException($"Cannot read a {value.GetType()} as a DateOnly."),
        };
    }

    /// <summary>
    /// Npgsql reports text[] columns as System.Array, which keeps Dapper from choosing a record's constructor
    /// with a string[] parameter; with a handler it does.
    /// </summary>
    private sealed class TextArrayHandler : SqlMapper.TypeHandler<string[]>
    {
        public override void SetValue(IDbDataParameter parameter, string[]? value) => parameter.Value = value;

        public override string[] Parse(object value) => (string[])value;
    }

    /// <summary>
    /// timestamptz is read by Npgsql as a UTC DateTime and only accepts UTC offsets on write:
    /// every DateTimeOffset crosses the boundary in UTC.
    /// </summary>
    private sealed class UtcDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => parameter.Value = value.ToUniversalTime();

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeOffset dateTimeOffset => dateTimeOffset,
            _ => throw new DataException($"Cannot read a {value.GetType()} as a DateTimeOffset."),
        };
    }
}
