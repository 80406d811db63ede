using System.Globalization;
using Infogerance.Reporting.Domain;
using Infogerance.Validation;

namespace Infogerance.Reporting.Exports;

/// <summary>
/// The words of the exports in English and French, and how their numbers, amounts and days are written in each:
/// <c>12 345,67 €</c> and <c>95,50 %</c> in French, <c>€12,345.67</c> and <c>95.50%</c> in English.
/// </summary>
public static class ExportTexts
{
    /// <summary>The culture numbers and days are written in for the current UI language (euros in both).</summary>
    public static CultureInfo Culture => Languages.IsFrench(CultureInfo.CurrentUICulture) ? French : English;

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-IE");

    /// <summary>A colon as each language writes it (French puts a space before it).</summary>
    public static string Colon => Culture == French ? "\u00a0:" : ":";

    public static string Amount(decimal? amount) => amount is { } value ? value.ToString("C2", Culture) : "–";

    public static string Percent(decimal? percent) =>
        percent is { } value ? value.ToString("N2", Culture) + (Culture == French ? "\u00a0%" : "%") : "–";

    public static string Number(decimal? value) => value is { } number ? number.ToString("#,0.##", Culture) : "–";

    public static string Count(long value) => value.ToString("N0", Culture);

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", Culture);

    /// <summary>An instant as the wall clock of <paramref name="zone"/> (the contract calendar's) reads it; as its own offset says without one.</summary>
    public static string Instant(DateTimeOffset instant, string? zone = null)
    {
        var local = zone is not null && NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is { } tz
            ? NodaTime.Instant.FromDateTimeOffset(instant).InZone(tz).ToDateTimeOffset()
            : instant;
        return local.ToString(Culture == French ? "d MMMM yyyy HH:mm" : "d MMMM yyyy, HH:mm", Culture);
    }

    public static string Month(string yyyyMm) =>
        DateTime.ParseExact(yyyyMm, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMMM yyyy", Culture) is var text && text.Length > 0
            ? char.ToUpper(text[0], Culture) + text[1..]
            : yyyyMm;

    /// <summary>A duration in seconds as hours and minutes (<c>2 h 05</c>), or days and hours past a day.</summary>
    public static string Duration(long? seconds)
    {
        if (seconds is not { } value)
        {
            return "–";
        }

        var span = TimeSpan.FromSeconds(value);
        return span.TotalDays >= 1
            ? string.Create(Culture, $"{(int)span.TotalDays} {(Culture == French ? "j" : "d")} {span.Hours} h")
            : string.Create(Culture, $"{(int)span.TotalHours} h {span.Minutes:D2}");
    }

    public static string Text(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Text;
    }

    private static Message M(string code, string english, string french) => new($"reporting.export.{code}", english, french);

    public static readonly Message ScorecardTitle = M("scorecard.title", "Monthly scorecard", "Tableau de bord mensuel");
    public static readonly Message ReviewTitle = M("review.title", "Periodic review", "Bilan de pilotage");
    public static readonly Message Contract = M("contract", "Contract", "Contrat");
    public static readonly Message Period = M("period", "Period", "Période");
    public static readonly Message AsOf = M("asOf", "Figures as of", "Chiffres au");
    public static readonly Message Incomplete = M("incomplete", "The period is not over: its figures stand as of that instant.",
        "La période n'est pas terminée : ses chiffres sont arrêtés à cet instant.");
    public static readonly Message Frozen = M("frozen", "Figures frozen when the review was prepared", "Chiffres figés à la préparation du bilan");
    public static readonly Message KeyFigures = M("keyFigures", "Key figures", "Chiffres clés");
    public static readonly Message Sla = M("sla", "Service levels (SLA)", "Niveaux de service (SLA)");
    public static readonly Message SlaChart = M("slaChart", "SLA success rate against target (%)", "Taux de réussite SLA par rapport à la cible (%)");
    public static readonly Message VolumeChart = M("volumeChart", "Tickets by month", "Tickets par mois");
    public static readonly Message Priority = M("priority", "Priority", "Priorité");
    public static readonly Message Clock = M("clock", "Clock", "Horloge");
    public static readonly Message Respond = M("respond", "Response", "Prise en charge");
    public static readonly Message Resolve = M("resolve", "Resolution", "Résolution");
    public static readonly Message Completed = M("completed", "Completed", "Terminées");
    public static readonly Message Met = M("met", "Met", "Respectées");
    public static readonly Message Rate = M("rate", "Success rate", "Taux de réussite");
    public static readonly Message Target = M("target", "Target", "Cible");
    public static readonly Message Status = M("status", "Status", "Statut");
    public static readonly Message Value = M("value", "Value", "Valeur");
    public static readonly Message Availability = M("availability", "Availability", "Disponibilité");
    public static readonly Message Service = M("service", "Service", "Service");
    public static readonly Message Downtime = M("downtime", "Downtime", "Indisponibilité");
    public static readonly Message MoneyTitle = M("money", "Penalties, invoices and budget", "Pénalités, factures et budget");
    public static readonly Message Comments = M("comments", "Comments", "Commentaires");
    public static readonly Message Indicator = M("indicator", "Indicator", "Indicateur");
    public static readonly Message Decisions = M("decisions", "Decisions", "Décisions");
    public static readonly Message Improvements = M("improvements", "Improvement axes", "Axes d'amélioration");
    public static readonly Message ActionPlan = M("actionPlan", "Action plan", "Plan d'actions");
    public static readonly Message ActionTitle = M("action", "Action", "Action");
    public static readonly Message Owner = M("owner", "Responsible", "Responsable");
    public static readonly Message DueOn = M("dueOn", "Due", "Échéance");
    public static readonly Message Overdue = M("overdue", "overdue", "en retard");
    public static readonly Message Carried = M("carried", "carried over", "reprise");
    public static readonly Message Approvals = M("approvals", "Approval of the minutes", "Approbation du compte rendu");
    public static readonly Message ApprovedBy = M("approvedBy", "Approved by {0} on {1}", "Approuvé par {0} le {1}");
    public static readonly Message NotApproved = M("notApproved", "Not approved yet", "Pas encore approuvé");
    public static readonly Message ClosedOn = M("closedOn", "Closed on {0}: read-only.", "Clos le {0} : en lecture seule.");
    public static readonly Message OpenReview = M("openReview", "Open: the minutes may still change.", "Ouvert : le compte rendu peut encore évoluer.");
    public static readonly Message Months = M("months", "Month by month", "Mois par mois");
    public static readonly Message Totals = M("totals", "Period totals", "Totaux de la période");
    public static readonly Message None = M("none", "None.", "Aucun.");
    public static readonly Message Page = M("page", "Page {0} of {1}", "Page {0} sur {1}");
    public static readonly Message PreparedBy = M("preparedBy", "Prepared by {0} on {1}", "Préparé par {0} le {1}");
    public static readonly Message MeetingOn = M("meetingOn", "Meeting on {0}", "Réunion du {0}");

    public static string Side(string side) => side == ReviewSides.Client ? M("client", "Client", "Client").Text : M("provider", "Provider", "Prestataire").Text;

    public static string ClockName(string clock) => clock == IntegrationEvents.SlaClocks.Respond ? Respond.Text : Resolve.Text;

    public static string StatusName(string? status) => status switch
    {
        FigureStatus.Green => M("green", "on target", "dans la cible").Text,
        FigureStatus.Amber => M("amber", "off target, nothing owed", "hors cible, sans pénalité").Text,
        FigureStatus.Red => M("red", "off target, penalty", "hors cible, pénalité").Text,
        _ => "–",
    };

    public static string ActionStatusName(string status) => status switch
    {
        ActionStatuses.Open => M("open", "open", "ouverte").Text,
        ActionStatuses.InProgress => M("inProgress", "in progress", "en cours").Text,
        ActionStatuses.Done => M("done", "done", "faite").Text,
        ActionStatuses.Dropped => M("dropped", "dropped", "abandonnée").Text,
        _ => status,
    };

    public static string AxisName(string? axis) => axis switch
    {
        ImprovementAxes.Service => M("axis.service", "Service", "Service").Text,
        ImprovementAxes.Needs => M("axis.needs", "Needs that changed", "Évolution des besoins").Text,
        ImprovementAxes.Technology => M("axis.technology", "Technology to adopt", "Technologie à adopter").Text,
        _ => "",
    };

    /// <summary>Each figure's name, as a person reads it.</summary>
    public static string FigureName(string figure) => FigureNames.TryGetValue(figure, out var name) ? name.Text : figure;

    private static readonly Dictionary<string, Message> FigureNames = new()
    {
        [Indicators.Overall] = M("figure.overall", "Overall", "Vue d'ensemble"),
        [Figures.Opened] = M("figure.opened", "Tickets opened", "Tickets ouverts"),
        [Figures.Resolved] = M("figure.resolved", "Tickets resolved", "Tickets résolus"),
        [Figures.Backlog] = M("figure.backlog", "Backlog at the end", "Stock en fin de période"),
        [Figures.Breaches] = M("figure.breaches", "SLA breaches", "Dépassements de SLA"),
        [Figures.Sla] = M("figure.sla", "SLA success rate", "Taux de réussite SLA"),
        ["times"] = M("figure.times", "Business time used", "Temps ouvré consommé"),
        ["volumes"] = M("figure.volumes", "Volumes", "Volumes"),
        ["backlogAge"] = M("figure.backlogAge", "Backlog age", "Ancienneté du stock"),
        [Figures.Satisfaction] = M("figure.satisfaction", "Satisfaction", "Satisfaction"),
        ["availability"] = M("figure.availability", "Availability", "Disponibilité"),
        ["penalties"] = M("figure.penalties", "Penalties", "Pénalités"),
        ["invoicing"] = M("figure.invoicing", "Invoicing", "Facturation"),
        [Indicators.Budget] = M("figure.budget", "Budget", "Budget"),
        ["evolutions"] = M("figure.evolutions", "Evolution requests", "Demandes d'évolution"),
        ["satisfaction.mean"] = M("figure.satisfaction.mean", "Satisfaction (mean of 5)", "Satisfaction (moyenne sur 5)"),
        ["penalties.totalDue"] = M("figure.penalties.totalDue", "Penalties due", "Pénalités dues"),
        ["invoicing.invoiced"] = M("figure.invoicing.invoiced", "Invoiced (excl. VAT)", "Facturé (HT)"),
        ["invoicing.invoices"] = M("figure.invoicing.invoices", "Invoices and credit notes", "Factures et avoirs"),
        ["invoicing.discrepancies"] = M("figure.invoicing.discrepancies", "Discrepancies found", "Écarts relevés"),
        ["invoicing.atStake"] = M("figure.invoicing.atStake", "Amount at stake", "Montant en jeu"),
        ["budget.plannedYear"] = M("figure.budget.plannedYear", "Budget of the year", "Budget de l'année"),
        ["budget.plannedToDate"] = M("figure.budget.plannedToDate", "Budget to date", "Budget à date"),
        ["budget.invoicedToDate"] = M("figure.budget.invoicedToDate", "Invoiced since 1 January", "Facturé depuis le 1er janvier"),
    };
}
