using System.Text.Json;
using CsvHelper;

namespace Infogerance.Documents;

/// <summary>Writing the CSV files people open in a spreadsheet, the same way in every export.</summary>
public static class CsvCells
{
    private static readonly JsonSerializerOptions CompactJson = CreateCompactJson();

    /// <summary>
    /// A byte order mark, or Excel opens UTF-8 as the local code page and mangles accents; formulas escaped; booleans
    /// as <c>true</c> and <c>false</c>.
    /// </summary>
    public static CsvWriterOptions Options { get; } =
        CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape, TrueValue = "true", FalseValue = "false" };

    /// <summary>One cell: text as it is, enums in the API's camelCase, values as values, anything else as compact JSON.</summary>
    public static void Write(CsvWriter csv, object? value)
    {
        ArgumentNullException.ThrowIfNull(csv);
        switch (value)
        {
            case null:
                csv.WriteField((string?)null);
                break;
            case string text:
                csv.WriteField(text);
                break;
            case Enum e:
                csv.WriteField(JsonNamingPolicy.CamelCase.ConvertName(e.ToString()));
                break;
            // Written as values, not text: CsvHelper formats them invariantly (dates in ISO 8601) and never mistakes -5 for a formula.
            case bool or decimal or DateTimeOffset or DateTime or DateOnly or TimeOnly or Guid:
            case var _ when value.GetType().IsPrimitive:
                csv.WriteField(value);
                break;
            default:
                csv.WriteField(JsonSerializer.Serialize(value, value.GetType(), CompactJson));
                break;
        }
    }

    private static JsonSerializerOptions CreateCompactJson()
    {
        var options = new JsonSerializerOptions();
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
