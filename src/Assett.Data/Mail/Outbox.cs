using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace Assett.Data.Mail;

/// <summary>
/// Every email goes through the outbox: written in the same transaction as what causes it, sent later
/// by <see cref="OutboxDispatcher"/>, retried on failure, never lost. Its unique key (for a reminder:
/// tenant, campaign, organisation, kind, sequence) makes a retried or duplicated job send once.
/// </summary>
public static class Outbox
{
    /// <summary>Adds a message for the context's tenant; false (and nothing added) when its key was already used.</summary>
    public static Task<bool> EnqueueAsync(AssettDbContext db, string uniqueKey, string to, string subject, string textBody,
        string? htmlBody = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(db, uniqueKey, to, subject, textBody, htmlBody, null, cancellationToken);

    /// <summary>The same, with a file sent along (a calendar invitation).</summary>
    public static async Task<bool> EnqueueAsync(AssettDbContext db, string uniqueKey, string to, string subject, string textBody,
        string? htmlBody, OutboxAttachment? attachment, CancellationToken cancellationToken = default)
    {
        var tenant = db.CurrentTenantId ?? throw new Tenancy.TenantIsolationException("An email cannot be queued without a current tenant.");
        var now = db.Clock.GetUtcNow();
        var added = await db.Database.ExecuteSqlRawAsync(EnqueueSql, [new NpgsqlParameter("tenant", tenant), new NpgsqlParameter("id", Guid.NewGuid()),
            new NpgsqlParameter("key", uniqueKey), new NpgsqlParameter("to", to), new NpgsqlParameter("subject", subject),
            new NpgsqlParameter("text", textBody),
            new NpgsqlParameter("html", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)htmlBody ?? DBNull.Value }, new NpgsqlParameter("now", now),
            new NpgsqlParameter("file_name", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)attachment?.Name ?? DBNull.Value },
            new NpgsqlParameter("file_type", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)attachment?.ContentType ?? DBNull.Value },
            new NpgsqlParameter("file", NpgsqlTypes.NpgsqlDbType.Bytea) { Value = (object?)attachment?.Content ?? DBNull.Value }],
            cancellationToken);
        return added == 1;
    }

    /// <summary>
    /// A notice in the product's one layout, in text and HTML alike: the greeting, the message, then the
    /// link to act on (if any), and a file (if any).
    /// </summary>
    public static Task<bool> EnqueueNoticeAsync(AssettDbContext db, string uniqueKey, string to, string subject, string message,
        (string Action, string Link)? act, CancellationToken cancellationToken, string? greeting = null, OutboxAttachment? attachment = null)
    {
        var hello = greeting is null ? "Bonjour," : $"Bonjour {greeting},";
        static string Html(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);
        var text = $"{hello}\n\n{message}\n" + (act is var (action, link) ? $"\n{action} : {link}\n" : "");
        var html = $"<p>{Html(hello)}</p><p>{Html(message)}</p>" + (act is var (label, href) ? $"<p><a href=\"{Html(href)}\">{Html(label)}</a></p>" : "");
        return EnqueueAsync(db, uniqueKey, to, subject, text, html, attachment, cancellationToken);
    }

    private const string EnqueueSql = """
        INSERT INTO outbox_messages (tenant_id, id, unique_key, to_address, subject, text_body, html_body, created_at, next_attempt_at, attempts,
                                     attachment_name, attachment_type, attachment)
        VALUES (@tenant, @id, @key, @to, @subject, @text, @html, @now, @now, 0, @file_name, @file_type, @file)
        ON CONFLICT (tenant_id, unique_key) DO NOTHING
        """;
}

/// <summary>A file sent with a message: its name, its MIME type (<c>text/calendar; method=REQUEST</c>) and its bytes.</summary>
public sealed record OutboxAttachment(string Name, string ContentType, byte[] Content);
