using Assett.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Assett.Data.Mail;

/// <summary>
/// An email waiting to be sent, or sent. Every message goes through here, so a failed send is retried
/// and never lost; <see cref="UniqueKey"/> makes a retried or duplicated job send once.
/// </summary>
public sealed class OutboxMessage : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string UniqueKey { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    public required string TextBody { get; set; }
    public string? HtmlBody { get; set; }

    /// <summary>One file sent with the message (a meeting's <c>.ics</c> invitation), or none.</summary>
    public string? AttachmentName { get; set; }

    public string? AttachmentType { get; set; }
    public byte[]? Attachment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Set once <see cref="OutboxDispatcher.MaximumAttempts"/> sends failed: no longer tried until an administrator asks again.</summary>
    public DateTimeOffset? FailedAt { get; set; }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.Property(m => m.UniqueKey).HasMaxLength(300);
        message.Property(m => m.ToAddress).HasMaxLength(320);
        message.Property(m => m.Subject).HasMaxLength(300);
        message.Property(m => m.AttachmentName).HasMaxLength(200);
        message.Property(m => m.AttachmentType).HasMaxLength(200);
        message.HasIndex(m => new { m.TenantId, m.UniqueKey }).IsUnique();
        message.Property(m => m.LastError).HasMaxLength(OutboxDispatcher.ErrorMaxLength);
        // The dispatcher's query: the due messages, oldest first.
        message.HasIndex(m => new { m.TenantId, m.NextAttemptAt }).HasFilter("sent_at IS NULL AND failed_at IS NULL").HasDatabaseName("ix_outbox_messages_due");
    }
}
