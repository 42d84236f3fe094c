namespace Barometer.Web.Api;

/// <summary>The web host's log messages about publication.</summary>
internal static partial class PublicationLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Publication edition changed to {Key} ({Releases} public releases).")]
    public static partial void EditionChanged(ILogger logger, string key, int releases);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Published results read: {Fingerprint}, {Releases} releases.")]
    public static partial void SnapshotLoaded(ILogger logger, string fingerprint, int releases);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Reading the published results failed; the previous snapshot is still served.")]
    public static partial void ReloadFailed(ILogger logger, Exception exception);
}
