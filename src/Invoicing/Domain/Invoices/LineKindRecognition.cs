using Infogerance.Documents;

namespace Infogerance.Invoicing.Domain;

/// <summary>
/// What a line is read against: the document's kind, the work-unit codes of the contract's price schedules and its
/// evolution requests. Built once per invoice: codes and references are keyed up front.
/// </summary>
public sealed class LineKindContext
{
    private readonly Dictionary<string, string> _codeByKey = new(StringComparer.Ordinal);
    private readonly string[] _codesLongestFirst;
    private readonly Dictionary<string, ContractEvolution> _evolutionByKey = new(StringComparer.Ordinal);
    private readonly (ContractEvolution Evolution, string? Reference, string Id)[] _mentionable;

    public LineKindContext(string documentKind, IEnumerable<string> workUnitCodes, IReadOnlyList<ContractEvolution> evolutions)
    {
        ArgumentNullException.ThrowIfNull(workUnitCodes);
        ArgumentNullException.ThrowIfNull(evolutions);
        DocumentKind = documentKind;
        foreach (var code in workUnitCodes)
        {
            _codeByKey.TryAdd(Labels.Key(code), code);
        }

        // Longest first, so that a description starting "UO-DEV-SENIOR" is not taken for "UO-DEV".
        _codesLongestFirst = [.. _codeByKey.Values.OrderByDescending(code => code.Length)];
        Evolutions = evolutions;
        _mentionable = [.. evolutions.Select(evolution => (evolution, string.IsNullOrWhiteSpace(evolution.Reference) ? null : evolution.Reference, evolution.Id.ToString()))];
        foreach (var evolution in evolutions)
        {
            _evolutionByKey.TryAdd(Labels.Key(evolution.Id.ToString()), evolution);
            if (!string.IsNullOrWhiteSpace(evolution.Reference))
            {
                _evolutionByKey.TryAdd(Labels.Key(evolution.Reference), evolution);
            }
        }
    }

    public string DocumentKind { get; }

    public IReadOnlyList<ContractEvolution> Evolutions { get; }

    /// <summary>The recognition context of an invoice controlled against <paramref name="context"/>: every code any of its price schedules lists.</summary>
    public static LineKindContext Of(InvoiceDocument invoice, ControlContext context)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(context);
        return new LineKindContext(invoice.Kind, context.Prices.SelectMany(prices => prices.Prices.WorkUnits).Select(unit => unit.Code), context.Evolutions);
    }

    /// <summary>The schedule's spelling of a code written any other way (case, accents, separators), or null.</summary>
    public string? WorkUnitCode(string? written) =>
        string.IsNullOrWhiteSpace(written) ? null : _codeByKey.GetValueOrDefault(Labels.Key(written));

    /// <summary>The schedule's code a text starts with, followed by anything but a letter or digit, or null.</summary>
    public string? WorkUnitCodeStarting(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        foreach (var code in _codesLongestFirst)
        {
            if (trimmed.StartsWith(code, StringComparison.OrdinalIgnoreCase) && (trimmed.Length == code.Length || !char.IsLetterOrDigit(trimmed[code.Length])))
            {
                return code;
            }
        }

        return null;
    }

    /// <summary>The evolution request named exactly (its reference or id, written any way), or null.</summary>
    public ContractEvolution? EvolutionNamed(string? written) =>
        string.IsNullOrWhiteSpace(written) ? null : _evolutionByKey.GetValueOrDefault(Labels.Key(written));

    /// <summary>The evolution request whose reference or id a text mentions as a word of its own, or null.</summary>
    public ContractEvolution? EvolutionMentioned(string text)
    {
        foreach (var (evolution, reference, id) in _mentionable)
        {
            if ((reference is not null && Mentions(text, reference)) || Mentions(text, id))
            {
                return evolution;
            }
        }

        return null;
    }

    private static bool Mentions(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + word.Length;
            if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A line's kind, with the work-unit code or the evolution request it names.</summary>
public sealed record RecognisedLine(string Kind, string? WorkUnitCode, ContractEvolution? Evolution);

/// <summary>
/// What a line bills (<see cref="InvoiceLineKinds"/>). The provider's own choice of kind wins. Otherwise, in this order,
/// the most specific evidence first: a negative line (or any line of a credit note) speaking of penalties or service
/// credits is a penalty credit; a line naming an evolution request in its evolution reference or item code bills it; an
/// item code, or the start of the description, that is a work-unit code of the contract's schedules bills work units; a
/// description mentioning an evolution's reference bills it; the words providers write for the fixed fee make it the
/// monthly fee; anything else is other. Words are compared ignoring case, accents and spaces
/// (<see cref="Labels.Key"/>).
/// </summary>
public static class LineKindRecognition
{
    private static readonly string[] FixedFeeWords = [.. new[] { "forfait", "redevance", "abonnement", "monthly fee", "fixed fee" }.Select(Labels.Key)];

    private static readonly string[] PenaltyWords =
        [.. new[] { "pénalité", "penalty", "penalties", "crédit de service", "crédits de service", "service credit" }.Select(Labels.Key)];

    public static string Recognise(InvoiceLine line, LineKindContext context) => Identify(line, context).Kind;

    /// <summary>The line's kind with what it names: the work-unit code of a work-unit line, the evolution request of an evolution line (null when unknown).</summary>
    public static RecognisedLine Identify(InvoiceLine line, LineKindContext context)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(context);
        if (line.Kind is { } chosen && InvoiceLineKinds.All.Contains(chosen))
        {
            return chosen switch
            {
                InvoiceLineKinds.WorkUnit => new RecognisedLine(chosen, WorkUnitCode(line, context), null),
                InvoiceLineKinds.Evolution => new RecognisedLine(chosen, null, Evolution(line, context)),
                _ => new RecognisedLine(chosen, null, null),
            };
        }

        string? words = null;
        if (line.NetAmount < 0 || context.DocumentKind == InvoiceKinds.CreditNote)
        {
            words = WordsOf(line);
            if (ContainsAny(words, PenaltyWords))
            {
                return new RecognisedLine(InvoiceLineKinds.PenaltyCredit, null, null);
            }
        }

        if (!string.IsNullOrWhiteSpace(line.EvolutionReference))
        {
            return new RecognisedLine(InvoiceLineKinds.Evolution, null, Evolution(line, context));
        }

        if (context.EvolutionNamed(line.ItemCode) is { } named)
        {
            return new RecognisedLine(InvoiceLineKinds.Evolution, null, named);
        }

        if (WorkUnitCode(line, context) is { } code)
        {
            return new RecognisedLine(InvoiceLineKinds.WorkUnit, code, null);
        }

        if (context.EvolutionMentioned(line.Description) is { } mentioned)
        {
            return new RecognisedLine(InvoiceLineKinds.Evolution, null, mentioned);
        }

        return new RecognisedLine(ContainsAny(words ?? WordsOf(line), FixedFeeWords) ? InvoiceLineKinds.MonthlyFee : InvoiceLineKinds.Other, null, null);
    }

    private static string WordsOf(InvoiceLine line) => Labels.Key(line.Note is null ? line.Description : line.Description + " " + line.Note);

    /// <summary>The schedule's code a work-unit line bills (its item code, else the start of its description), or null.</summary>
    public static string? WorkUnitCode(InvoiceLine line, LineKindContext context)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(context);
        return context.WorkUnitCode(line.ItemCode) ?? context.WorkUnitCodeStarting(line.Description);
    }

    /// <summary>The evolution request an evolution line bills (its evolution reference, item code, then description), or null.</summary>
    public static ContractEvolution? Evolution(InvoiceLine line, LineKindContext context)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(context);
        return context.EvolutionNamed(line.EvolutionReference) ?? context.EvolutionNamed(line.ItemCode) ?? context.EvolutionMentioned(line.Description);
    }

    private static bool ContainsAny(string words, string[] keys)
    {
        foreach (var key in keys)
        {
            if (words.Contains(key, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
