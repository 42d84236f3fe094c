namespace Barometer.Publishing.Px;

/// <summary>
/// The status of a DATA cell that carries no number: the quoted dot codes <c>"."</c> to <c>"......"</c>
/// (DATASYMBOL1 to DATASYMBOL6) and <c>"-"</c> (DATASYMBOLNIL, an absolute zero).
/// </summary>
public enum PxDataSymbol
{
    /// <summary>An ordinary number.</summary>
    None = 0,

    /// <summary><c>"."</c>, shown as DATASYMBOL1.</summary>
    Symbol1 = 1,

    /// <summary><c>".."</c>, shown as DATASYMBOL2.</summary>
    Symbol2 = 2,

    /// <summary><c>"..."</c>, shown as DATASYMBOL3.</summary>
    Symbol3 = 3,

    /// <summary><c>"...."</c>, shown as DATASYMBOL4.</summary>
    Symbol4 = 4,

    /// <summary><c>"....."</c>, shown as DATASYMBOL5.</summary>
    Symbol5 = 5,

    /// <summary><c>"......"</c>, shown as DATASYMBOL6.</summary>
    Symbol6 = 6,

    /// <summary><c>"-"</c>, an absolute zero, shown as DATASYMBOLNIL; its value is 0.</summary>
    Nil = 7,
}
