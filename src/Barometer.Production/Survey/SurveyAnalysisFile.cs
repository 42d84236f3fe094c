using Barometer.Catalogue;
using Barometer.Catalogue.Indicators;
using Barometer.Production.Calibration;
using Barometer.Production.Register;
using Barometer.Storage;

namespace Barometer.Production.Survey;

/// <summary>
/// A wave's analysis file and calibration margins exactly as a production run builds them (stored totals for the
/// wave, else the register's), without estimating anything: for writing the design out so that published survey
/// estimates can be reproduced outside the run (<c>barometer design</c> → <c>barometer estimate</c>).
/// </summary>
public static class SurveyAnalysisFile
{
    public static (SurveyFrame Frame, IReadOnlyList<CalibrationMargins.Margin> Margins) Build(StoreSession session, IndicatorCatalogue catalogue, int wave, IReadOnlyList<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(indicators);
        var register = RegisterGroups.Table(session)
            ?? throw new ProductionException("the store holds no register extract; ingest it first with `barometer ingest --register DIR`.");
        var data = SurveyWave.Read(session, wave, out var problem) ?? throw new ProductionException(problem ?? $"wave {wave} cannot be read.");
        var margins = CalibrationMargins.FromStore(session, catalogue, wave) ?? CalibrationMargins.FromRegister(session, catalogue, register);
        return (SurveyFrame.Build(catalogue, data, margins, indicators), margins);
    }
}
