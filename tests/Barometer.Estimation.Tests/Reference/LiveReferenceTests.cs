using Xunit.Abstractions;

namespace Barometer.Estimation.Tests.Reference;

/// <summary>
/// Regenerates the reference cases and R's values with Rscript into a temp folder, so the committed golden files
/// cannot go stale: the case inputs must come out identical, R's values must agree with the committed ones, and the
/// engine must agree with the fresh values.
/// </summary>
public sealed class LiveReferenceTests(LiveReferenceTests.LiveRun live, ITestOutputHelper output) : IClassFixture<LiveReferenceTests.LiveRun>
{
    [RequiresRFact]
    public void GenerateCases_WithR_ReproducesTheCommittedInputs()
    {
        var fresh = live.GeneratedCases;
        var committed = ReferenceCases.Names(ReferenceCases.CasesFolder);

        Assert.Equal(committed, ReferenceCases.Names(fresh));
        var stale = new List<string>();
        foreach (var name in committed)
        {
            foreach (var file in new[] { "data.csv", "design.yaml", "compare.yaml" })
            {
                var freshFile = Path.Combine(fresh, name, file);
                var committedFile = Path.Combine(ReferenceCases.CasesFolder, name, file);
                if (file == "compare.yaml" && !File.Exists(freshFile) && !File.Exists(committedFile))
                {
                    continue;
                }

                if (!File.Exists(freshFile) || !File.Exists(committedFile) || File.ReadAllText(freshFile) != File.ReadAllText(committedFile))
                {
                    stale.Add($"{name}/{file}");
                }
            }
        }

        Assert.True(stale.Count == 0, $"generate_cases.R now writes different inputs for: {string.Join(", ", stale)}. Run tests/Reference/r/regenerate.sh and commit.");
    }

    [RequiresRFact]
    public void EstimateReference_WithR_ReproducesTheCommittedGoldenValues()
    {
        var fresh = live.Expected;
        var failures = new List<string>();
        foreach (var name in ReferenceCases.Names(ReferenceCases.CasesFolder))
        {
            var committedFolder = Path.Combine(ReferenceCases.CasesFolder, name);
            var freshFolder = Path.Combine(fresh, name);
            var committedError = File.Exists(Path.Combine(committedFolder, "expected_error.txt"));
            var freshError = File.Exists(Path.Combine(freshFolder, "expected_error.txt"));
            if (committedError || freshError)
            {
                if (committedError != freshError)
                {
                    failures.Add($"{name}: R {(freshError ? "now refuses the case" : "now computes the case")}, the golden files say otherwise");
                }

                continue;
            }

            // A case checked on the design effect must be reproduced byte for byte (deff included).
            if (ReferenceCases.ChecksOf(committedFolder) != (false, false)
                && File.ReadAllText(Path.Combine(freshFolder, "expected.csv")) != File.ReadAllText(Path.Combine(committedFolder, "expected.csv")))
            {
                failures.Add($"{name}: R's expected.csv now differs from the committed one (compare.yaml cases must match byte for byte)");
            }

            var comparison = ReferenceComparison.Compare(
                ResultTable.Parse(File.ReadAllText(Path.Combine(freshFolder, "expected.csv")), $"{name}: fresh R"),
                ResultTable.Parse(File.ReadAllText(Path.Combine(committedFolder, "expected.csv")), $"{name}/expected.csv"),
                ReferenceCases.ToleranceOf(committedFolder));
            output.WriteLine(comparison.Describe(name));
            if (!comparison.Passed)
            {
                failures.Add(comparison.Describe(name));
            }
        }

        Assert.True(failures.Count == 0, "The committed golden values differ from what R computes now; run tests/Reference/r/regenerate.sh and commit.\n" + string.Join("\n", failures));
    }

    [RequiresRFact]
    public void Estimate_EveryCase_AgreesWithFreshR()
    {
        var fresh = live.Expected;
        var failures = new List<string>();
        foreach (var name in ReferenceCases.Names(ReferenceCases.CasesFolder))
        {
            try
            {
                var comparison = ReferenceCases.CheckEngine(name, Path.Combine(ReferenceCases.CasesFolder, name), Path.Combine(fresh, name));
                output.WriteLine(comparison?.Describe(name) ?? $"case {name}: R refuses it and so does the engine.");
            }
            catch (Xunit.Sdk.XunitException ex)
            {
                failures.Add(ex.Message);
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} case(s) disagree with R:\n{string.Join("\n", failures)}");
    }

    /// <summary>Runs the two R scripts once for the class, on first use, into a temp folder.</summary>
    public sealed class LiveRun : IDisposable
    {
        private readonly Lazy<string> _root = new(() => Directory.CreateTempSubdirectory("barometer-live-r-").FullName);
        private readonly Lazy<string> _cases;
        private readonly Lazy<string> _expected;

        public LiveRun()
        {
            _cases = new Lazy<string>(() =>
            {
                var folder = Path.Combine(_root.Value, "cases");
                Rscript.Run(TimeSpan.FromMinutes(10), Path.Combine(ReferenceCases.ScriptsFolder, "generate_cases.R"), folder);
                return folder;
            });
            _expected = new Lazy<string>(() =>
            {
                var folder = Path.Combine(_root.Value, "expected");
                Rscript.Run(TimeSpan.FromMinutes(10), Path.Combine(ReferenceCases.ScriptsFolder, "estimate_reference.R"), ReferenceCases.CasesFolder, folder);
                return folder;
            });
        }

        public string GeneratedCases => _cases.Value;

        public string Expected => _expected.Value;

        public void Dispose()
        {
            if (_root.IsValueCreated)
            {
                try
                {
                    Directory.Delete(_root.Value, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temp folder is harmless.
                }
            }
        }
    }
}
