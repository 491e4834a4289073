using Assett.Data.Organisations;

namespace Assett.Data.Tests.Organisations;

public sealed class FrenchIdentifiersShould
{
    [Theory]
    [InlineData("73282932000074", true)]
    [InlineData("73282932000075", false)]
    [InlineData("35600000000048", true)] // La Poste's head office passes the Luhn check
    [InlineData("35600000010000", true)] // a La Poste establishment: digits sum to a multiple of 5
    [InlineData("35600000049838", false)]
    [InlineData("7328293200007", false)]
    [InlineData("7328293200007A", false)]
    [InlineData(null, false)]
    [InlineData("00000000000000", false)] // passes the Luhn check, names no one
    [InlineData("00000000000018", false)] // an establishment of SIREN 000000000
    public void CheckASiret(string? siret, bool valid) => Assert.Equal(valid, FrenchIdentifiers.IsValidSiret(siret));

    [Theory]
    [InlineData("732829320", true)]
    [InlineData("732829321", false)]
    [InlineData("12345678", false)]
    [InlineData("000000000", false)]
    public void CheckASiren(string siren, bool valid) => Assert.Equal(valid, FrenchIdentifiers.IsValidSiren(siren));

    [Theory]
    [InlineData("W123456789", true)]
    [InlineData("w123456789", true)]
    [InlineData("W12345678", false)]
    [InlineData("X123456789", false)]
    [InlineData("W000000000", false)]
    public void CheckAnRnaNumber(string rna, bool valid) => Assert.Equal(valid, FrenchIdentifiers.IsValidRna(rna));

    [Fact]
    public void RemoveTheSpacesAndDotsPeopleType() => Assert.Equal("73282932000074", FrenchIdentifiers.Normalize("732 829 320.00074"));
}
