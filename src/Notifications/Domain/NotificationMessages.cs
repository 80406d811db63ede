using Infogerance.Validation;

namespace Infogerance.Notifications.Domain;

/// <summary>What the notification center says to the person reading it, in English and French.</summary>
public static class NotificationMessages
{
    public static Message UnknownKind { get; } = KindOneOf(NotificationKinds.All);

    private static Message KindOneOf(IEnumerable<string> kinds)
    {
        var list = string.Join(", ", kinds);
        return new Message("notifications.kind.unknown", $"The kind is one of: {list}.", $"Le type est l’un de : {list}.").With("values", list);
    }
}
