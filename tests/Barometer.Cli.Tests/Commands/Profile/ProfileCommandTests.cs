using System.Diagnostics;
using Barometer.Catalogue.Text;
using Barometer.Cli.Commands.Profile;
using Barometer.Cli.Hosting;
using Barometer.Reporting.Rendering;
using Barometer.Testing;

namespace Barometer.Cli.Tests.Commands.Profile;

public class ProfileCommandTests
{
    [Theory]
    [InlineData("unknown municipality code '9999'", "--kommun", "9999")]
    [InlineData("unknown county code '0180'", "--lan", "0180")]
    [InlineData("either --kommun or --lan, not both", "--kommun", "0180", "--lan", "01")]
    [InlineData("--kommun CODE", "--language", "en")]
    public void Run_BadArea_ExitsOneAndWritesNothing(string message, params string[] area)
    {
        var dir = Path.Combine(Path.GetTempPath(), "barometer-profile-cli-" + Guid.NewGuid().ToString("N"));
        var (code, _, err) = CliRunner.Run(["profile", .. area, "--out", dir, "--store", ReleasedStore.Shared.StorePath, "--no-pdf"]);

        Assert.Equal(ExitCodes.UserError, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Execute_NothingPublicYet_FailsAndWritesNothing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "barometer-profile-cli-" + Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();

        var ex = Assert.Throws<UserErrorException>(() => ProfileCommand.Execute(ReleasedStore.Shared.Catalogue, ReleasedStore.Shared.StorePath, "0180", null, Language.Sv, dir,
            pdf: false, new FixedClock(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)), output));

        Assert.Contains("no release is public", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Execute_Municipality_WritesHtmlAndPdf()
    {
        var dir = Directory.CreateTempSubdirectory("barometer-profile-cli-").FullName;
        try
        {
            using var output = new StringWriter();

            var wrote = ProfileCommand.Execute(ReleasedStore.Shared.Catalogue, ReleasedStore.Shared.StorePath, "0180", null, Language.Sv, dir, pdf: true,
                new FixedClock(ReleasedStore.Now), output);

            Assert.Equal(["profile-kommun-0180-2024-sv.html", "profile-kommun-0180-2024-sv.pdf"], wrote.Select(Path.GetFileName));
            var text = PdfText(wrote[1]);
            Assert.Contains("Kommunprofil", text, StringComparison.Ordinal);
            Assert.Contains("Riket", text, StringComparison.Ordinal);
            Assert.Contains("Profile of kommun 0180 from wave 2024", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string PdfText(string pdf)
    {
        var tool = PdfContentsPages.PdfToText() ?? throw new InvalidOperationException("pdftotext (poppler-utils) is needed: scripts/install-system-deps.sh installs it");
        using var process = Process.Start(new ProcessStartInfo(tool, ["-layout", pdf, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return text;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
