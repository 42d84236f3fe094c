namespace Barometer.Fieldwork;

/// <summary>The field host's settings (configuration section <c>Fieldwork</c>; <c>barometer field</c> passes them on the command line).</summary>
internal sealed class FieldworkSettings
{
    public const string Section = "Fieldwork";

    /// <summary>The field store file (DuckDB) the wave was opened in by <c>barometer field codes</c>.</summary>
    public string FieldStore { get; set; } = Storage.Fieldwork.FieldStore.DefaultFileName;

    /// <summary>The wave being fielded.</summary>
    public int Wave { get; set; }

    /// <summary>The catalogue folder; the nearest <c>catalogue</c> folder when empty.</summary>
    public string? Catalogue { get; set; }

    /// <summary>
    /// The questionnaire's languages to offer, separated by ','. Empty: every declared language whose texts are all
    /// adjudicated (drafts are left out). A draft listed here is refused unless <see cref="AllowDraftTranslations"/>.
    /// </summary>
    public string? Languages { get; set; }

    /// <summary>Offer languages with texts not yet adjudicated (TRAPD): <c>barometer field --allow-draft-translations</c>.</summary>
    public bool AllowDraftTranslations { get; set; }

    /// <summary>Wrong codes for one lookup id before that code is locked (a locked code is unlocked by the producer only).</summary>
    public int MaxFailuresPerCode { get; set; } = 5;

    /// <summary>Failed logins from one client address before it is locked out for <see cref="ClientLockoutMinutes"/>.</summary>
    public int MaxFailuresPerClient { get; set; } = 20;

    public int ClientLockoutMinutes { get; set; } = 15;

    /// <summary>Login attempts per client address and minute, failed or not (ASP.NET Core's rate limiter).</summary>
    public int LoginAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long a session lasts after logging in.</summary>
    public int SessionMinutes { get; set; } = 120;

    /// <summary>PBKDF2 rounds below which a stored hash is refused (guards against a field store written with a test setting).</summary>
    public int MinimumIterations { get; set; } = 1;
}
