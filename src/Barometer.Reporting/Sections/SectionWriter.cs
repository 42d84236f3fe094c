using System.Text;
using Barometer.Catalogue;
using Barometer.Catalogue.Text;
using Barometer.Reporting.Findings;

namespace Barometer.Reporting.Sections;

/// <summary>A writer of one part of the report, writing into the shared <see cref="ReportDocument"/>.</summary>
internal abstract class SectionWriter(ReportDocument document)
{
    protected ReportDocument Document { get; } = document;

    protected IndicatorCatalogue Catalogue => Document.Catalogue;

    protected ReportInputs Inputs => Document.Inputs;

    protected ReportCells Cells => Document.Cells;

    protected StringBuilder Body => Document.Body;

    protected Language Language => Document.Language;

    protected int Wave => Document.Wave;

    protected int? PreviousWave => Document.PreviousWave;

    protected string L(string sv, string en) => Document.L(sv, en);
}
