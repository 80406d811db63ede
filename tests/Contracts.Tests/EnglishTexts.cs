using Infogerance.Validation;

namespace Infogerance.Contracts.Tests;

/// <summary>The rules' tests read the English texts; the codes are checked apart.</summary>
internal static class EnglishTexts
{
    public static Dictionary<string, string[]> English(this FieldErrors errors) =>
        errors.ByField.ToDictionary(entry => entry.Key, entry => entry.Value.Select(message => message.English).ToArray(), StringComparer.Ordinal);

    /// <summary>Every code of <paramref name="errors"/>, field by field.</summary>
    public static Dictionary<string, string[]> Codes(this FieldErrors errors) =>
        errors.ByField.ToDictionary(entry => entry.Key, entry => entry.Value.Select(message => message.Code).ToArray(), StringComparer.Ordinal);
}
