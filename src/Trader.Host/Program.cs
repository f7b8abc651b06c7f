using Trader.Host.Cli;
using Trader.Host.Composition;

var context = new CliContext(ProcessClock.System(), Console.Out, Console.Error, Environment.GetEnvironmentVariable);
return await TraderCli.RunAsync(args, context);
