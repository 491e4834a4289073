using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Assett.Referentials.Packages;

/// <summary>Loads YAML text, turning every parser failure into a line and a message.</summary>
internal static class YamlText
{
    public sealed record Failure(int Line, string Message);

    /// <summary>The root node of the first document (null for an empty text), or the failure.</summary>
    public static YamlNode? Load(string text, out Failure? failure)
    {
        failure = null;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            failure = new Failure((int)e.Start.Line, $"invalid YAML: {Reason(e)}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these on some malformed input instead of a YamlException.
            failure = new Failure(1, "invalid YAML");
            return null;
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static string Reason(YamlException e)
    {
        var message = e.InnerException?.Message ?? e.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 ? message[(cut + 3)..] : message;
    }
}
