using Assett.Data;
using Assett.Data.Meetings;
using Assett.Tenancy;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Assett.Web.Features.Shared.Meetings;

/// <summary>
/// Registering to a meeting and cancelling, under the meeting's row lock so that two people never take
/// its last place: beyond its capacity a person waits, and a cancellation gives the place to the one
/// who has waited longest, who is told by email with the calendar file.
/// </summary>
public sealed class MeetingRegistrations(AssettDbContext db, MeetingMails mails, TimeProvider clock)
{
    /// <summary>
    /// Registers the person (again, if they had cancelled), who is told by email; returns their
    /// registration, registered or waiting.
    /// </summary>
    public async Task<MeetingRegistration> RegisterAsync(TenantInfo territory, Guid meetingId, Guid organisationId, string name, string email, string by,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var meeting = await LockAsync(meetingId, cancellationToken);
        var address = email.Trim().ToLowerInvariant();
        var registration = await db.MeetingRegistrations.SingleOrDefaultAsync(r => r.MeetingId == meetingId && r.Email == address, cancellationToken);
        if (registration is null)
        {
            registration = new MeetingRegistration
            {
                Id = Guid.NewGuid(), MeetingId = meetingId, OrganisationId = organisationId, Name = name.Trim(), Email = address, RegisteredBy = by,
                State = RegistrationState.Cancelled,
            };
            db.MeetingRegistrations.Add(registration);
        }
        if (registration.State == RegistrationState.Cancelled)
        {
            var taken = await db.MeetingRegistrations.CountAsync(r => r.MeetingId == meetingId && r.State == RegistrationState.Registered,
                cancellationToken);
            (registration.Name, registration.RegisteredBy, registration.RegisteredAt) = (name.Trim(), by, clock.GetUtcNow());
            registration.State = meeting.Capacity is { } capacity && taken >= capacity ? RegistrationState.Waiting : RegistrationState.Registered;
            await mails.RegisteredAsync(territory, meeting, registration, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return registration;
    }

    /// <summary>Cancels a registration; returns the person who takes the freed place, if any.</summary>
    public async Task<MeetingRegistration?> CancelAsync(TenantInfo territory, Guid registrationId, CancellationToken cancellationToken)
    {
        var meetingId = await db.MeetingRegistrations.Where(r => r.Id == registrationId).Select(r => (Guid?)r.MeetingId)
            .SingleOrDefaultAsync(cancellationToken);
        if (meetingId is null) return null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var meeting = await LockAsync(meetingId.Value, cancellationToken);
        var registration = await db.MeetingRegistrations.SingleAsync(r => r.Id == registrationId, cancellationToken);
        var freed = registration.State == RegistrationState.Registered;
        registration.State = RegistrationState.Cancelled;
        MeetingRegistration? next = null;
        if (freed)
        {
            next = await db.MeetingRegistrations.Where(r => r.MeetingId == meeting.Id && r.State == RegistrationState.Waiting)
                .OrderBy(r => r.RegisteredAt).FirstOrDefaultAsync(cancellationToken);
            if (next is not null) next.State = RegistrationState.Registered;
        }
        await db.SaveChangesAsync(cancellationToken);
        if (next is not null) await mails.PlaceFreedAsync(territory, meeting, next, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return next;
    }

    private Task<Meeting> LockAsync(Guid meetingId, CancellationToken cancellationToken) =>
        db.Meetings.FromSqlRaw(LockMeetingSql, new NpgsqlParameter("id", meetingId)).AsNoTracking().SingleAsync(cancellationToken);

    private const string LockMeetingSql = "SELECT * FROM meetings WHERE id = @id FOR UPDATE";
}
