using Infogerance.Validation;

namespace Infogerance.Notifications.Domain;

/// <summary>What the notification center says to the person reading it, in English and French.</summary>
public static class NotificationMessages
{
    public static Message UnknownKind { get; } = KindOneOf(NotificationKinds.All);

    public static Message DeliveryRequired { get; } = new(
        "notifications.preferences.delivery.required",
        "Give the delivery of at least one group of notifications.",
        "Indiquez la réception d’au moins un groupe de notifications.");

    public static Message UnknownTopic { get; } = OneOf(
        "notifications.preferences.topic.unknown", "The group is one of", "Le groupe est l’un de", Topics.All.Select(topic => topic.Name));

    public static Message UnknownDelivery { get; } = OneOf(
        "notifications.preferences.delivery.unknown", "The delivery is one of", "La réception est l’une de", Deliveries.All);

    private static Message KindOneOf(IEnumerable<string> kinds) => OneOf("notifications.kind.unknown", "The kind is one of", "Le type est l’un de", kinds);

    private static Message OneOf(string code, string english, string french, IEnumerable<string> values)
    {
        var list = string.Join(", ", values);
        return new Message(code, $"{english}: {list}.", $"{french} : {list}.").With("values", list);
    }
}
