using System.Text.RegularExpressions;

namespace Assett.Web.Tests;

/// <summary>Posting a page's form as a browser would: with the antiforgery token the page holds.</summary>
public static partial class Forms
{
    public static string AntiforgeryToken(string page) => TokenField().Match(page).Groups[1].Value;

    /// <summary>Gets the page, then posts its form with the given fields and its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(this HttpClient browser, string path, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync(path, TestContext.Current.CancellationToken);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        return await browser.PostAsync(path, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
