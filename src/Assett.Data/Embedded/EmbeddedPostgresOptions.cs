namespace Assett.Data.Embedded;

/// <summary>Where and how the embedded cluster runs.</summary>
public sealed record EmbeddedPostgresOptions
{
    /// <summary>Folder holding the cluster: <c>data/</c>, <c>run/</c> (socket), <c>postgres.log</c>.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>A throwaway cluster (tests): fsync off, stopped and deleted on dispose.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>Folder of the server binaries; found automatically when null.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Database created for the application, owned by <see cref="OwnerRole"/>.</summary>
    public string Database { get; init; } = "assett";

    /// <summary>Owns the tables; runs migrations.</summary>
    public string OwnerRole { get; init; } = "assett_owner";

    /// <summary>What requests, jobs and commands connect as: owns nothing, no BYPASSRLS.</summary>
    public string AppRole { get; init; } = "assett_app";

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
