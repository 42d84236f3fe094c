namespace Barometer.Production;

/// <summary>A production step that cannot go on (missing input, estimation failure); the store is left unchanged.</summary>
public sealed class ProductionException : Exception
{
    public ProductionException()
    {
    }

    public ProductionException(string message)
        : base(message)
    {
    }

    public ProductionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
