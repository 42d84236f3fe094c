using System.CommandLine;
using System.Globalization;
using System.Text;
using Barometer.Catalogue.Questionnaires;
using Barometer.Cli.Commands.Serve;
using Barometer.Cli.Hosting;
using Barometer.Reporting.Rendering;
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
        command.Subcommands.Add(LettersCommand());
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
        var outOption = new Option<string?>("--out") { Description = "A folder for access-codes-WAVE.csv, the clear codes as a file (owner-only), for letters made elsewhere. Prefer --letters." };
        var lettersOption = LettersOption("A new or empty folder for the invitation letters (PDF, one page per person, and manifest.csv), printed while the codes are issued.");
        var addressOption = AddressOption();
        var contactOption = ContactOption();
        var storeOption = StoreOptions.Store();
        var fieldStoreOption = FieldStoreOption();
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "codes",
            "Open a drawn wave for fieldwork: every sampled person gets a one-time access code, stored only as a salted slow hash; " +
            "the clear codes exist only in the invitation letters printed to --letters (and, if asked, in access-codes-WAVE.csv in --out).")
        {
            waveOption, sampleOption, outOption, lettersOption, addressOption, contactOption, storeOption, fieldStoreOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var wave = CheckWave(parse.GetValue(waveOption));
            var outGiven = parse.GetValue(outOption);
            var lettersGiven = parse.GetValue(lettersOption);
            if (outGiven is null && lettersGiven is null)
            {
                throw new UserErrorException("field codes: give --letters DIR (the invitation letters) and/or --out DIR (the clear codes as a file); the codes are shown once, when they are issued. Nothing was written.");
            }

            string? target = null;
            if (outGiven is not null)
            {
                var outDir = Path.GetFullPath(outGiven);
                target = Path.Combine(outDir, CodesFilePrefix + wave.ToString(CultureInfo.InvariantCulture) + ".csv");
                if (File.Exists(target))
                {
                    throw new UserErrorException($"{target} exists already; codes are issued once per wave. Nothing was written.");
                }
            }

            QuestionnaireLanguages? texts = null;
            Uri? address = null;
            string? lettersDir = null;
            var printer = ChromiumPdfPrinter.Default();
            if (lettersGiven is not null)
            {
                address = FieldLetters.CheckAddress(parse.GetValue(addressOption));
                texts = new QuestionnaireLanguages(StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption)).Questionnaire);
                lettersDir = FieldLetters.CheckTarget(lettersGiven, printer);
            }

            var fieldPath = FieldStorePath(parse.GetValue(fieldStoreOption), parse.GetValue(storeOption)!);
            IReadOnlyList<(long PersonId, AccessCode Code)> codes;
            var temp = target + ".tmp";
            var lettersWritten = false;
            var codesWritten = false;
            IReadOnlyList<string> pdfs = [];
            try
            {
                using var field = FieldStore.Open(fieldPath, TimeProvider.System);
                // The letters (and the file) are written before the field store commits: without them no code is issued.
                codes = field.OpenWave(wave, parse.GetValue(sampleOption)!, AccessCode.Iterations, issued =>
                {
                    if (lettersDir is not null)
                    {
                        pdfs = FieldLetters.Write(lettersDir, wave, reminder: false, [.. issued.Select(i => (i.PersonId, (string?)i.Code.Printed))],
                            texts!, address!, parse.GetValue(contactOption), printer);
                        lettersWritten = true;
                    }

                    if (target is not null)
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        WriteCodes(temp, issued);
                        File.Move(temp, target);
                        codesWritten = true;
                    }
                });
            }
            catch (Exception ex)
            {
                // The wave was not opened: whatever carries codes that were never issued goes.
                if (lettersWritten && Directory.Exists(lettersDir))
                {
                    Directory.Delete(lettersDir, recursive: true);
                }

                if (codesWritten && target is not null)
                {
                    File.Delete(target);
                }

                if (ex is StoreException or IOException or UnauthorizedAccessException)
                {
                    throw new UserErrorException($"field codes: {ex.Message} Nothing was written.", ex);
                }

                throw;
            }
            finally
            {
                if (target is not null)
                {
                    File.Delete(temp);
                }
            }

            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Opened wave {wave} for fieldwork in {fieldPath}: {codes.Count:N0} access codes issued, stored as salted PBKDF2-SHA-256 hashes only."));
            if (lettersDir is not null)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Invitation letters: {codes.Count:N0} pages in {pdfs.Count:N0} PDF file(s) and {FieldLetters.ManifestFile} in {lettersDir} (owner-only; the only copy of the clear codes: send it to the printer, then delete it)."));
            }

            if (target is not null)
            {
                output.WriteLine($"The clear codes are in {target} (owner-only): make the letters from it, then delete it.");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command LettersCommand()
    {
        var waveOption = WaveOption();
        var reminderOption = new Option<bool>("--reminder") { Description = "Reminders for the persons who have not completed the questionnaire (required: invitations are printed by 'field codes --letters')." };
        var outOption = new Option<string>("--out") { Description = "A new or empty folder for the reminder letters (PDF, one page per person, and manifest.csv).", Required = true };
        var addressOption = AddressOption();
        var contactOption = ContactOption();
        var storeOption = StoreOptions.Store();
        var fieldStoreOption = FieldStoreOption();
        var catalogueOption = StoreOptions.Catalogue();
        var command = new Command(
            "letters",
            "Reminder letters (--reminder) for the sampled persons of an open wave who have not completed the questionnaire. The codes are stored " +
            "only as hashes and cannot be printed again: a reminder asks for the code in the invitation letter.")
        {
            waveOption, reminderOption, outOption, addressOption, contactOption, storeOption, fieldStoreOption, catalogueOption,
        };
        command.SetAction(parse =>
        {
            var wave = CheckWave(parse.GetValue(waveOption));
            if (!parse.GetValue(reminderOption))
            {
                throw new UserErrorException("field letters: only reminders (--reminder) can be printed here. Invitation letters carry the clear codes, which exist only when " +
                    "they are issued: print them with 'field codes --letters DIR'. Nothing was written.");
            }

            var address = FieldLetters.CheckAddress(parse.GetValue(addressOption));
            var texts = new QuestionnaireLanguages(StoreOptions.LoadCatalogue(parse.GetValue(catalogueOption)).Questionnaire);
            var printer = ChromiumPdfPrinter.Default();
            var outDir = FieldLetters.CheckTarget(parse.GetValue(outOption)!, printer);
            var fieldPath = FieldStorePath(parse.GetValue(fieldStoreOption), parse.GetValue(storeOption)!);
            List<(long PersonId, string? Code)> pending;
            int sampled;
            try
            {
                using var field = FieldStore.OpenExisting(fieldPath, TimeProvider.System);
                var opened = field.Wave(wave) ?? throw new UserErrorException(
                    $"wave {wave.ToString(CultureInfo.InvariantCulture)} is not open for fieldwork in {fieldPath}; open it with 'field codes' first. Nothing was written.");
                if (opened.ClosedAt is not null)
                {
                    throw new UserErrorException($"the fieldwork of wave {wave.ToString(CultureInfo.InvariantCulture)} is closed; no reminders are sent. Nothing was written.");
                }

                var completed = field.Respondents(wave).Where(r => r.CompletedAt is not null).Select(r => r.PersonId).ToHashSet();
                var sample = field.Sample(wave).Rows;
                sampled = sample.Count;
                pending = [.. sample.Select(r => r.PersonId).Where(p => !completed.Contains(p)).Select(p => (p, (string?)null))];
            }
            catch (StoreException ex)
            {
                throw new UserErrorException($"field letters: {ex.Message} Nothing was written.", ex);
            }

            if (pending.Count == 0)
            {
                throw new UserErrorException($"every sampled person of wave {wave.ToString(CultureInfo.InvariantCulture)} has completed the questionnaire: there is nobody to remind. Nothing was written.");
            }

            var pdfs = FieldLetters.Write(outDir, wave, reminder: true, pending, texts, address, parse.GetValue(contactOption), printer);
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Reminder letters for wave {wave}: {pending.Count:N0} of {sampled:N0} sampled persons have not completed the questionnaire; " +
                $"{pending.Count:N0} pages in {pdfs.Count:N0} PDF file(s) and {FieldLetters.ManifestFile} in {outDir}."));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string?> LettersOption(string description) => new("--letters") { Description = description };

    private static Option<string?> AddressOption() => new("--address")
    {
        Description = "The questionnaire's public address printed on the letters (an absolute https URL), e.g. https://enkat.example.se/.",
    };

    private static Option<string?> ContactOption() => new("--contact")
    {
        Description = "A contact line printed on the letters (telephone, e-mail), e.g. \"Frågor: 010-123 45 67\".",
    };

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
