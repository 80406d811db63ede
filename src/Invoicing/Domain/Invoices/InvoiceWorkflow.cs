namespace Infogerance.Invoicing.Domain;

/// <summary>
/// Where an invoice is in its workflow: stored (<c>received</c>), controlled, then approved or disputed by the client;
/// a disputed invoice is <c>answered</c> by a credit note or <c>replaced</c> by a corrected invoice; an approved one is
/// <c>paid</c>.
/// </summary>
public static class InvoiceStatuses
{
    public const string Received = "received";
    public const string Controlled = "controlled";
    public const string Approved = "approved";
    public const string Disputed = "disputed";
    public const string Answered = "answered";
    public const string Replaced = "replaced";
    public const string Paid = "paid";

    /// <summary>
    /// The statuses whose control follows the data it reads: a received invoice still waits for the contract's terms to be
    /// replicated; approved, replaced and paid invoices are settled.
    /// </summary>
    public static readonly IReadOnlyList<string> Recontrolled = [Received, Controlled, Disputed];

    /// <summary>The statuses the client approves or disputes from.</summary>
    public static bool AwaitsDecision(string status) => status is Controlled or Answered;
}

/// <summary>The control's verdict as the API says it.</summary>
public static class InvoiceResults
{
    public const string Compliant = "compliant";
    public const string Discrepancies = "discrepancies";

    public static string Of(ControlResult result) => result.Compliant ? Compliant : Discrepancies;
}

/// <summary>What an invoice was read from.</summary>
public static class InvoiceSources
{
    public const string FacturX = "factur-x";
    public const string Cii = "cii";
    public const string Ubl = "ubl";
    public const string Csv = "csv";
    public const string Form = "form";

    public static string Of(InvoiceFileFormat format) => format switch
    {
        InvoiceFileFormat.FacturX => FacturX,
        InvoiceFileFormat.Cii => Cii,
        InvoiceFileFormat.Ubl => Ubl,
        _ => Csv,
    };
}

/// <summary>A discrepancy of a control with its stable key: <c>{code}:{line or "invoice"}:{n}</c>, n counting from 1 among the same code and line.</summary>
public sealed record KeyedDiscrepancy(string Key, int Ordinal, Discrepancy Discrepancy);

public static class DiscrepancyKeys
{
    /// <summary>
    /// Keys the control's discrepancies in their order: the same invoice controlled again with the same data gets the
    /// same keys, so an acceptance given to one stays with it.
    /// </summary>
    public static IReadOnlyList<KeyedDiscrepancy> Of(ControlResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var counts = new Dictionary<(string, int?), int>();
        var keyed = new List<KeyedDiscrepancy>(result.Discrepancies.Count);
        foreach (var discrepancy in result.Discrepancies)
        {
            var n = counts.GetValueOrDefault((discrepancy.Code, discrepancy.Line)) + 1;
            counts[(discrepancy.Code, discrepancy.Line)] = n;
            var line = discrepancy.Line is { } position ? position.ToString(System.Globalization.CultureInfo.InvariantCulture) : "invoice";
            keyed.Add(new KeyedDiscrepancy($"{discrepancy.Code}:{line}:{n}", keyed.Count, discrepancy));
        }

        return keyed;
    }
}

/// <summary>
/// The month whose penalties a credit note credits: its period's month when the period lies within one month, else
/// none (the control then compares all credits with the months' statements in total).
/// </summary>
public static class CreditNotes
{
    public static string? MonthOf(InvoicePeriod? period) =>
        period is { } p && p.Start.Year == p.End.Year && p.Start.Month == p.End.Month ? BillingCalendar.MonthOf(p.Start) : null;
}
