using Assett.Data.Organisations;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Campaigns;

/// <summary>An organisation that asked, through the link of a reminder, to receive no more reminders for a campaign.</summary>
public sealed class ReminderOptOut : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid CampaignId { get; set; }
    public Guid OrganisationId { get; set; }
    public DateTimeOffset At { get; set; }
}

internal sealed class ReminderOptOutConfiguration : IEntityTypeConfiguration<ReminderOptOut>
{
    public void Configure(EntityTypeBuilder<ReminderOptOut> optOut)
    {
        optOut.HasIndex(o => new { o.TenantId, o.CampaignId, o.OrganisationId }).IsUnique();
        optOut.HasTenantReference<ReminderOptOut, Campaign>(nameof(ReminderOptOut.CampaignId));
        optOut.HasTenantReference<ReminderOptOut, Organisation>(nameof(ReminderOptOut.OrganisationId));
    }
}
