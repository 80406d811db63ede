using System.Text.Json;
using Infogerance.IntegrationEvents;

namespace Infogerance.Data;

/// <summary>Maps integration events to their stable wire names and back, from an explicit list.</summary>
public sealed class EventTypeRegistry
{
    public static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Type> _typesByName;
    private readonly Dictionary<Type, string> _namesByType;

    public EventTypeRegistry(IReadOnlyDictionary<string, Type> events)
    {
        foreach (var (name, type) in events)
        {
            if (!type.IsAssignableTo(typeof(IntegrationEvent)))
            {
                throw new ArgumentException($"{type} registered as '{name}' is not an IntegrationEvent.", nameof(events));
            }
        }

        _typesByName = events.ToDictionary(e => e.Key, e => e.Value);
        _namesByType = events.ToDictionary(e => e.Value, e => e.Key);
    }

    public static EventTypeRegistry Default { get; } = new(IntegrationEventCatalog.Events);

    public string NameOf(Type eventType) =>
        _namesByType.TryGetValue(eventType, out var name)
            ? name
            : throw new InvalidOperationException($"{eventType} is not in the integration event catalog.");

    public bool TryGetType(string name, out Type type) => _typesByName.TryGetValue(name, out type!);

    public string Serialize(IntegrationEvent @event) => JsonSerializer.Serialize(@event, @event.GetType(), SerializerOptions);

    public IntegrationEvent Deserialize(string json, Type type) =>
        (IntegrationEvent)(JsonSerializer.Deserialize(json, type, SerializerOptions)
            ?? throw new JsonException($"The payload of a {type.Name} is null."));
}
