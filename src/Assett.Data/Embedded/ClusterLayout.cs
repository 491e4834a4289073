using System.Security.Cryptography;
using System.Text;

namespace Assett.Data.Embedded;

/// <summary>The files of an embedded cluster inside its root folder.</summary>
internal sealed class ClusterLayout(string root)
{
    // A Unix socket path must stay under 108 bytes.
    private const int MaxSocketDirectoryLength = 80;

    public string Root { get; } = Path.GetFullPath(root);
    public string Data => Path.Combine(Root, "data");
    public string LogFile => Path.Combine(Root, "postgres.log");
    public string LockFile => Path.Combine(Root, "launcher.lock");
    public string Marker => Path.Combine(Root, "initialized");

    public string SocketDirectory
    {
        get
        {
            var inside = Path.Combine(Root, "run");
            if (inside.Length <= MaxSocketDirectoryLength) return inside;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Root)))[..16];
            return Path.Combine(Path.GetTempPath(), $"assett-pg-{hash}");
        }
    }

    public int? ExistingMajorVersion()
    {
        var versionFile = Path.Combine(Data, "PG_VERSION");
        if (!File.Exists(Marker) || !File.Exists(versionFile)) return null;
        return int.TryParse(File.ReadAllText(versionFile).Trim(), out var major) ? major : null;
    }

    public void ClearSocketDirectory()
    {
        if (!Directory.Exists(SocketDirectory)) return;
        foreach (var file in Directory.GetFiles(SocketDirectory, ".s.PGSQL.*")) File.Delete(file);
    }

    public long LogLength() => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;

    /// <summary>What the server logged after <paramref name="offset"/>: this start's messages only.</summary>
    public string LogSince(long offset)
    {
        if (!File.Exists(LogFile)) return "(no log)";
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        return new StreamReader(stream).ReadToEnd().Trim();
    }

    public string LogTail(int lines = 20)
    {
        if (!File.Exists(LogFile)) return "(no log)";
        return string.Join('\n', File.ReadLines(LogFile).TakeLast(lines));
    }
}
