using System.Security.Cryptography;
using System.Text;

namespace Barometer.Storage.Fieldwork;

/// <summary>
/// A respondent's one-time access code, as printed in the invitation letter: <c>LLLL-SSSS-SSSS-SSSS</c>, sixteen
/// characters from <see cref="Alphabet"/> (no 0/O, no 1/I) in groups of four. The first group is the
/// <see cref="LookupId"/>: random, unique within the wave and not secret, it finds the person's row. The other twelve
/// characters are the <see cref="Secret"/> (60 bits from <see cref="RandomNumberGenerator"/>), stored only as a
/// PBKDF2-SHA-256 hash with a random salt of its own (<see cref="Hash"/>). So the store holds neither the code nor a
/// fast or unsalted hash of it: guessing a secret from the store costs <see cref="Iterations"/> SHA-256 rounds per
/// guess and per person, and guessing online is stopped by the host's lockout per lookup id and per client.
/// </summary>
public sealed record AccessCode(string LookupId, string Secret)
{
    /// <summary>32 characters that are easy to tell apart when read from paper and typed (no 0, 1, I or O).</summary>
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public const int LookupLength = 4;

    public const int SecretLength = 12;

    public const int SaltBytes = 16;

    public const int HashBytes = 32;

    /// <summary>
    /// PBKDF2 rounds for new codes. The secret is 60 random bits, not a chosen password, so the rounds only add to an
    /// offline search that is out of reach already (2^60 guesses × 10,000 rounds per person); more rounds would cost
    /// every login and every issued code (100,000 rounds took 8 minutes for a 9,639-person sample on the 2-core
    /// development machine). Stored with each hash, so a later wave can raise it.
    /// </summary>
    public const int Iterations = 10_000;

    /// <summary>The code as printed: groups of four separated by hyphens.</summary>
    public string Printed
    {
        get
        {
            var all = LookupId + Secret;
            var builder = new StringBuilder();
            for (var i = 0; i < all.Length; i += 4)
            {
                if (i > 0)
                {
                    builder.Append('-');
                }

                builder.Append(all, i, 4);
            }

            return builder.ToString();
        }
    }

    public override string ToString() => LookupId + "-…";

    /// <summary>A new random code; <paramref name="lookupTaken"/> says whether a lookup id is already used in the wave.</summary>
    public static AccessCode Create(Func<string, bool> lookupTaken)
    {
        ArgumentNullException.ThrowIfNull(lookupTaken);
        string lookup;
        do
        {
            lookup = Random(LookupLength);
        }
        while (lookupTaken(lookup));

        return new AccessCode(lookup, Random(SecretLength));
    }

    /// <summary>
    /// Reads a code as a respondent typed it: case, spaces and hyphens do not matter; any character outside the
    /// alphabet, or a wrong length, gives null.
    /// </summary>
    public static AccessCode? Parse(string? typed)
    {
        if (typed is null)
        {
            return null;
        }

        var builder = new StringBuilder(LookupLength + SecretLength);
        foreach (var c in typed)
        {
            if (c is '-' or ' ' or '\t')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal) || builder.Length == LookupLength + SecretLength)
            {
                return null;
            }

            builder.Append(upper);
        }

        if (builder.Length != LookupLength + SecretLength)
        {
            return null;
        }

        var text = builder.ToString();
        return new AccessCode(text[..LookupLength], text[LookupLength..]);
    }

    /// <summary>A new random salt.</summary>
    public static byte[] NewSalt() => RandomNumberGenerator.GetBytes(SaltBytes);

    /// <summary>The PBKDF2-SHA-256 hash of <paramref name="secret"/> with <paramref name="salt"/>.</summary>
    public static byte[] Hash(string secret, byte[] salt, int iterations)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(salt);
        return Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
    }

    /// <summary>Whether this code's secret has the stored hash (compared in constant time).</summary>
    public bool Matches(byte[] salt, byte[] storedHash, int iterations)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        return CryptographicOperations.FixedTimeEquals(Hash(Secret, salt, iterations), storedHash);
    }

    private static string Random(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }
}
