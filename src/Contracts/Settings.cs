namespace Infogerance.Contracts;

/// <summary>The service's settings, section <c>Contracts</c>.</summary>
public sealed class ContractsSettings
{
    public const string Section = "Contracts";

    /// <summary>Loads the demo world's contracts once (the run command sets it).</summary>
    public bool SeedDemoData { get; set; }
}

/// <summary>The notice alerts' settings, section <c>Contracts:NoticeAlerts</c>.</summary>
public sealed class NoticeAlertSettings
{
    public const string Section = $"{ContractsSettings.Section}:NoticeAlerts";

    /// <summary>How often the schedule is read. Alerts are per day; a short interval only shortens the wait after start-up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>The price revisions' settings, section <c>Contracts:PriceRevisions</c>.</summary>
public sealed class PriceRevisionSettings
{
    public const string Section = $"{ContractsSettings.Section}:PriceRevisions";

    /// <summary>How often the schedule is read. Revisions are per day; a short interval only shortens the wait after an index is published.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}
