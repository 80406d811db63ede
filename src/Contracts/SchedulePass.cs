using Infogerance.Data;

namespace Infogerance.Contracts;

/// <summary>
/// A background pass over a schedule table of contracts (<c>contract_id, tenant_id, due_on</c>, no business data, read
/// across tenants to find the work). Safe with several replicas: each row is taken with SKIP LOCKED inside the
/// contract's tenant before its work. After downtime it catches up: overdue rows are due. One contract's failure is
/// logged and retried at the next pass without stopping the others.
/// </summary>
public abstract class SchedulePass(Database database, TimeProvider clock, TimeSpan interval, string table, ILogger logger) : BackgroundService
{
    private const int Batch = 100;

    protected Database Database => database;

    protected TimeProvider Clock => clock;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "The {Table} pass failed; retrying at the next pass", table);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Processes every contract due; returns the number of events raised.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>Hands each row due on or before <paramref name="dueBy"/> to <paramref name="process"/> until none is left that this replica can take.</summary>
    protected async Task<int> DrainAsync(
        DateOnly dueBy, Func<Guid, Guid, CancellationToken, Task<(bool Processed, int Raised)>> process, CancellationToken cancellationToken)
    {
        var raised = 0;
        while (true)
        {
            IReadOnlyList<(Guid ContractId, Guid TenantId)> due;
            await using (var scan = await database.BeginAsync([], cancellationToken))
            {
                due = [.. await scan.QueryAsync<(Guid, Guid)>(
                    $"SELECT contract_id, tenant_id FROM {table} WHERE due_on <= @dueBy ORDER BY due_on LIMIT {Batch}", new { dueBy })];
            }

            var progressed = 0;
            foreach (var (contractId, tenantId) in due)
            {
                try
                {
                    var outcome = await process(contractId, tenantId, cancellationToken);
                    raised += outcome.Raised;
                    progressed += outcome.Processed ? 1 : 0;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One contract's failure must not starve the others: it is retried at the next pass.
                    logger.LogError(exception, "The {Table} pass failed on contract {ContractId}", table, contractId);
                }
            }

            // Rows another replica holds stay due for it; stop when nothing here moved forward.
            if (due.Count < Batch || progressed == 0)
            {
                return raised;
            }
        }
    }

    /// <summary>Takes the contract's row if it is still due and no other replica holds it; false otherwise.</summary>
    protected async Task<bool> TakeAsync(UnitOfWork unitOfWork, Guid contractId, DateOnly dueBy) =>
        await unitOfWork.ExecuteScalarAsync<Guid?>(
            $"SELECT contract_id FROM {table} WHERE contract_id = @contractId AND due_on <= @dueBy FOR UPDATE SKIP LOCKED",
            new { contractId, dueBy }) is not null;
}
