using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Coordination;

/// <summary>
/// An on-site office meeting (现场办公会). Opening it reads the county's overview once and keeps those totals;
/// its matters push their state here, so the meeting page and the minutes never call the matters.
/// </summary>
public sealed class MeetingGrain(
    [PersistentState("meeting", StorageNames.Main)] IPersistentState<MeetingState> state,
    TimeProvider time,
    ILogger<MeetingGrain> logger) : SyncedGrain<MeetingState>(state, time, logger), IMeetingGrain
{
    public async Task<MeetingView> OpenAsync(MeetingDraft draft, string actor)
    {
        if (State.Draft is not null)
        {
            throw DomainException.Conflict($"Meeting {Id} is already open.");
        }

        Validate(draft);
        var overview = await GrainFactory.GetGrain<ICountyGrain>(draft.CountyCode).GetOverviewAsync(new PeriodQuery(draft.Year, draft.Month));
        var now = Time.GetUtcNow();
        var attendees = draft.Attendees.IsDefault ? [] : draft.Attendees.Select(a => a.Trim()).ToImmutableArray();
        var place = string.IsNullOrWhiteSpace(draft.Place) ? overview.Name : draft.Place.Trim();
        var clean = draft with { Title = draft.Title.Trim(), Host = draft.Host.Trim(), Attendees = attendees, Place = place };
        await CommitAsync(State with
        {
            Draft = clean,
            CountyName = overview.Name,
            CountyReport = overview.Totals,
            ReportTakenAt = now,
            History = [new AuditEntry(now, actor,
                $"opened at {draft.CountyCode} {overview.Name} for {draft.Date:yyyy-MM-dd}; county report 1–{draft.Month} {draft.Year} frozen: {overview.Totals.CompletedYtd} 万元 completed, {overview.Totals.ProjectCount} projects")],
        });
        Logger.LogInformation("Meeting {Meeting} opened at {County} with its report of {Year}-{Month} frozen", Id, draft.CountyCode, draft.Year, draft.Month);
        return View();
    }

    public Task<MeetingInfo?> GetInfoAsync() =>
        Task.FromResult(State.Draft is { } d ? new MeetingInfo(Id, d.CityCode, d.CountyCode, d.Date, d.Title) : null);

    public Task<MeetingView> GetAsync()
    {
        EnsureOpen();
        return Task.FromResult(View());
    }

    public Task<MeetingScope> GetScopeAsync()
    {
        EnsureOpen();
        return Task.FromResult(new MeetingScope(State.Draft!.CityCode, State.Draft.CountyCode));
    }

    public Task<string> GetMinutesAsync()
    {
        EnsureOpen();
        return Task.FromResult(MinutesWriter.Write(View(), Today, Time.GetLocalNow()));
    }

    public async Task TrackMatterAsync(MatterView matter)
    {
        EnsureOpen();
        var matters = State.Matters;
        var index = matters.IndexOf(matters.FirstOrDefault(m => m.Id == matter.Id)!);
        if (index >= 0 && matters[index].Version >= matter.Version)
        {
            return;
        }

        var history = State.History;
        if (index < 0)
        {
            // The matter's first entry says who raised it at the meeting.
            var raised = matter.History.FirstOrDefault();
            history = history.Add(new AuditEntry(matter.RaisedAt, raised?.Actor ?? "unknown", $"matter {matter.Id} raised by {matter.RaisedBy} {matter.RaisedByName}: {matter.Title}"));
        }

        await CommitAsync(State with
        {
            Matters = index < 0 ? matters.Add(matter) : matters.SetItem(index, matter),
            History = history,
        });
    }

    protected override async Task PushAsync(MeetingState persisted, IReadOnlyCollection<string>? scope)
    {
        var d = persisted.Draft!;
        var summary = new MeetingSummary(Id, d.Title, d.Date, d.CityCode, d.CountyCode, persisted.CountyName, d.Host,
            persisted.Matters.Length, persisted.Matters.Count(m => m.Status == MatterStatus.Resolved), persisted.Version);

        // Two distinct index grains that never call back.
        await Task.WhenAll(
            GrainFactory.GetGrain<IMeetingIndexGrain>(d.CityCode).TrackAsync(summary),
            GrainFactory.GetGrain<IMeetingIndexGrain>(d.CountyCode).TrackAsync(summary));
    }

    private static void Validate(MeetingDraft draft)
    {
        if (!DivisionCodes.IsCity(draft.CityCode))
        {
            throw DomainException.Invalid("cityCode", CoordinationRefusals.CityCode);
        }

        if (!DivisionCodes.IsCounty(draft.CountyCode) || DivisionCodes.IsCity(draft.CountyCode))
        {
            throw DomainException.Invalid("countyCode", CoordinationRefusals.CountyCode);
        }

        if (!DivisionCodes.CountyBelongsTo(draft.CountyCode, draft.CityCode))
        {
            throw DomainException.Invalid("countyCode", CoordinationRefusals.CountyOutsideCity(draft.CountyCode, draft.CityCode));
        }

        if (draft.Date.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("date", CoordinationRefusals.MeetingDate);
        }

        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > InputLimits.MaxName)
        {
            throw DomainException.Invalid("title", CoordinationRefusals.TitleRequired(InputLimits.MaxName));
        }

        if (string.IsNullOrWhiteSpace(draft.Host) || draft.Host.Length > InputLimits.MaxShort)
        {
            throw DomainException.Invalid("host", CoordinationRefusals.Host);
        }

        if (draft.Place is { Length: > InputLimits.MaxName })
        {
            throw DomainException.Invalid("place", CoordinationRefusals.AtMost(InputLimits.MaxName));
        }

        InputLimits.EnsureList("attendees", draft.Attendees.IsDefault ? [] : draft.Attendees, InputLimits.MaxItems, InputLimits.MaxName);

        if (draft.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("year", CoordinationRefusals.Year);
        }

        if (draft.Month is < 1 or > 12)
        {
            throw DomainException.Invalid("month", CoordinationRefusals.Month);
        }

        if (draft.Year * 12 + draft.Month > draft.Date.Year * 12 + draft.Date.Month)
        {
            throw DomainException.Invalid("month", CoordinationRefusals.PeriodAfterMeeting);
        }
    }

    private void EnsureOpen()
    {
        if (State.Draft is null)
        {
            throw DomainException.NotFound($"Meeting {Id} does not exist.");
        }
    }

    private MeetingView View()
    {
        var s = State;
        var d = s.Draft!;
        var today = Today;
        var matters = s.Matters.Select(m => m with { Overdue = MatterRules.IsOverdue(m.Status, m.DueDate, today) }).ToImmutableArray();
        return new MeetingView(Id, d.CityCode, d.CountyCode, s.CountyName, d.Date, d.Title, d.Place ?? s.CountyName, d.Host, d.Attendees,
            d.Year, d.Month, s.CountyReport!, s.ReportTakenAt, matters, s.History);
    }
}
