using IntervalsStandIn;

// dotnet run --project tools/IntervalsStandIn -- --urls http://127.0.0.1:5700 --api-key KEY [--seed seed.json] ...
var options = StandInOptions.Parse(args);
await using var server = await StandInServer.StartAsync(options);
Console.WriteLine($"Intervals.icu stand-in listening on {server.BaseAddress} (athlete {options.AthleteId}); Ctrl+C to stop.");
await server.WaitForShutdownAsync();
