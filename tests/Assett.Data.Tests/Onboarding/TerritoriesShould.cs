using Assett.Data.ReferenceData;

namespace Assett.Data.Tests.Onboarding;

public sealed class TerritoriesShould
{
    [Theory]
    [InlineData("200018653", "CA CAP Excellence", "01", "America/Guadeloupe")]
    [InlineData("200041788", "CA du Pays Nord Martinique", "02", "America/Martinique")]
    [InlineData("200027548", "CC des Savanes", "03", "America/Cayenne")]
    [InlineData("249740077", "CA CIVIS (Communauté Intercommunale des Villes Solidaires)", "04", "Indian/Reunion")]
    [InlineData("200050532", "CC de Petite-Terre", "06", "Indian/Mayotte")]
    [InlineData("200069854", "CU du Grand Poitiers", "75", "Europe/Paris")]
    [InlineData("200040277", "CA Agglo du Pays de Dreux", "24", "Europe/Paris")] // 75 communes in Centre-Val de Loire, 6 in Normandie
    [InlineData("200057867", "Plaine Commune", "11", "Europe/Paris")] // a territorial establishment of Greater Paris (ept.json)
    public void FindAnIntercommunalityWithItsRegionAndTimeZone(string siren, string name, string region, string timeZone)
    {
        var territory = Territories.Find(siren);

        Assert.NotNull(territory);
        Assert.Equal((name, region, timeZone), (territory.Name, territory.Region, territory.TimeZone));
        Assert.Equal(Territories.CommunesOf(siren), territory.Communes);
    }

    [Fact]
    public void KnowTheCommunesOfAnIntercommunalityByInseeCodeAndSiren()
    {
        var poitiers = Territories.Find("200069854")!;

        Assert.Equal(40, poitiers.Communes.Count);
        Assert.Contains(new Commune("86194", "Poitiers", 91708, "218601946"), poitiers.Communes);
        Assert.Null(Territories.Find("217400423")); // a commune's SIREN, not an intercommunality's
        Assert.Empty(Territories.CommunesOf("217400423"));
    }
}
