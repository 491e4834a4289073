using Assett.Data.Tenants;
using Hangfire;

namespace Assett.Web.Features.Shared.Jobs;

/// <summary>A job that each territory runs on a schedule of its own configuration.</summary>
public interface ITerritoryJob
{
    Task RunAsync(string territory, CancellationToken cancellationToken);
}

public static class TerritoryJobs
{
    /// <summary>The territory a job's argument names; a job for a territory gone away fails, and says which.</summary>
    public static async Task<Assett.Tenancy.TenantInfo> RequireAsync(this Assett.Tenancy.ITenantStore tenants, string identifier,
        CancellationToken cancellationToken) =>
        await tenants.FindByIdentifierAsync(identifier, cancellationToken)
        ?? throw new InvalidOperationException($"The territory '{identifier}' does not exist (any more).");
}

/// <summary>
/// A slice's recurring job per territory: its id is <c>kind:territory</c>, its cron expression comes
/// from the territory's settings (none: not scheduled). <see cref="TenantSchedules"/> keeps them registered.
/// </summary>
public sealed class TerritoryJob
{
    private readonly Action<IRecurringJobManager, string, string, string, RecurringJobOptions> _register;

    private TerritoryJob(string kind, Func<TenantSettings, string?> schedule,
        Action<IRecurringJobManager, string, string, string, RecurringJobOptions> register)
    {
        Prefix = kind + ":";
        Schedule = schedule;
        _register = register;
    }

    public string Prefix { get; }

    public Func<TenantSettings, string?> Schedule { get; }

    /// <remarks>
    /// Hangfire calls a public method of the class it activates: the jobs implement <see cref="ITerritoryJob"/> explicitly
    /// (their public RunAsync tells how much they did), so it runs <see cref="TerritoryJobRun{TJob}"/>, which calls them.
    /// </remarks>
    public static TerritoryJob Of<TJob>(string kind, Func<TenantSettings, string?> schedule) where TJob : ITerritoryJob =>
        new(kind, schedule, (jobs, id, territory, cron, options) =>
            jobs.AddOrUpdate<TerritoryJobRun<TJob>>(id, run => run.RunAsync(territory, CancellationToken.None), cron, options));

    public string IdOf(string territory) => Prefix + territory;

    public void Register(IRecurringJobManager jobs, string territory, string cron, RecurringJobOptions options) =>
        _register(jobs, IdOf(territory), territory, cron, options);
}

/// <summary>What Hangfire activates to run a territory's job (<see cref="TerritoryJob.Of{TJob}"/>): the job from the container.</summary>
public sealed class TerritoryJobRun<TJob>(TJob job) where TJob : ITerritoryJob
{
    public Task RunAsync(string territory, CancellationToken cancellationToken) => job.RunAsync(territory, cancellationToken);
}
