using Infogerance.Benchmarks;

// Load harnesses that print figures; each is bounded in count and time and talks only to loopback.
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll outbox [events] [eventsPerTransaction] [eventsPerSecond, 0 = as fast as possible]
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll gateway <gateway url> [sessions] [seconds]   (against a running system)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll tickets <gateway url> [sessions] [seconds]   (demo world, against a running system)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll faults <gateway url> <AppHost data folder> [sessions] [seconds per phase]   (kills processes of a running AppHost)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll sla-lag <incidents database, owner connection string> [tickets] [perSecond] [seconds]   (against running Incidents replicas)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll queue <gateway url> <incidents database, owner connection string> [tickets] [deep page]   (seeds once, then times the lists)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll statements <gateway url> [sessions] [seconds]   (demo world, against a running system)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll scorecard <gateway url> <reporting database, owner connection string> [tickets] [calls]   (seeds once, then times the months)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll reporting-intake [burst events] [eventsPerSecond] [seconds]   (the built Reporting service, servers of its own)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll portfolio <gateway url> <reporting database, owner connection string> [contracts] [sessions] [seconds]   (seeds once, then times the client's portfolio)
//   dotnet tests/Benchmarks/bin/Release/net10.0/Infogerance.Benchmarks.dll mail [recipients] [eventsPerSecond] [seconds] [burst events] [e-mail workers]   (the built Notifications service, servers of its own)
//   dotnet run -c Release --project tests/Benchmarks -- sla [BenchmarkDotNet options]   (SLA due-time computations, in process)
//   dotnet run -c Release --project tests/Benchmarks -- penalties [BenchmarkDotNet options]   (a month's penalty statement, in process)
//   dotnet run -c Release --project tests/Benchmarks -- invoice-control [BenchmarkDotNet options]   (the control of a 2,000-line invoice, in process)
//   dotnet run -c Release --project tests/Benchmarks -- invoice-import [BenchmarkDotNet options]   (a 2,000-line invoice read in each format, in process)
return args.FirstOrDefault() switch
{
    "outbox" => await OutboxThroughput.RunAsync(
        events: args.Length > 1 ? int.Parse(args[1]) : 20_000,
        eventsPerTransaction: args.Length > 2 ? int.Parse(args[2]) : 1,
        eventsPerSecond: args.Length > 3 ? int.Parse(args[3]) : 0),
    "gateway" when args.Length > 1 => await GatewayLoad.RunAsync(
        new Uri(args[1]),
        sessions: args.Length > 2 ? int.Parse(args[2]) : 8,
        duration: TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3]) : 15)),
    "request-path" when args.Length > 2 => await RequestPathLoad.RunAsync(
        new Uri(args[1]),
        postgresPort: int.Parse(args[2]),
        connections: args.Length > 3 ? int.Parse(args[3]) : 32,
        duration: TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4]) : 15),
        only: args.Length > 5 ? args[5] : null),
    // A part of request-path's ceiling in a process of its own, started by the harness itself.
    "ceiling-part" when args.Length > 1 => await RequestPathLoad.RunCeilingPartAsync(args[1], args.Length > 2 ? new Uri(args[2]) : null),
    "tickets" when args.Length > 1 => await TicketsLoad.RunAsync(
        new Uri(args[1]),
        sessions: args.Length > 2 ? int.Parse(args[2]) : 16,
        duration: TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3]) : 15)),
    "faults" when args.Length > 2 => await Faults.RunAsync(
        new Uri(args[1]),
        args[2],
        sessions: args.Length > 3 ? int.Parse(args[3]) : 4,
        phaseLength: TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4]) : 45)),
    "sla-lag" when args.Length > 1 => await SlaBreachLag.RunAsync(
        args[1],
        tickets: args.Length > 2 ? int.Parse(args[2]) : 100_000,
        perSecond: args.Length > 3 ? int.Parse(args[3]) : 300,
        seconds: args.Length > 4 ? int.Parse(args[4]) : 60),
    "queue" when args.Length > 2 => await TicketQueueLoad.RunAsync(
        new Uri(args[1]),
        args[2],
        tickets: args.Length > 3 ? int.Parse(args[3]) : 1_000_000,
        deepPages: args.Length > 4 ? int.Parse(args[4]) : 50),
    "statements" when args.Length > 1 => await StatementsLoad.RunAsync(
        new Uri(args[1]),
        sessions: args.Length > 2 ? int.Parse(args[2]) : 8,
        duration: TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3]) : 15)),
    "scorecard" when args.Length > 2 => await ScorecardLoad.RunAsync(
        new Uri(args[1]),
        args[2],
        tickets: args.Length > 3 ? int.Parse(args[3]) : 1_000_000,
        repeats: args.Length > 4 ? int.Parse(args[4]) : 100),
    "reporting-intake" => await ReportingIntake.RunAsync(
        burst: args.Length > 1 ? int.Parse(args[1]) : 20_000,
        perSecond: args.Length > 2 ? int.Parse(args[2]) : 200,
        seconds: args.Length > 3 ? int.Parse(args[3]) : 30),
    "portfolio" when args.Length > 2 => await PortfolioLoad.RunAsync(
        new Uri(args[1]),
        args[2],
        contracts: args.Length > 3 ? int.Parse(args[3]) : 200,
        sessions: args.Length > 4 ? int.Parse(args[4]) : 4,
        duration: TimeSpan.FromSeconds(args.Length > 5 ? int.Parse(args[5]) : 15)),
    "mail" => await NotificationMail.RunAsync(
        recipients: args.Length > 1 ? int.Parse(args[1]) : 5,
        perSecond: args.Length > 2 ? int.Parse(args[2]) : 10,
        seconds: args.Length > 3 ? int.Parse(args[3]) : 60,
        burst: args.Length > 4 ? int.Parse(args[4]) : 2_000,
        workers: args.Length > 5 ? int.Parse(args[5]) : 4),
    "sla" => SlaDueTime.Run(args[1..]),
    "penalties" => PenaltyStatementMonth.Run(args[1..]),
    "invoice-control" => InvoiceControlLargeInvoice.Run(args[1..]),
    "invoice-import" => InvoiceImport.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Infogerance.Benchmarks outbox [events] [eventsPerTransaction] [eventsPerSecond, 0 = as fast as possible]");
    Console.Error.WriteLine("       Infogerance.Benchmarks gateway <gateway url> [sessions] [seconds]");
    Console.Error.WriteLine("       Infogerance.Benchmarks tickets <gateway url> [sessions] [seconds]");
    Console.Error.WriteLine("       Infogerance.Benchmarks request-path <gateway url> <postgres port> [connections] [seconds] [only the lines containing]");
    Console.Error.WriteLine("       Infogerance.Benchmarks faults <gateway url> <AppHost data folder> [sessions] [seconds per phase]");
    Console.Error.WriteLine("       Infogerance.Benchmarks sla-lag <incidents database connection string> [tickets] [perSecond] [seconds]");
    Console.Error.WriteLine("       Infogerance.Benchmarks queue <gateway url> <incidents database connection string> [tickets] [deep page]");
    Console.Error.WriteLine("       Infogerance.Benchmarks statements <gateway url> [sessions] [seconds]");
    Console.Error.WriteLine("       Infogerance.Benchmarks scorecard <gateway url> <reporting database connection string> [tickets] [calls]");
    Console.Error.WriteLine("       Infogerance.Benchmarks reporting-intake [burst events] [eventsPerSecond] [seconds]");
    Console.Error.WriteLine("       Infogerance.Benchmarks portfolio <gateway url> <reporting database connection string> [contracts] [sessions] [seconds]");
    Console.Error.WriteLine("       Infogerance.Benchmarks mail [recipients] [eventsPerSecond] [seconds] [burst events] [e-mail workers]");
    Console.Error.WriteLine("       Infogerance.Benchmarks sla [BenchmarkDotNet options]");
    Console.Error.WriteLine("       Infogerance.Benchmarks penalties [BenchmarkDotNet options]");
    Console.Error.WriteLine("       Infogerance.Benchmarks invoice-control [BenchmarkDotNet options]");
    Console.Error.WriteLine("       Infogerance.Benchmarks invoice-import [BenchmarkDotNet options]");
    return 2;
}
