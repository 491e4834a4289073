namespace Assett.Data.Organisations;

/// <summary>Checks of SIREN (9 digits), SIRET (14 digits) and RNA (W + 9 digits) numbers.</summary>
public static class FrenchIdentifiers
{
    private const string LaPosteSiren = "356000000";

    /// <summary>9 digits passing the Luhn check, not all zeros (which pass it, and name no one).</summary>
    public static bool IsValidSiren(string? siren) => siren is { Length: 9 } && siren.All(char.IsAsciiDigit) && !IsZeros(siren) && PassesLuhn(siren);

    /// <summary>
    /// 14 digits passing the Luhn check, of a SIREN that is not all zeros; La Poste's establishments
    /// (SIREN 356000000) may instead have digits summing to a multiple of 5.
    /// </summary>
    public static bool IsValidSiret(string? siret)
    {
        if (siret is not { Length: 14 } || !siret.All(char.IsAsciiDigit) || IsZeros(siret[..9])) return false;
        if (PassesLuhn(siret)) return true;
        return siret.StartsWith(LaPosteSiren, StringComparison.Ordinal) && siret.Sum(c => c - '0') % 5 == 0;
    }

    /// <summary>An association's RNA number: W followed by 9 digits, not all zeros.</summary>
    public static bool IsValidRna(string? rna) => rna is { Length: 10 } && rna[0] is 'W' or 'w' && rna[1..].All(char.IsAsciiDigit) && !IsZeros(rna[1..]);

    private static bool IsZeros(string digits) => digits.All(c => c == '0');

    /// <summary>Spaces and dots people type are removed: "123 456 789 00012" → "12345678900012".</summary>
    public static string Normalize(string value) => new(value.Where(c => !char.IsWhiteSpace(c) && c != '.').ToArray());

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
