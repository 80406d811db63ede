namespace Infogerance.Invoicing;

/// <summary>
/// The "Invoicing" configuration section: every setting of the service is a property here, bound once in
/// <c>AddApplicationServices</c> and read through <c>IOptions&lt;InvoicingSettings&gt;</c>, never from the configuration directly.
/// </summary>
public sealed class InvoicingSettings
{
    /// <summary>A month's statement is issued this many days after the month's end (then frozen).</summary>
    public int IssueAfterDays { get; set; } = 5;

    /// <summary>Loads the demo's invoice on ACME-INFOG-01 once (the run command's demo world).</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>How often the issuing pass looks for statements due.</summary>
    public TimeSpan IssueInterval { get; set; } = TimeSpan.FromMinutes(15);
}
