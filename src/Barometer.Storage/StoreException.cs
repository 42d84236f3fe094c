namespace Barometer.Storage;

/// <summary>The store cannot do what was asked (a newer schema, a locked file, a released wave); the message says why.</summary>
public sealed class StoreException : Exception
{
    public StoreException(string message)
        : base(message)
    {
    }

    public StoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StoreException()
    {
    }
}
