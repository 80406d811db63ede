using System.Globalization;
using Infogerance.IntegrationEvents;
using Infogerance.ServiceLevels;

namespace Infogerance.Contracts.Domain;

/// <summary>
/// The terms a new draft starts from: a typical French infogérance contract, so the contract manager edits figures
/// rather than building every clause from nothing. All but the monthly fee: no figure stands for every contract, so it
/// is left for the manager to enter, and the draft cannot be signed until it is.
/// </summary>
public static class DefaultTerms
{
    /// <summary>
    /// What the market usually writes: a critical incident resolved late costs a fixed sum and a late answer a smaller
    /// one, a major one a share of the fee; the first breach of the month is tolerated; resolution rates of P1 and P2 below
    /// 95 % earn a credit of half a point of the fee per point, up to 5 %; availability bands at 99.5 and 99 %; penalties
    /// capped at 10 % of the month's fee and 8 % of the year's fees, and nothing billed under 50 €.
    /// </summary>
    public static PenaltyRules Penalties { get; } = new()
    {
        PerBreach =
        [
            new("P1", PenaltyKinds.Fixed, 150m, SlaClocks.Respond),
            new("P1", PenaltyKinds.Fixed, 500m, SlaClocks.Resolve),
            new("P2", PenaltyKinds.PercentOfFee, 1m, SlaClocks.Resolve),
            new("P3", PenaltyKinds.PercentOfFee, 0.2m),
        ],
        MonthlyFreeBreaches = 1,
        SuccessRateTargets =
        [
            new("P1", SlaClocks.Resolve, 95m, 0.5m, 5m),
            new("P2", SlaClocks.Resolve, 95m, 0.5m, 5m),
        ],
        AvailabilityBands =
        [
            new(99.5m, 2m),
            new(99m, 5m),
        ],
        MonthlyCapPercent = 10m,
        AnnualCapPercent = 8m,
        MinimumTotal = 50m,
    };

    public static ContractTerms For(DateOnly start) => new()
    {
        StartDate = start,
        // Three years lets the provider recoup the takeover; yearly tacit renewals with three months' notice are the market's usual terms.
        InitialTermMonths = 36,
        RenewalPeriodMonths = 12,
        NoticeMonths = 3,
        Prices = new PriceSchedule
        {
            WorkUnits =
            [
                new("UO-INT", "Intervention sur site", 450.00m),
                new("UO-DEV", "Journée de développement", 620.00m),
                // Billed per workstation supported in the month: never more than the inventory holds.
                new("UO-POSTE", "Support d’un poste de travail (par mois)", 45.00m, CountedOn: "workstation"),
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
        Penalties = Penalties,
        // Rounding differences of a few cents between the provider's invoicing tool and the contract's figures are not worth blocking an invoice.
        InvoiceTolerance = new InvoiceTolerance(Amount: 1.00m),
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
