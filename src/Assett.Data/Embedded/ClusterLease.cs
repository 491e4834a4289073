namespace Assett.Data.Embedded;

/// <summary>
/// A process's hold on the shared development cluster (docs/decisions.md: the last one out stops it): a
/// file under <c>leases/</c> that the process keeps locked while it uses the cluster. The operating
/// system releases the lock when the process dies, so a killed process's lease is recognised as
/// stale (it can be locked again) and removed, and never keeps the cluster running by itself.
/// </summary>
internal sealed class ClusterLease : IDisposable
{
    private readonly FileStream _file;

    private ClusterLease(FileStream file) => _file = file;

    private static string Folder(ClusterLayout layout) => Path.Combine(layout.Root, "leases");

    /// <summary>Takes a lease; call under the launchers' lock.</summary>
    public static ClusterLease Take(ClusterLayout layout)
    {
        Directory.CreateDirectory(Folder(layout));
        var path = Path.Combine(Folder(layout), $"{Environment.ProcessId}-{Guid.NewGuid():N}.lease");
        return new ClusterLease(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None));
    }

    /// <summary>How many other live processes (or clusters of this one) hold a lease; stale leases are removed on the way.</summary>
    public int OthersLive(ClusterLayout layout)
    {
        var live = 0;
        foreach (var path in Directory.GetFiles(Folder(layout), "*.lease"))
        {
            if (path == _file.Name) continue;
            try
            {
                using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                {
                }
                File.Delete(path);
            }
            catch (IOException)
            {
                live++;
            }
            catch (UnauthorizedAccessException)
            {
                live++; // another user's process: not ours to judge
            }
        }
        return live;
    }

    public void Dispose()
    {
        var path = _file.Name;
        _file.Dispose();
        File.Delete(path);
    }
}
