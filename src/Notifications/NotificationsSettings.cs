namespace Infogerance.Notifications;

/// <summary>
/// The "Notifications" configuration section: every setting of the service is a property here, bound once in
/// <c>AddApplicationServices</c> and read through <c>IOptions&lt;NotificationsSettings&gt;</c>, never from the configuration directly.
/// </summary>
public sealed class NotificationsSettings;
