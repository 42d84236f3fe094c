using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Barometer.Catalogue;
using Barometer.Storage.Fieldwork;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Barometer.Fieldwork.Tests.Hosting;

/// <summary>
/// The field host in memory over a field store of its own: a small gross sample (<see cref="Persons"/>) opened for
/// wave <see cref="Wave"/> with fast PBKDF2 (the round count is stored with each hash), every log message of the host
/// captured in <see cref="Logs"/>.
/// </summary>
public sealed class FieldTestHost : WebApplicationFactory<FieldworkHost>
{
    public const int Wave = 2027;

    /// <summary>Low for speed in tests only; the hash is the same function.</summary>
    public const int TestIterations = 1000;

    private static readonly Lazy<IndicatorCatalogue> SharedCatalogue = new(IndicatorCatalogue.LoadDefault);

    private readonly Dictionary<string, string?> _settings;

    public FieldTestHost(IReadOnlyDictionary<string, string?>? settings = null)
    {
        Root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "barometer-field-tests-" + Guid.NewGuid().ToString("N"))).FullName;
        SamplePath = Path.Combine(Root, "sample.csv");
        File.WriteAllText(SamplePath, SampleCsv(), new UTF8Encoding(false));
        FieldStorePath = Path.Combine(Root, FieldStore.DefaultFileName);
        using (var store = FieldStore.Open(FieldStorePath, TimeProvider.System))
        {
            Codes = store.OpenWave(Wave, SamplePath, TestIterations).ToDictionary(c => c.PersonId, c => c.Code);
        }

        _settings = new Dictionary<string, string?>
        {
            ["Fieldwork:Wave"] = Wave.ToString(CultureInfo.InvariantCulture),
            ["Fieldwork:FieldStore"] = FieldStorePath,
            ["Fieldwork:MaxFailuresPerCode"] = "3",
            ["Fieldwork:MaxFailuresPerClient"] = "1000",
            ["Fieldwork:LoginAttemptsPerMinute"] = "1000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public static IndicatorCatalogue Catalogue => SharedCatalogue.Value;

    public string Root { get; }

    public string SamplePath { get; }

    public string FieldStorePath { get; }

    /// <summary>The clear codes as issued, by person.</summary>
    public IReadOnlyDictionary<long, AccessCode> Codes { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    /// <summary>Whether disposing removes the test's folder (a test that reads the files after the host stopped sets false and removes it).</summary>
    public bool DeleteOnDispose { get; set; } = true;

    /// <summary>The sampled persons: id → (foreign-born?, age).</summary>
    public static IReadOnlyDictionary<long, (bool ForeignBorn, int Age)> Persons { get; } = new Dictionary<long, (bool, int)>
    {
        [101] = (true, 25),
        [102] = (false, 40),
        [103] = (true, 52),
        [104] = (false, 22),
        [105] = (true, 33),
        [106] = (false, 67),
    };

    /// <summary>The server's base address once <see cref="StartOnLoopback"/> ran (for a browser), e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Starts the host on a real loopback port (Kestrel, port 0) so that a browser can load it.</summary>
    public string StartOnLoopback()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().TrimEnd('/');
        return BaseUrl;
    }

    public Respondent Respondent() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter(_ => true);
            logging.AddProvider(new CapturingLoggerProvider(Logs));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && DeleteOnDispose)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string SampleCsv()
    {
        var csv = new StringBuilder("person_id,wave,stratum,stratum_population,stratum_sample_size,inclusion_probability,design_weight,responded,sex,age,birth_country,mother_birth_country,father_birth_country,years_in_sweden,age_at_immigration,residence_ground,swedish_citizen,kommun,regso_area_type,education_level,parents_education_level\n");
        foreach (var (id, (foreign, age)) in Persons)
        {
            var stratum = foreign ? "fb" : "nb";
            var sex = id % 2 == 0 ? "2" : "1";
            csv.Append(CultureInfo.InvariantCulture, $"{id},{Wave},{stratum},1000,3,0.003,333.3333333333333,,{sex},{age},");
            csv.Append(foreign ? "SY,SY,SY,8,17,1,false" : "SE,SE,SE,,,,true");
            csv.Append(",0180,3,2,9\n");
        }

        return csv.ToString();
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            sink.Enqueue(category + " scope: " + state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            sink.Enqueue($"{category} {logLevel}: {formatter(state, exception)} {exception}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    sink.Enqueue($"  {key}={value}");
                }
            }
        }
    }
}
