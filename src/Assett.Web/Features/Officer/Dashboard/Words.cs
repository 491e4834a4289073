using Assett.Web.Features.Shared;
using Assett.Data.Campaigns;

namespace Assett.Web.Features.Officer.Dashboard;

/// <summary>The dashboard's French words and number formats.</summary>
public static class Words
{
    public static string State(CampaignState state) => state switch
    {
        CampaignState.Planned => "prévue",
        CampaignState.Open => "ouverte",
        _ => "close",
    };

    public static string Stage(Stage stage) => stage switch
    {
        Dashboard.Stage.Invited => "Invitée",
        Dashboard.Stage.Registered => "Inscrite",
        Dashboard.Stage.Started => "Commencée",
        _ => "Transmise",
    };

    public static string Charter(CharterStanding? standing, int? version) => standing switch
    {
        null => "–",
        CharterStanding.Signed => $"Signée (version {version})",
        CharterStanding.ToRenew => "À renouveler",
        _ => "Non signée",
    };

    /// <summary>A score already in percent (0–100), e.g. « 42 % ».</summary>
    public static string Percent(double? value) => value is { } known ? (known / 100).ToString("P0", French.Culture) : "–";

    public static string Share(int part, int whole) => whole == 0 ? "–" : ((double)part / whole).ToString("P0", French.Culture);
}
