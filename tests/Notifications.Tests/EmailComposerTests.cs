using System.Text.Json;
using Infogerance.IntegrationEvents;
using Infogerance.Notifications.Domain;
using static Infogerance.Notifications.Tests.World;

namespace Infogerance.Notifications.Tests;

/// <summary>Each kind's e-mail in both languages, written from the data the rules put in the notification.</summary>
public class EmailComposerTests
{
    private const string NarrowSpace = "\u202F";
    private static readonly EmailComposer Composer = new("https://app.example/", TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
    private static readonly Addressee English = new("ana@example.org", "Ana Smith", "en");
    private static readonly Addressee French = new("luc@example.org", "Luc Martin", "fr");
    private static readonly Guid Ticket = Guid.CreateVersion7();
    private static readonly Guid Invoice = Guid.CreateVersion7();
    private static readonly Guid Review = Guid.CreateVersion7();

    // 01:30 UTC on the night the clocks go forward in Paris: 03:30 there.
    private static readonly DateTimeOffset Due = new(2027, 3, 28, 1, 30, 0, TimeSpan.Zero);

    public static TheoryData<string, Notice, string, string, string, string> Kinds => new()
    {
        {
            "SLA warning", NotificationRules.For(new SlaWarningRaised
            {
                TenantId = Client, ContractId = Contract, TicketId = Ticket, Clock = "resolve", Priority = "P2", Percent = 75, DueAt = Due, Number = 42,
            }),
            "[ACME-01] Ticket 42: 75% of the resolution time used",
            "Ticket 42 (P2) has used 75% of its resolution time on contract ACME-01; it is due on 28 March 2027 at 03:30 (Europe/Paris).",
            "[ACME-01] Ticket 42 : 75 % du délai de résolution écoulé",
            "Le ticket 42 (P2) a consommé 75 % de son délai de résolution sur le contrat ACME-01 ; échéance le 28 mars 2027 à 03:30 (Europe/Paris)."
        },
        {
            "SLA breach", NotificationRules.For(new SlaBreached
            {
                TenantId = Client, ContractId = Contract, TicketId = Ticket, Clock = "respond", Priority = "P1", DueAt = Due, Number = 42,
            }),
            "[ACME-01] SLA breached: ticket 42",
            "The response time of ticket 42 (P1) on contract ACME-01 ran out on 28 March 2027 at 03:30 (Europe/Paris).",
            "[ACME-01] SLA dépassé : ticket 42",
            "Le délai de prise en charge du ticket 42 (P1) sur le contrat ACME-01 a expiré le 28 mars 2027 à 03:30 (Europe/Paris)."
        },
        {
            "ticket waiting on the client", NotificationRules.For(StatusChange("pendingClient"))!,
            "[ACME-01] Ticket 7 awaits your answer",
            "The service desk needs your answer to go on with ticket 7 on contract ACME-01.",
            "[ACME-01] Le ticket 7 attend votre réponse",
            "Le support attend votre réponse pour poursuivre le ticket 7 sur le contrat ACME-01."
        },
        {
            "ticket resolved", NotificationRules.For(StatusChange("resolved"))!,
            "[ACME-01] Ticket 7 resolved: please rate it",
            "Ticket 7 on contract ACME-01 is resolved. Please confirm the resolution and rate the service.",
            "[ACME-01] Ticket 7 résolu : merci de l’évaluer",
            "Le ticket 7 du contrat ACME-01 est résolu. Merci de confirmer la résolution et d’évaluer le service."
        },
        {
            "notice deadline", NotificationRules.For(new NoticeDeadlineApproaching
            {
                TenantId = Client, ContractId = Contract, NoticeDeadline = new DateOnly(2027, 6, 30), PeriodEnd = new DateOnly(2027, 12, 31), DaysBefore = 30,
            }),
            "[ACME-01] Notice deadline on 30 June 2027",
            "The last day to give notice on contract ACME-01 is 30 June 2027, for the period ending on 31 December 2027.",
            "[ACME-01] Date limite de préavis le 30 juin 2027",
            "Le dernier jour pour donner préavis sur le contrat ACME-01 est le 30 juin 2027, pour la période se terminant le 31 décembre 2027."
        },
        {
            "evolution requested", NotificationRules.For(Evolution(EvolutionStates.Specified, null))!,
            "[ACME-01] New evolution request: Portail RH",
            "The client requests an evolution on contract ACME-01: Portail RH. It awaits your proposal.",
            "[ACME-01] Nouvelle demande d’évolution : Portail RH",
            "Le client demande une évolution sur le contrat ACME-01 : Portail RH. Elle attend votre proposition."
        },
        {
            "evolution proposed with its quote", NotificationRules.For(Evolution(EvolutionStates.Proposed, 12_500m))!,
            "[ACME-01] Evolution “Portail RH”: proposed",
            "The evolution request “Portail RH” on contract ACME-01 is now proposed. Quote: €12,500.00.",
            "[ACME-01] Évolution « Portail RH » : proposée",
            $"La demande d’évolution « Portail RH » du contrat ACME-01 est désormais proposée. Devis : 12{NarrowSpace}500,00 €."
        },
        {
            "evolution under way", NotificationRules.For(Evolution(EvolutionStates.InProgress, null))!,
            "[ACME-01] Evolution “Portail RH”: in progress",
            "The evolution request “Portail RH” on contract ACME-01 is now in progress.",
            "[ACME-01] Évolution « Portail RH » : en cours de réalisation",
            "La demande d’évolution « Portail RH » du contrat ACME-01 est désormais en cours de réalisation."
        },
        {
            "amendment proposed", NotificationRules.For(new AmendmentProposed
            {
                TenantId = Client, ContractId = Contract, VersionNumber = 3, ProposingSide = "client", ProposedBy = "Marc Dubois",
                ProposedById = Guid.CreateVersion7(), EffectiveFrom = new DateOnly(2027, 4, 1),
            })!,
            "[ACME-01] Amendment 3 to countersign",
            "Marc Dubois proposed amendment 3 to contract ACME-01, effective from 1 April 2027. It awaits your countersignature.",
            "[ACME-01] Avenant 3 à contresigner",
            "Marc Dubois a proposé l’avenant 3 au contrat ACME-01, applicable à partir du 1er avril 2027. Il attend votre contre-signature."
        },
        {
            "renewal decided", NotificationRules.For(new RenewalDecided
            {
                TenantId = Client, ContractId = Contract, Decision = "renegotiate", PeriodEnd = new DateOnly(2027, 12, 31), RevisedMonthlyFee = 9_800m,
            }),
            "[ACME-01] Renewal decision: renegotiation",
            "The client decided on contract ACME-01 for the end of the period on 31 December 2027: renegotiation. Revised monthly fee: €9,800.00.",
            "[ACME-01] Décision de renouvellement : renégociation",
            $"Le client a décidé pour le contrat ACME-01 à la fin de la période le 31 décembre 2027 : renégociation. Redevance mensuelle révisée : 9{NarrowSpace}800,00 €."
        },
        {
            "invoice controlled with discrepancies", NotificationRules.For(Controlled(2, 350.5m))!,
            "[ACME-01] Invoice F-2027-001 to approve",
            "Invoice F-2027-001 on contract ACME-01 has been controlled: 2 discrepancies, €350.50 at stake. Approve or dispute it.",
            "[ACME-01] Facture F-2027-001 à valider",
            "La facture F-2027-001 du contrat ACME-01 a été contrôlée : 2 écart(s), 350,50 € en jeu. Validez-la ou contestez-la."
        },
        {
            "invoice controlled without discrepancy", NotificationRules.For(Controlled(0, 0m))!,
            "[ACME-01] Invoice F-2027-001 to approve",
            "Invoice F-2027-001 on contract ACME-01 has been controlled: no discrepancy. Approve or dispute it.",
            "[ACME-01] Facture F-2027-001 à valider",
            "La facture F-2027-001 du contrat ACME-01 a été contrôlée : aucun écart. Validez-la ou contestez-la."
        },
        {
            "invoice disputed", NotificationRules.For(new InvoiceDisputed
            {
                TenantId = Client, ContractId = Contract, InvoiceId = Invoice, Number = "F-2027-001", Message = "Il manque l'avoir.", DisputedBy = "Camille Gestion",
            }),
            "[ACME-01] Invoice F-2027-001 disputed",
            "Camille Gestion disputed invoice F-2027-001 on contract ACME-01: “Il manque l'avoir.”. Answer with a credit note or a corrected invoice.",
            "[ACME-01] Facture F-2027-001 contestée",
            "Camille Gestion a contesté la facture F-2027-001 du contrat ACME-01 : « Il manque l'avoir. ». Répondez par un avoir ou une facture rectificative."
        },
        {
            "invoice approved", NotificationRules.For(new InvoiceApproved
            {
                TenantId = Client, ContractId = Contract, InvoiceId = Invoice, Number = "F-2027-001", Kind = "invoice", TotalWithVat = 12_000m, ApprovedBy = "Camille Gestion",
            }),
            "[ACME-01] Invoice F-2027-001 approved",
            "Camille Gestion approved invoice F-2027-001 on contract ACME-01 (€12,000.00 incl. VAT).",
            "[ACME-01] Facture F-2027-001 validée",
            $"Camille Gestion a validé la facture F-2027-001 du contrat ACME-01 (12{NarrowSpace}000,00 € TTC)."
        },
        {
            "invoice paid", NotificationRules.For(new InvoicePaid
            {
                TenantId = Client, ContractId = Contract, InvoiceId = Invoice, Number = "F-2027-001", PaidOn = new DateOnly(2027, 4, 15), TotalWithVat = 12_000m,
            }),
            "[ACME-01] Invoice F-2027-001 paid",
            "Invoice F-2027-001 on contract ACME-01 was paid on 15 April 2027 (€12,000.00 incl. VAT).",
            "[ACME-01] Facture F-2027-001 payée",
            $"La facture F-2027-001 du contrat ACME-01 a été payée le 15 avril 2027 (12{NarrowSpace}000,00 € TTC)."
        },
        {
            "review prepared", NotificationRules.For(new ReviewPrepared
            {
                TenantId = Client, ContractId = Contract, ReviewId = Review, Number = 4, Period = "2027-Q1", PreparingSide = "client",
                PreparedBy = "Camille Gestion", PreparedById = Guid.CreateVersion7(),
            })!,
            "[ACME-01] Review 2027-Q1 to approve",
            "Camille Gestion prepared the review of 2027-Q1 on contract ACME-01. Read its minutes and approve them.",
            "[ACME-01] Revue 2027-Q1 à approuver",
            "Camille Gestion a préparé la revue 2027-Q1 du contrat ACME-01. Lisez son compte rendu et approuvez-le."
        },
        {
            "review awaiting approval", NotificationRules.For(new ReviewApproved
            {
                TenantId = Client, ContractId = Contract, ReviewId = Review, Period = "2027-03", Side = "client", ApprovedBy = "Camille Gestion",
                ApprovedById = Guid.CreateVersion7(), AwaitingSide = "provider",
            })!,
            "[ACME-01] Review 2027-03 awaits your approval",
            "Camille Gestion approved the minutes of the review of 2027-03 on contract ACME-01. They await your side’s approval.",
            "[ACME-01] La revue 2027-03 attend votre approbation",
            "Camille Gestion a approuvé le compte rendu de la revue 2027-03 du contrat ACME-01. Il attend l’approbation de votre côté."
        },
        {
            "review approval withdrawn", NotificationRules.For(new ReviewApprovalWithdrawn
            {
                TenantId = Client, ContractId = Contract, ReviewId = Review, Period = "2027-03", Side = "provider", ChangedBy = "Camille Gestion",
                ChangedById = Guid.CreateVersion7(),
            })!,
            "[ACME-01] Review 2027-03 changed: approve it again",
            "Camille Gestion changed the minutes of the review of 2027-03 on contract ACME-01 after your side approved them. Your approval is awaited again.",
            "[ACME-01] Revue 2027-03 modifiée : à approuver de nouveau",
            "Camille Gestion a modifié le compte rendu de la revue 2027-03 du contrat ACME-01 après l’approbation de votre côté. Votre approbation est de nouveau attendue."
        },
        {
            "review closed", NotificationRules.For(new ReviewClosed
            {
                TenantId = Client, ContractId = Contract, ReviewId = Review, Period = "2027-03", ClosedAt = Due,
            }),
            "[ACME-01] Review 2027-03 closed",
            "Both sides approved the minutes of the review of 2027-03 on contract ACME-01: it is closed.",
            "[ACME-01] Revue 2027-03 clôturée",
            "Les deux parties ont approuvé le compte rendu de la revue 2027-03 du contrat ACME-01 : elle est clôturée."
        },
        {
            "monthly scorecard", NotificationRules.For(new ScorecardMonthFinal { TenantId = Client, ContractId = Contract, Month = "2027-03" }),
            "[ACME-01] Scorecard of March 2027",
            "The figures of March 2027 on contract ACME-01 are final: its scorecard is attached (PDF).",
            "[ACME-01] Tableau de bord de mars 2027",
            "Les chiffres de mars 2027 du contrat ACME-01 sont définitifs : son tableau de bord est joint (PDF)."
        },
        {
            "review action overdue", NotificationRules.For(new ReviewActionOverdue
            {
                TenantId = Client, ContractId = Contract, ActionId = Guid.CreateVersion7(), RaisedInReviewId = Review, Title = "Mettre à jour le PRA",
                Side = "provider", Owner = "Hugo Support", DueOn = new DateOnly(2027, 4, 1), Status = "open",
            })!,
            "[ACME-01] Overdue action: Mettre à jour le PRA",
            "The action “Mettre à jour le PRA” of the action plan of contract ACME-01, owned by Hugo Support, was due on 1 April 2027 and is not done.",
            "[ACME-01] Action en retard : Mettre à jour le PRA",
            "L’action « Mettre à jour le PRA » du plan d’action du contrat ACME-01, confiée à Hugo Support, était attendue le 1er avril 2027 et n’est pas terminée."
        },
        {
            "checklist item to accept", NotificationRules.For(new ChecklistItemAccepted
            {
                TenantId = Client, ContractId = Contract, ItemId = Guid.CreateVersion7(), Phase = "takeover", Title = "Plan d'assurance qualité",
                Side = "provider", AcceptedBy = "Antoine Garnier", AcceptedById = Guid.CreateVersion7(), AwaitingSide = "client", PhaseReadyToClose = false,
            })!,
            "[ACME-01] Checklist item to accept: Plan d'assurance qualité",
            "Antoine Garnier accepted “Plan d'assurance qualité” of the takeover checklist on contract ACME-01. It awaits your side’s acceptance.",
            "[ACME-01] Élément de checklist à accepter : Plan d'assurance qualité",
            "Antoine Garnier a accepté « Plan d'assurance qualité » de la checklist de prise en charge du contrat ACME-01. Il attend l’acceptation de votre côté."
        },
        {
            "phase ready to close", NotificationRules.For(new ChecklistItemAccepted
            {
                TenantId = Client, ContractId = Contract, ItemId = Guid.CreateVersion7(), Phase = "reversibility", Title = "Export du dossier",
                Side = "client", AcceptedBy = "Marc Dubois", AcceptedById = Guid.CreateVersion7(), AwaitingSide = null, PhaseReadyToClose = true,
            })!,
            "[ACME-01] The reversibility can be closed",
            "Every item of the reversibility checklist on contract ACME-01 is accepted by both sides. Each side may now accept the closure of the phase.",
            "[ACME-01] La réversibilité peut être clôturée",
            "Tous les éléments de la checklist de réversibilité du contrat ACME-01 sont acceptés par les deux parties. Chaque partie peut maintenant accepter la clôture de la phase."
        },
        {
            "phase closure proposed", NotificationRules.For(new PhaseClosureAccepted
            {
                TenantId = Client, ContractId = Contract, Phase = "takeover", Side = "client", AcceptedBy = "Marc Dubois", AcceptedById = Guid.CreateVersion7(),
                AwaitingSide = "provider",
            })!,
            "[ACME-01] Closure of the takeover to accept",
            "Marc Dubois accepted the closure of the takeover on contract ACME-01. It closes when your side accepts it too.",
            "[ACME-01] Clôture de la prise en charge à accepter",
            "Marc Dubois a accepté la clôture de la prise en charge du contrat ACME-01. Elle sera clôturée quand votre côté l’acceptera aussi."
        },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_kind_is_written_in_the_addressees_language(
        string what, Notice notice, string englishSubject, string englishSentence, string frenchSubject, string frenchSentence)
    {
        var english = Composer.Compose(English, Email(notice));
        Assert.Equal(englishSubject, english.Subject);
        Assert.True(english.Text.Contains(englishSentence, StringComparison.Ordinal), $"{what} in English:\n{english.Text}");
        Assert.StartsWith("Hello Ana Smith,", english.Text);
        Assert.Contains("See it in Infogérance:", english.Text);

        var french = Composer.Compose(French, Email(notice));
        Assert.Equal(frenchSubject, french.Subject);
        Assert.True(french.Text.Contains(frenchSentence, StringComparison.Ordinal), $"{what} in French:\n{french.Text}");
        Assert.StartsWith("Bonjour Luc Martin,", french.Text);
        Assert.Contains("Voir dans Infogérance :", french.Text);
        Assert.Contains("<html lang=\"fr\">", french.Html);
    }

    [Fact]
    public void Every_kind_has_its_own_text()
    {
        var covered = Kinds.Select(row => row.Data.Item2.Kind).ToHashSet();
        Assert.Equal(NotificationKinds.All.Order(), covered.Order());
        var other = Composer.Compose(English, Email(NotificationRules.For(Controlled(0, 0m))!) with { Kind = "somethingNew" });
        Assert.Equal("[ACME-01] New notification", other.Subject);
        Assert.Contains("There is news on contract ACME-01.", other.Text);
    }

    [Fact]
    public void Every_value_is_encoded_in_the_html_and_written_as_is_in_the_text()
    {
        var notice = Email(NotificationRules.For(Evolution(EvolutionStates.Specified, null) with { Title = "<b>Portail</b> & \"co\"" })!);
        var mail = Composer.Compose(English with { DisplayName = "Ana <script>" }, notice);

        Assert.Contains("&lt;b&gt;Portail&lt;/b&gt; &amp; &quot;co&quot;", mail.Html);
        Assert.Contains("Hello Ana &lt;script&gt;,", mail.Html);
        Assert.DoesNotContain("<b>Portail", mail.Html);
        Assert.DoesNotContain("<script>", mail.Html);
        Assert.Contains("<title>[ACME-01] New evolution request: &lt;b&gt;Portail&lt;/b&gt; &amp; &quot;co&quot;</title>", mail.Html);
        Assert.Contains("New evolution request: <b>Portail</b> & \"co\"", mail.Subject);
        Assert.Contains("<b>Portail</b> & \"co\"", mail.Text);
    }

    [Fact]
    public void The_link_leads_to_the_thing_itself_and_the_footer_to_the_preferences()
    {
        Assert.Equal($"https://app.example/tickets/{Ticket}", Composer.LinkTo(Email(NotificationRules.For(StatusChange("resolved"))!)));
        Assert.Equal($"https://app.example/invoices/{Invoice}", Composer.LinkTo(Email(NotificationRules.For(Controlled(0, 0m))!)));
        Assert.Equal($"https://app.example/contracts/{Contract}?tab=evolutions", Composer.LinkTo(Email(NotificationRules.For(Evolution(EvolutionStates.Proposed, 1m))!)));
        Assert.Equal($"https://app.example/contracts/{Contract}?tab=phases", Composer.LinkTo(Email(NotificationRules.For(new PhaseClosureAccepted
        {
            TenantId = Client, ContractId = Contract, Phase = "takeover", Side = "client", AcceptedBy = "Marc Dubois", AcceptedById = Guid.CreateVersion7(),
            AwaitingSide = "provider",
        })!)));
        // The review's page is a tab of the contract's, which opens the review named.
        Assert.Equal($"https://app.example/contracts/{Contract}?tab=reviews&review={Review}", Composer.LinkTo(Email(NotificationRules.For(new ReviewClosed
        {
            TenantId = Client, ContractId = Contract, ReviewId = Review, Period = "2027-03", ClosedAt = Due,
        }))));
        Assert.Equal($"https://app.example/contracts/{Contract}", Composer.LinkTo(Email(NotificationRules.For(new RenewalDecided
        {
            TenantId = Client, ContractId = Contract, Decision = "renew", PeriodEnd = new DateOnly(2027, 12, 31),
        }))));
        var amendment = Email(NotificationRules.For(new AmendmentProposed
        {
            TenantId = Client, ContractId = Contract, VersionNumber = 3, ProposingSide = "client", ProposedBy = "M", ProposedById = Guid.CreateVersion7(),
            EffectiveFrom = new DateOnly(2027, 4, 1),
        })!);
        Assert.Equal($"https://app.example/contracts/{Contract}?tab=terms&version=3", Composer.LinkTo(amendment));

        var mail = Composer.Compose(French, amendment);
        Assert.Contains($"<a href=\"https://app.example/contracts/{Contract}?tab=terms&amp;version=3\">", mail.Html);
        Assert.Contains($"Voir dans Infogérance : https://app.example/contracts/{Contract}?tab=terms&version=3", mail.Text);
        Assert.Contains("modifier ici : https://app.example/settings/notifications", mail.Text);
        Assert.Contains("<a href=\"https://app.example/settings/notifications\">", mail.Html);
    }

    [Fact]
    public void The_digest_gathers_its_notifications_oldest_first_each_with_its_link()
    {
        var paid = Email(NotificationRules.For(new InvoicePaid
        {
            TenantId = Client, ContractId = Contract, InvoiceId = Invoice, Number = "F-2", PaidOn = new DateOnly(2027, 4, 15), TotalWithVat = 10m,
        })) with { CreatedAt = new DateTimeOffset(2027, 4, 15, 16, 0, 0, TimeSpan.Zero) };
        var resolved = Email(NotificationRules.For(StatusChange("resolved"))!) with { CreatedAt = new DateTimeOffset(2027, 4, 15, 9, 0, 0, TimeSpan.Zero) };

        var french = Composer.ComposeDigest(French, [paid, resolved]);
        Assert.Equal("Infogérance — votre récapitulatif quotidien : 2 notifications", french.Subject);
        var ticket = french.Text.IndexOf("[ACME-01] Ticket 7 résolu : merci de l’évaluer", StringComparison.Ordinal);
        var invoice = french.Text.IndexOf("[ACME-01] Facture F-2 payée", StringComparison.Ordinal);
        Assert.True(ticket > 0 && invoice > ticket, french.Text);
        Assert.Contains($"https://app.example/tickets/{Ticket}", french.Text);
        Assert.Contains($"https://app.example/invoices/{Invoice}", french.Text);
        Assert.Contains($"<a href=\"https://app.example/invoices/{Invoice}\">[ACME-01] Facture F-2 payée</a>", french.Html);

        Assert.Equal("Infogérance — your daily digest: 1 notification", Composer.ComposeDigest(English, [paid]).Subject);
    }

    private static TicketStatusChanged StatusChange(string to) => new()
    {
        TenantId = Client, ContractId = Contract, TicketId = Ticket, From = "inProgress", To = to, Priority = "P3", Number = 7, RequesterId = Guid.CreateVersion7(),
    };

    private static EvolutionRequestStateChanged Evolution(string to, decimal? quote) => new()
    {
        TenantId = Client, ContractId = Contract, EvolutionRequestId = Guid.CreateVersion7(), Title = "Portail RH", From = "specified", To = to, QuoteAmount = quote,
    };

    private static InvoiceControlled Controlled(int discrepancies, decimal atStake) => new()
    {
        TenantId = Client, ContractId = Contract, InvoiceId = Invoice, Number = "F-2027-001", Status = "controlled",
        Result = discrepancies > 0 ? "nonCompliant" : "compliant", DiscrepancyCount = discrepancies, TotalAtStake = atStake,
    };

    /// <summary>The notice as the store keeps it (its data through the service's JSON) and the e-mail reads it back.</summary>
    private static EmailNotice Email(Notice notice)
    {
        var json = new JsonSerializerOptions();
        Infogerance.ServiceDefaults.Extensions.ConfigureJson(json);
        var data = JsonDocument.Parse(JsonSerializer.Serialize(notice.Data, json)).RootElement.Clone();
        return new EmailNotice(Guid.CreateVersion7(), notice.Kind, notice.ContractId, "ACME-01", notice.Subject, data, DateTimeOffset.UnixEpoch);
    }
}
