namespace Assett.Data.Embedded;

/// <summary>A lock file so that a web host and a CLI started together do not both start the cluster.</summary>
internal static class LauncherLock
{
    public static async Task<FileStream> AcquireAsync(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // The OS releases the lock when the process dies, so a killed run never leaves it stuck.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            catch (IOException e)
            {
                throw new EmbeddedPostgresException(
                    $"Another Assett process has held {path} for {timeout.TotalSeconds:0} s while starting PostgreSQL; stop it and retry.", e);
            }
        }
    }
}
