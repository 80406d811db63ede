using System.Globalization;
using Infogerance.Contracts.Domain;
using Infogerance.IntegrationEvents;

namespace Infogerance.Contracts.Tests;

public sealed class TermsComparisonTests
{
    private static readonly ContractTerms V1 = EnteredTerms.For(new DateOnly(2026, 1, 1));

    private static IReadOnlyList<FieldChange> Compare(ContractTerms after) => TermsComparison.Compare(V1, after);

    [Fact]
    public void Identical_terms_have_no_change()
    {
        Assert.Empty(TermsComparison.Compare(V1, V1));
        Assert.Empty(TermsComparison.Compare(V1, EnteredTerms.For(new DateOnly(2026, 1, 1))));
    }

    [Fact]
    public void The_scale_of_a_decimal_is_not_a_change() =>
        Assert.Empty(Compare(V1 with
        {
            Prices = V1.Prices with { MonthlyFee = 12500.000m },
            Revision = V1.Revision! with { A = 0.150m },
            Penalties = V1.Penalties with { AvailabilityBands = [new(99.50m, 2.0m), new(99m, 5m)] },
        }));

    [Fact]
    public void Scalar_leaves_render_as_invariant_display_strings()
    {
        var changes = Compare(V1 with
        {
            StartDate = new DateOnly(2026, 2, 1),
            NoticeMonths = 6,
            Prices = V1.Prices with { MonthlyFee = 12_750.5m },
            Calendar = V1.Calendar with { AlwaysOpen = true },
        });
        Assert.Equal(
            [
                new FieldChange("startDate", "2026-01-01", "2026-02-01"),
                new FieldChange("noticeMonths", "3", "6"),
                new FieldChange("prices.monthlyFee", "12500", "12750.5"),
                new FieldChange("calendar.alwaysOpen", "false", "true"),
            ],
            changes);
    }

    [Fact]
    public void Display_strings_do_not_depend_on_the_current_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");
            var change = Assert.Single(Compare(V1 with { Prices = V1.Prices with { MonthlyFee = 12_750.5m } }));
            Assert.Equal("12750.5", change.After);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Work_units_are_matched_by_code_not_position()
    {
        // A unit inserted first and another repriced: the shift in position shows nowhere.
        var changes = Compare(V1 with
        {
            Prices = V1.Prices with
            {
                WorkUnits = [new("UO-AUD", "Audit de sécurité", 900m), V1.Prices.WorkUnits[0], V1.Prices.WorkUnits[1] with { UnitPrice = 640m }, V1.Prices.WorkUnits[2]],
            },
        });
        Assert.Equal(
            [
                new FieldChange("prices.workUnits[UO-AUD].label", null, "Audit de sécurité"),
                new FieldChange("prices.workUnits[UO-AUD].unitPrice", null, "900"),
                new FieldChange("prices.workUnits[UO-DEV].unitPrice", "620", "640"),
            ],
            changes);
    }

    [Fact]
    public void A_removed_work_unit_shows_its_leaves_going_to_null() =>
        Assert.Equal(
            [
                new FieldChange("prices.workUnits[UO-INT].label", "Intervention sur site", null),
                new FieldChange("prices.workUnits[UO-INT].unitPrice", "450", null),
            ],
            Compare(V1 with { Prices = V1.Prices with { WorkUnits = [.. V1.Prices.WorkUnits.Skip(1)] } }));

    [Fact]
    public void The_inventory_type_a_work_unit_is_counted_on_is_a_leaf_of_its_code()
    {
        var changes = Compare(V1 with
        {
            Prices = V1.Prices with
            {
                WorkUnits = [V1.Prices.WorkUnits[0] with { CountedOn = "server" }, V1.Prices.WorkUnits[1], V1.Prices.WorkUnits[2] with { CountedOn = null }],
            },
        });
        Assert.Equal(
            [
                new FieldChange("prices.workUnits[UO-INT].countedOn", null, "server"),
                new FieldChange("prices.workUnits[UO-POSTE].countedOn", "workstation", null),
            ],
            changes);
    }

    [Fact]
    public void A_removed_counted_unit_shows_its_type_going_to_null() =>
        Assert.Contains(
            new FieldChange("prices.workUnits[UO-POSTE].countedOn", "workstation", null),
            Compare(V1 with { Prices = V1.Prices with { WorkUnits = [.. V1.Prices.WorkUnits.Take(2)] } }));

    [Fact]
    public void The_invoice_tolerance_compares_limit_by_limit()
    {
        Assert.Equal(
            [new FieldChange("invoiceTolerance.amount", "1", "2.5"), new FieldChange("invoiceTolerance.percent", null, "0.5")],
            Compare(V1 with { InvoiceTolerance = new InvoiceTolerance(2.50m, 0.5m) }));
        Assert.Equal([new FieldChange("invoiceTolerance.amount", "1", null)], Compare(V1 with { InvoiceTolerance = null }));
    }

    [Fact]
    public void A_zero_tolerance_limit_is_no_tolerance_as_an_absent_one()
    {
        var none = V1 with { InvoiceTolerance = null };
        Assert.Empty(TermsComparison.Compare(none, none with { InvoiceTolerance = new InvoiceTolerance(0m, 0.00m) }));
        Assert.Empty(Compare(V1 with { InvoiceTolerance = new InvoiceTolerance(1.000m, 0m) }));
    }

    [Fact]
    public void Reordering_keyed_lists_is_not_a_change() =>
        Assert.Empty(Compare(V1 with
        {
            Prices = V1.Prices with { WorkUnits = [.. V1.Prices.WorkUnits.Reverse()] },
            Sla = V1.Sla with { Targets = [.. V1.Sla.Targets.Reverse()] },
            Penalties = V1.Penalties with
            {
                PerBreach = [.. V1.Penalties.PerBreach.Reverse()],
                AvailabilityBands = [.. V1.Penalties.AvailabilityBands.Reverse()],
            },
        }));

    [Fact]
    public void Dropping_the_revision_clause_shows_every_leaf_going_to_null() =>
        Assert.Equal(
            [
                new FieldChange("revision.index", "SYNTEC", null),
                new FieldChange("revision.a", "0.15", null),
                new FieldChange("revision.b", "0.85", null),
                new FieldChange("revision.referenceMonth", "2025-11", null),
                new FieldChange("revision.anniversary", "2026-01-01", null),
            ],
            Compare(V1 with { Revision = null }));

    [Fact]
    public void An_inserted_interval_shows_as_one_addition()
    {
        var changes = Compare(V1 with { Calendar = V1.Calendar with { Weekly = [new("monday", "07:00", "08:30"), .. V1.Calendar.Weekly] } });
        Assert.Equal([new FieldChange("calendar.weekly", null, "monday 07:00–08:30")], changes);
    }

    [Fact]
    public void A_removed_interval_shows_as_one_removal()
    {
        var changes = Compare(V1 with { Calendar = V1.Calendar with { Weekly = [.. V1.Calendar.Weekly.Where(i => i is not { Day: "friday", Open: "13:30" })] } });
        Assert.Equal([new FieldChange("calendar.weekly", "friday 13:30–18:00", null)], changes);
    }

    [Fact]
    public void A_changed_interval_is_a_removal_and_an_addition_in_weekday_order()
    {
        var weekly = V1.Calendar.Weekly
            .Select(i => i is { Day: "friday", Open: "13:30" } ? i with { Close = "17:00" } : i)
            .Append(new OpeningInterval("saturday", "09:00", "12:00"))
            .Where(i => i is not { Day: "monday", Open: "08:30" });
        var changes = Compare(V1 with { Calendar = V1.Calendar with { Weekly = [.. weekly] } });
        Assert.Equal(
            [
                new FieldChange("calendar.weekly", "monday 08:30–12:30", null),
                new FieldChange("calendar.weekly", null, "friday 13:30–17:00"),
                new FieldChange("calendar.weekly", "friday 13:30–18:00", null),
                new FieldChange("calendar.weekly", null, "saturday 09:00–12:00"),
            ],
            changes);
    }

    [Fact]
    public void Holiday_packs_and_closed_days_are_sets()
    {
        var changes = Compare(V1 with
        {
            Calendar = V1.Calendar with
            {
                TimeZone = "Indian/Reunion",
                HolidayPacks = ["FR-ALSACE-MOSELLE"],
                ClosedDays = [new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 24)],
            },
        });
        Assert.Equal(
            [
                new FieldChange("calendar.timeZone", "Europe/Paris", "Indian/Reunion"),
                new FieldChange("calendar.holidayPacks", "FR", null),
                new FieldChange("calendar.holidayPacks", null, "FR-ALSACE-MOSELLE"),
                new FieldChange("calendar.closedDays", null, "2026-12-24"),
                new FieldChange("calendar.closedDays", null, "2026-12-31"),
            ],
            changes);
    }

    [Fact]
    public void SLA_targets_are_keyed_by_priority()
    {
        var targets = V1.Sla.Targets.Select(t => t.Priority switch
        {
            "P1" => t with { Resolve = new(3, "hours") },
            "P4" => t with { Respond = new(2, "businessDays", EndOfWorkingDay: true) },
            _ => t,
        });
        var changes = Compare(V1 with { Sla = V1.Sla with { Targets = [.. targets] } });
        Assert.Equal(
            [
                new FieldChange("sla.targets[P1].resolve.value", "4", "3"),
                new FieldChange("sla.targets[P4].respond.value", "1", "2"),
                new FieldChange("sla.targets[P4].respond.endOfWorkingDay", "false", "true"),
            ],
            changes);
    }

    [Fact]
    public void A_unit_change_is_its_own_leaf() =>
        Assert.Equal(
            [
                new FieldChange("sla.targets[P3].resolve.value", "3", "24"),
                new FieldChange("sla.targets[P3].resolve.unit", "businessDays", "hours"),
            ],
            Compare(V1 with { Sla = V1.Sla with { Targets = [.. V1.Sla.Targets.Select(t => t.Priority == "P3" ? t with { Resolve = new(24, "hours") } : t)] } }));

    [Fact]
    public void Warning_thresholds_are_a_set_in_numeric_order() =>
        Assert.Equal(
            [
                new FieldChange("sla.warningThresholds", null, "9"),
                new FieldChange("sla.warningThresholds", "75", null),
                new FieldChange("sla.warningThresholds", null, "80"),
            ],
            Compare(V1 with { Sla = V1.Sla with { WarningThresholds = [9, 50, 80] } }));

    [Fact]
    public void Penalties_are_keyed_by_priority_and_clock_and_bands_by_threshold()
    {
        var changes = Compare(V1 with
        {
            Penalties = V1.Penalties with
            {
                PerBreach =
                [
                    .. V1.Penalties.PerBreach.Select(p => (p.Priority, p.Clock) == ("P2", "resolve") ? p with { Kind = "fixed", Amount = 250m } : p),
                ],
                MonthlyFreeBreaches = 0,
                AvailabilityBands = [new(98m, 10m), new(99.5m, 2m), new(99m, 6m)],
                MonthlyCapPercent = 12.5m,
            },
        });
        Assert.Equal(
            [
                new FieldChange("penalties.perBreach[P2/resolve].kind", "percentOfFee", "fixed"),
                new FieldChange("penalties.perBreach[P2/resolve].amount", "1", "250"),
                new FieldChange("penalties.monthlyFreeBreaches", "1", "0"),
                new FieldChange("penalties.availabilityBands[99].penaltyPercentOfFee", "5", "6"),
                new FieldChange("penalties.availabilityBands[98].penaltyPercentOfFee", null, "10"),
                new FieldChange("penalties.monthlyCapPercent", "10", "12.5"),
            ],
            changes);
    }

    [Fact]
    public void A_rule_moved_onto_one_clock_is_a_removal_and_an_addition_in_priority_then_clock_order()
    {
        var changes = Compare(V1 with
        {
            Penalties = V1.Penalties with
            {
                PerBreach =
                [
                    new("P3", "percentOfFee", 0.2m, "resolve"),
                    new("P3", "fixed", 80m, "respond"),
                    .. V1.Penalties.PerBreach.Where(p => p.Priority != "P3"),
                ],
            },
        });
        Assert.Equal(
            [
                new FieldChange("penalties.perBreach[P3].kind", "percentOfFee", null),
                new FieldChange("penalties.perBreach[P3].amount", "0.2", null),
                new FieldChange("penalties.perBreach[P3/respond].kind", null, "fixed"),
                new FieldChange("penalties.perBreach[P3/respond].amount", null, "80"),
                new FieldChange("penalties.perBreach[P3/resolve].kind", null, "percentOfFee"),
                new FieldChange("penalties.perBreach[P3/resolve].amount", null, "0.2"),
            ],
            changes);
    }

    [Fact]
    public void The_order_of_the_rules_is_not_a_change() =>
        Assert.Empty(Compare(V1 with
        {
            Penalties = V1.Penalties with
            {
                PerBreach = [.. V1.Penalties.PerBreach.Reverse()],
                SuccessRateTargets = [.. V1.Penalties.SuccessRateTargets.Reverse()],
                MinimumTotal = 50.00m,
                AnnualCapPercent = 8.0m,
            },
        }));

    [Fact]
    public void Success_rate_targets_are_keyed_by_priority_and_clock()
    {
        var changes = Compare(V1 with
        {
            Penalties = V1.Penalties with
            {
                SuccessRateTargets =
                [
                    new("P2", "resolve", 97m, 0.5m, 6m),
                    new("P1", "respond", 98m, 1m, 8m),
                    new("P1", "resolve", 95m, 0.5m, 5m),
                ],
            },
        });
        Assert.Equal(
            [
                new FieldChange("penalties.successRateTargets[P1/respond].targetPercent", null, "98"),
                new FieldChange("penalties.successRateTargets[P1/respond].creditPercentPerPoint", null, "1"),
                new FieldChange("penalties.successRateTargets[P1/respond].maxCreditPercent", null, "8"),
                new FieldChange("penalties.successRateTargets[P2/resolve].targetPercent", "95", "97"),
                new FieldChange("penalties.successRateTargets[P2/resolve].maxCreditPercent", "5", "6"),
            ],
            changes);
    }

    [Fact]
    public void A_removed_success_rate_target_shows_each_of_its_leaves()
    {
        var changes = Compare(V1 with { Penalties = V1.Penalties with { SuccessRateTargets = [V1.Penalties.SuccessRateTargets[1]] } });
        Assert.Equal(
            [
                new FieldChange("penalties.successRateTargets[P1/resolve].targetPercent", "95", null),
                new FieldChange("penalties.successRateTargets[P1/resolve].creditPercentPerPoint", "0.5", null),
                new FieldChange("penalties.successRateTargets[P1/resolve].maxCreditPercent", "5", null),
            ],
            changes);
    }

    [Fact]
    public void The_caps_and_the_minimum_are_leaves_after_the_bands()
    {
        var changes = Compare(V1 with
        {
            Penalties = V1.Penalties with
            {
                AvailabilityBands = [new(99.5m, 2m)],
                MonthlyCapPercent = 0m,
                AnnualCapPercent = 12m,
                MinimumTotal = 100m,
            },
        });
        Assert.Equal(
            [
                new FieldChange("penalties.availabilityBands[99].penaltyPercentOfFee", "5", null),
                new FieldChange("penalties.monthlyCapPercent", "10", "0"),
                new FieldChange("penalties.annualCapPercent", "8", "12"),
                new FieldChange("penalties.minimumTotal", "50", "100"),
            ],
            changes);
    }

    [Fact]
    public void Clause_texts_compare_whole()
    {
        var changes = Compare(V1 with { EvolutionClause = "Nouvelle clause." });
        var change = Assert.Single(changes);
        Assert.Equal(("evolutionClause", V1.EvolutionClause, "Nouvelle clause."), (change.Field, change.Before, change.After));
    }

    [Fact]
    public void Changes_come_in_the_order_the_terms_are_read()
    {
        var changes = Compare(V1 with
        {
            ReversibilityClause = "",
            InvoiceTolerance = new InvoiceTolerance(Percent: 1m),
            Penalties = V1.Penalties with { MonthlyCapPercent = 5m },
            Sla = V1.Sla with { WarningThresholds = [60] },
            Calendar = V1.Calendar with { TimeZone = "UTC" },
            Revision = V1.Revision! with { A = 0.2m, B = 0.8m },
            Prices = V1.Prices with { MonthlyFee = 1m },
            InitialTermMonths = 48,
        });
        Assert.Equal(
            ["initialTermMonths", "prices.monthlyFee", "revision.a", "revision.b", "calendar.timeZone",
             "sla.warningThresholds", "sla.warningThresholds", "sla.warningThresholds", "penalties.monthlyCapPercent",
             "invoiceTolerance.amount", "invoiceTolerance.percent", "reversibilityClause"],
            changes.Select(c => c.Field));
    }

    [Fact]
    public void Terms_that_break_the_rules_are_compared_without_throwing()
    {
        var broken = V1 with
        {
            Prices = null!,
            Calendar = V1.Calendar with { Weekly = null!, HolidayPacks = [null!] },
            Sla = new SlaPolicy { Targets = [null!, new("P1", null!, null!), new("P1", new(1, "hours"), new(2, "hours"))] },
            Penalties = V1.Penalties with
            {
                PerBreach = [new(null!, "fixed", 1m)],
                SuccessRateTargets = [null!, new(null!, null!, 1m, 1m, 1m), new("P1", "resolve", 95m, 0.5m, 5m), new("P1", "resolve", 90m, 1m, 5m)],
            },
        };
        var changes = TermsComparison.Compare(V1, broken);
        Assert.Contains(new FieldChange("prices.monthlyFee", "12500", null), changes);
        Assert.Contains(new FieldChange("calendar.weekly", "monday 08:30–12:30", null), changes);
        Assert.Contains(new FieldChange("sla.targets[P1].resolve.value", "4", null), changes);      // the first P1 has no durations
        Assert.Contains(new FieldChange("sla.targets[P1#2].resolve.value", null, "2"), changes);   // the second is told apart
        Assert.Contains(new FieldChange("penalties.perBreach[].amount", null, "1"), changes);
        Assert.Contains(new FieldChange("penalties.successRateTargets[P2/resolve].targetPercent", "95", null), changes);
        Assert.Contains(new FieldChange("penalties.successRateTargets[P1/resolve#2].targetPercent", null, "90"), changes);
        Assert.Empty(TermsComparison.Compare(broken, broken));
    }
}
