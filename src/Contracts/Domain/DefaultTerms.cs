using System.Globalization;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Contracts.Domain;

/// <summary>
/// The terms a new draft starts from: a typical French infogérance contract, complete enough to sign as is, so the
/// contract manager edits figures rather than building every clause from nothing.
/// </summary>
public static class DefaultTerms
{
    public static ContractTerms For(DateOnly start) => new()
    {
        StartDate = start,
        // Three years lets the provider recoup the takeover; yearly tacit renewals with three months' notice are the market's usual terms.
        InitialTermMonths = 36,
        RenewalPeriodMonths = 12,
        NoticeMonths = 3,
        Prices = new PriceSchedule
        {
            MonthlyFee = 12_500.00m,
            WorkUnits =
            [
                new("UO-INT", "Intervention sur site", 450.00m),
                new("UO-DEV", "Journée de développement", 620.00m),
            ],
        },
        Revision = new RevisionClause
        {
            Index = TermsRules.SyntecIndexName,
            A = 0.15m,
            B = 0.85m,
            // The index of the month of signature is not yet published at the start; two months back always is.
            ReferenceMonth = start.AddMonths(-2).ToString("yyyy-MM", CultureInfo.InvariantCulture),
            Anniversary = start,
        },
        Calendar = new ServiceCalendar
        {
            TimeZone = "Europe/Paris",
            AlwaysOpen = false,
            Weekly =
            [
                .. new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.SelectMany(day => new OpeningInterval[]
                {
                    new(day, "08:30", "12:30"),
                    new(day, "13:30", "18:00"),
                }),
            ],
            HolidayPacks = [HolidayPacks.France],
            ClosedDays = [],
        },
        Sla = new SlaPolicy
        {
            Targets =
            [
                new("P1", new(15, "minutes"), new(4, "hours")),
                new("P2", new(30, "minutes"), new(8, "hours")),
                new("P3", new(4, "hours"), new(3, "businessDays")),
                new("P4", new(1, "businessDays"), new(10, "businessDays", EndOfWorkingDay: true)),
            ],
            WarningThresholds = [50, 75],
        },
        Penalties = new PenaltyRules
        {
            PerBreach =
            [
                new("P1", "fixed", 500m),
                new("P2", "fixed", 250m),
                new("P3", "percentOfFee", 0.5m),
                new("P4", "percentOfFee", 0.2m),
            ],
            MonthlyFreeBreaches = 2,
            AvailabilityBands =
            [
                new(99.5m, 2m),
                new(99m, 5m),
            ],
            MonthlyCapPercent = 10m,
        },
        EvolutionClause =
            "Les besoins du client pouvant évoluer avec son activité, chaque évolution du périmètre ou des niveaux de service fait l'objet "
            + "d'une demande d'évolution : spécification du besoin par le client, solution, devis et planning proposés par le prestataire, "
            + "puis validation écrite du client avant toute mise en œuvre. Une évolution acceptée qui modifie les conditions du contrat "
            + "est formalisée par un avenant signé des deux parties.",
        ReversibilityClause =
            "À l'échéance du contrat ou en cas de résiliation, le prestataire s'engage à restituer au client, ou au nouveau prestataire "
            + "qu'il désigne, l'exploitation complète de son système d'information dans des conditions assurant la continuité du service. "
            + "Un plan de réversibilité, tenu à jour dès la prise en charge, décrit les transferts de connaissances, de documentation, "
            + "de données et d'équipements ainsi que leur calendrier. Le prestataire remet au client l'ensemble des données et documents "
            + "du contrat dans des formats ouverts et exploitables.",
    };
}
