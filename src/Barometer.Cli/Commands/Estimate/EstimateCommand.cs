using System.CommandLine;
using Barometer.Cli.Hosting;
using Barometer.Estimation.DesignFiles;

namespace Barometer.Cli.Commands.Estimate;

/// <summary>
/// <c>barometer estimate --data FILE.csv --design DESIGN.yaml [--out FILE.csv]</c>: design-based estimates with
/// standard errors, intervals, degrees of freedom and respondent counts that agree with R's survey package.
/// </summary>
internal static class EstimateCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "The respondent file: comma-separated with a header row, '.' as decimal mark, empty cells for missing values.",
            Required = true,
        };
        var design = new Option<string>("--design")
        {
            Description = "The YAML design file: design (ids, strata, fpc, weights, lonely_psu), optional calibration and replicates, the estimates, and level.",
            Required = true,
        };
        var output = new Option<string?>("--out")
        {
            Description = "Where to write the result CSV (written whole or not at all); standard output when absent.",
        };
        var command = new Command(
            "estimate",
            "Estimate totals, means, proportions, ratios and domain differences of a survey with design-based standard errors " +
            "(linearization or replicate weights), optional calibration, and confidence intervals, as R's survey package does.");
        command.Options.Add(data);
        command.Options.Add(design);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var text = Run(parse.GetValue(data)!, parse.GetValue(design)!);
            if (parse.GetValue(output) is { } path)
            {
                WriteWhole(path, text);
            }
            else
            {
                parse.InvocationConfiguration.Output.Write(text);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads both files, runs the engine and returns the result CSV (<see cref="DesignFileEstimation"/>); bad input is a <see cref="UserErrorException"/>.</summary>
    public static string Run(string dataPath, string designPath)
    {
        try
        {
            return DesignFileEstimation.Run(dataPath, designPath);
        }
        catch (DesignFileException ex)
        {
            throw new UserErrorException(ex.Message, ex);
        }
    }

    /// <summary>Writes to a temporary file next to the target and moves it into place, so a failure leaves no half-written file.</summary>
    private static void WriteWhole(string path, string text)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new UserErrorException($"--out '{path}' is not a usable file path: {ex.Message}", ex);
        }

        var folder = Path.GetDirectoryName(full);
        if (folder is null || !Directory.Exists(folder))
        {
            throw new UserErrorException($"--out '{path}': the folder '{folder}' does not exist. Expected the path of a file in an existing folder.");
        }

        if (Directory.Exists(full))
        {
            throw new UserErrorException($"--out '{path}' is a folder. Expected the path of a file to write.");
        }

        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new UserErrorException($"--out '{path}' cannot be written: {ex.Message} Nothing was written.", ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The original error is the one to report; a leftover temporary file is harmless.
        }
    }
}
