namespace Infogerance.Invoicing;

/// <summary>
/// The "Invoicing" configuration section: every setting of the service is a property here, bound once in
/// <c>AddApplicationServices</c> and read through <c>IOptions&lt;InvoicingSettings&gt;</c>, never from the configuration directly.
/// </summary>
public sealed class InvoicingSettings;
