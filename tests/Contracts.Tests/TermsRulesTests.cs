using System.Globalization;
using Infogerance.Contracts.Domain;
using Infogerance.IntegrationEvents;

namespace Infogerance.Contracts.Tests;

public sealed class TermsRulesTests
{
    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    private static decimal M(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>The default template from 1 January 2026 with its fee entered: valid, so each test breaks exactly one thing.</summary>
    private static readonly ContractTerms Valid = EnteredTerms.For(new DateOnly(2026, 1, 1));

    private static Dictionary<string, string[]> Check(ContractTerms terms) => TermsRules.Check(terms).English();

    /// <summary>Only <paramref name="field"/> is reported.</summary>
    private static void AssertOnly(string field, ContractTerms terms)
    {
        var errors = Check(terms);
        Assert.Equal([field], errors.Keys);
        Assert.All(errors[field], message => Assert.False(string.IsNullOrWhiteSpace(message)));
    }

    private static void AssertValid(ContractTerms terms)
    {
        var errors = Check(terms);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    private static ContractTerms WithWeekly(params OpeningInterval[] weekly) =>
        Valid with { Calendar = Valid.Calendar with { Weekly = weekly } };

    private static ContractTerms WithTargets(params SlaTarget[] targets) =>
        Valid with { Sla = Valid.Sla with { Targets = targets } };

    private static ContractTerms WithTarget(string priority, SlaDuration respond, SlaDuration resolve) =>
        WithTargets([.. Valid.Sla.Targets.Select(t => t.Priority == priority ? new SlaTarget(priority, respond, resolve) : t)]);

    private static ContractTerms WithPenalties(Func<PenaltyRules, PenaltyRules> change) =>
        Valid with { Penalties = change(Valid.Penalties) };

    // ---- the template -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("2026-01-01")]
    [InlineData("2024-02-29")]
    [InlineData("2025-12-31")]
    [InlineData("2026-03-31")]   // reference month two months back is January, never a missing day
    public void The_default_French_template_is_valid_once_its_fee_is_entered(string start) => AssertValid(EnteredTerms.For(D(start)));

    [Fact]
    public void A_new_draft_has_no_fee_and_cannot_go_further_without_one()
    {
        var draft = DefaultTerms.For(D("2026-01-01"));
        Assert.Null(draft.Prices.MonthlyFee);
        AssertOnly("prices.monthlyFee", draft);
        Assert.Equal(["The monthly fee is required."], Check(draft)["prices.monthlyFee"]);
    }

    [Fact]
    public void A_fee_of_zero_is_a_fee() =>
        AssertValid(Valid with { Prices = Valid.Prices with { MonthlyFee = 0m } });

    [Fact]
    public void The_default_template_holds_the_agreed_figures()
    {
        var terms = DefaultTerms.For(D("2026-03-15"));
        Assert.Equal((36, 12, 3), (terms.InitialTermMonths, terms.RenewalPeriodMonths, terms.NoticeMonths));
        Assert.Null(terms.Prices.MonthlyFee);
        Assert.Equal(["UO-INT", "UO-DEV", "UO-POSTE"], terms.Prices.WorkUnits.Select(w => w.Code));
        Assert.Equal([null, null, "workstation"], terms.Prices.WorkUnits.Select(w => w.CountedOn));
        Assert.Equal(new InvoiceTolerance(1.00m), terms.InvoiceTolerance);
        Assert.Equal("2026-01", terms.Revision!.ReferenceMonth);
        Assert.Equal(D("2026-03-15"), terms.Revision.Anniversary);
        Assert.Equal(10, terms.Calendar.Weekly.Count);
        Assert.Equal(["FR"], terms.Calendar.HolidayPacks);
        Assert.Equal(new SlaDuration(10, "businessDays", true), terms.Sla.Targets.Single(t => t.Priority == "P4").Resolve);
        Assert.Equal([50, 75], terms.Sla.WarningThresholds);
        Assert.Equal(10m, terms.Penalties.MonthlyCapPercent);
        Assert.Equal(8m, terms.Penalties.AnnualCapPercent);
        Assert.Equal(50m, terms.Penalties.MinimumTotal);
        Assert.Equal(1, terms.Penalties.MonthlyFreeBreaches);
        Assert.Contains(new BreachPenalty("P1", "fixed", 500m, "resolve"), terms.Penalties.PerBreach);
        Assert.Contains(new BreachPenalty("P2", "percentOfFee", 1m, "resolve"), terms.Penalties.PerBreach);
        Assert.Equal(["P1/resolve", "P2/resolve"], terms.Penalties.SuccessRateTargets.Select(t => $"{t.Priority}/{t.Clock}"));
        Assert.All(terms.Penalties.SuccessRateTargets, t => Assert.Equal(95m, t.TargetPercent));
        Assert.Equal([99.5m, 99m], terms.Penalties.AvailabilityBands.Select(b => b.BelowPercent));
        Assert.Contains("réversibilité", terms.ReversibilityClause, StringComparison.Ordinal);
    }

    // ---- durations ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(36, 12, 3, null)]
    [InlineData(36, 12, 35, null)]                   // one month shorter than the term: still possible
    [InlineData(36, 12, 36, "noticeMonths")]         // as long as the term
    [InlineData(12, 12, 18, "noticeMonths")]         // longer than the term
    [InlineData(36, 12, -1, "noticeMonths")]
    [InlineData(0, 12, 0, "initialTermMonths")]
    [InlineData(36, -1, 3, "renewalPeriodMonths")]
    [InlineData(36, 0, 3, null)]                     // no tacit renewal
    [InlineData(600, 600, 3, null)]
    [InlineData(601, 12, 3, "initialTermMonths")]
    [InlineData(36, 601, 3, "renewalPeriodMonths")]
    public void Duration_clauses_reuse_the_renewal_rules(int term, int renewal, int notice, string? field)
    {
        var terms = Valid with { InitialTermMonths = term, RenewalPeriodMonths = renewal, NoticeMonths = notice };
        if (field is null)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Fact]
    public void A_notice_longer_than_the_term_says_so()
    {
        var errors = Check(Valid with { InitialTermMonths = 12, NoticeMonths = 18 });
        Assert.Equal(["The notice period must be shorter than the initial term."], errors["noticeMonths"]);
        Assert.Equal(["terms.notice.notShorterThanTerm"], TermsRules.Check(Valid with { InitialTermMonths = 12, NoticeMonths = 18 }).Codes()["noticeMonths"]);
    }

    [Theory]
    [InlineData("1990-01-01", true)]
    [InlineData("2100-12-31", true)]
    [InlineData("1989-12-31", false)]
    [InlineData("2101-01-01", false)]
    [InlineData("0001-01-01", false)]   // what an absent date deserialises to
    public void The_start_date_is_within_a_sane_window(string start, bool valid)
    {
        // The reference month moves with the start so that only the start date is at stake.
        var terms = Valid with { StartDate = D(start), Revision = null };
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("startDate", terms);
        }
    }

    // ---- prices -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("0", true)]
    [InlineData("0.01", true)]
    [InlineData("1000000000", true)]
    [InlineData("-0.01", false)]
    [InlineData("-12500", false)]
    [InlineData("1000000000.01", false)]
    [InlineData("12500.005", false)]   // below the cent
    [InlineData("12500.000", true)]    // trailing zeros are still cents
    public void The_monthly_fee_is_a_non_negative_amount_in_cents(string fee, bool valid)
    {
        var terms = Valid with { Prices = Valid.Prices with { MonthlyFee = M(fee) } };
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("prices.monthlyFee", terms);
        }
    }

    [Fact]
    public void A_negative_unit_price_is_named_by_its_index()
    {
        var terms = Valid with { Prices = Valid.Prices with { WorkUnits = [new("UO-INT", "Intervention", 450m), new("UO-DEV", "Développement", -1m)] } };
        AssertOnly("prices.workUnits[1].unitPrice", terms);
    }

    [Theory]
    [InlineData("", "Intervention", "prices.workUnits[1].code")]
    [InlineData("   ", "Intervention", "prices.workUnits[1].code")]
    [InlineData("UO-NEW", "", "prices.workUnits[1].label")]
    [InlineData("UO-NEW", " ", "prices.workUnits[1].label")]
    [InlineData("UO-INT", "Encore", "prices.workUnits[1].code")]   // duplicate: the later one is named
    [InlineData("uo-int", "Encore", "prices.workUnits[1].code")]   // codes differing only by case are one code
    public void Work_units_have_a_unique_code_and_a_label(string code, string label, string field)
    {
        var terms = Valid with { Prices = Valid.Prices with { WorkUnits = [new("UO-INT", "Intervention", 450m), new(code, label, 10m)] } };
        AssertOnly(field, terms);
    }

    [Fact]
    public void No_work_unit_at_all_is_fine() =>
        AssertValid(Valid with { Prices = Valid.Prices with { WorkUnits = [] } });

    [Theory]
    [InlineData(null, true)]            // not limited by the inventory
    [InlineData("workstation", true)]
    [InlineData("server", true)]
    [InlineData("fileShare", true)]
    [InlineData("other", true)]
    [InlineData("Workstation", false)]  // the API's spelling only, as the inventory stores it
    [InlineData("poste", false)]
    [InlineData("", false)]
    public void A_work_unit_is_counted_on_one_of_the_inventory_types_or_none(string? type, bool valid)
    {
        var terms = Valid with { Prices = Valid.Prices with { WorkUnits = [new("UO-INT", "Intervention", 450m), new("UO-NEW", "Nouveau", 10m, type)] } };
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("prices.workUnits[1].countedOn", terms);
        }
    }

    [Fact]
    public void An_unknown_inventory_type_names_the_known_ones_in_both_languages()
    {
        var terms = Valid with { Prices = Valid.Prices with { WorkUnits = [new("UO-NEW", "Nouveau", 10m, "desk")] } };
        var message = Assert.Single(TermsRules.Check(terms).ByField["prices.workUnits[0].countedOn"]);
        Assert.Equal("inventory.type.unknown", message.Code);
        Assert.Contains("workstation", message.English, StringComparison.Ordinal);
        Assert.StartsWith("Le type doit être l’un de : server, workstation", message.French, StringComparison.Ordinal);
    }

    // ---- invoice tolerance --------------------------------------------------------------------------------------

    [Fact]
    public void No_tolerance_or_zero_limits_are_valid()
    {
        AssertValid(Valid with { InvoiceTolerance = null });
        AssertValid(Valid with { InvoiceTolerance = new InvoiceTolerance() });
        AssertValid(Valid with { InvoiceTolerance = new InvoiceTolerance(0m, 0m) });
    }

    [Theory]
    [InlineData("0.01", true)]
    [InlineData("1.00", true)]
    [InlineData("1000000000", true)]
    [InlineData("-0.01", false)]
    [InlineData("1.005", false)]      // below the cent
    [InlineData("1000000000.01", false)]
    public void The_tolerance_amount_is_a_non_negative_amount_in_cents(string amount, bool valid)
    {
        var terms = Valid with { InvoiceTolerance = new InvoiceTolerance(Amount: M(amount)) };
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("invoiceTolerance.amount", terms);
        }
    }

    [Theory]
    [InlineData("0.5", true)]
    [InlineData("0.25", true)]
    [InlineData("100", true)]
    [InlineData("0.125", false)]     // below the hundredth
    [InlineData("-0.5", false)]
    [InlineData("100.01", false)]
    public void The_tolerance_percentage_is_within_0_to_100_to_the_hundredth(string percent, bool valid)
    {
        var terms = Valid with { InvoiceTolerance = new InvoiceTolerance(Percent: M(percent)) };
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("invoiceTolerance.percent", terms);
        }
    }

    [Fact]
    public void Both_tolerance_limits_are_reported_at_once_each_once()
    {
        var errors = TermsRules.Check(Valid with { InvoiceTolerance = new InvoiceTolerance(-1m, 100.001m) });
        Assert.Equal(["amount.negative"], errors.Codes()["invoiceTolerance.amount"]);
        Assert.Equal(["percent.range"], errors.Codes()["invoiceTolerance.percent"]);
        Assert.Equal(
            ["percent.hundredths"],
            TermsRules.Check(Valid with { InvoiceTolerance = new InvoiceTolerance(Percent: 0.333m) }).Codes()["invoiceTolerance.percent"]);
    }

    // ---- revision -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("0.15", "0.85", null)]
    [InlineData("0.2", "0.8", null)]
    [InlineData("1", "0", null)]
    [InlineData("0", "1", null)]
    [InlineData("0.150", "0.850", null)]
    [InlineData("0.15", "0.80", "revision.b")]        // a + b = 0.95
    [InlineData("0.15", "0.86", "revision.b")]        // a + b = 1.01
    [InlineData("0.15", "0.8500001", "revision.b")]   // exactly 1, not nearly
    [InlineData("-0.15", "1.15", "revision.a")]
    [InlineData("1.15", "-0.15", "revision.b")]
    public void The_fixed_and_indexed_parts_add_up_to_exactly_one(string a, string b, string? field)
    {
        var terms = Valid with { Revision = Valid.Revision! with { A = M(a), B = M(b) } };
        if (field is null)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Fact]
    public void A_sum_other_than_one_shows_the_sum()
    {
        var errors = Check(Valid with { Revision = Valid.Revision! with { A = 0.15m, B = 0.80m } });
        Assert.Equal(["a + b must equal 1 (here 0.15 + 0.8 = 0.95)."], errors["revision.b"]);
        var message = Assert.Single(TermsRules.Check(Valid with { Revision = Valid.Revision! with { A = 0.15m, B = 0.80m } })["revision.b"]);
        Assert.Equal("terms.revision.sum", message.Code);
        Assert.Equal(0.95m, message.Parameters["sum"]);
        Assert.Equal("a + b doit valoir 1 (ici 0,15 + 0,8 = 0,95).", message.French);
    }

    [Theory]
    [InlineData("2025-11", true)]
    [InlineData("2026-01", true)]    // the start's own month
    [InlineData("2019-01", true)]
    [InlineData("2026-02", false)]   // after the start
    [InlineData("2025-13", false)]
    [InlineData("2025-00", false)]
    [InlineData("2025-1", false)]
    [InlineData("25-01", false)]
    [InlineData("2025-01-01", false)]
    [InlineData("2025/01", false)]
    [InlineData("", false)]
    public void The_reference_month_is_a_real_month_not_after_the_start(string month, bool valid)
    {
        var terms = Valid with { Revision = Valid.Revision! with { ReferenceMonth = month } };
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("revision.referenceMonth", terms);
        }
    }

    [Theory]
    [InlineData("INSEE")]
    [InlineData("syntec")]
    [InlineData("")]
    public void The_only_index_is_SYNTEC(string index) =>
        AssertOnly("revision.index", Valid with { Revision = Valid.Revision! with { Index = index } });

    [Fact]
    public void Prices_without_revision_are_fine() => AssertValid(Valid with { Revision = null });

    // ---- calendar -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("Europe/Paris", true)]
    [InlineData("America/New_York", true)]
    [InlineData("Indian/Reunion", true)]
    [InlineData("UTC", true)]
    [InlineData("Europe/Pariss", false)]
    [InlineData("europe/paris", false)]
    [InlineData("CET+1", false)]
    [InlineData("", false)]
    public void The_time_zone_is_a_known_IANA_zone(string zone, bool valid)
    {
        var terms = Valid with { Calendar = Valid.Calendar with { TimeZone = zone } };
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("calendar.timeZone", terms);
        }
    }

    [Fact]
    public void A_calendar_open_on_no_day_must_be_always_open()
    {
        AssertOnly("calendar.weekly", WithWeekly());
        AssertValid(Valid with { Calendar = Valid.Calendar with { AlwaysOpen = true, Weekly = [] } });
    }

    [Theory]
    [InlineData("monday", "08:00", "12:00", null)]
    [InlineData("sunday", "00:00", "24:00", null)]
    [InlineData("saturday", "09:00", "09:01", null)]
    [InlineData("Monday", "08:00", "12:00", "calendar.weekly[0].day")]
    [InlineData("lundi", "08:00", "12:00", "calendar.weekly[0].day")]
    [InlineData("monday", "8:00", "12:00", "calendar.weekly[0].open")]
    [InlineData("monday", "24:00", "24:00", "calendar.weekly[0].open")]    // 24:00 only closes a day
    [InlineData("monday", "08:60", "12:00", "calendar.weekly[0].open")]
    [InlineData("monday", "08h00", "12:00", "calendar.weekly[0].open")]
    [InlineData("monday", "08:00", "24:01", "calendar.weekly[0].close")]
    [InlineData("monday", "08:00", "25:00", "calendar.weekly[0].close")]
    [InlineData("monday", "08:00", "08:00", "calendar.weekly[0].close")]   // empty interval
    [InlineData("monday", "12:00", "08:00", "calendar.weekly[0].close")]   // closes before it opens
    public void Opening_intervals_have_a_day_and_times_in_order(string day, string open, string close, string? field)
    {
        var terms = WithWeekly(new OpeningInterval(day, open, close));
        if (field is null)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Theory]
    [InlineData("08:00", "12:00", "11:00", "14:00", true)]    // overlap
    [InlineData("08:00", "18:00", "10:00", "12:00", true)]    // contained
    [InlineData("08:00", "12:00", "08:00", "12:00", true)]    // the same twice
    [InlineData("13:00", "18:00", "08:00", "13:30", true)]    // the later in the list is named, even when earlier in the day
    [InlineData("08:00", "12:00", "12:00", "14:00", false)]   // touching is fine
    [InlineData("12:00", "14:00", "08:00", "12:00", false)]
    [InlineData("08:00", "12:00", "13:00", "24:00", false)]
    public void Intervals_of_the_same_day_do_not_overlap(string open1, string close1, string open2, string close2, bool overlap)
    {
        var terms = WithWeekly(new("tuesday", open1, close1), new("wednesday", "00:00", "24:00"), new("tuesday", open2, close2));
        if (overlap)
        {
            AssertOnly("calendar.weekly[2]", terms);
        }
        else
        {
            AssertValid(terms);
        }
    }

    [Fact]
    public void Overlapping_times_on_different_days_are_fine() =>
        AssertValid(WithWeekly(new("monday", "08:00", "18:00"), new("tuesday", "08:00", "18:00")));

    [Fact]
    public void The_overlap_message_names_the_interval_it_overlaps()
    {
        var errors = Check(WithWeekly(new("monday", "08:00", "12:00"), new("monday", "11:00", "14:00")));
        Assert.Equal(["This interval overlaps monday 08:00–12:00."], errors["calendar.weekly[1]"]);
    }

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "FR" }, null)]
    [InlineData(new[] { "FR-ALSACE-MOSELLE" }, null)]
    [InlineData(new[] { "FR", "FR-ALSACE-MOSELLE" }, "calendar.holidayPacks")]
    [InlineData(new[] { "DE" }, "calendar.holidayPacks[0]")]
    [InlineData(new[] { "fr" }, "calendar.holidayPacks[0]")]
    [InlineData(new[] { "FR", "FR" }, "calendar.holidayPacks[1]")]
    public void Holiday_packs_are_FR_or_Alsace_Moselle_not_both(string[] packs, string? field)
    {
        var terms = Valid with { Calendar = Valid.Calendar with { HolidayPacks = packs } };
        if (field is null)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Fact]
    public void Closed_days_are_listed_once()
    {
        AssertValid(Valid with { Calendar = Valid.Calendar with { ClosedDays = [D("2026-12-24"), D("2026-12-31")] } });
        AssertOnly("calendar.closedDays[2]",
            Valid with { Calendar = Valid.Calendar with { ClosedDays = [D("2026-12-24"), D("2026-12-31"), D("2026-12-24")] } });
    }

    // ---- SLA ----------------------------------------------------------------------------------------------------

    [Fact]
    public void A_missing_priority_is_reported_on_the_targets()
    {
        var errors = Check(WithTargets([.. Valid.Sla.Targets.Where(t => t.Priority != "P3")]));
        Assert.Equal(["sla.targets"], errors.Keys);
        Assert.Equal(["A target for P3 is missing."], errors["sla.targets"]);
        var message = Assert.Single(TermsRules.Check(WithTargets([.. Valid.Sla.Targets.Where(t => t.Priority != "P3")]))["sla.targets"]);
        Assert.Equal(("terms.sla.targets.missing", "P3"), (message.Code, message.Parameters["priority"]));
        Assert.Equal("Il manque un objectif pour P3.", message.French);
    }

    [Fact]
    public void A_duplicated_priority_is_reported_on_the_targets()
    {
        var errors = Check(WithTargets([.. Valid.Sla.Targets, Valid.Sla.Targets[1]]));
        Assert.Equal(["sla.targets"], errors.Keys);
        Assert.Equal(["P2 has more than one target."], errors["sla.targets"]);
    }

    [Fact]
    public void An_unknown_priority_is_named_and_the_one_it_replaced_is_missing()
    {
        var errors = Check(WithTargets([.. Valid.Sla.Targets.Select(t => t.Priority == "P4" ? t with { Priority = "P5" } : t)]));
        Assert.Equal(["sla.targets[3].priority", "sla.targets"], errors.Keys);
    }

    [Fact]
    public void No_targets_at_all_names_every_missing_priority()
    {
        var errors = Check(WithTargets());
        Assert.Equal(4, errors["sla.targets"].Length);
    }

    [Theory]
    [InlineData(1, "minutes", null)]
    [InlineData(525_600, "minutes", null)]
    [InlineData(525_601, "minutes", "sla.targets[0].resolve.value")]
    [InlineData(8_760, "hours", null)]
    [InlineData(8_761, "hours", "sla.targets[0].resolve.value")]
    [InlineData(260, "businessDays", null)]
    [InlineData(261, "businessDays", "sla.targets[0].resolve.value")]
    [InlineData(0, "hours", "sla.targets[0].resolve.value")]
    [InlineData(-4, "hours", "sla.targets[0].resolve.value")]
    [InlineData(4, "days", "sla.targets[0].resolve.unit")]
    [InlineData(4, "Hours", "sla.targets[0].resolve.unit")]
    [InlineData(4, "", "sla.targets[0].resolve.unit")]
    public void Durations_are_positive_bounded_and_in_a_known_unit(int value, string unit, string? field)
    {
        var terms = WithTarget("P1", new(1, "minutes"), new(value, unit));
        if (field is null)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Theory]
    [InlineData("businessDays", null)]
    [InlineData("hours", "sla.targets[0].resolve.endOfWorkingDay")]
    [InlineData("minutes", "sla.targets[0].resolve.endOfWorkingDay")]
    public void End_of_working_day_only_with_business_days(string unit, string? field)
    {
        var terms = WithTarget("P1", new(1, "minutes"), new(2, unit, EndOfWorkingDay: true));
        if (field is null)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Theory]
    [InlineData(4, "hours", false, 4, "hours", false, true)]
    [InlineData(5, "hours", false, 4, "hours", false, false)]
    [InlineData(240, "minutes", false, 4, "hours", false, true)]          // minutes and hours are both business time
    [InlineData(241, "minutes", false, 4, "hours", false, false)]
    [InlineData(2, "businessDays", false, 1, "businessDays", false, false)]
    [InlineData(1, "businessDays", true, 1, "businessDays", true, true)]
    [InlineData(1, "businessDays", false, 1, "businessDays", true, true)]
    [InlineData(1, "businessDays", true, 1, "businessDays", false, false)] // the close of the day comes after the same time of day
    [InlineData(3, "businessDays", false, 4, "hours", false, true)]        // not comparable without the calendar
    public void The_time_to_respond_is_no_longer_than_the_time_to_resolve(
        int respondValue, string respondUnit, bool respondEnd, int resolveValue, string resolveUnit, bool resolveEnd, bool valid)
    {
        var terms = WithTarget("P2", new(respondValue, respondUnit, respondEnd), new(resolveValue, resolveUnit, resolveEnd));
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("sla.targets[1].respond.value", terms);
        }
    }

    [Theory]
    [InlineData(new int[0], true)]
    [InlineData(new[] { 50, 75 }, true)]
    [InlineData(new[] { 1, 99 }, true)]
    [InlineData(new[] { 25, 50, 75, 90 }, true)]
    [InlineData(new[] { 0, 50 }, false)]
    [InlineData(new[] { 50, 100 }, false)]
    [InlineData(new[] { 75, 50 }, false)]
    [InlineData(new[] { 50, 50 }, false)]
    [InlineData(new[] { -10 }, false)]
    public void Warning_thresholds_increase_strictly_within_1_to_99(int[] thresholds, bool valid)
    {
        var terms = Valid with { Sla = Valid.Sla with { WarningThresholds = thresholds } };
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("sla.warningThresholds", terms);
        }
    }

    // ---- penalties ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("P1", "fixed", "0", null)]
    [InlineData("P1", "fixed", "1000000", null)]
    [InlineData("P1", "fixed", "-0.01", "penalties.perBreach[0].amount")]
    [InlineData("P1", "fixed", "500.001", "penalties.perBreach[0].amount")]
    [InlineData("P1", "percentOfFee", "0", null)]
    [InlineData("P1", "percentOfFee", "100", null)]
    [InlineData("P1", "percentOfFee", "0.125", null)]   // a percentage is not a euro amount: no cent rule
    [InlineData("P1", "percentOfFee", "100.01", "penalties.perBreach[0].amount")]
    [InlineData("P1", "percentOfFee", "-1", "penalties.perBreach[0].amount")]
    [InlineData("P1", "percent", "5", "penalties.perBreach[0].kind")]
    [InlineData("P5", "fixed", "5", "penalties.perBreach[0].priority")]
    [InlineData("p1", "fixed", "5", "penalties.perBreach[0].priority")]
    [InlineData("P2", "fixed", "5", "penalties.perBreach[1].priority")]   // P2 twice: the later is named
    public void Penalties_per_breach(string priority, string kind, string amount, string? field)
    {
        var terms = WithPenalties(p => p with { PerBreach = [new(priority, kind, M(amount)), new("P2", "fixed", 250m)] });
        if (field is null)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Fact]
    public void An_unknown_kind_with_a_negative_amount_reports_both() =>
        Assert.Equal(["penalties.perBreach[0].kind", "penalties.perBreach[0].amount"],
            Check(WithPenalties(p => p with { PerBreach = [new("P1", "euros", -5m)] })).Keys);

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    [InlineData(-1, false)]
    public void Free_breaches_are_between_0_and_1000(int free, bool valid)
    {
        var terms = WithPenalties(p => p with { MonthlyFreeBreaches = free });
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("penalties.monthlyFreeBreaches", terms);
        }
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("respond", true)]
    [InlineData("resolve", true)]
    [InlineData("Resolve", false)]
    [InlineData("both", false)]
    [InlineData("", false)]
    public void A_per_breach_clock_is_respond_resolve_or_none(string? clock, bool valid)
    {
        var terms = WithPenalties(p => p with { PerBreach = [new("P1", "fixed", 500m, clock)] });
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("penalties.perBreach[0].clock", terms);
        }
    }

    /// <summary>
    /// Rules never overlap, so a breach is priced by one rule whatever the list's order: per priority, either one rule
    /// without clock (both clocks) or at most one per clock. The later of two overlapping rules is named.
    /// </summary>
    [Theory]
    [InlineData("respond", "resolve", true)]
    [InlineData("resolve", "respond", true)]
    [InlineData("resolve", "resolve", false)]
    [InlineData("respond", "respond", false)]
    [InlineData(null, "resolve", false)]
    [InlineData("respond", null, false)]
    [InlineData(null, null, false)]
    public void Per_breach_rules_of_one_priority_never_overlap(string? first, string? second, bool valid)
    {
        var terms = WithPenalties(p => p with { PerBreach = [new("P1", "fixed", 150m, first), new("P2", "fixed", 5m), new("P1", "fixed", 500m, second)] });
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("penalties.perBreach[2].priority", terms);
        }
    }

    [Fact]
    public void The_same_clock_on_two_priorities_is_no_overlap() =>
        AssertValid(WithPenalties(p => p with
        {
            PerBreach = [.. TermsRules.Priorities.SelectMany(priority => new BreachPenalty[] { new(priority, "fixed", 10m, "respond"), new(priority, "percentOfFee", 1m, "resolve") })],
        }));

    [Fact]
    public void An_overlap_says_which_clock_and_priority_in_both_languages()
    {
        var errors = TermsRules.Check(WithPenalties(p => p with { PerBreach = [new("P1", "fixed", 1m, "resolve"), new("P1", "fixed", 2m, "resolve")] }));
        Assert.Equal(["Another penalty already applies to the time to resolve of P1."], errors["penalties.perBreach[1].priority"].Select(m => m.English));
        Assert.Equal(["Une autre pénalité s’applique déjà au délai de résolution de P1."], errors["penalties.perBreach[1].priority"].Select(m => m.French));
    }

    [Theory]
    [InlineData(null, "respond")]
    [InlineData("resolve", null)]
    public void An_overlap_with_a_rule_without_clock_says_so(string? first, string? second)
    {
        var errors = TermsRules.Check(WithPenalties(p => p with { PerBreach = [new("P1", "fixed", 1m, first), new("P1", "fixed", 2m, second)] }));
        Assert.Equal(["Another penalty already applies to P1: a penalty without clock covers both clocks, so it stands alone."],
            errors["penalties.perBreach[1].priority"].Select(m => m.English));
    }

    [Fact]
    public void An_unknown_clock_does_not_also_report_an_overlap() =>
        AssertOnly("penalties.perBreach[1].clock", WithPenalties(p => p with { PerBreach = [new("P1", "fixed", 1m), new("P1", "fixed", 2m, "later")] }));

    [Fact]
    public void Success_rate_targets_are_required_as_a_list() =>
        AssertOnly("penalties.successRateTargets", WithPenalties(p => p with { SuccessRateTargets = null! }));

    [Fact]
    public void A_missing_success_rate_target_is_named_by_its_row() =>
        AssertOnly("penalties.successRateTargets[1]", WithPenalties(p => p with { SuccessRateTargets = [p.SuccessRateTargets[0], null!] }));

    [Fact]
    public void No_success_rate_target_is_valid() =>
        AssertValid(WithPenalties(p => p with { SuccessRateTargets = [] }));

    [Theory]
    [InlineData("P1", "resolve", "95", "0.5", "5", null)]
    [InlineData("P4", "respond", "95", "0.5", "5", null)]
    [InlineData("P1", "resolve", "0.01", "0.5", "5", null)]
    [InlineData("P1", "resolve", "99.99", "0.5", "5", null)]
    [InlineData("P1", "resolve", "95", "0.01", "0.01", null)]   // the maximum may equal one point's credit
    [InlineData("P1", "resolve", "95", "100", "100", null)]
    [InlineData("P5", "resolve", "95", "0.5", "5", "penalties.successRateTargets[0].priority")]
    [InlineData("P1", null, "95", "0.5", "5", "penalties.successRateTargets[0].clock")]   // a rate is always of one clock
    [InlineData("P1", "both", "95", "0.5", "5", "penalties.successRateTargets[0].clock")]
    [InlineData("P1", "resolve", "0", "0.5", "5", "penalties.successRateTargets[0].targetPercent")]
    [InlineData("P1", "resolve", "100", "0.5", "5", "penalties.successRateTargets[0].targetPercent")]
    [InlineData("P1", "resolve", "-5", "0.5", "5", "penalties.successRateTargets[0].targetPercent")]
    [InlineData("P1", "resolve", "95", "0", "5", "penalties.successRateTargets[0].creditPercentPerPoint")]
    [InlineData("P1", "resolve", "95", "-0.5", "5", "penalties.successRateTargets[0].creditPercentPerPoint")]
    [InlineData("P1", "resolve", "95", "100.01", "100", "penalties.successRateTargets[0].creditPercentPerPoint")]
    [InlineData("P1", "resolve", "95", "0.5", "0.49", "penalties.successRateTargets[0].maxCreditPercent")]
    [InlineData("P1", "resolve", "95", "0.5", "100.01", "penalties.successRateTargets[0].maxCreditPercent")]
    [InlineData("P1", "resolve", "95", "0.5", "0", "penalties.successRateTargets[0].maxCreditPercent")]
    [InlineData("P2", "resolve", "95", "0.5", "5", "penalties.successRateTargets[0].priority")]   // P2/resolve is already the second row
    public void Success_rate_targets(string priority, string? clock, string target, string perPoint, string max, string? field)
    {
        var terms = WithPenalties(p => p with
        {
            SuccessRateTargets = [new(priority, clock!, M(target), M(perPoint), M(max)), new("P2", "resolve", 95m, 0.5m, 5m)],
        });
        if (field is null)
        {
            AssertValid(terms);
        }
        else if (field.EndsWith("[0].priority", StringComparison.Ordinal) && priority == "P2")
        {
            AssertOnly("penalties.successRateTargets[1].priority", terms);   // the later of the two is named
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Fact]
    public void Respond_and_resolve_targets_of_one_priority_are_two_targets() =>
        AssertValid(WithPenalties(p => p with
        {
            SuccessRateTargets = [new("P1", "respond", 98m, 1m, 8m), new("P1", "resolve", 95m, 0.5m, 5m)],
        }));

    [Fact]
    public void A_maximum_below_one_point_names_the_credit_per_point()
    {
        var errors = TermsRules.Check(WithPenalties(p => p with { SuccessRateTargets = [new("P1", "resolve", 95m, 0.5m, 0.25m)] }));
        Assert.Equal(["The maximum credit is at least the credit per point (0.5 %) and at most 100 %."],
            errors["penalties.successRateTargets[0].maxCreditPercent"].Select(m => m.English));
        Assert.Equal(["L’avoir maximal est d’au moins l’avoir par point (0,5 %) et d’au plus 100 %."],
            errors["penalties.successRateTargets[0].maxCreditPercent"].Select(m => m.French));
    }

    [Fact]
    public void Every_bad_field_of_a_target_is_reported_at_once() =>
        Assert.Equal(
            ["penalties.successRateTargets[0].priority", "penalties.successRateTargets[0].clock", "penalties.successRateTargets[0].targetPercent",
             "penalties.successRateTargets[0].creditPercentPerPoint", "penalties.successRateTargets[0].maxCreditPercent"],
            Check(WithPenalties(p => p with { SuccessRateTargets = [new("P9", "close", 100m, 0m, 101m)] })).Keys);

    [Theory]
    [InlineData("99.5", "2", null)]
    [InlineData("100", "0", null)]
    [InlineData("0.01", "100", null)]
    [InlineData("0", "2", "penalties.availabilityBands[0].belowPercent")]
    [InlineData("-1", "2", "penalties.availabilityBands[0].belowPercent")]
    [InlineData("100.01", "2", "penalties.availabilityBands[0].belowPercent")]
    [InlineData("99.5", "-0.01", "penalties.availabilityBands[0].penaltyPercentOfFee")]
    [InlineData("99.5", "100.01", "penalties.availabilityBands[0].penaltyPercentOfFee")]
    [InlineData("98", "8", "penalties.availabilityBands[1].belowPercent")]      // same threshold as the second band
    [InlineData("98.00", "8", "penalties.availabilityBands[1].belowPercent")]   // however it is written
    public void Availability_bands(string below, string penalty, string? field)
    {
        var terms = WithPenalties(p => p with { AvailabilityBands = [new(M(below), M(penalty)), new(98m, 10m)] });
        if (field is null)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly(field, terms);
        }
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("100", true)]
    [InlineData("12.5", true)]
    [InlineData("-0.01", false)]
    [InlineData("100.01", false)]
    public void The_monthly_cap_is_a_percentage(string cap, bool valid)
    {
        var terms = WithPenalties(p => p with { MonthlyCapPercent = M(cap) });
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("penalties.monthlyCapPercent", terms);
        }
    }

    [Theory]
    [InlineData("0", true)]     // no annual cap
    [InlineData("8", true)]
    [InlineData("100", true)]
    [InlineData("-0.01", false)]
    [InlineData("100.01", false)]
    public void The_annual_cap_is_a_percentage(string cap, bool valid)
    {
        var terms = WithPenalties(p => p with { AnnualCapPercent = M(cap) });
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("penalties.annualCapPercent", terms);
        }
    }

    [Theory]
    [InlineData("0", true)]     // no minimum
    [InlineData("50", true)]
    [InlineData("0.01", true)]
    [InlineData("-0.01", false)]
    [InlineData("50.001", false)]
    [InlineData("1000000001", false)]
    public void The_minimum_total_is_an_amount_in_cents(string minimum, bool valid)
    {
        var terms = WithPenalties(p => p with { MinimumTotal = M(minimum) });
        if (valid)
        {
            AssertValid(terms);
        }
        else
        {
            AssertOnly("penalties.minimumTotal", terms);
        }
    }

    [Fact]
    public void Rules_without_franchise_caps_or_minimum_are_valid() =>
        AssertValid(WithPenalties(_ => new PenaltyRules()));

    [Fact]
    public void Every_new_penalty_message_is_translated()
    {
        var errors = TermsRules.Check(WithPenalties(p => p with
        {
            PerBreach = [new("P1", "fixed", 1m, "x"), new("P2", "fixed", 1m), new("P2", "fixed", 1m, "respond")],
            MonthlyFreeBreaches = 5000,
            SuccessRateTargets = [new("P1", null!, 0m, 0m, 0m), new("P1", "resolve", 95m, 1m, 0.5m), new("P1", "resolve", 95m, 1m, 5m), null!],
        }));
        Assert.Equal(10, errors.MessageCount);
        Assert.All(errors.ByField.Values.SelectMany(m => m), message =>
        {
            Assert.StartsWith("terms.", message.Code, StringComparison.Ordinal);
            Assert.NotEqual(message.English, message.French);
        });
    }

    // ---- clauses ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0, true)]
    [InlineData(20_000, true)]
    [InlineData(20_001, false)]
    public void Clause_texts_are_at_most_20000_characters(int length, bool valid)
    {
        var text = new string('a', length);
        var evolution = Valid with { EvolutionClause = text };
        var reversibility = Valid with { ReversibilityClause = text };
        if (valid)
        {
            AssertValid(evolution);
            AssertValid(reversibility);
        }
        else
        {
            AssertOnly("evolutionClause", evolution);
            AssertOnly("reversibilityClause", reversibility);
        }
    }

    // ---- what JSON can send despite `required` ----------------------------------------------------------------------

    [Fact]
    public void Null_sub_objects_are_named_not_thrown_at()
    {
        var errors = Check(Valid with { Prices = null!, Calendar = null!, Sla = null!, Penalties = null!, EvolutionClause = null!, ReversibilityClause = null! });
        Assert.Equal(["prices", "calendar", "sla", "penalties", "evolutionClause", "reversibilityClause"], errors.Keys);
    }

    [Theory]
    [InlineData("prices")]
    [InlineData("calendar")]
    [InlineData("sla")]
    [InlineData("penalties")]
    public void Each_null_sub_object_alone(string field)
    {
        var terms = field switch
        {
            "prices" => Valid with { Prices = null! },
            "calendar" => Valid with { Calendar = null! },
            "sla" => Valid with { Sla = null! },
            _ => Valid with { Penalties = null! },
        };
        AssertOnly(field, terms);
    }

    [Fact]
    public void Null_lists_are_named_not_thrown_at()
    {
        var terms = Valid with
        {
            Prices = Valid.Prices with { WorkUnits = null! },
            Calendar = Valid.Calendar with { Weekly = null!, HolidayPacks = null!, ClosedDays = null! },
            Sla = new SlaPolicy { Targets = null!, WarningThresholds = null! },
            Penalties = Valid.Penalties with { PerBreach = null!, AvailabilityBands = null! },
        };
        Assert.Equal(
            ["prices.workUnits", "calendar.weekly", "calendar.holidayPacks", "calendar.closedDays", "sla.targets",
             "sla.warningThresholds", "penalties.perBreach", "penalties.availabilityBands"],
            Check(terms).Keys);
    }

    [Fact]
    public void Null_items_and_strings_are_named_not_thrown_at()
    {
        var terms = Valid with
        {
            Prices = Valid.Prices with { WorkUnits = [null!, new(null!, null!, 1m)] },
            Revision = Valid.Revision! with { Index = null!, ReferenceMonth = null! },
            Calendar = new ServiceCalendar { TimeZone = null!, Weekly = [null!, new(null!, null!, null!)] },
            Sla = new SlaPolicy { Targets = [null!, new(null!, null!, new(1, null!))] },
            Penalties = new PenaltyRules { PerBreach = [null!, new(null!, null!, 1m)], AvailabilityBands = [null!] },
        };
        var errors = Check(terms);
        Assert.Superset(
            new HashSet<string>
            {
                "prices.workUnits[0]", "prices.workUnits[1].code", "prices.workUnits[1].label", "revision.index", "revision.referenceMonth",
                "calendar.timeZone", "calendar.weekly[0]", "calendar.weekly[1].day", "calendar.weekly[1].open", "calendar.weekly[1].close",
                "sla.targets[0]", "sla.targets[1].priority", "sla.targets[1].respond", "sla.targets[1].resolve.unit", "sla.targets",
                "penalties.perBreach[0]", "penalties.perBreach[1].priority", "penalties.perBreach[1].kind", "penalties.availabilityBands[0]",
            },
            errors.Keys.ToHashSet());
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var terms = Valid with
        {
            NoticeMonths = 40,
            Prices = Valid.Prices with { MonthlyFee = -1m },
            Revision = Valid.Revision! with { B = 0.5m },
            Calendar = Valid.Calendar with { TimeZone = "Mars/Olympus" },
            Penalties = Valid.Penalties with { MonthlyCapPercent = 150m },
        };
        Assert.Equal(["noticeMonths", "prices.monthlyFee", "revision.b", "calendar.timeZone", "penalties.monthlyCapPercent"], Check(terms).Keys);
    }
}
