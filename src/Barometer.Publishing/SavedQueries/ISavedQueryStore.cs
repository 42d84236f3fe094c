using System.Security.Cryptography;

namespace Barometer.Publishing.SavedQueries;

/// <summary>
/// Where the publication side keeps saved queries (PxWeb API 2.0 <c>/savedqueries</c>): public, user-created state,
/// so never in the producer's store. Each saved query is an opaque JSON document under a random id; the store knows
/// nothing of tables or releases (the API checks every saved query against what is public when it is read).
/// </summary>
public interface ISavedQueryStore
{
    /// <summary>Where the saved queries are kept, for messages (never a password).</summary>
    string Description { get; }

    /// <summary>Stores <paramref name="document"/> under <paramref name="id"/>; throws <see cref="SavedQueryStoreException"/> when it cannot.</summary>
    void Save(string id, string document, DateTimeOffset createdAt);

    /// <summary>The document saved under <paramref name="id"/>, or null when there is none.</summary>
    string? Find(string id);
}

/// <summary>Saved-query ids: 128 random bits from the operating system's cryptographic generator, base64url (22 characters).</summary>
public static class SavedQueryIds
{
    public const int Length = 22;

    /// <summary>A new id; unguessable, so knowing one id tells nothing about any other.</summary>
    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Whether <paramref name="id"/> has the shape of an id (22 base64url characters); anything else is not looked up.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}

/// <summary>The saved-query store cannot be read or written right now (file locked, database down).</summary>
public sealed class SavedQueryStoreException : Exception
{
    public SavedQueryStoreException()
    {
    }

    public SavedQueryStoreException(string message)
        : base(message)
    {
    }

    public SavedQueryStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
