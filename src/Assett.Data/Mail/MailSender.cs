using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Assett.Data.Mail;

/// <summary>
/// Delivers messages: by SMTP, or as <c>.eml</c> files in the tenant's pickup folder. A session keeps
/// one SMTP connection for a whole batch (connecting per message caps sending at a few dozen a second).
/// </summary>
public sealed class MailSender(MailSettings settings)
{
    public Session Open(string tenantIdentifier) => new(settings, tenantIdentifier);

    /// <summary>Sends one message in its own session.</summary>
    public async Task<string> SendAsync(OutboxMessage message, string tenantIdentifier, CancellationToken cancellationToken)
    {
        await using var session = Open(tenantIdentifier);
        return await session.SendAsync(message, cancellationToken);
    }

    public sealed class Session(MailSettings settings, string tenantIdentifier) : IAsyncDisposable
    {
        private SmtpClient? _smtp;

        /// <summary>Sends the message; returns where it went (the SMTP server, or the file written).</summary>
        public async Task<string> SendAsync(OutboxMessage message, CancellationToken cancellationToken)
        {
            var mime = ToMime(message);
            if (settings.SmtpHost is { } host)
            {
                try
                {
                    var smtp = await ConnectedAsync(host, cancellationToken);
                    await smtp.SendAsync(mime, cancellationToken);
                }
                catch
                {
                    // The connection may be broken: the next message opens a new one.
                    _smtp?.Dispose();
                    _smtp = null;
                    throw;
                }
                return $"smtp://{host}:{settings.SmtpPort}";
            }
            var folder = Path.Combine(settings.PickupDirectory, tenantIdentifier);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Id:N}.eml");
            await mime.WriteToAsync(path, cancellationToken);
            return path;
        }

        public async ValueTask DisposeAsync()
        {
            if (_smtp is null) return;
            try
            {
                if (_smtp.IsConnected) await _smtp.DisconnectAsync(quit: true);
            }
            finally
            {
                _smtp.Dispose();
            }
        }

        private async Task<SmtpClient> ConnectedAsync(string host, CancellationToken cancellationToken)
        {
            if (_smtp is { IsConnected: true }) return _smtp;
            _smtp?.Dispose();
            _smtp = new SmtpClient { Timeout = 30_000 };
            await _smtp.ConnectAsync(host, settings.SmtpPort, SecureSocketOptions.Auto, cancellationToken);
            if (settings.SmtpUser is { } user) await _smtp.AuthenticateAsync(user, settings.SmtpPassword ?? "", cancellationToken);
            return _smtp;
        }

        private MimeMessage ToMime(OutboxMessage message)
        {
            var mime = new MimeMessage { Subject = message.Subject, MessageId = $"{message.Id:N}@assett" };
            mime.From.Add(MailboxAddress.Parse(settings.From));
            mime.To.Add(MailboxAddress.Parse(message.ToAddress));
            var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
            if (message is { AttachmentName: { } name, AttachmentType: { } type, Attachment: { } file })
                body.Attachments.Add(name, file, ContentType.Parse(type));
            mime.Body = body.ToMessageBody();
            return mime;
        }
    }
}
