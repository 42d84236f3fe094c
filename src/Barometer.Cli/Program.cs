using Barometer.Cli.Hosting;

return CliApplication.Run(args, Console.Out, Console.Error);
