using Assett.Web.Features.Api;
using Assett.Web.Features.Results;
using Assett.Data;
using Assett.Data.Tenancy;
using Assett.Tenancy;
using Assett.Data.Mail;
using Assett.Web.Features.Account;
using Assett.Web.Features.Account.Sirene;
using Assett.Web.Features.Account.ProConnect;
using Assett.Web.Features.Shared.Api;
using Assett.Web.Features.Officer;
using Assett.Web.Features.Officer.Dashboard;
using Assett.Web.Features.Failures;
using Assett.Web.Features.Shared.Jobs;
using Assett.Web.Features.Mail;
using Assett.Web.Features.Organisations;
using Assett.Web.Features.Shared.Security;
using Assett.Web.Features.Shared.Access;
using Assett.Web.Features.Shared.Territories;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Scalar.AspNetCore;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Assett.Data.Accounts;
using Assett.Web.Features.Shared.Assessments;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.WebEncoders;

namespace Assett.Web;

/// <summary>The services and the request pipeline of the web host, in the order they apply.</summary>
public static class WebSetup
{
    public static IServiceCollection AddAssettWeb(this IServiceCollection services, AssettDatabase database,
        IConfiguration configuration, IHostEnvironment environment)
    {
        // Cookies, antiforgery tokens and account links must survive restarts: the keys live in a known folder.
        services.AddAssettDataProtection(configuration);
        services.AddSingleton(database);
        services.AddSingleton<IMultiTenantContextAccessor, MultiTenantContextAccessor>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ITenantStore>(provider => new DatabaseTenantStore(database.AppConnectionString, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider => new TenantResolver(provider.GetRequiredService<ITenantStore>(), [new HostStrategy(), new RoutePrefixStrategy()]));
        // The options are built once, not for each request's context (they parse the connection string).
        services.AddDbContext<AssettDbContext>(options => options.UseAssettDatabase(database.AppConnectionString),
            optionsLifetime: ServiceLifetime.Singleton);
        services.AddRazorPages(options => options.RootDirectory = "/Features")
            .AddMvcOptions(options =>
            {
                options.Filters.Add<Features.Shared.Access.HandlerAccessFilter>();
                Features.Shared.Forms.FrenchValidation.AddTo(options);
            });
        services.AddAssettAccess();
        // French text stays readable in the HTML instead of becoming &#xE9; entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddExceptionHandler<Features.Failures.RequestFailures.Logged>();
        services.AddHealthChecks().AddDbContextCheck<AssettDbContext>("database");
        services.AddAssettAccounts(environment);
        services.AddProConnect(configuration, environment);
        services.AddScoped<AgentAccounts>();
        services.AddAssettApi(configuration, environment);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            AccountFormLimits.AddPolicy(options);
        });
        services.AddSingleton<AccountFormLimits>();
        services.AddCompanyDirectory(configuration);
        services.AddSingleton(MailSettings.Read(configuration));
        services.AddSingleton<MailSender>();
        services.AddSingleton<ReferentialPackages>();
        services.AddSingleton<Features.Shared.TerritoryLinks>();
        services.AddScoped<AssessmentContexts>();
        services.AddScoped<TaskAnswers>();
        services.AddSingleton<TrackedScores>();
        services.AddScoped<Features.Shared.Commitments.CommitmentBook>();
        services.AddMemoryCache();
        services.AddSingleton<Cohort>();
        services.AddSingleton<Features.Platform.NationalFiguresCache>();
        services.AddScoped<Features.Platform.NationalFiguresJob>();
        services.AddSingleton(Features.Shared.Jobs.TerritoryJob.Of<Features.Platform.NationalFiguresJob>("national-figures",
            _ => Features.Platform.NationalFiguresJob.Schedule));
        services.AddOfficerSide();
        services.AddScoped<Features.ActionPlan.OverdueCommitments>();
        services.AddScoped<Features.Shared.Bilans.Bilans>();
        services.AddScoped<Features.Bilan.BilanJob>();
        services.AddSingleton(Features.Shared.Jobs.TerritoryJob.Of<Features.Bilan.BilanJob>("bilans", _ => Features.Bilan.BilanJob.Schedule));
        services.AddScoped<Features.Meetings.MeetingReminders>();
        services.AddScoped<Features.Shared.Meetings.MeetingRegistrations>();
        services.AddScoped<Features.Shared.Meetings.MeetingMails>();
        services.AddSingleton<Features.Shared.Meetings.MeetingLinks>();
        services.AddScoped<Features.Shared.Meetings.AttendanceEvidence>();
        services.AddSingleton(Features.Shared.Jobs.TerritoryJob.Of<Features.Meetings.MeetingReminders>("meeting-reminders",
            _ => Features.Meetings.MeetingReminders.Schedule));
        services.AddSingleton<Features.Shared.Printing.PdfPrinter>();
        services.AddSingleton<Features.Shared.Printing.PrintablePages>();
        services.AddSingleton<Features.Officer.Labelling.CaeReferential>();
        services.Configure<Features.Shared.Legal.LegalNotice>(configuration.GetSection(Features.Shared.Legal.LegalNotice.Section));
        services.AddSingleton(Features.Shared.Jobs.TerritoryJob.Of<Features.ActionPlan.OverdueCommitments>("overdue-commitments",
            _ => Features.ActionPlan.OverdueCommitments.Schedule));
        services.AddHostedService<OutboxWorker>();
        services.AddAssettJobs(database, configuration);
        return services;
    }

    public static WebApplication UseAssettWeb(this WebApplication app)
    {
        app.UseTrustedProxies(app.Configuration);
        app.UseSecurityHeaders();
        app.UseRequestFailures();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        // Pages answer errors with the French error page; the API and the token server with a French problem document (ApiProblems).
        app.UseWhen(context => !IsApi(context.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
        app.UseWhen(context => IsApi(context.Request.Path), api => api.UseStatusCodePages());

        app.UseStaticFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(app.Environment.ContentRootPath, "node_modules/@gouvfr/dsfr/dist")),
            RequestPath = "/dsfr",
        });

        // Before tenant resolution, which needs the database that the health check is there to report on, and before
        // host filtering, so that a load balancer may probe an instance by its address.
        app.UseHealthChecks("/health");
        app.UseKnownHosts(app.Configuration, app.Environment);
        app.UseRateLimiter(TokenRequestLimit(app.Configuration.GetValue("Api:TokenRequestWindow", TimeSpan.FromMinutes(1))));
        app.UseAuthentication();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseRouting();
        // The policies pages and endpoints declare (AccountFormLimits) need the endpoint: after routing.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapAssettJobsDashboard();

        app.MapTokenEndpoint();
        var api = app.MapGroup(ApiPrefix + "/v1").RequireAuthorization(ApiSetup.TokenOfThisTerritory);
        api.MapOrganisationsApi();
        api.MapCohortApi();
        app.MapOpenApi("/api/v1/openapi.json").AllowAnonymous();
        app.MapScalarApiReference("/api/v1/reference", options => options.WithOpenApiRoutePattern("/api/v1/openapi.json").WithTitle("API Assett"))
            .AllowAnonymous();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Against guessing client secrets: 20 token requests a minute (<c>Api:TokenRequestWindow</c>) per address is plenty for a real client. Before
    /// authentication, because OpenIddict checks credentials there, before any endpoint runs; the token endpoint has
    /// one address (/t/{slug}/connect/… is no route), so its path names it.
    /// </summary>
    private static RateLimiterOptions TokenRequestLimit(TimeSpan window) => new()
    {
        RejectionStatusCode = StatusCodes.Status429TooManyRequests,
        GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            context.Request.Path.StartsWithSegments(ApiSetup.TokenEndpoint)
                ? RateLimitPartition.GetFixedWindowLimiter($"token:{context.Connection.RemoteIpAddress}",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = 20, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("unlimited")),
    };

    public const string ApiPrefix = "/api";

    /// <summary>The API and the token server: their territory comes from the token, never from the host or the path.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments(ApiPrefix) || path.StartsWithSegments("/connect");
}
