namespace Barometer.Catalogue.Classifications;

/// <summary>
/// SCB's rule for svensk and utländsk bakgrund. Utländsk bakgrund: born abroad, or born in Sweden with two
/// foreign-born parents. Svensk bakgrund: born in Sweden with at least one Swedish-born parent. Where a parent's
/// country of birth is unknown, SCB assumes that the parent of a Swedish-born person was born in Sweden and the
/// parent of a foreign-born person abroad. The codes are those of classification <c>bakgrund_detalj</c>, which
/// maps them on to <c>bakgrund</c>.
/// </summary>
public static class SwedishBackground
{
    /// <summary>The rule's name in register-variables.yaml.</summary>
    public const string RuleName = "swedish_background";

    /// <summary>Classification of the detailed result.</summary>
    public const string DetailClassification = "bakgrund_detalj";

    /// <summary>Utrikes född.</summary>
    public const string ForeignBorn = "1";

    /// <summary>Inrikes född med två utrikes födda föräldrar (utländsk bakgrund).</summary>
    public const string NativeBornTwoForeignBornParents = "2";

    /// <summary>Inrikes född med en inrikes och en utrikes född förälder (svensk bakgrund).</summary>
    public const string NativeBornOneForeignBornParent = "3";

    /// <summary>Inrikes född med två inrikes födda föräldrar (svensk bakgrund).</summary>
    public const string NativeBornTwoNativeBornParents = "4";

    /// <summary>The country code of Sweden in the countries classification.</summary>
    public const string Sweden = "SE";

    /// <summary>Derives the detailed background from whether the person and each parent were born abroad (null: unknown).</summary>
    public static string Derive(bool bornAbroad, bool? motherBornAbroad, bool? fatherBornAbroad)
    {
        if (bornAbroad)
        {
            return ForeignBorn;
        }

        // Imputation for a Swedish-born person: an unknown parent counts as born in Sweden.
        var foreignBornParents = (motherBornAbroad ?? false ? 1 : 0) + (fatherBornAbroad ?? false ? 1 : 0);
        return foreignBornParents switch
        {
            2 => NativeBornTwoForeignBornParents,
            1 => NativeBornOneForeignBornParent,
            _ => NativeBornTwoNativeBornParents,
        };
    }

    /// <summary>Derives the detailed background from countries of birth (null or empty: unknown).</summary>
    public static string DeriveFromCountries(string birthCountry, string? motherBirthCountry, string? fatherBirthCountry)
    {
        ArgumentException.ThrowIfNullOrEmpty(birthCountry);
        static bool? Abroad(string? country) => string.IsNullOrEmpty(country) ? null : country != Sweden;
        return Derive(birthCountry != Sweden, Abroad(motherBirthCountry), Abroad(fatherBirthCountry));
    }

    /// <summary>True for the two codes of utländsk bakgrund.</summary>
    public static bool IsForeignBackground(string detail) => detail is ForeignBorn or NativeBornTwoForeignBornParents;
}
