using System.Collections.Concurrent;
using Infogerance.IntegrationEvents;
using Infogerance.TestSupport;
using MassTransit;

namespace Infogerance.EndToEnd.Tests;

/// <summary>
/// A service of its own on the shared broker that receives the account, contract and incident events as any other service
/// would, and keeps them for the tests to look at.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private static readonly ConcurrentQueue<IntegrationEvent> Received = new();
    private readonly TestService _service;

    private EventRecorder(TestService service) => _service = service;

    public static async Task<EventRecorder> StartAsync(TestInfrastructure infrastructure) =>
        new(await TestService.StartAsync(infrastructure, "event_recorder", bus =>
        {
            bus.AddConsumer<Recorder<UserAccountChanged>>();
            bus.AddConsumer<Recorder<ContractSigned>>();
            bus.AddConsumer<Recorder<ContractVersionActivated>>();
            bus.AddConsumer<Recorder<ContractPhaseChanged>>();
            bus.AddConsumer<Recorder<ContractPartiesChanged>>();
            bus.AddConsumer<Recorder<EvolutionRequestStateChanged>>();
            bus.AddConsumer<Recorder<AmendmentProposed>>();
            bus.AddConsumer<Recorder<NoticeDeadlineApproaching>>();
            bus.AddConsumer<Recorder<RenewalDecided>>();
            bus.AddConsumer<Recorder<ContractClosed>>();
            bus.AddConsumer<Recorder<ContractInventoryChanged>>();
            bus.AddConsumer<Recorder<PricesRevised>>();
            bus.AddConsumer<Recorder<TicketOpened>>();
            bus.AddConsumer<Recorder<TicketStatusChanged>>();
            bus.AddConsumer<Recorder<SlaWarningRaised>>();
            bus.AddConsumer<Recorder<SlaBreached>>();
            bus.AddConsumer<Recorder<SlaClockCompleted>>();
            bus.AddConsumer<Recorder<TicketRated>>();
            bus.AddConsumer<Recorder<ServiceOutageRecorded>>();
            bus.AddConsumer<Recorder<PenaltyStatementIssued>>();
            bus.AddConsumer<Recorder<PenaltyLineWaived>>();
            bus.AddConsumer<Recorder<InvoiceReceived>>();
            bus.AddConsumer<Recorder<InvoiceControlled>>();
            bus.AddConsumer<Recorder<InvoiceApproved>>();
            bus.AddConsumer<Recorder<InvoiceDisputed>>();
            bus.AddConsumer<Recorder<InvoicePaid>>();
            bus.AddConsumer<Recorder<BudgetPlanned>>();
            bus.AddConsumer<Recorder<ReviewPrepared>>();
            bus.AddConsumer<Recorder<ReviewApproved>>();
            bus.AddConsumer<Recorder<ReviewApprovalWithdrawn>>();
            bus.AddConsumer<Recorder<ReviewClosed>>();
            bus.AddConsumer<Recorder<ReviewActionChanged>>();
            bus.AddConsumer<Recorder<ReviewActionOverdue>>();
            bus.AddConsumer<Recorder<ChecklistItemAccepted>>();
            bus.AddConsumer<Recorder<PhaseClosureAccepted>>();
        }));

    /// <summary>The events of <typeparamref name="TEvent"/> matching <paramref name="match"/>, waiting until <paramref name="count"/> have arrived.</summary>
    public async Task<IReadOnlyList<TEvent>> WaitForAsync<TEvent>(Func<TEvent, bool> match, int count = 1, TimeSpan? timeout = null)
        where TEvent : IntegrationEvent
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = Received.OfType<TEvent>().Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline)
            {
                return found;
            }

            await Task.Delay(100);
        }
    }

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private sealed class Recorder<TEvent> : IConsumer<TEvent> where TEvent : class
    {
        public Task Consume(ConsumeContext<TEvent> context)
        {
            Received.Enqueue((IntegrationEvent)(object)context.Message);
            return Task.CompletedTask;
        }
    }
}
