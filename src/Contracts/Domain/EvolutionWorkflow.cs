using Infogerance.Data;
using Infogerance.IntegrationEvents;
using Infogerance.Validation;

namespace Infogerance.Contracts.Domain;

/// <summary>
/// An evolution request's steps during the run: the client specifies the need, the provider proposes a
/// solution with a quote and a plan, the client validates or rejects it, the provider implements and delivers,
/// the client accepts. Each step belongs to one side.
/// </summary>
public static class EvolutionWorkflow
{
    public const string Specified = EvolutionStates.Specified;
    public const string Proposed = EvolutionStates.Proposed;
    public const string Validated = EvolutionStates.Validated;
    public const string Rejected = EvolutionStates.Rejected;
    public const string InProgress = EvolutionStates.InProgress;
    public const string Delivered = EvolutionStates.Delivered;
    public const string Accepted = EvolutionStates.Accepted;

    public sealed record Step(string Action, string From, string To, string Side);

    public static IReadOnlyList<Step> Steps { get; } =
    [
        new("propose", Specified, Proposed, Sides.Provider),
        new("validate", Proposed, Validated, Sides.Client),
        new("reject", Proposed, Rejected, Sides.Client),
        new("start", Validated, InProgress, Sides.Provider),
        new("deliver", InProgress, Delivered, Sides.Provider),
        new("accept", Delivered, Accepted, Sides.Client),
    ];

    public static Step? Find(string action) => Steps.FirstOrDefault(step => step.Action == action);

    /// <summary>Why <paramref name="side"/> cannot take <paramref name="step"/> on a request in <paramref name="state"/>; null when it can.</summary>
    public static Message? Refuse(Step step, string state, string side)
    {
        if (step.Side != side)
        {
            return ContractMessages.StepOfOtherSide(step.Side, step.Action);
        }

        return state == step.From ? null : ContractMessages.StepOutOfOrder(state, step.To, step.From);
    }
}
