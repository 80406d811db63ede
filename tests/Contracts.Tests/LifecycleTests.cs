using Infogerance.Contracts.Domain;

namespace Infogerance.Contracts.Tests;

public sealed class LifecycleTests
{
    private static readonly Phases.Facts NoWorkstreams = new(0, 0);

    [Theory]
    [InlineData("signed", "takeover")]
    [InlineData("upgrade", "run")]
    [InlineData("run", "reversibility")]
    public void The_phases_a_party_may_ask_for_are_allowed(string from, string to) =>
        Assert.Null(Phases.RefuseTransition(from, to, NoWorkstreams));

    [Theory]
    [InlineData("draft", "signed")]          // by signing, not by asking
    [InlineData("draft", "takeover")]
    [InlineData("signed", "run")]            // no skipping the takeover
    [InlineData("takeover", "run")]          // closes by mutual acceptance only
    [InlineData("takeover", "upgrade")]
    [InlineData("reversibility", "closed")]
    [InlineData("run", "closed")]            // exit goes through reversibility
    [InlineData("run", "takeover")]          // never backwards
    [InlineData("closed", "run")]
    [InlineData("run", "run")]
    [InlineData("run", "finished")]          // not a phase
    public void Steps_out_of_order_are_refused_with_a_reason(string from, string to) =>
        Assert.False(string.IsNullOrWhiteSpace(Phases.RefuseTransition(from, to, NoWorkstreams)?.English));

    [Fact]
    public void The_run_waits_for_every_upgrade_workstream()
    {
        Assert.Contains("1 upgrade workstream", Phases.RefuseTransition("upgrade", "run", new(3, 1))?.English);
        var refusal = Phases.RefuseTransition("upgrade", "run", new(3, 2))!;
        Assert.Equal(("contract.transition.workstreamsUnfinished", 2), (refusal.Code, refusal.Parameters["unfinished"]));
        Assert.StartsWith("2 chantier(s) de mise à niveau", refusal.French, StringComparison.Ordinal);
        Assert.Null(Phases.RefuseTransition("upgrade", "run", new(3, 0)));
    }

    [Theory]
    [InlineData("takeover", "takeover", 6, 0, true)]
    [InlineData("takeover", "takeover", 6, 1, false)]       // one item not accepted by both sides
    [InlineData("takeover", "takeover", 0, 0, false)]       // an empty checklist proves nothing
    [InlineData("run", "takeover", 6, 0, false)]            // not the current phase
    [InlineData("reversibility", "reversibility", 5, 0, true)]
    [InlineData("run", "run", 1, 0, false)]                 // the run has no checklist
    public void A_phase_closes_only_when_its_whole_checklist_is_accepted_by_both(string current, string phase, int items, int pending, bool allowed) =>
        Assert.Equal(allowed, Phases.RefuseClosure(current, phase, items, pending) is null);

    [Theory]
    [InlineData("takeover", false, "run")]
    [InlineData("takeover", true, "upgrade")]
    [InlineData("reversibility", false, "closed")]
    [InlineData("reversibility", true, "closed")]
    public void A_closed_phase_leads_to_the_next(string closed, bool upgradePlanned, string next) =>
        Assert.Equal(next, Phases.After(closed, upgradePlanned));

    [Theory]
    [InlineData("takeover", false, "")]     // the upgrade may still be planned
    [InlineData("upgrade", true, "")]
    [InlineData("run", true, "")]
    [InlineData("run", false, "upgrade")]
    [InlineData("reversibility", false, "upgrade")]
    [InlineData("closed", false, "upgrade")]
    [InlineData("closed", true, "")]
    public void The_upgrade_is_skipped_once_the_run_is_reached_without_workstreams(string current, bool upgradePlanned, string skipped) =>
        Assert.Equal(skipped, string.Join(',', Phases.Skipped(current, upgradePlanned)));

    [Fact]
    public void Only_the_closed_phase_ends_the_parties_access() =>
        Assert.Equal(["closed"], Phases.All.Where(phase => !Phases.IsOpen(phase)));

    [Fact]
    public void Checklists_start_with_the_seeds_transfers_and_deliverables()
    {
        var takeover = ChecklistTemplates.For(Phases.Takeover, null);
        Assert.Equal(ChecklistTemplates.Categories.Order(), takeover.Select(item => item.Category).Distinct().Order());
        Assert.Contains(takeover, item => item.Title.Contains("assurance qualité", StringComparison.Ordinal));
        Assert.Contains(takeover, item => item.Title.Contains("Conventions de service", StringComparison.Ordinal));
        Assert.Contains("nouveau prestataire", ChecklistTemplates.For(Phases.Reversibility, "newProvider")[0].Title);
        Assert.Empty(ChecklistTemplates.For(Phases.Run, null));
    }

    [Theory]
    [InlineData("propose", "specified", "provider", null)]
    [InlineData("validate", "proposed", "client", null)]
    [InlineData("reject", "proposed", "client", null)]
    [InlineData("start", "validated", "provider", null)]
    [InlineData("deliver", "inProgress", "provider", null)]
    [InlineData("accept", "delivered", "client", null)]
    [InlineData("propose", "specified", "client", "Only the provider side")]
    [InlineData("validate", "proposed", "provider", "Only the client side")]
    [InlineData("validate", "specified", "client", "must be proposed first")]
    [InlineData("start", "rejected", "provider", "must be validated first")]
    [InlineData("accept", "inProgress", "client", "must be delivered first")]
    [InlineData("accept", "accepted", "client", "must be delivered first")]
    public void Each_evolution_step_belongs_to_one_side_and_one_state(string action, string state, string side, string? refusal)
    {
        var step = EvolutionWorkflow.Find(action)!;
        var answer = EvolutionWorkflow.Refuse(step, state, side);
        if (refusal is null)
        {
            Assert.Null(answer);
        }
        else
        {
            Assert.Contains(refusal, answer?.English);
        }
    }

    [Fact]
    public void The_evolution_workflow_reaches_acceptance_from_specification()
    {
        var state = EvolutionWorkflow.Specified;
        foreach (var action in new[] { "propose", "validate", "start", "deliver", "accept" })
        {
            var step = EvolutionWorkflow.Find(action)!;
            Assert.Null(EvolutionWorkflow.Refuse(step, state, step.Side));
            state = step.To;
        }

        Assert.Equal(EvolutionWorkflow.Accepted, state);
        Assert.Null(EvolutionWorkflow.Find("skip"));
    }

    [Fact]
    public void Refusals_carry_a_code_and_name_phases_and_states_in_French()
    {
        var closure = Phases.RefuseTransition("takeover", "run", NoWorkstreams)!;
        Assert.Equal(("contract.transition.mutualClosure", "takeover"), (closure.Code, closure.Parameters["phase"]));
        Assert.Equal("La phase « prise en charge » ne se clôt que lorsque les deux parties en acceptent la clôture.", closure.French);
        Assert.Equal("contract.phase.unknown", Phases.RefuseTransition("run", "finished", NoWorkstreams)!.Code);
        Assert.Equal("contract.closure.itemsPending", Phases.RefuseClosure("takeover", "takeover", 6, 1)!.Code);

        var step = EvolutionWorkflow.Find("validate")!;
        var outOfOrder = EvolutionWorkflow.Refuse(step, EvolutionWorkflow.Specified, step.Side)!;
        Assert.Equal("evolution.step.outOfOrder", outOfOrder.Code);
        Assert.Contains("« exprimée »", outOfOrder.French, StringComparison.Ordinal);
        var otherSide = EvolutionWorkflow.Refuse(step, EvolutionWorkflow.Proposed, "provider")!;
        Assert.Equal(("evolution.step.otherSide", "client", "validate"), (otherSide.Code, otherSide.Parameters["side"], otherSide.Parameters["action"]));
        Assert.Equal("Seul le client peut effectuer l’action « valider » sur une demande d’évolution.", otherSide.French);
    }
}
