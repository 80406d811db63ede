namespace Infogerance.Validation;

/// <summary>
/// What is wrong with a request, field by field: each field named by its path in the request (camelCase JSON
/// path, <c>sla.targets[0].respond.value</c>, or <c>line 3</c> in a file) with its messages in the order found.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<Message>> _byField = new(StringComparer.Ordinal);

    /// <summary>Messages added so far, all fields together.</summary>
    public int MessageCount { get; private set; }

    public bool IsEmpty => MessageCount == 0;

    public IReadOnlyCollection<string> Fields => _byField.Keys;

    public IReadOnlyDictionary<string, IReadOnlyList<Message>> ByField =>
        _byField.ToDictionary(entry => entry.Key, entry => (IReadOnlyList<Message>)entry.Value, StringComparer.Ordinal);

    public static FieldErrors Of(string field, Message message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    public FieldErrors Add(string field, Message message)
    {
        if (!_byField.TryGetValue(field, out var list))
        {
            _byField[field] = list = [];
        }

        list.Add(message);
        MessageCount++;
        return this;
    }

    /// <summary>Adds every message of <paramref name="other"/>, each field under <paramref name="prefix"/> (<c>terms.</c>).</summary>
    public FieldErrors AddAll(FieldErrors other, string prefix = "")
    {
        foreach (var (field, messages) in other._byField)
        {
            foreach (var message in messages)
            {
                Add(prefix + field, message);
            }
        }

        return this;
    }

    public bool Contains(string field) => _byField.ContainsKey(field);

    public IReadOnlyList<Message> this[string field] => _byField.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>The texts by field, in the current UI language.</summary>
    public Dictionary<string, string[]> ToDictionary() =>
        _byField.ToDictionary(entry => entry.Key, entry => entry.Value.Select(message => message.Text).ToArray(), StringComparer.Ordinal);
}
