using Infogerance.Benchmarks;

// Load harnesses that print figures; each is bounded in count and time and talks only to loopback.
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll outbox [events] [eventsPerTransaction] [eventsPerSecond, 0 = as fast as possible]
return args.FirstOrDefault() switch
{
    "outbox" => await OutboxThroughput.RunAsync(
        events: args.Length > 1 ? int.Parse(args[1]) : 20_000,
        eventsPerTransaction: args.Length > 2 ? int.Parse(args[2]) : 1,
        eventsPerSecond: args.Length > 3 ? int.Parse(args[3]) : 0),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Infogerance.Benchmarks outbox [events] [eventsPerTransaction] [eventsPerSecond, 0 = as fast as possible]");
    return 2;
}
