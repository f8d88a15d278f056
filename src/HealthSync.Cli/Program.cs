using HealthSync.Cli;
using Spectre.Console;

var context = new CliContext(AnsiConsole.Console, Console.Out, Console.Error, TimeProvider.System, Console.In)
{
    Environment = Environment.GetEnvironmentVariable,
};
return await HealthSyncApp.RunAsync(args, context);
