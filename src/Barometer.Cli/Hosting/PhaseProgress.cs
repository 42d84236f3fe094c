using System.Globalization;
using Barometer.Production.Runs;
using Barometer.Storage.Ingestion;
using Spectre.Console;

namespace Barometer.Cli.Hosting;

/// <summary>One Spectre.Console progress bar per phase, with its counts, for the ingest and the production run.</summary>
internal sealed class PhaseProgress(ProgressContext context) : IIngestProgress, IRunProgress
{
    private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    public void Report(string phase, long done, long total)
    {
        if (!_tasks.TryGetValue(phase, out var task))
        {
            task = context.AddTask(phase, maxValue: Math.Max(1, total));
            _tasks[phase] = task;
        }

        task.MaxValue = Math.Max(1, total);
        task.Value = done;
        task.Description = string.Create(CultureInfo.InvariantCulture, $"{phase} ({done:N0}/{total:N0})");
        if (done >= total)
        {
            task.StopTask();
        }
    }
}
