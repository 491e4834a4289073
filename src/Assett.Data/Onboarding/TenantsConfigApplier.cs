using System.Text.Json;
using Assett.Data.Accounts;
using Assett.Data.Audit;
using Assett.Data.Invitations;
using Assett.Data.Mail;
using Assett.Data.Campaigns;
using Assett.Data.Referentials;
using Assett.Data.Tenants;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Assett.Data.Onboarding;

/// <summary>What applying the configuration did (or would do) to one tenant; no change means unchanged.</summary>
public sealed record TenantApplyResult(string Identifier, IReadOnlyList<string> Changes);

/// <summary>
/// Applies checked tenant definitions to the database, idempotently: each tenant in its own
/// transaction, as the application role, inside its own tenant scope. A changed referential becomes
/// a new version; old versions are never rewritten. A new officer is invited by email, once, to take the
/// territory's officer role; removing one from the configuration leaves them in place. Every change is written to the audit log.
/// </summary>
/// <param name="publicUrl">Where the web host is reached, for the links of invitation emails.</param>
public sealed class TenantsConfigApplier(string appConnectionString, TimeProvider clock, string publicUrl = PublicAddress.Default)
{
    private readonly MultiTenantContextAccessor _accessor = new();

    public async Task<IReadOnlyList<TenantApplyResult>> ApplyAsync(IEnumerable<TenantDefinition> definitions, bool dryRun,
        string actor, CancellationToken cancellationToken = default)
    {
        var results = new List<TenantApplyResult>();
        foreach (var definition in definitions)
            results.Add(await ApplyAsync(definition, dryRun, actor, cancellationToken));
        return results;
    }

    private async Task<TenantApplyResult> ApplyAsync(TenantDefinition definition, bool dryRun, string actor, CancellationToken cancellationToken)
    {
        Guid? existingId;
        await using (var platform = AssettDbContextOptions.Create(appConnectionString))
            existingId = await platform.Tenants.Where(t => t.Identifier == definition.Identifier).Select(t => (Guid?)t.Id)
                .SingleOrDefaultAsync(cancellationToken);

        var tenantId = existingId ?? Guid.NewGuid();
        using var scope = _accessor.Change(new TenantInfo(tenantId, definition.Identifier, definition.Name));
        await using var db = AssettDbContextOptions.Create(appConnectionString);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var changes = new List<string>();

        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            tenant = new Tenant { Id = tenantId, Identifier = definition.Identifier, Name = "", DisplayName = "", CreatedAt = now };
            db.Tenants.Add(tenant);
            changes.Add($"create tenant « {definition.DisplayName} »");
        }
        var updated = UpdateTenant(tenant, definition);
        if (updated.Count > 0 && changes.Count == 0) changes.Add($"update tenant: {string.Join(", ", updated)}");

        var version = await CurrentVersionAsync(db, tenant, definition.Referential, now, changes, cancellationToken);
        await SyncOfficersAsync(db, definition, changes, now, cancellationToken);
        await SyncCampaignsAsync(db, definition, version, changes, cancellationToken);

        if (changes.Count > 0)
        {
            tenant.UpdatedAt = now;
            foreach (var change in changes)
                db.AuditLog.Add(new AuditEntry { Id = Guid.NewGuid(), At = now, Actor = actor, Action = "tenants-config.apply", Subject = change });
        }
        await db.SaveChangesAsync(cancellationToken);
        if (dryRun) await transaction.RollbackAsync(cancellationToken);
        else await transaction.CommitAsync(cancellationToken);
        return new TenantApplyResult(definition.Identifier, changes);
    }

    /// <summary>Copies the definition onto the tenant row; returns the names of the fields that changed.</summary>
    private static List<string> UpdateTenant(Tenant tenant, TenantDefinition definition)
    {
        var changed = new List<string>();
        void Set<T>(string field, T current, T wanted, Action<T> assign)
        {
            if (EqualityComparer<T>.Default.Equals(current, wanted)) return;
            assign(wanted);
            changed.Add(field);
        }
        Set("name", tenant.Name, definition.Name, v => tenant.Name = v);
        Set("display_name", tenant.DisplayName, definition.DisplayName, v => tenant.DisplayName = v);
        Set("siren", tenant.Siren, definition.Siren, v => tenant.Siren = v);
        Set("time_zone", tenant.TimeZone, definition.TimeZone, v => tenant.TimeZone = v);
        if (!tenant.Hosts.SequenceEqual(definition.Hosts))
        {
            tenant.Hosts = [.. definition.Hosts];
            changed.Add("hosts");
        }
        if (!(tenant.Logo ?? []).SequenceEqual(definition.Logo ?? []) || tenant.LogoContentType != definition.LogoContentType)
        {
            (tenant.Logo, tenant.LogoContentType) = (definition.Logo, definition.LogoContentType);
            changed.Add("logo");
        }
        var settings = tenant.Settings;
        Set("referential.base", settings.BaseReferential, definition.Referential.BasePackage, v => settings.BaseReferential = v);
        Set("schedules.reminders", settings.ReminderSchedule, definition.ReminderSchedule, v => settings.ReminderSchedule = v);
        Set("schedules.cohort_report", settings.ReportSchedule, definition.ReportSchedule, v => settings.ReportSchedule = v);
        Set("charter", settings.Charter, definition.Charter?.Text, v => settings.Charter = v);
        Set("charter.version", settings.CharterVersion, definition.Charter?.Version, v => settings.CharterVersion = v);
        Set("public_host", settings.PublicHost, definition.PublicHost, v => settings.PublicHost = v);
        Set("legal.publication_director", settings.PublicationDirector, definition.PublicationDirector, v => settings.PublicationDirector = v);
        Set("legal.dpo_email", settings.DpoEmail, definition.DpoEmail, v => settings.DpoEmail = v);
        Set("legal.accessibility_email", settings.AccessibilityEmail, definition.AccessibilityEmail, v => settings.AccessibilityEmail = v);
        // Records holding lists compare by reference: their JSON is what is stored, so it is what is compared.
        if (JsonSerializer.Serialize(settings.Evidence) != JsonSerializer.Serialize(definition.Evidence))
        {
            settings.Evidence = [.. definition.Evidence];
            changed.Add("labelling evidence");
        }
        return changed;
    }

    /// <summary>The version matching the configured referential: found by its hash, or created.</summary>
    private static async Task<ReferentialVersion> CurrentVersionAsync(AssettDbContext db, Tenant tenant, ComposedReferential referential,
        DateTimeOffset now, List<string> changes, CancellationToken cancellationToken)
    {
        var version = await db.ReferentialVersions.SingleOrDefaultAsync(v => v.ContentHash == referential.ContentHash, cancellationToken);
        if (version is null)
        {
            version = new ReferentialVersion
            {
                Id = Guid.NewGuid(),
                BasePackage = referential.BasePackage,
                ReferentialId = referential.ReferentialId,
                ContentHash = referential.ContentHash,
                Label = $"{referential.BasePackage} · {now:yyyy-MM-dd} · {referential.ContentHash[..8]}",
                PublishedAt = now,
                Package = referential.Package,
            };
            db.ReferentialVersions.Add(version);
            changes.Add($"create referential version {version.Label}");
        }
        else if (tenant.Settings.CurrentReferentialVersionId != version.Id)
        {
            changes.Add($"use referential version {version.Label} again");
        }
        tenant.Settings.CurrentReferentialVersionId = version.Id;
        return version;
    }

    /// <summary>
    /// Invites each officer of the configuration once; from then on, officers are managed in the product
    /// (docs/decisions.md): one left out of <c>tenant.yaml</c> keeps their access.
    /// </summary>
    private async Task SyncOfficersAsync(AssettDbContext db, TenantDefinition definition, List<string> changes, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var officers = await db.TenantOfficers.ToListAsync(cancellationToken);
        foreach (var wanted in definition.Officers)
        {
            var officer = officers.SingleOrDefault(o => o.Email == wanted.Email);
            if (officer is null)
            {
                db.TenantOfficers.Add(new TenantOfficer { Id = Guid.NewGuid(), Name = wanted.Name, Email = wanted.Email });
                await InviteOfficerAsync(db, definition, wanted, now, cancellationToken);
                changes.Add($"add officer {wanted.Email} (invited by email)");
            }
            else if (officer.Name != wanted.Name)
            {
                officer.Name = wanted.Name;
                changes.Add($"rename officer {wanted.Email}");
            }
        }
    }

    private async Task InviteOfficerAsync(AssettDbContext db, TenantDefinition definition, OfficerDefinition officer, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (invitation, token) = InvitationIssuer.Create(db, officer.Email, null, MembershipRole.OfficerAdmin, "tenants-config", now);
        var site = PublicAddress.OfTerritory(publicUrl, definition.Identifier, definition.PublicHost);
        await db.SaveChangesAsync(cancellationToken);
        await InvitationIssuer.SendAsync(db, $"invitation:{invitation.Id}", officer.Email, $"Votre accès à Assett – {definition.DisplayName}",
            $"Vous êtes chargé(e) de mission de {definition.DisplayName} sur Assett, la plateforme de la démarche ASSETT : créez votre accès.",
            InvitationIssuer.Link(site, token), cancellationToken, greeting: officer.Name);
    }

    /// <summary>Creates the configured campaigns and updates their window; campaigns created otherwise are left alone.</summary>
    private static async Task SyncCampaignsAsync(AssettDbContext db, TenantDefinition definition, ReferentialVersion version,
        List<string> changes, CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.ToListAsync(cancellationToken);
        foreach (var wanted in definition.Campaigns)
        {
            var campaign = campaigns.SingleOrDefault(c => c.Name == wanted.Name);
            if (campaign is null)
            {
                db.Campaigns.Add(new Campaign
                {
                    Id = Guid.NewGuid(),
                    Name = wanted.Name,
                    OpensOn = wanted.Opens,
                    ClosesOn = wanted.Closes,
                    ReferentialVersionId = version.Id,
                    State = CampaignState.Planned,
                });
                changes.Add($"create campaign « {wanted.Name} » ({wanted.Opens:yyyy-MM-dd} → {wanted.Closes:yyyy-MM-dd})");
            }
            else if (campaign.OpensOn != wanted.Opens || campaign.ClosesOn != wanted.Closes)
            {
                (campaign.OpensOn, campaign.ClosesOn) = (wanted.Opens, wanted.Closes);
                changes.Add($"move campaign « {wanted.Name} » to {wanted.Opens:yyyy-MM-dd} → {wanted.Closes:yyyy-MM-dd}");
            }
        }
    }
}
