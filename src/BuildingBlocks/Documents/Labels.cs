using Infogerance.Validation;
using System.Globalization;
using System.Text;

namespace Infogerance.Documents;

/// <summary>
/// How an importer recognises the words people type in their files: headings and values in English or French, in any
/// case, with or without accents, spaces, hyphens, underscores or apostrophes.
/// </summary>
public static class Labels
{
    /// <summary>How many characters of a value an error message quotes.</summary>
    public const int QuotedLength = 50;

    /// <summary>
    /// Lower case, no accents, whitespace, hyphens, underscores or apostrophes (straight or typographic): "Base de
    /// données", "base_de_donnees", "BaseDeDonnées" and "En attente" / "en-attente" are one word each.
    /// </summary>
    public static string Key(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var builder = new StringBuilder(label.Length);
        foreach (var c in label.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && !char.IsWhiteSpace(c) && c is not ('-' or '_' or '\'' or '’'))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>A value as an error message quotes it: at most <see cref="QuotedLength"/> characters, then "…".</summary>
    public static string Shorten(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= QuotedLength ? value : string.Concat(value.AsSpan(0, QuotedLength), "…");
    }
}

/// <summary>The spellings a file may use for each code (a column's name, a status, a criticality), compared by <see cref="Labels.Key"/>.</summary>
public sealed class LabelAliases
{
    private readonly Dictionary<string, string> _codeByKey = new(StringComparer.Ordinal);
    private readonly List<string> _codes = [];

    /// <param name="codes">Each code with its spellings; a spelling belongs to one code only.</param>
    public LabelAliases(params (string Code, string[] Labels)[] codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        foreach (var (code, labels) in codes)
        {
            _codes.Add(code);
            foreach (var label in labels)
            {
                _codeByKey.Add(Labels.Key(label), code);
            }
        }
    }

    /// <summary>The codes, in the order given.</summary>
    public IReadOnlyList<string> Codes => _codes;

    public bool Knows(string label) => _codeByKey.ContainsKey(Labels.Key(label));

    /// <summary>The code <paramref name="label"/> spells, or null when it spells none.</summary>
    public string? CodeOf(string? label) => label is null ? null : _codeByKey.GetValueOrDefault(Labels.Key(label));

    /// <summary>
    /// Each column of a heading row mapped to the code its label spells. An unknown label (<paramref name="unknown"/>)
    /// or a code given twice is reported under "column N" of the heading's <paramref name="place"/>; empty headings
    /// (trailing separators: Excel writes "a;b;;") are skipped, and a value under one is reported on its own line.
    /// </summary>
    public Dictionary<int, string> Columns(IReadOnlyList<string?> labels, FilePlace place, ImportErrors errors, Func<string, Message> unknown)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(unknown);
        var columnAt = new Dictionary<int, string>();
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i]?.Trim();
            if (string.IsNullOrEmpty(label))
            {
                continue;
            }

            if (CodeOf(label) is not { } field)
            {
                errors.Add(place, FilePlace.Column(i + 1), unknown(label));
            }
            else if (columnAt.ContainsValue(field))
            {
                errors.Add(place, FilePlace.Column(i + 1), ImportMessages.ColumnTwice(field));
            }
            else
            {
                columnAt[i] = field;
            }
        }

        return columnAt;
    }

    /// <summary>The code for a known spelling; otherwise the value as given, so the rules name what was wrong.</summary>
    public string? Normalise(string? value) => value is null ? null : CodeOf(value) ?? value;
}
