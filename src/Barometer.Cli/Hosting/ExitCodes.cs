namespace Barometer.Cli.Hosting;

/// <summary>The exit codes every subcommand uses.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The user asked for something that cannot be done: bad arguments, bad input files, a missing feature.</summary>
    public const int UserError = 1;

    /// <summary>A defect in the program: an exception nobody anticipated.</summary>
    public const int InternalError = 2;
}
