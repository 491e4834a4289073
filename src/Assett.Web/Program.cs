using Assett.Data;
using Assett.Web;
using Assett.Web.Features.Shared.Jobs;
using Microsoft.AspNetCore.Hosting.Server;
using Assett.Web.Features.Shared.Territories;
using Microsoft.AspNetCore.Connections;

// Worker mode: the same host with its Hangfire server on and no HTTP (README, « Background jobs »).
var worker = args.Contains("--worker");
var builder = WebApplication.CreateBuilder(args.Where(a => a != "--worker").ToArray());
if (worker)
{
    builder.Configuration["Jobs:Server"] = "true";
    builder.Services.AddSingleton<IServer, NoHttpServer>();
}
using var startupLogging = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true));
var logger = startupLogging.CreateLogger("Assett.Startup");

await using var database = await AssettDatabase.OpenAsync(builder.Configuration, logger);
builder.Services.AddAssettWeb(database, builder.Configuration, builder.Environment);

var app = builder.Build();
if (app.Environment.IsDevelopment() && database.Embedded is null)
    await DatabaseMigrator.MigrateAsync(database.AdminConnectionString, database.AppConnectionString, logger);

if (app.Environment.IsDevelopment())
    await TenantsAtStartup.ApplyAsync(database, app.Configuration, logger);

app.UseAssettWeb();

try
{
    await app.RunAsync();
}
catch (IOException e) when (e.InnerException is AddressInUseException)
{
    logger.LogCritical("{Message} Free it, or choose another address with --urls or ASPNETCORE_URLS.", e.Message);
    Environment.ExitCode = 1;
}

/// <summary>Lets tests start the real host (WebApplicationFactory).</summary>
public partial class Program;
