using System.Globalization;
using System.Text;
using System.Text.Json;
using Infogerance.IntegrationEvents;
using Infogerance.Mail;
using Infogerance.Validation;

namespace Infogerance.Notifications.Domain;

/// <summary>A notification as its e-mail tells it: what it is about, and the values its sentence is written from.</summary>
public sealed record EmailNotice(Guid Id, string Kind, Guid ContractId, string ContractReference, Subject Subject, JsonElement Data, DateTimeOffset CreatedAt);

/// <summary>The person an e-mail is for, as Identity last described them; <paramref name="OrganisationKind"/> is <c>client</c> or <c>provider</c>.</summary>
public sealed record Addressee(string Email, string DisplayName, string Language, string OrganisationKind = "client");

/// <summary>An e-mail's subject, plain text and HTML (every value in it encoded).</summary>
public sealed record EmailContent(string Subject, string Text, string Html);

/// <summary>
/// Writes the e-mail of a notification, or the daily digest of several, in the addressee's language (French or
/// English), from the notification's kind and data, with an absolute link to the thing in the web app. Dates and times
/// are written in <paramref name="zone"/>.
/// </summary>
/// <param name="publicOrigin">The web app's address as people's browsers reach it (<c>https://app.example.com</c>).</param>
public sealed class EmailComposer(string publicOrigin, TimeZoneInfo zone)
{
    /// <summary>Where a person changes what reaches them by e-mail.</summary>
    public const string PreferencesPath = "/settings/notifications";

    private readonly string _origin = publicOrigin.TrimEnd('/');

    /// <summary>The e-mail of one notification.</summary>
    public EmailContent Compose(Addressee to, EmailNotice notice)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(notice);
        var language = CultureInfo.GetCultureInfo(to.Language);
        var (subject, sentence) = Describe(notice);
        var link = LinkTo(notice);
        var text = new StringBuilder()
            .Append(Greeting(to).In(language)).Append("\n\n")
            .Append(sentence.In(language)).Append("\n\n")
            .Append(OpenIt.In(language)).Append(' ').Append(link).Append('\n');
        var html = new StringBuilder()
            .Append("<p>").Append(MailHtml.Encode(Greeting(to).In(language))).Append("</p>\n")
            .Append("<p>").Append(MailHtml.Encode(sentence.In(language))).Append("</p>\n")
            .Append("<p><a href=\"").Append(MailHtml.Encode(link)).Append("\">").Append(MailHtml.Encode(OpenIt.In(language))).Append("</a></p>\n");
        return Finish(subject.In(language), text, html, language);
    }

    /// <summary>The daily digest: every notification of the day, oldest first, each with its link.</summary>
    public EmailContent ComposeDigest(Addressee to, IReadOnlyList<EmailNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(notices);
        var language = CultureInfo.GetCultureInfo(to.Language);
        var text = new StringBuilder()
            .Append(Greeting(to).In(language)).Append("\n\n")
            .Append(DigestIntro.In(language)).Append("\n\n");
        var html = new StringBuilder()
            .Append("<p>").Append(MailHtml.Encode(Greeting(to).In(language))).Append("</p>\n")
            .Append("<p>").Append(MailHtml.Encode(DigestIntro.In(language))).Append("</p>\n<ul>\n");
        foreach (var notice in notices.OrderBy(notice => notice.CreatedAt).ThenBy(notice => notice.Id))
        {
            var (subject, sentence) = Describe(notice);
            var link = LinkTo(notice);
            text.Append("- ").Append(subject.In(language)).Append('\n')
                .Append("  ").Append(sentence.In(language)).Append('\n')
                .Append("  ").Append(link).Append("\n\n");
            html.Append("<li><p><a href=\"").Append(MailHtml.Encode(link)).Append("\">").Append(MailHtml.Encode(subject.In(language))).Append("</a><br>\n")
                .Append(MailHtml.Encode(sentence.In(language))).Append("</p></li>\n");
        }

        html.Append("</ul>\n");
        return Finish(DigestSubject(notices.Count).In(language), text, html, language);
    }

    /// <summary>The absolute address of the thing a notification is about, in the web app.</summary>
    public string LinkTo(EmailNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var contract = $"/contracts/{notice.ContractId}";
        var path = notice.Subject.Type switch
        {
            SubjectTypes.Ticket when notice.Subject.Id is { } ticket => $"/tickets/{ticket}",
            SubjectTypes.Invoice when notice.Subject.Id is { } invoice => $"/invoices/{invoice}",
            SubjectTypes.Evolution => $"{contract}?tab=evolutions",
            SubjectTypes.Version => $"{contract}?tab=terms&version={Uri.EscapeDataString(notice.Subject.Label)}",
            SubjectTypes.Review when notice.Subject.Id is { } review => $"{contract}?tab=reviews&review={review}",
            SubjectTypes.ChecklistItem or SubjectTypes.Phase => $"{contract}?tab=phases",
            _ => contract,
        };
        return _origin + path;
    }

    private EmailContent Finish(string subject, StringBuilder text, StringBuilder html, CultureInfo language)
    {
        var preferences = _origin + PreferencesPath;
        text.Append("\n-- \n").Append(Footer.In(language)).Append(' ').Append(preferences).Append('\n');
        html.Append("<hr>\n<p style=\"color:#666;font-size:small\">").Append(MailHtml.Encode(Footer.In(language)))
            .Append(" <a href=\"").Append(MailHtml.Encode(preferences)).Append("\">").Append(MailHtml.Encode(preferences)).Append("</a></p>\n");
        var page = $"""
            <!DOCTYPE html>
            <html lang="{language.TwoLetterISOLanguageName}">
            <head><meta charset="utf-8"><title>{MailHtml.Encode(subject)}</title></head>
            <body style="font-family:sans-serif">
            {html}</body>
            </html>
            """;
        return new EmailContent(subject, text.ToString(), page);
    }

    private static Message Greeting(Addressee to) =>
        new Message("email.greeting", $"Hello {to.DisplayName},", $"Bonjour {to.DisplayName},").With("name", to.DisplayName);

    private static Message OpenIt { get; } = new("email.open", "See it in Infogérance:", "Voir dans Infogérance :");

    private static Message Footer { get; } = new("email.footer",
        "You receive this e-mail because of your notification preferences, which you can change here:",
        "Vous recevez cet e-mail selon vos préférences de notification, que vous pouvez modifier ici :");

    private static Message DigestIntro { get; } = new("email.digest.intro",
        "Here is what happened on your contracts since the last digest:", "Voici ce qui s’est passé sur vos contrats depuis le dernier récapitulatif :");

    private static Message DigestSubject(int count) =>
        new Message("email.digest.subject",
            $"Infogérance — your daily digest: {count} notification{(count == 1 ? "" : "s")}",
            $"Infogérance — votre récapitulatif quotidien : {count} notification{(count == 1 ? "" : "s")}").With("count", count);

    /// <summary>The subject line and the sentence of a notification, in both languages, from its kind and data.</summary>
    private (Message Subject, Message Sentence) Describe(EmailNotice notice)
    {
        var en = new Words(notice, Languages.English, zone);
        var fr = new Words(notice, Languages.French, zone);
        var reference = notice.ContractReference;
        // The subject line starts with the contract's reference, when the replica knows it already.
        var on = reference.Length > 0 ? $"[{reference}] " : "";
        var code = $"email.{notice.Kind}";
        (string English, string French) subject, sentence;
        switch (notice.Kind)
        {
            case NotificationKinds.SlaWarning:
                subject = ($"{on}Ticket {en.Ticket}: {en.Text("percent")}% of the {en.Clock} time used",
                    $"{on}Ticket {fr.Ticket} : {fr.Text("percent")} % du délai de {fr.Clock} écoulé");
                sentence = ($"Ticket {en.Ticket} ({en.Text("priority")}) has used {en.Text("percent")}% of its {en.Clock} time on contract {reference}; it is due on {en.Moment("dueAt")}.",
                    $"Le ticket {fr.Ticket} ({fr.Text("priority")}) a consommé {fr.Text("percent")} % de son délai de {fr.Clock} sur le contrat {reference} ; échéance le {fr.Moment("dueAt")}.");
                break;
            case NotificationKinds.SlaBreached:
                subject = ($"{on}SLA breached: ticket {en.Ticket}", $"{on}SLA dépassé : ticket {fr.Ticket}");
                sentence = ($"The {en.Clock} time of ticket {en.Ticket} ({en.Text("priority")}) on contract {reference} ran out on {en.Moment("dueAt")}.",
                    $"Le délai de {fr.Clock} du ticket {fr.Ticket} ({fr.Text("priority")}) sur le contrat {reference} a expiré le {fr.Moment("dueAt")}.");
                break;
            case NotificationKinds.TicketPendingClient:
                subject = ($"{on}Ticket {en.Ticket} awaits your answer", $"{on}Le ticket {fr.Ticket} attend votre réponse");
                sentence = ($"The service desk needs your answer to go on with ticket {en.Ticket} on contract {reference}.",
                    $"Le support attend votre réponse pour poursuivre le ticket {fr.Ticket} sur le contrat {reference}.");
                break;
            case NotificationKinds.TicketResolved:
                subject = ($"{on}Ticket {en.Ticket} resolved: please rate it", $"{on}Ticket {fr.Ticket} résolu : merci de l’évaluer");
                sentence = ($"Ticket {en.Ticket} on contract {reference} is resolved. Please confirm the resolution and rate the service.",
                    $"Le ticket {fr.Ticket} du contrat {reference} est résolu. Merci de confirmer la résolution et d’évaluer le service.");
                break;
            case NotificationKinds.NoticeDeadlineApproaching:
                subject = ($"{on}Notice deadline on {en.Day("noticeDeadline")}", $"{on}Date limite de préavis le {fr.Day("noticeDeadline")}");
                sentence = ($"The last day to give notice on contract {reference} is {en.Day("noticeDeadline")}, for the period ending on {en.Day("periodEnd")}.",
                    $"Le dernier jour pour donner préavis sur le contrat {reference} est le {fr.Day("noticeDeadline")}, pour la période se terminant le {fr.Day("periodEnd")}.");
                break;
            case NotificationKinds.EvolutionRequested:
                subject = ($"{on}New evolution request: {en.Text("title")}", $"{on}Nouvelle demande d’évolution : {fr.Text("title")}");
                sentence = ($"The client requests an evolution on contract {reference}: {en.Text("title")}. It awaits your proposal.",
                    $"Le client demande une évolution sur le contrat {reference} : {fr.Text("title")}. Elle attend votre proposition.");
                break;
            case NotificationKinds.EvolutionStateChanged:
                subject = ($"{on}Evolution “{en.Text("title")}”: {en.State}", $"{on}Évolution « {fr.Text("title")} » : {fr.State}");
                sentence = ($"The evolution request “{en.Text("title")}” on contract {reference} is now {en.State}.{en.Optional("quoteAmount", " Quote: {0}.", en.Amount)}",
                    $"La demande d’évolution « {fr.Text("title")} » du contrat {reference} est désormais {fr.State}.{fr.Optional("quoteAmount", " Devis : {0}.", fr.Amount)}");
                break;
            case NotificationKinds.AmendmentProposed:
                subject = ($"{on}Amendment {en.Text("version")} to countersign", $"{on}Avenant {fr.Text("version")} à contresigner");
                sentence = ($"{en.Text("proposedBy")} proposed amendment {en.Text("version")} to contract {reference}, effective from {en.Day("effectiveFrom")}. It awaits your countersignature.",
                    $"{fr.Text("proposedBy")} a proposé l’avenant {fr.Text("version")} au contrat {reference}, applicable à partir du {fr.Day("effectiveFrom")}. Il attend votre contre-signature.");
                break;
            case NotificationKinds.RenewalDecided:
                subject = ($"{on}Renewal decision: {en.Decision}", $"{on}Décision de renouvellement : {fr.Decision}");
                sentence = ($"The client decided on contract {reference} for the end of the period on {en.Day("periodEnd")}: {en.Decision}.{en.Optional("revisedMonthlyFee", " Revised monthly fee: {0}.", en.Amount)}",
                    $"Le client a décidé pour le contrat {reference} à la fin de la période le {fr.Day("periodEnd")} : {fr.Decision}.{fr.Optional("revisedMonthlyFee", " Redevance mensuelle révisée : {0}.", fr.Amount)}");
                break;
            case NotificationKinds.InvoiceControlled:
                subject = ($"{on}Invoice {en.Text("number")} to approve", $"{on}Facture {fr.Text("number")} à valider");
                sentence = en.Flag("hasDiscrepancies")
                    ? ($"Invoice {en.Text("number")} on contract {reference} has been controlled: {en.Text("discrepancyCount")} discrepancies, {en.Amount("totalAtStake")} at stake. Approve or dispute it.",
                        $"La facture {fr.Text("number")} du contrat {reference} a été contrôlée : {fr.Text("discrepancyCount")} écart(s), {fr.Amount("totalAtStake")} en jeu. Validez-la ou contestez-la.")
                    : ($"Invoice {en.Text("number")} on contract {reference} has been controlled: no discrepancy. Approve or dispute it.",
                        $"La facture {fr.Text("number")} du contrat {reference} a été contrôlée : aucun écart. Validez-la ou contestez-la.");
                break;
            case NotificationKinds.InvoiceDisputed:
                subject = ($"{on}Invoice {en.Text("number")} disputed", $"{on}Facture {fr.Text("number")} contestée");
                sentence = ($"{en.Text("disputedBy")} disputed invoice {en.Text("number")} on contract {reference}: “{en.Text("message")}”. Answer with a credit note or a corrected invoice.",
                    $"{fr.Text("disputedBy")} a contesté la facture {fr.Text("number")} du contrat {reference} : « {fr.Text("message")} ». Répondez par un avoir ou une facture rectificative.");
                break;
            case NotificationKinds.InvoiceApproved:
                subject = ($"{on}Invoice {en.Text("number")} approved", $"{on}Facture {fr.Text("number")} validée");
                sentence = ($"{en.Text("approvedBy")} approved invoice {en.Text("number")} on contract {reference} ({en.Amount("totalWithVat")} incl. VAT).",
                    $"{fr.Text("approvedBy")} a validé la facture {fr.Text("number")} du contrat {reference} ({fr.Amount("totalWithVat")} TTC).");
                break;
            case NotificationKinds.InvoicePaid:
                subject = ($"{on}Invoice {en.Text("number")} paid", $"{on}Facture {fr.Text("number")} payée");
                sentence = ($"Invoice {en.Text("number")} on contract {reference} was paid on {en.Day("paidOn")} ({en.Amount("totalWithVat")} incl. VAT).",
                    $"La facture {fr.Text("number")} du contrat {reference} a été payée le {fr.Day("paidOn")} ({fr.Amount("totalWithVat")} TTC).");
                break;
            case NotificationKinds.ReviewPrepared:
                subject = ($"{on}Review {en.Text("period")} to approve", $"{on}Revue {fr.Text("period")} à approuver");
                sentence = ($"{en.Text("preparedBy")} prepared the review of {en.Text("period")} on contract {reference}. Read its minutes and approve them.",
                    $"{fr.Text("preparedBy")} a préparé la revue {fr.Text("period")} du contrat {reference}. Lisez son compte rendu et approuvez-le.");
                break;
            case NotificationKinds.ReviewAwaitingApproval:
                subject = ($"{on}Review {en.Text("period")} awaits your approval", $"{on}La revue {fr.Text("period")} attend votre approbation");
                sentence = ($"{en.Text("approvedBy")} approved the minutes of the review of {en.Text("period")} on contract {reference}. They await your side’s approval.",
                    $"{fr.Text("approvedBy")} a approuvé le compte rendu de la revue {fr.Text("period")} du contrat {reference}. Il attend l’approbation de votre côté.");
                break;
            case NotificationKinds.ReviewApprovalWithdrawn:
                subject = ($"{on}Review {en.Text("period")} changed: approve it again", $"{on}Revue {fr.Text("period")} modifiée : à approuver de nouveau");
                sentence = ($"{en.Text("changedBy")} changed the minutes of the review of {en.Text("period")} on contract {reference} after your side approved them. Your approval is awaited again.",
                    $"{fr.Text("changedBy")} a modifié le compte rendu de la revue {fr.Text("period")} du contrat {reference} après l’approbation de votre côté. Votre approbation est de nouveau attendue.");
                break;
            case NotificationKinds.ReviewClosed:
                subject = ($"{on}Review {en.Text("period")} closed", $"{on}Revue {fr.Text("period")} clôturée");
                sentence = ($"Both sides approved the minutes of the review of {en.Text("period")} on contract {reference}: it is closed.",
                    $"Les deux parties ont approuvé le compte rendu de la revue {fr.Text("period")} du contrat {reference} : elle est clôturée.");
                break;
            case NotificationKinds.ReviewActionOverdue:
                subject = ($"{on}Overdue action: {en.Text("title")}", $"{on}Action en retard : {fr.Text("title")}");
                sentence = ($"The action “{en.Text("title")}” of the action plan of contract {reference}, owned by {en.Text("owner")}, was due on {en.Day("dueOn")} and is not done.",
                    $"L’action « {fr.Text("title")} » du plan d’action du contrat {reference}, confiée à {fr.Text("owner")}, était attendue le {fr.Day("dueOn")} et n’est pas terminée.");
                break;
            case NotificationKinds.ChecklistItemToAccept:
                subject = ($"{on}Checklist item to accept: {en.Text("title")}", $"{on}Élément de checklist à accepter : {fr.Text("title")}");
                sentence = ($"{en.Text("acceptedBy")} accepted “{en.Text("title")}” of the {en.Phase} checklist on contract {reference}. It awaits your side’s acceptance.",
                    $"{fr.Text("acceptedBy")} a accepté « {fr.Text("title")} » de la checklist de {fr.Phase} du contrat {reference}. Il attend l’acceptation de votre côté.");
                break;
            case NotificationKinds.PhaseReadyToClose:
                subject = ($"{on}The {en.Phase} can be closed", $"{on}La {fr.Phase} peut être clôturée");
                sentence = ($"Every item of the {en.Phase} checklist on contract {reference} is accepted by both sides. Each side may now accept the closure of the phase.",
                    $"Tous les éléments de la checklist de {fr.Phase} du contrat {reference} sont acceptés par les deux parties. Chaque partie peut maintenant accepter la clôture de la phase.");
                break;
            case NotificationKinds.PhaseClosureProposed:
                subject = ($"{on}Closure of the {en.Phase} to accept", $"{on}Clôture de la {fr.Phase} à accepter");
                sentence = ($"{en.Text("acceptedBy")} accepted the closure of the {en.Phase} on contract {reference}. It closes when your side accepts it too.",
                    $"{fr.Text("acceptedBy")} a accepté la clôture de la {fr.Phase} du contrat {reference}. Elle sera clôturée quand votre côté l’acceptera aussi.");
                break;
            case NotificationKinds.MonthlyScorecard:
                subject = ($"{on}Scorecard of {en.Month}", $"{on}Tableau de bord de {fr.Month}");
                sentence = ($"The figures of {en.Month} on contract {reference} are final: its scorecard is attached (PDF).",
                    $"Les chiffres de {fr.Month} du contrat {reference} sont définitifs : son tableau de bord est joint (PDF).");
                break;
            default:
                // A kind this version does not know yet still reads sensibly and leads to the contract.
                code = "email.other";
                subject = ($"{on}New notification", $"{on}Nouvelle notification");
                sentence = ($"There is news on contract {reference}.", $"Il y a du nouveau sur le contrat {reference}.");
                break;
        }

        return (new Message($"{code}.subject", subject.English, subject.French), new Message($"{code}.sentence", sentence.English, sentence.French));
    }

    /// <summary>A notification's values as one language writes them.</summary>
    private sealed class Words(EmailNotice notice, string language, TimeZoneInfo zone)
    {
        private readonly CultureInfo _culture = CultureInfo.GetCultureInfo(language == Languages.French ? "fr-FR" : "en-GB");
        private readonly bool _french = language == Languages.French;

        /// <summary>The ticket's number: from the data, or the label people know it by.</summary>
        public string Ticket => Text("number") is { Length: > 0 } number ? number : notice.Subject.Label;

        public string Clock => Text("clock") switch
        {
            "respond" => _french ? "prise en charge" : "response",
            "resolve" => _french ? "résolution" : "resolution",
            var other => other,
        };

        public string State => Text("state") switch
        {
            EvolutionStates.Specified => _french ? "spécifiée" : "specified",
            EvolutionStates.Proposed => _french ? "proposée" : "proposed",
            EvolutionStates.Validated => _french ? "validée" : "validated",
            EvolutionStates.Rejected => _french ? "rejetée" : "rejected",
            EvolutionStates.InProgress => _french ? "en cours de réalisation" : "in progress",
            EvolutionStates.Delivered => _french ? "livrée" : "delivered",
            EvolutionStates.Accepted => _french ? "acceptée" : "accepted",
            var other => other,
        };

        public string Decision => Text("decision") switch
        {
            "renew" => _french ? "renouvellement" : "renewal",
            "renegotiate" => _french ? "renégociation" : "renegotiation",
            "terminate" => _french ? "résiliation" : "termination",
            var other => other,
        };

        /// <summary>The phase a checklist belongs to, as people name it.</summary>
        public string Phase => Text("phase") switch
        {
            "takeover" => _french ? "prise en charge" : "takeover",
            "reversibility" => _french ? "réversibilité" : "reversibility",
            var other => other,
        };

        /// <summary>A month (<c>yyyy-MM</c>) as people write it: March 2027, mars 2027.</summary>
        public string Month => DateOnly.TryParseExact(Text("month") + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first.ToString("MMMM yyyy", _culture)
            : Text("month");

        /// <summary>A value as it is (a number in the invariant form, a text as written); empty when absent.</summary>
        public string Text(string key) => Value(key) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString() ?? "",
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => "",
            }
            : "";

        public bool Flag(string key) => Value(key) is { ValueKind: JsonValueKind.True };

        /// <summary>A day (<c>yyyy-MM-dd</c>) as people write it: 1 April 2027, 1er avril 2027.</summary>
        public string Day(string key)
        {
            if (!DateOnly.TryParseExact(Text(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Text(key);
            }

            return _french && day.Day == 1 ? "1er " + day.ToString("MMMM yyyy", _culture) : day.ToString("d MMMM yyyy", _culture);
        }

        /// <summary>An instant in the zone of the e-mails: 15 April 2027 at 14:30 (Europe/Paris).</summary>
        public string Moment(string key)
        {
            if (Value(key) is not { ValueKind: JsonValueKind.String } value || !value.TryGetDateTimeOffset(out var instant))
            {
                return Text(key);
            }

            var local = TimeZoneInfo.ConvertTime(instant, zone);
            return local.ToString(_french ? "d MMMM yyyy 'à' HH:mm" : "d MMMM yyyy 'at' HH:mm", _culture) + $" ({zone.Id})";
        }

        /// <summary>An amount in euros: €1,200.00, 1 200,00 €.</summary>
        public string Amount(string key)
        {
            if (Value(key) is not { ValueKind: JsonValueKind.Number } value || !value.TryGetDecimal(out var amount))
            {
                return Text(key);
            }

            var figure = amount.ToString("N2", _culture);
            return _french ? $"{figure} €" : $"€{figure}";
        }

        /// <summary><paramref name="format"/> around the value written by <paramref name="write"/>, or nothing when the value is absent.</summary>
        public string Optional(string key, string format, Func<string, string> write) =>
            Value(key) is { ValueKind: not JsonValueKind.Null } ? string.Format(_culture, format, write(key)) : "";

        private JsonElement? Value(string key) =>
            notice.Data.ValueKind == JsonValueKind.Object && notice.Data.TryGetProperty(key, out var value) ? value : null;
    }
}
