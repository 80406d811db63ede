extern alias gateway;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Dapper;
using Infogerance.LocalServers;
using Infogerance.Data;
using Infogerance.ServiceDefaults;
using Infogerance.TestSupport;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Trace;

namespace Infogerance.EndToEnd.Tests;

/// <summary>
/// A request enters through the real gateway, reaches a service that commits an event to its outbox, and the
/// event is consumed by another service: all of it is one trace.
/// </summary>
public sealed class TracePropagationTests(TestInfrastructure infrastructure)
{
    [Fact]
    public async Task Gateway_request_outbox_event_and_remote_consumer_share_one_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        var run = Guid.NewGuid().ToString("N")[..8];
        // Every tracer provider in this process listens to every source: collect once, thread-safely.
        var exported = new SynchronizedCollection();

        // The consumer: another service, with its own database and queue.
        var consumerBuilder = WebApplication.CreateBuilder();
        consumerBuilder.AddServiceDefaults();
        await consumerBuilder.UseTestService(infrastructure, $"trace-consumer-{run}", addConsumers: bus => bus.AddConsumer<ItemAddedConsumer>());
        consumerBuilder.WebHost.UseUrls($"http://127.0.0.1:{Ports.GetFreePort()}");
        consumerBuilder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));
        await using var consumer = consumerBuilder.Build();
        await consumer.Services.RunStartupTasksAsync(ct);
        await consumer.StartAsync(ct);

        // The producer: a service whose endpoint changes state and writes an event in one unit of work.
        var producerUrl = $"http://127.0.0.1:{Ports.GetFreePort()}";
        var producerBuilder = WebApplication.CreateBuilder();
        producerBuilder.AddServiceDefaults();
        await producerBuilder.UseTestService(infrastructure, $"trace-producer-{run}");
        producerBuilder.WebHost.UseUrls(producerUrl);
        await using var producer = producerBuilder.Build();
        producer.MapDefaultEndpoints();
        producer.MapPost("/items", async (Guid tenant, Database database, CancellationToken cancellation) =>
        {
            var @event = new ItemAdded { TenantId = tenant, ItemId = Guid.CreateVersion7(), Index = 1 };
            await using var unitOfWork = await database.BeginAsync(tenant, cancellation);
            await unitOfWork.ExecuteAsync("INSERT INTO items (tenant_id, id, name) VALUES (@TenantId, @ItemId, 'traced')", @event);
            await unitOfWork.AddEventAsync(@event);
            await unitOfWork.CommitAsync();
            return TypedResults.Accepted($"/items/{@event.ItemId}", new { @event.EventId });
        });
        await producer.Services.RunStartupTasksAsync(ct);
        await producer.StartAsync(ct);

        // The real gateway, routing /api/identity/… to the producer through service discovery.
        await using var gateway = new WebApplicationFactory<gateway::Program>().WithWebHostBuilder(web => web
            .UseSetting("services:identity:http:0", producerUrl)
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported))));
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Add("X-CSRF", "1");

        var tenant = Guid.CreateVersion7();
        var response = await client.PostAsync($"/api/identity/items?tenant={tenant}", null, ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var eventId = (await response.Content.ReadFromJsonAsync<EventIdBody>(ct))!.EventId;

        var consumerDatabase = consumer.Services.GetRequiredService<Database>();
        string? consumedTraceId = null;
        for (var attempt = 0; attempt < 300 && consumedTraceId is null; attempt++)
        {
            await Task.Delay(100, ct);
            await using var unitOfWork = await consumerDatabase.BeginAsync(tenant, ct);
            consumedTraceId = await unitOfWork.QuerySingleOrDefaultAsync<string>(
                "SELECT trace_id FROM consumed_events WHERE event_id = @eventId", new { eventId });
        }

        Assert.NotNull(consumedTraceId);
        // Activities are exported when they stop; the consumer's ends just after its commit.
        await Task.Delay(500, ct);
        var spans = exported.Snapshot().DistinctBy(s => s.SpanId).ToList();

        var gatewaySpan = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/identity/items");
        var traceId = gatewaySpan.TraceId.ToString();
        Assert.Equal(traceId, consumedTraceId);

        var trace = spans.Where(s => s.TraceId.ToString() == traceId).ToList();
        Assert.Contains(trace, s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/items");
        Assert.Contains(trace, s => s.Source.Name == "Infogerance.Messaging.Outbox" && s.Kind == ActivityKind.Producer);
        Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer);

        await producer.StopAsync(ct);
        await consumer.StopAsync(ct);
    }

    private sealed record EventIdBody(Guid EventId);

    private sealed class SynchronizedCollection : System.Collections.ObjectModel.Collection<Activity>
    {
        public Activity[] Snapshot()
        {
            lock (this)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (this)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
