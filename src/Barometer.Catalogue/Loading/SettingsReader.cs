using Barometer.Catalogue.Calibration;
using Barometer.Catalogue.Quality;

namespace Barometer.Catalogue.Loading;

/// <summary>Reads calibration.yaml and quality.yaml.</summary>
internal static class SettingsReader
{
    public const string CalibrationFile = "calibration.yaml";
    public const string QualityFile = "quality.yaml";

    private static readonly string[] Methods = ["linear", "raking", "logit"];

    public static CalibrationConfig? ReadCalibration(LoadContext context)
    {
        var map = YamlMap.LoadFile(context.Root, CalibrationFile, context.Log);
        if (map is null)
        {
            return null;
        }

        var method = map.String("method");
        if (method is not null && !Methods.Contains(method))
        {
            context.Log.Add(map.LocationOf("method"), $"'method' must be one of {string.Join(", ", Methods)}, not '{method}'");
        }

        var populationMap = map.Map("population");
        var population = populationMap is null ? null : IndicatorReader.ReadAge(context, populationMap, required: true);
        populationMap?.Finish();
        (double, double)? bounds = null;
        if (map.Map("bounds", required: false) is { } boundsMap)
        {
            var lower = boundsMap.Number("lower");
            var upper = boundsMap.Number("upper");
            boundsMap.Finish();
            if (lower is not null && upper is not null)
            {
                if (!(lower < 1 && upper > 1))
                {
                    context.Log.Add(boundsMap.Location, "calibration bounds must satisfy lower < 1 < upper");
                }

                bounds = (lower.Value, upper.Value);
            }
        }

        var margins = new List<CalibrationMarginConfig>();
        foreach (var entry in map.Maps("margins"))
        {
            var variables = entry.Strings("variables", required: true);
            foreach (var (variable, location) in variables)
            {
                context.Refer(ReferenceKind.CodeVariable, variable, location, "calibration margin");
            }

            entry.Finish();
            margins.Add(new CalibrationMarginConfig([.. variables.Select(v => v.Value)], entry.Location));
        }

        map.Finish();
        return method is null || population is null ? null : new CalibrationConfig(method, population, margins, bounds, map.Location);
    }

    public static QualityRules? ReadQuality(LoadContext context)
    {
        var map = YamlMap.LoadFile(context.Root, QualityFile, context.Log);
        if (map is null)
        {
            return null;
        }

        SurveyQualityRules? survey = null;
        if (map.Map("survey") is { } s)
        {
            var n = s.Integer("min_respondents");
            var flag = s.Number("relative_margin_flag");
            var level = s.Number("confidence_level");
            s.Finish();
            if (level is not null and (<= 0 or >= 1))
            {
                context.Log.Add(s.LocationOf("confidence_level"), "'confidence_level' must be between 0 and 1, e.g. 0.95");
            }

            survey = n is null || flag is null || level is null ? null : new SurveyQualityRules(n.Value, flag.Value, level.Value);
        }

        RegisterQualityRules? register = null;
        if (map.Map("register") is { } r)
        {
            var group = r.Integer("group_size_more_than");
            var property = r.Integer("with_property_more_than");
            var complementary = r.Boolean("complementary_suppression", fallback: true);
            var evaMin = r.Integer("expected_vs_actual_min_persons");
            r.Finish();
            if (evaMin is < 1)
            {
                context.Log.Add(r.LocationOf("expected_vs_actual_min_persons"), "'expected_vs_actual_min_persons' must be a whole number of at least 1, e.g. 500");
            }

            register = group is null || property is null || evaMin is null or < 1 ? null : new RegisterQualityRules(group.Value, property.Value, complementary, evaMin.Value);
        }

        TableSymbols? symbols = null;
        if (map.Map("symbols") is { } y)
        {
            var suppressed = y.String("suppressed");
            var notApplicable = y.String("not_applicable");
            var uncertain = y.String("uncertain");
            y.Finish();
            symbols = suppressed is null || notApplicable is null || uncertain is null ? null : new TableSymbols(suppressed, notApplicable, uncertain);
        }

        SmallAreaRules? smallArea = null;
        var smallAreaFailed = false;
        if (map.Map("small_area", required: false) is { } a)
        {
            var area = a.String("area");
            if (area is not null)
            {
                context.Refer(ReferenceKind.CodeVariable, area, a.LocationOf("area"), "small-area estimates");
            }

            var residual = a.Number("residual_alpha");
            var aggregate = a.Number("aggregate_alpha");
            foreach (var (key, value) in new[] { ("residual_alpha", residual), ("aggregate_alpha", aggregate) })
            {
                if (value is not null and (<= 0 or >= 1))
                {
                    context.Log.Add(a.LocationOf(key), $"'{key}' must be between 0 and 1, e.g. 0.01");
                }
            }

            var covariates = new List<SmallAreaCovariate>();
            foreach (var entry in a.Maps("covariates"))
            {
                var name = entry.String("name");
                var label = entry.Text("label");
                var share = entry.Formula("share");
                var among = entry.Formula("among", required: false);
                entry.Finish();
                if (name is not null && label is not null && share is not null)
                {
                    covariates.Add(new SmallAreaCovariate(name, label, share, among, entry.Location));
                }
                else
                {
                    smallAreaFailed = true;
                }
            }

            a.Finish();
            if (covariates.Count == 0 && !smallAreaFailed)
            {
                context.Log.Add(a.Location, "'small_area' needs at least one covariate under 'covariates', e.g. {name: outside_europe, label: {sv: …, en: …}, share: birth_region_europe == \"2\"}");
            }

            smallArea = area is null || residual is null or <= 0 or >= 1 || aggregate is null or <= 0 or >= 1 || covariates.Count == 0 || smallAreaFailed
                ? null
                : new SmallAreaRules(area, residual.Value, aggregate.Value, covariates, a.Location);
            smallAreaFailed |= smallArea is null;
        }

        map.Finish();
        return survey is null || register is null || symbols is null || smallAreaFailed ? null : new QualityRules(survey, register, symbols, map.Location, smallArea);
    }
}
