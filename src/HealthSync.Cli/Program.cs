using HealthSync.Cli;
using Spectre.Console;

return await HealthSyncApp.RunAsync(args, new CliContext(AnsiConsole.Console, Console.Out, Console.Error, TimeProvider.System, Console.In));
