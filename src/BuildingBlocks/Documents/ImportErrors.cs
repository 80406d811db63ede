using Infogerance.Validation;

namespace Infogerance.Documents;

/// <summary>
/// Where a value of an imported file sits, for the error keys: a line ("line 12", its messages prefixed by the
/// column, "status: …"), a JSON path ("tickets[3]", the field appended to the key: "tickets[3].openedAt") or an XML
/// path ("/Invoice/cac:InvoiceLine[3]", the field appended as a child: "/Invoice/cac:InvoiceLine[3]/cbc:ID").
/// </summary>
/// <param name="Order">Sorts the errors in the order of the file.</param>
public sealed record FilePlace(string Key, bool PrefixField, long Order)
{
    /// <summary>The line number of a line's place, null for a JSON path.</summary>
    public int? LineNumber { get; private init; }

    /// <summary>A line of a CSV file or of a worksheet, 1-based: the key "line N".</summary>
    public static FilePlace Line(int line) => new(LineKey(line), PrefixField: true, line) { LineNumber = line };

    public static FilePlace Json(string path, long order) => new(path, PrefixField: false, order);

    /// <summary>An element of an XML file by its path from the root, prefixed names and 1-based indexes: "/rsm:CrossIndustryInvoice/…/ram:IncludedSupplyChainTradeLineItem[3]".</summary>
    public static FilePlace Xml(string path, long order) => new(path, PrefixField: false, order) { FieldSeparator = "/" };

    /// <summary>What joins a field to the key of a path: "." in JSON, "/" in XML.</summary>
    public string FieldSeparator { get; private init; } = ".";

    /// <summary>The field of a cell under no known heading, or of a heading itself: "column N", 1-based.</summary>
    public static string Column(int number) => $"column {number}";

    /// <summary>The error key of a line: "line N", whatever the caller's language (a program reads the keys).</summary>
    public static string LineKey(int line) => $"line {line}";

    /// <summary>The place as a sentence names it, in English: "line 12", "tickets[3]".</summary>
    public string English => Key;

    /// <summary>The place as a French sentence names it: "ligne 12", "tickets[3]".</summary>
    public string French => LineNumber is { } line ? $"ligne {line}" : Key;
}

/// <summary>
/// Every problem of an imported file, keyed by its line or JSON path (or <see cref="FileKey"/> for the whole file), in
/// the order of the file; at most <c>maxPlaces</c> keys are answered (a file of 100,000 bad lines would otherwise
/// answer megabytes of errors). The API imports nothing unless it is empty.
/// </summary>
public sealed class ImportErrors(int maxPlaces = ImportErrors.MaxKeys)
{
    public const int MaxKeys = 1000;
    public const string FileKey = "file";

    private readonly Dictionary<string, Place> _places = new(StringComparer.Ordinal);

    /// <summary>How many places (lines, paths, the whole file) have errors.</summary>
    public int Count => _places.Count;

    public bool IsEmpty => _places.Count == 0;

    /// <summary>The keys in the order of the file, the whole file's first.</summary>
    public IEnumerable<string> Keys => Ordered().Select(entry => entry.Key);

    /// <summary>The whole file refused for one reason.</summary>
    public static ImportErrors OfFile(Message message)
    {
        var errors = new ImportErrors();
        errors.AddFile(message);
        return errors;
    }

    /// <summary>
    /// Adds the first problem of a field: a value of the wrong type, or that cannot be read, is not reported again by
    /// the rules that would check it. On a line the message is prefixed by the field ("quantity: …"); on a JSON path the
    /// field is appended to the key. An empty <paramref name="field"/> speaks of the place itself.
    /// </summary>
    public void Add(FilePlace place, string field, Message message)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(message);
        if (place.PrefixField)
        {
            if (field.Length == 0)
            {
                Add(place.Key, place.Order, null, message);
            }
            else if (!(_places.TryGetValue(place.Key, out var entry) && entry.Messages.Any(m => m.Field == field)))
            {
                var prefixed = message with { English = $"{field}: {message.English}", French = $"{field} : {message.French}" };
                Add(place.Key, place.Order, field, prefixed.With("field", field));
            }
        }
        else
        {
            var key = field.Length == 0 ? place.Key : $"{place.Key}{place.FieldSeparator}{field}";
            if (!_places.ContainsKey(key))
            {
                Add(key, place.Order, field, message);
            }
        }
    }

    public void AddFile(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Add(FileKey, -1, null, message);
    }

    public bool Has(string key) => _places.ContainsKey(key);

    /// <summary>The messages of one place, in the order found (none when the place has no error).</summary>
    public IReadOnlyList<Message> this[string key] =>
        _places.TryGetValue(key, out var entry) ? [.. entry.Messages.Select(m => m.Message)] : [];

    /// <summary>The errors as a 422 answers them: in the order of the file, at most <c>maxPlaces</c> places, the note on the rest under <see cref="FileKey"/>.</summary>
    public FieldErrors ToFieldErrors()
    {
        var ordered = Ordered().ToList();
        var answer = new FieldErrors();
        foreach (var (key, place) in ordered.Take(maxPlaces))
        {
            foreach (var (_, message) in place.Messages)
            {
                answer.Add(key, message);
            }
        }

        if (ordered.Count > maxPlaces)
        {
            answer.Add(FileKey, ImportMessages.MorePlaces(ordered.Count, maxPlaces));
        }

        return answer;
    }

    /// <summary>The texts by place in the current UI language, as <see cref="ToFieldErrors"/> orders them.</summary>
    public Dictionary<string, string[]> ToDictionary() => ToFieldErrors().ToDictionary();

    /// <summary>The errors as a 422 answers them (<see cref="ToFieldErrors"/>), so an endpoint passes them to <c>Problems.Invalid</c> as they are.</summary>
    public static implicit operator FieldErrors(ImportErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.ToFieldErrors();
    }

    private IEnumerable<KeyValuePair<string, Place>> Ordered() =>
        _places.OrderBy(entry => entry.Value.Order).ThenBy(entry => entry.Value.Sequence);

    private void Add(string key, long order, string? field, Message message)
    {
        if (!_places.TryGetValue(key, out var entry))
        {
            entry = new Place(order, _places.Count);
            _places[key] = entry;
        }

        if (!entry.Messages.Any(m => m.Message.Code == message.Code && m.Message.English == message.English))
        {
            entry.Messages.Add((field, message));
        }
    }

    private sealed record Place(long Order, long Sequence)
    {
        public List<(string? Field, Message Message)> Messages { get; } = [];
    }
}
