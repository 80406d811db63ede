using System.Text.Json;

namespace Infogerance.Data;

/// <summary>
/// The fields an audit entry changed, from its before and after snapshots: each leaf that differs, named by its JSON
/// path (<c>roles</c>, <c>handover.to</c>, <c>items[1].name</c>); a list of plain values is one leaf. An entry that
/// records its changes itself (a <c>changes</c> list of field, before and after, as the terms' comparison writes it)
/// is read as it recorded them.
/// </summary>
public static class AuditChanges
{
    public static IReadOnlyList<AuditLog.Change> Between(JsonElement? before, JsonElement? after) =>
        Recorded(before) ?? Recorded(after) ?? [.. Leaves(Defined(before), Defined(after), "")];

    private static JsonElement? Defined(JsonElement? value) =>
        value is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } ? value : null;

    private static List<AuditLog.Change>? Recorded(JsonElement? snapshot)
    {
        if (snapshot is not { ValueKind: JsonValueKind.Object } value
            || !value.TryGetProperty("changes", out var changes) || changes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<AuditLog.Change>();
        foreach (var change in changes.EnumerateArray())
        {
            if (change.ValueKind != JsonValueKind.Object || !change.TryGetProperty("field", out var field) || field.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            list.Add(new(field.GetString()!, Show(Property(change, "before")), Show(Property(change, "after"))));
        }

        return list;
    }

    private static JsonElement? Property(JsonElement value, string name) => value.TryGetProperty(name, out var found) ? Defined(found) : null;

    private static IEnumerable<AuditLog.Change> Leaves(JsonElement? before, JsonElement? after, string path)
    {
        var objects = before is null or { ValueKind: JsonValueKind.Object } && after is null or { ValueKind: JsonValueKind.Object }
            && (before is not null || after is not null);
        if (objects)
        {
            var keys = new List<string>();
            foreach (var side in new[] { before, after })
            {
                if (side is { } value)
                {
                    keys.AddRange(value.EnumerateObject().Select(p => p.Name).Where(name => !keys.Contains(name)));
                }
            }

            return keys.SelectMany(key => Leaves(
                before is { } b ? Property(b, key) : null, after is { } a ? Property(a, key) : null, path.Length == 0 ? key : $"{path}.{key}"));
        }

        if (before is { ValueKind: JsonValueKind.Array } left && after is { ValueKind: JsonValueKind.Array } right && !(IsLeafList(left) && IsLeafList(right)))
        {
            var (l, r) = (left.EnumerateArray().ToList(), right.EnumerateArray().ToList());
            return Enumerable.Range(0, Math.Max(l.Count, r.Count)).SelectMany(i => Leaves(
                i < l.Count ? Defined(l[i]) : null, i < r.Count ? Defined(r[i]) : null, $"{path}[{i}]"));
        }

        var (shownBefore, shownAfter) = (Show(before), Show(after));
        return string.Equals(shownBefore, shownAfter, StringComparison.Ordinal) ? [] : [new AuditLog.Change(path, shownBefore, shownAfter)];
    }

    private static bool IsLeafList(JsonElement list) =>
        list.EnumerateArray().All(item => item.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array));

    private static string? Show(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { } other => other.GetRawText(),
    };
}
