namespace Barometer.Cli.Hosting;

/// <summary>
/// An error the user can fix: the message is one paragraph naming the file, row, key or argument at fault and
/// what was expected. It is printed without a stack trace and the process exits with <see cref="ExitCodes.UserError"/>.
/// </summary>
internal sealed class UserErrorException : Exception
{
    public UserErrorException(string message)
        : base(message)
    {
    }

    public UserErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UserErrorException()
    {
    }
}
