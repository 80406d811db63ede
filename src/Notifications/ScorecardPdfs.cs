using System.Net.Http.Headers;
using Infogerance.Data;
using Infogerance.Mail;
using Infogerance.Notifications.Domain;

namespace Infogerance.Notifications;

/// <summary>
/// The PDF of a contract's monthly scorecard, asked of the Reporting service on its internal route (with the system's
/// internal key) when the e-mail that carries it is written: as the recipient's side reads it, in their language. The
/// service keeps no copy: a failure fails the e-mail, which is tried again as any other.
/// </summary>
public sealed class ScorecardPdfs(HttpClient http)
{
    public const string ClientName = "reporting";

    public async Task<MailAttachment> FetchAsync(Guid contractId, string month, Addressee to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        var side = to.OrganisationKind == "provider" ? Sides.Provider : Sides.Client;
        using var request = new HttpRequestMessage(
            HttpMethod.Get, $"/internal/contracts/{contractId}/scorecard/pdf?month={Uri.EscapeDataString(month)}&side={side}");
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(to.Language));
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')
            ?? $"scorecard-{month}.pdf";
        return new MailAttachment(name, "application/pdf", await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }
}
