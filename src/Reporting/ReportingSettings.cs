namespace Infogerance.Reporting;

/// <summary>
/// The "Reporting" configuration section: every setting of the service is a property here, bound once in
/// <c>AddApplicationServices</c> and read through <c>IOptions&lt;ReportingSettings&gt;</c>, never from the configuration directly.
/// </summary>
public sealed class ReportingSettings
{
    /// <summary>How often the action plans are looked at for items fallen overdue.</summary>
    public TimeSpan OverdueActionsInterval { get; set; } = TimeSpan.FromMinutes(15);
}
