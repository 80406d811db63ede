using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Infogerance.EndToEnd.Tests.Security;

/// <summary>One wrong thing in an otherwise plausible request, and the field the refusal must name.</summary>
/// <param name="Field">The JSON path or parameter the answer's <c>errors</c> must name; "body" for the body as a whole.</param>
/// <param name="Binding">
/// Refused while the request is read (a value of the wrong type, a NUL, a day out of bounds), before any rule runs:
/// the answer names exactly this field whatever else is wrong. Otherwise the endpoint's rules judge it, and may first
/// refuse another value of the sample body (which is plausible, not known valid).
/// </param>
/// <param name="Anonymous">Sent without credentials: the answer is a 401 problem, whatever else the request holds.</param>
internal sealed record Malformed(
    string Field, string What, bool Binding, Func<HttpContent?> Content, string? Query = null, string? Path = null, bool Anonymous = false);

/// <summary>
/// Sample JSON bodies for a request type as the service reads it (its <see cref="JsonTypeInfo"/>: names, types,
/// nullability, defaults) and every malformed variant of them: each field missing, null, of the wrong type, too long,
/// with a NUL or invalid UTF-8, out of range, an unknown value, a huge list; and the body itself unreadable.
/// </summary>
/// <param name="hint">
/// For a field of a type (the owner), a value the rules accept, and whether the field takes only some values (then an
/// unknown one must be refused); null for a field any value of its type fits.
/// </param>
internal sealed class MalformedBodies(JsonSerializerOptions options, Func<Type, string, (JsonNode Value, bool Closed)?> hint, Random random)
{
    public const int LongText = 100_000;
    public const int HugeList = 10_000;
    private const int MaxDepth = 6;
    private const string Utf8Marker = "INVALID-UTF8-MARKER";

    private enum Kind { Text, Id, Day, Instant, Time, Whole, Number, Boolean, Enum, Map, List, Object }

    /// <summary>A plausible body: every field given a value of its type, the hinted ones a value the rules accept.</summary>
    public JsonNode? Sample(Type type, Type? owner = null, string name = "", int depth = 0)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (owner is not null && KindOf(underlying) is Kind.Text or Kind.Id or Kind.List && hint(owner, name) is { } hinted)
        {
            return hinted.Value.DeepClone();
        }

        return KindOf(underlying) switch
        {
            Kind.Text => JsonValue.Create("Sweep value"),
            Kind.Id => JsonValue.Create(RandomId()),
            Kind.Day => JsonValue.Create("2027-01-15"),
            Kind.Instant => JsonValue.Create("2027-01-15T10:00:00+01:00"),
            Kind.Time => JsonValue.Create("09:00"),
            Kind.Whole or Kind.Number => JsonValue.Create(1),
            Kind.Boolean => JsonValue.Create(false),
            Kind.Enum => JsonValue.Create(JsonNamingPolicy.CamelCase.ConvertName(Enum.GetNames(underlying)[0])),
            Kind.Map => new JsonObject(),
            Kind.List => depth >= MaxDepth ? new JsonArray() : new JsonArray(Sample(ElementOf(underlying), null, name, depth + 1)),
            _ => depth >= MaxDepth ? new JsonObject() : SampleObject(underlying, depth),
        };
    }

    /// <summary>Every malformed variant of <paramref name="body"/>, a sample of <paramref name="type"/>.</summary>
    public IEnumerable<Malformed> Variants(Type type, JsonNode body)
    {
        yield return new("body", "a text/plain body", false, () => new StringContent(body.ToJsonString(), Encoding.UTF8, "text/plain"));
        yield return new("body", "no body", true, () => null);
        yield return new("body", "unreadable JSON", true, () => Json("{\"x"));
        yield return new("body", "a list for the body", true, () => Json("[]"));
        yield return new("body", "null for the body", false, () => Json("null"));
        foreach (var variant in FieldVariants(type, body, body, "", 0))
        {
            yield return variant;
        }
    }

    private IEnumerable<Malformed> FieldVariants(Type type, JsonNode root, JsonNode node, string path, int depth)
    {
        if (depth >= MaxDepth || node is not JsonObject obj)
        {
            yield break;
        }

        foreach (var property in options.GetTypeInfo(type).Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
        {
            var field = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var nullable = property.PropertyType.IsValueType ? Nullable.GetUnderlyingType(property.PropertyType) is not null : property.IsSetNullable;
            var optional = property.AssociatedParameter?.HasDefaultValue == true || (property.AssociatedParameter is null && !property.IsRequired);
            var kind = KindOf(propertyType);

            if (!nullable && !optional && kind != Kind.Boolean)
            {
                yield return Change(root, obj, property.Name, field, "missing", binding: property.IsRequired, remove: true);
            }

            if (!nullable)
            {
                yield return Change(root, obj, property.Name, field, "null", binding: property.PropertyType.IsValueType, value: null);
            }

            foreach (var variant in KindVariants(root, obj, property.Name, field, kind, propertyType, hint(type, property.Name) is { Closed: true }))
            {
                yield return variant;
            }

            if (kind == Kind.Object && obj[property.Name] is JsonObject child)
            {
                foreach (var variant in FieldVariants(propertyType, root, child, field, depth + 1))
                {
                    yield return variant;
                }
            }

            if (kind == Kind.List && KindOf(ElementOf(propertyType)) == Kind.Object && obj[property.Name] is JsonArray { Count: > 0 } list)
            {
                foreach (var variant in FieldVariants(ElementOf(propertyType), root, list[0]!, $"{field}[0]", depth + 1))
                {
                    yield return variant;
                }
            }
        }
    }

    /// <summary>The wrong values of each kind: what they are, whether reading the body refuses them, the value.</summary>
    private static readonly (Kind Kind, string What, bool Binding, string Json)[] WrongValues =
    [
        (Kind.Text, "a number for text", true, "12345"),
        (Kind.Text, $"{LongText:N0} characters", false, $"\"{new string('a', LongText)}\""),
        (Kind.Text, "a NUL character", true, "\"a\\u0000b\""),
        (Kind.Text, "invalid UTF-8", true, $"\"{Utf8Marker}\""),
        (Kind.Id, "not an identifier", true, "\"not-a-guid\""),
        (Kind.Day, "not a day", true, "\"2027-02-30\""),
        (Kind.Day, "a day before 1900", true, "\"1800-01-01\""),
        (Kind.Day, "a day after 2199", true, "\"9999-12-31\""),
        (Kind.Instant, "an instant without offset", true, "\"2027-01-15T10:00:00\""),
        (Kind.Instant, "an instant before 1900", true, "\"0001-01-01T00:00:00Z\""),
        (Kind.Instant, "not an instant", true, "\"yesterday\""),
        (Kind.Time, "not a time", false, "\"25:99\""),
        (Kind.Whole, "text for a number", true, "\"abc\""),
        (Kind.Whole, "a number beyond 64 bits", true, "99999999999999999999999"),
        (Kind.Whole, "a fraction for a whole number", true, "1.5"),
        (Kind.Whole, "a negative number", false, "-1"),
        (Kind.Number, "text for a number", true, "\"abc\""),
        (Kind.Number, "a number beyond any amount", true, "1e400"),
        (Kind.Number, "a negative number", false, "-1"),
        (Kind.Boolean, "text for true or false", true, "\"yes\""),
        (Kind.Enum, "an unknown value", true, "\"noSuchValue\""),
        (Kind.Enum, "a number for a named value", true, "42"),
        (Kind.Map, "text for an object", true, "\"text\""),
        (Kind.List, "text for a list", true, "\"text\""),
        (Kind.Object, "text for an object", true, "\"text\""),
    ];

    private IEnumerable<Malformed> KindVariants(JsonNode root, JsonObject obj, string name, string field, Kind kind, Type type, bool closed)
    {
        foreach (var wrong in WrongValues.Where(wrong => wrong.Kind == kind))
        {
            yield return Change(root, obj, name, field, wrong.What, wrong.Binding, JsonNode.Parse(wrong.Json));
        }

        if (kind == Kind.Text && closed)
        {
            yield return Change(root, obj, name, field, "an unknown value", binding: false, value: "no-such-value-\u00e9\u4e2d");
        }

        if (kind == Kind.Id)
        {
            yield return Change(root, obj, name, field, "an unknown identifier", binding: false, value: RandomId());
        }

        if (kind == Kind.List)
        {
            var item = obj[name] is JsonArray { Count: > 0 } sample ? sample[0] : Sample(ElementOf(type));
            yield return Change(root, obj, name, field, $"{HugeList:N0} items", binding: false,
                value: new JsonArray([.. Enumerable.Range(0, HugeList).Select(_ => item?.DeepClone())]));
        }
    }

    /// <summary>The whole body with <paramref name="name"/> of <paramref name="obj"/> (a node inside it) changed.</summary>
    private static Malformed Change(JsonNode root, JsonObject obj, string name, string field, string what, bool binding, JsonNode? value = null, bool remove = false)
    {
        var original = obj[name]?.DeepClone();
        var index = obj.IndexOf(name);
        if (remove)
        {
            obj.Remove(name);
        }
        else
        {
            obj[name] = value;
        }

        var text = root.ToJsonString();
        if (remove && index >= 0)
        {
            obj.Insert(index, name, original);
        }
        else if (!remove)
        {
            obj[name] = original;
        }

        return new Malformed(field, what, binding, () => text.Contains(Utf8Marker, StringComparison.Ordinal) ? InvalidUtf8(text) : Json(text));
    }

    public static HttpContent Json(string text) => new StringContent(text, Encoding.UTF8, "application/json");

    /// <summary>
    /// An upload's form malformed whatever the endpoint does with its file: no file, an empty one, one under another
    /// name, no form at all, a form cut short or without its boundary. Each must be refused naming <paramref name="fileField"/>.
    /// </summary>
    public static IEnumerable<Malformed> FormVariants(string fileField)
    {
        yield return new(fileField, "an empty form", true, () => new MultipartFormDataContent());
        yield return new(fileField, "a JSON body instead of a form", true, () => Json("{}"));
        yield return new(fileField, "an empty file", true, () => Form(fileField, []));
        yield return new(fileField, "the file under another name", true, () => Form("document", Encoding.UTF8.GetBytes("a;b\n1;2\n")));
        yield return new(fileField, "a form cut short", true, () => Raw(
            "multipart/form-data; boundary=cut", $"--cut\r\nContent-Disposition: form-data; name=\"{fileField}\"; filename=\"a.csv\"\r\n\r\na;b"));
        yield return new(fileField, "a form without its boundary", true, () => Raw("multipart/form-data", "--x\r\n\r\n--x--\r\n"));
    }

    private static MultipartFormDataContent Form(string field, byte[] file) =>
        new() { { new ByteArrayContent(file), field, "upload.csv" } };

    private static ByteArrayContent Raw(string contentType, string body)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>The body's UTF-8 with the marker replaced by bytes no UTF-8 text has.</summary>
    private static ByteArrayContent InvalidUtf8(string text)
    {
        var parts = text.Split(Utf8Marker);
        var bytes = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                bytes.AddRange([0x61, 0xFF, 0xFE, 0xC3, 0x28, 0x62]);
            }

            bytes.AddRange(Encoding.UTF8.GetBytes(parts[i]));
        }

        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        return content;
    }

    private JsonObject SampleObject(Type type, int depth)
    {
        var sample = new JsonObject();
        foreach (var property in options.GetTypeInfo(type).Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null))
        {
            sample[property.Name] = Sample(property.PropertyType, type, property.Name, depth + 1);
        }

        return sample;
    }

    private string RandomId()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static Kind KindOf(Type type) => type switch
    {
        _ when type == typeof(string) => Kind.Text,
        _ when type == typeof(Guid) => Kind.Id,
        _ when type == typeof(DateOnly) => Kind.Day,
        _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => Kind.Instant,
        _ when type == typeof(TimeOnly) => Kind.Time,
        _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => Kind.Whole,
        _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => Kind.Number,
        _ when type == typeof(bool) => Kind.Boolean,
        { IsEnum: true } => Kind.Enum,
        _ when typeof(IDictionary).IsAssignableFrom(type) || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)) => Kind.Map,
        _ when typeof(IEnumerable).IsAssignableFrom(type) => Kind.List,
        _ => Kind.Object,
    };

    private static Type ElementOf(Type list) =>
        list.IsArray ? list.GetElementType()! : list.GetGenericArguments().FirstOrDefault() ?? typeof(object);
}
