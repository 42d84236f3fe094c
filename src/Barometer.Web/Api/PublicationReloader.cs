using Microsoft.Extensions.Options;

namespace Barometer.Web.Api;

/// <summary>
/// Checks the source's fingerprint every <see cref="PublicationOptions.ReloadSeconds"/> and re-reads it in the
/// background when a release was added, so no request ever waits for a reload.
/// </summary>
internal sealed class PublicationReloader(PublicationState state, IOptions<PublicationOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ReloadSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await Task.Run(state.Refresh, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
