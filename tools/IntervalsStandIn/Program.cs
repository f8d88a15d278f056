using IntervalsStandIn;

// dotnet run --project tools/IntervalsStandIn -- --urls http://127.0.0.1:5700 --api-key KEY [--seed seed.json] ...
return await StandInCommandLine.RunAsync(args, Console.Out, Console.Error);
