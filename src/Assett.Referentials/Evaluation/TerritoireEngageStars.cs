namespace Assett.Referentials.Evaluation;

/// <summary>Territoire Engagé stars from a score %: 1★ from 0 %, 2★ 35 %, 3★ 50 %, 4★ 65 %, 5★ 75 %.</summary>
public static class TerritoireEngageStars
{
    private static readonly double[] Thresholds = [0, 35, 50, 65, 75];

    public static int For(double scorePercent)
    {
        var stars = 1;
        for (var i = 1; i < Thresholds.Length; i++)
            if (scorePercent + 1e-9 >= Thresholds[i]) stars = i + 1;
        return stars;
    }
}
