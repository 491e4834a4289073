using Assett.Data.Campaigns;
using Assett.Data.Organisations;
using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Assessments;

/// <summary>An organisation's self-assessment in one campaign.</summary>
public sealed class Assessment : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid CampaignId { get; set; }
    public AssessmentState State { get; set; }

    /// <summary>The engine's identity tags (<c>type</c>, <c>effectif</c>, <c>secteur</c>, <c>localisation</c>).</summary>
    public Dictionary<string, List<string>> IdentityTags { get; set; } = [];

    /// <summary>Answers to personalisation questions: <c>OUI</c>/<c>NON</c>, a number in 0..1, or a choice id.</summary>
    public Dictionary<string, string> Answers { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
}

public enum AssessmentState
{
    NotStarted,
    InProgress,
    Submitted,
}

internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> assessment)
    {
        assessment.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        assessment.Property(a => a.IdentityTags).AsJson();
        assessment.Property(a => a.Answers).AsJson();
        assessment.HasIndex(a => new { a.TenantId, a.OrganisationId, a.CampaignId }).IsUnique();
        assessment.HasTenantReference<Assessment, Organisation>(nameof(Assessment.OrganisationId));
        assessment.HasTenantReference<Assessment, Campaign>(nameof(Assessment.CampaignId), DeleteBehavior.Restrict);
    }
}
