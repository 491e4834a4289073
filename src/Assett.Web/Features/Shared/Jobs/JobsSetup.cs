using Assett.Data;
using Hangfire;
using Hangfire.PostgreSql;

namespace Assett.Web.Features.Shared.Jobs;

/// <summary>
/// Hangfire on the application's PostgreSQL (schema <c>hangfire</c>, installed by <c>assett db migrate</c>,
/// never at run time). The server runs inside the web host unless <c>Jobs:Server</c> is false; a worker
/// is the same host with <c>--worker</c>: the server on, HTTP off (README).
/// </summary>
public static class JobsSetup
{
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromMinutes(3);

    public static IServiceCollection AddAssettJobs(this IServiceCollection services, AssettDatabase database, IConfiguration configuration)
    {
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(database.AppConnectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = DatabaseMigrator.HangfireSchema, PrepareSchemaIfNecessary = false,
                    // A running job keeps its hold fresh; a worker killed mid-job gives it back within minutes, not
                    // the default half hour (docs/reliability.md). Jobs are safe to run twice: their mail has unique keys.
                    InvisibilityTimeout = InvisibilityTimeout, UseSlidingInvisibilityTimeout = true,
                }));
        services.AddSingleton<TenantSchedules>();
        if (configuration.GetValue("Jobs:Server", true))
        {
            services.AddHangfireServer(server => server.WorkerCount = configuration.GetValue("Jobs:Workers", Environment.ProcessorCount * 2));
            services.AddHostedService(provider => provider.GetRequiredService<TenantSchedules>());
        }
        services.AddScoped<Housekeeping>();
        return services;
    }

    /// <summary>
    /// The dashboard, for platform administrators, without the storage's connection string. Sessions
    /// are per territory (the cookie's path), so it is reached under a territory's path once signed in
    /// there: <c>/t/&lt;slug&gt;/hangfire</c>; it shows every territory's jobs.
    /// </summary>
    public static void MapAssettJobsDashboard(this WebApplication app) =>
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new PlatformAdministratorsOnly()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Assett : tâches planifiées",
        });
}
