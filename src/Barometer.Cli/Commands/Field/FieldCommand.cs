using System.CommandLine;
using System.Globalization;
using System.Text;
using Barometer.Catalogue.Questionnaires;
using Barometer.Cli.Commands.Serve;
using Barometer.Cli.Hosting;
using Barometer.Storage;
using Barometer.Storage.Fieldwork;
using Barometer.Storage.Ingestion;

namespace Barometer.Cli.Commands.Field;

/// <summary>
/// <c>barometer field</c>: the fieldwork of a drawn wave. <c>field codes</c> opens the wave in the field store and
/// issues every sampled person a one-time access code (the clear codes go only to the file the letters are made
/// from); <c>field --wave W</c> runs the field host (the web questionnaire) as a child process — the CLI does not
/// reference it, as it does not reference the publication host; <c>field close</c> ingests the collected answers and
/// paradata as the wave's survey.
/// </summary>
internal static class FieldCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5090";

    public const string FieldDirVariable = "BAROMETER_FIELD_DIR";

    public const string FieldAssembly = "Barometer.Fieldwork.dll";

    public const string CodesFilePrefix = "access-codes-";

    public static Command Create()
    {
        var waveOption = WaveOption(required: false);
        var storeOption = StoreOptions.Store();
        var fieldStoreOption = FieldStoreOption();
        var catalogueOption = StoreOptions.Catalogue();
        var urlsOption = new Option<string>("--urls")
        {
            Description = "Where to listen (ASP.NET Core URLs, separated by ';'). Loopback only unless you say otherwise; use https behind a public address.",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var maxFailuresOption = new Option<int>("--max-failures")
        {
            Description = "Wrong attempts on one access code before it is locked.",
            DefaultValueFactory = _ => 5,
        };
        var languagesOption = new Option<string?>("--languages")
        {
            Description = "The questionnaire's languages to offer, separated by ',' (default: every language declared in questionnaire.yaml). Swedish is always offered.",
        };
        var allowDraftsOption = new Option<bool>("--allow-draft-translations")
        {
            Description = "Offer languages whose translation has texts not yet adjudicated (TRAPD status translated or reviewed): drafts, for tests and demos.",
        };
        var command = new Command(
            "field",
            "Fieldwork of a drawn wave: run the web questionnaire (field host) on " + DefaultUrls + " unless --urls says otherwise; " +
            "'field codes' opens the wave and issues access codes, 'field close' stores the answers as the wave's survey.")
        {
            waveOption, storeOption, fieldStoreOption, catalogueOption, urlsOption, maxFailuresOption, languagesOption, allowDraftsOption,
        };
        command.Subcommands.Add(CodesCommand());
        command.Subcommands.Add(CloseCommand());
        command.SetAction(parse =>
        {
            var wave = CheckWave(parse.GetValue(waveOption) ?? throw new UserErrorException("give --wave W (the wave to field), or a subcommand: codes, close."));
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var requested = ParseLanguages(parse.GetValue(languagesOption));
            var allowDrafts = parse.GetValue(allowDraftsOption);
            var (languages, problems) = new QuestionnaireLanguages(catalogue.Questionnaire).ForFielding(requested, allowDrafts);
            if (problems.Count > 0)
            {
                throw new UserErrorException("field: " + string.Join(Environment.NewLine + "field: ", problems) + Environment.NewLine +
                    "Nothing was started. Translations written by the project are drafts until a qualified translator has reviewed them (docs/fieldwork.md, Languages).");
            }

            var drafts = languages.Where(l => !l.IsAdjudicated).Select(l => l.Code).ToList();
            if (drafts.Count > 0)
            {
                parse.InvocationConfiguration.Output.WriteLine($"field: offering draft translations ({string.Join(", ", drafts)}): their texts are not adjudicated.");
            }

            var field = FieldStorePath(parse.GetValue(fieldStoreOption), parse.GetValue(storeOption)!);
            if (!File.Exists(field))
            {
                throw new UserErrorException($"there is no field store at {field}; open the wave's fieldwork with 'barometer field codes --wave {wave.ToString(CultureInfo.InvariantCulture)} --sample FILE --out DIR' first.");
            }

            var maxFailures = parse.GetValue(maxFailuresOption);
            if (maxFailures is < 1 or > 100)
            {
                throw new UserErrorException("--max-failures: expected a whole number from 1 to 100.");
            }

            var dll = FieldHostDll();
            var arguments = new List<string>
            {
                "--urls=" + parse.GetValue(urlsOption),
                "--contentRoot=" + Path.GetDirectoryName(dll),
                "--Fieldwork:Wave=" + wave.ToString(CultureInfo.InvariantCulture),
                "--Fieldwork:FieldStore=" + field,
                "--Fieldwork:MaxFailuresPerCode=" + maxFailures.ToString(CultureInfo.InvariantCulture),
            };
            arguments.Add("--Fieldwork:Catalogue=" + catalogue.Directory);
            arguments.Add("--Fieldwork:Languages=" + string.Join(",", languages.Select(l => l.Code)));
            arguments.Add("--Fieldwork:AllowDraftTranslations=" + (allowDrafts ? "true" : "false"));

            return ServeCommand.Run(dll, arguments, parse.InvocationConfiguration.Output);
        });
        return command;
    }

    private static List<string> ParseLanguages(string? text) =>
        text is null ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static Command CodesCommand()
    {
        var waveOption = WaveOption();
        var sampleOption = new Option<string>("--sample") { Description = "The wave's gross sample: the sample.csv that `barometer draw` wrote.", Required = true };
        var outOption = new Option<string>("--out") { Description = "The folder for the access-code file the letters are made from (readable by its owner only).", Required = true };
        var storeOption = StoreOptions.Store();
        var fieldStoreOption = FieldStoreOption();
        var command = new Command(
            "codes",
            "Open a drawn wave for fieldwork: every sampled person gets a one-time access code, stored only as a salted slow hash; " +
            "the clear codes are written once, to access-codes-WAVE.csv in --out, for the letters.")
        {
            waveOption, sampleOption, outOption, storeOption, fieldStoreOption,
        };
        command.SetAction(parse =>
        {
            var wave = CheckWave(parse.GetValue(waveOption));
            var outDir = Path.GetFullPath(parse.GetValue(outOption)!);
            Directory.CreateDirectory(outDir);
            var target = Path.Combine(outDir, CodesFilePrefix + wave.ToString(CultureInfo.InvariantCulture) + ".csv");
            if (File.Exists(target))
            {
                throw new UserErrorException($"{target} exists already; codes are issued once per wave. Nothing was written.");
            }

            var fieldPath = FieldStorePath(parse.GetValue(fieldStoreOption), parse.GetValue(storeOption)!);
            IReadOnlyList<(long PersonId, AccessCode Code)> codes;
            var temp = target + ".tmp";
            try
            {
                using var field = FieldStore.Open(fieldPath, TimeProvider.System);
                // The file is written before the field store commits: without the file no code is issued.
                codes = field.OpenWave(wave, parse.GetValue(sampleOption)!, AccessCode.Iterations, issued =>
                {
                    WriteCodes(temp, issued);
                    File.Move(temp, target);
                });
            }
            catch (StoreException ex)
            {
                throw new UserErrorException($"field codes: {ex.Message} Nothing was written.", ex);
            }
            finally
            {
                File.Delete(temp);
            }

            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Opened wave {wave} for fieldwork in {fieldPath}: {codes.Count:N0} access codes issued, stored as salted PBKDF2-SHA-256 hashes only. " +
                $"The clear codes are in {target} (owner-only): make the letters from it, then delete it."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CloseCommand()
    {
        var waveOption = WaveOption();
        var storeOption = StoreOptions.Store();
        var fieldStoreOption = FieldStoreOption();
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "close",
            "Close a wave's fieldwork: its answers and paradata are ingested into the store as the wave's survey, through the same " +
            "validation as `ingest`, in one transaction. Refused when the wave already has a survey.")
        {
            waveOption, storeOption, fieldStoreOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var wave = CheckWave(parse.GetValue(waveOption));
            var catalogue = StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption));
            var fieldPath = FieldStorePath(parse.GetValue(fieldStoreOption), parse.GetValue(storeOption)!);
            using var store = StoreOptions.OpenExisting(parse.GetValue(storeOption)!);
            IngestOutcome outcome;
            try
            {
                using var field = FieldStore.OpenExisting(fieldPath, TimeProvider.System);
                outcome = FieldSurveyFiles.Close(store, field, catalogue, wave);
            }
            catch (StoreException ex)
            {
                throw new UserErrorException($"field close: {ex.Message}", ex);
            }

            if (outcome.Status == IngestStatus.Rejected)
            {
                foreach (var problem in outcome.Problems)
                {
                    parse.InvocationConfiguration.Error.WriteLine(problem.ToString());
                }

                throw new UserErrorException(string.Create(CultureInfo.InvariantCulture,
                    $"field close of wave {wave}: the ingest rejected the collected survey ({outcome.ProblemCount:N0} problem(s), listed above). Nothing was written; the fieldwork stays open."));
            }

            foreach (var message in outcome.Messages)
            {
                parse.InvocationConfiguration.Output.WriteLine(message);
            }

            foreach (var file in outcome.Files)
            {
                parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {file.TableName}: {file.Rows:N0} rows"));
            }

            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Fieldwork of wave {wave} closed; the wave runs as an ingested one ('barometer run --wave {wave}')."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<int?> WaveOption(bool required = true) => new("--wave") { Description = "The wave (a year), e.g. 2027.", Required = required };

    private static Option<string?> FieldStoreOption() => new("--field-store")
    {
        Description = "The field store file (DuckDB) with the access codes, answers and paradata. [default: " + FieldStore.DefaultFileName + " beside --store]",
    };

    private static int CheckWave(int? given) => given is not int wave ? throw new UserErrorException("--wave: required.") :
        wave is < 1900 or > 2200 ? throw new UserErrorException($"--wave: {wave.ToString(CultureInfo.InvariantCulture)} is not a plausible survey year. Nothing was written.") : wave;

    private static string FieldStorePath(string? fieldStore, string store)
    {
        var path = Path.GetFullPath(fieldStore ?? FieldStore.PathBeside(store));
        if (string.Equals(path, Path.GetFullPath(store), StringComparison.Ordinal))
        {
            throw new UserErrorException("--field-store must not be the store: respondents' data are kept in a file of their own.");
        }

        return path;
    }

    /// <summary>The clear codes, one line per person, in a file only its owner may read.</summary>
    private static void WriteCodes(string path, IReadOnlyList<(long PersonId, AccessCode Code)> codes)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, new UTF8Encoding(false), options);
        writer.Write("person_id,access_code\n");
        foreach (var (person, code) in codes)
        {
            writer.Write(person.ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(code.Printed);
            writer.Write('\n');
        }
    }

    /// <summary>The field host's entry assembly, or a user error saying where it was looked for and how to build it.</summary>
    private static string FieldHostDll()
    {
        var configured = Environment.GetEnvironmentVariable(FieldDirVariable);
        var directory = string.IsNullOrWhiteSpace(configured)
            ? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "field"))
            : Path.GetFullPath(configured);
        var dll = Path.Combine(directory, FieldAssembly);
        if (!File.Exists(dll))
        {
            throw new UserErrorException(
                $"the field host is not built: {dll} does not exist. Run the CLI through ./barometer, which builds it into .artifacts/field, " +
                $"or set {FieldDirVariable} to the folder holding {FieldAssembly} (dotnet build src/Barometer.Fieldwork -o DIR).");
        }

        return dll;
    }
}
