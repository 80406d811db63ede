using System.Globalization;

namespace Infogerance.Validation;

/// <summary>
/// A sentence for a person, in each language the product speaks, with a stable code and the values it names: a
/// program acts on the code and its parameters, a person reads the text in their own language. Pure code writes
/// messages without knowing who will read them; the text is chosen where the answer is written, from the
/// caller's language (<see cref="CultureInfo.CurrentUICulture"/>).
/// </summary>
/// <param name="Code">Stable, dotted, lowerCamel segments (<c>text.length</c>, <c>contract.phase.notDraft</c>).</param>
public sealed record Message(string Code, string English, string French)
{
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>The text in the current UI language: French for any French culture, English otherwise.</summary>
    public string Text => In(CultureInfo.CurrentUICulture);

    public string In(CultureInfo culture) => Languages.IsFrench(culture) ? French : English;

    /// <summary>A copy naming one more value the text speaks of.</summary>
    public Message With(string name, object? value) =>
        this with { Parameters = new Dictionary<string, object?>(Parameters) { [name] = value } };

    public override string ToString() => Text;
}

/// <summary>The languages of the product: English (the default) and French.</summary>
public static class Languages
{
    public const string English = "en";
    public const string French = "fr";

    public static readonly IReadOnlyList<string> All = [English, French];

    public static bool IsFrench(CultureInfo culture) => culture.TwoLetterISOLanguageName == French;

    /// <summary>Runs <paramref name="action"/> with <paramref name="language"/> as the UI language, for tests and background work.</summary>
    public static T In<T>(string language, Func<T> action)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
