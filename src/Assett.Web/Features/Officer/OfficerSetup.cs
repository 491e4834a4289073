using Assett.Web.Features.Officer.Campaigns;
using Assett.Web.Features.Officer.Dashboard;
using Assett.Web.Features.Officer.Reminders;
using Assett.Web.Features.Officer.Reports;
using Assett.Web.Features.Shared.Jobs;

namespace Assett.Web.Features.Officer;

public static class OfficerSetup
{
    /// <summary>The services of the officer's side, and the recurring jobs each territory schedules in <c>tenant.yaml</c>.</summary>
    public static IServiceCollection AddOfficerSide(this IServiceCollection services)
    {
        services.AddSingleton<DashboardCache>();
        services.AddScoped<Reminders.Reminders>();
        services.AddScoped<ReminderJob>();
        services.AddSingleton<ReminderLinks>();
        services.AddScoped<CohortReports>();
        services.AddScoped<CohortReportJob>();
        services.AddScoped<CampaignCalendar>();
        services.AddScoped<CampaignCalendarJob>();
        services.AddSingleton(TerritoryJob.Of<CampaignCalendarJob>("campaign-calendar", _ => CampaignCalendarJob.Schedule));
        services.AddSingleton(TerritoryJob.Of<ReminderJob>("reminders", settings => settings.ReminderSchedule));
        services.AddSingleton(TerritoryJob.Of<CohortReportJob>("cohort-report", settings => settings.ReportSchedule));
        return services;
    }
}
