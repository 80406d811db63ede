namespace Infogerance.Reporting;

/// <summary>
/// The "Reporting" configuration section: every setting of the service is a property here, bound once in
/// <c>AddApplicationServices</c> and read through <c>IOptions&lt;ReportingSettings&gt;</c>, never from the configuration directly.
/// </summary>
public sealed class ReportingSettings;
