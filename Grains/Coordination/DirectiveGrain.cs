using System.Collections.Immutable;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Liandong.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Coordination;

/// <summary>
/// A directive (联动任务): the city issues it to chosen counties, a county may split its share among its towns, and
/// each level reports progress. It keeps its summary in the directive index of every jurisdiction it reaches; a change
/// is pushed only to the jurisdictions whose share moved (the code that reported, its county, the city).
/// </summary>
public sealed class DirectiveGrain(
    [PersistentState("directive", StorageNames.Main)] IPersistentState<DirectiveState> state,
    TimeProvider time,
    ILogger<DirectiveGrain> logger) : SyncedGrain<DirectiveState>(state, time, logger), IDirectiveGrain
{
    public async Task<DirectiveView> IssueAsync(DirectiveDraft draft, string actor)
    {
        if (State.Draft is not null)
        {
            throw DomainException.Conflict($"Directive {Id} was already issued.");
        }

        var counties = Validate(draft);
        var city = await GrainFactory.GetGrain<ICityGrain>(draft.CityCode).GetInfoAsync()
            ?? throw DomainException.NotFound($"City {draft.CityCode} is not registered.");

        // Read-only look-ups of distinct county grains.
        var infos = await Task.WhenAll(counties.Select(c => GrainFactory.GetGrain<ICountyGrain>(c).GetInfoAsync()));
        for (var i = 0; i < infos.Length; i++)
        {
            if (infos[i] is null)
            {
                throw DomainException.NotFound(CoordinationRefusals.CountyUnknown(counties[i]));
            }
        }

        var now = Time.GetUtcNow();
        var clean = draft with { Title = draft.Title.Trim(), Detail = string.IsNullOrWhiteSpace(draft.Detail) ? null : draft.Detail.Trim(), CountyCodes = counties };
        await CommitAsync(State with
        {
            Draft = clean,
            IssuedAt = now,
            Counties = infos.Select(c => new CountyShareState(c!.Code, c.Name, 0m, null, null, [])).ToImmutableArray(),
            History = [new AuditEntry(now, actor, $"issued by {city.Code} {city.Name} to {string.Join("、", infos.Select(c => c!.Name))}, due {draft.DueDate:yyyy-MM-dd}: {clean.Title}")],
        });
        Logger.LogInformation("Directive {Directive} issued by {City} to {Counties}", Id, draft.CityCode, counties.Length);
        return View();
    }

    public async Task<DirectiveView> SplitAsync(string countyCode, ImmutableArray<string> townCodes, string actor)
    {
        EnsureIssued();
        if (!DivisionCodes.IsCounty(countyCode) || DivisionCodes.IsCity(countyCode))
        {
            throw DomainException.Invalid("countyCode", CoordinationRefusals.CountyCode);
        }

        var towns = townCodes.IsDefault ? [] : townCodes;
        if (towns.Length is 0 or > 100)
        {
            throw DomainException.Invalid("townCodes", CoordinationRefusals.Towns);
        }

        for (var i = 0; i < towns.Length; i++)
        {
            if (!DivisionCodes.IsTown(towns[i]))
            {
                throw DomainException.Invalid($"townCodes[{i}]", CoordinationRefusals.TownCode);
            }

            if (!DivisionCodes.TownBelongsTo(towns[i], countyCode))
            {
                throw DomainException.Invalid($"townCodes[{i}]", CoordinationRefusals.TownOutside(towns[i], countyCode));
            }
        }

        var index = CountyIndex(countyCode);
        if (index < 0)
        {
            throw DomainException.Conflict(CoordinationRefusals.NotIssuedTo(Id, countyCode));
        }

        var share = State.Counties[index];
        var added = towns.Distinct().Where(t => !share.Towns.Any(s => s.Code == t)).ToArray();
        if (added.Length == 0)
        {
            return View();
        }

        var infos = await Task.WhenAll(added.Select(t => GrainFactory.GetGrain<ITownGrain>(t).GetInfoAsync()));
        for (var i = 0; i < infos.Length; i++)
        {
            if (infos[i] is null)
            {
                throw DomainException.NotFound(CoordinationRefusals.TownUnknown(added[i]));
            }
        }

        var now = Time.GetUtcNow();
        var split = share with { Towns = share.Towns.AddRange(infos.Select(t => new TownShareState(t!.Code, t.Name, 0m, null, null))) };
        var action = share.Split
            ? $"{countyCode} {share.Name} added towns to its share: {string.Join("、", infos.Select(t => t!.Name))}"
            : $"{countyCode} {share.Name} split its share among {string.Join("、", infos.Select(t => t!.Name))}" +
              (share.UpdatedAt is null ? "" : $" (its own {share.OwnPercent}% is replaced by the mean of its towns)");
        await CommitAsync(State with
        {
            Counties = State.Counties.SetItem(index, split),
            History = State.History.Add(new AuditEntry(now, actor, action)),
        }, [State.Draft!.CityCode, countyCode, .. added]);
        return View();
    }

    public async Task<DirectiveView> ReportProgressAsync(string code, decimal percent, string? note, string actor)
    {
        EnsureIssued();
        if (percent is < 0m or > 100m)
        {
            throw DomainException.Invalid("percent", CoordinationRefusals.Percent);
        }

        if (note is { Length: > 2000 })
        {
            throw DomainException.Invalid("note", CoordinationRefusals.ProgressNote);
        }

        if (DivisionCodes.LevelOf(code) is not { } level)
        {
            throw DomainException.Invalid("code", CoordinationRefusals.ProgressCode);
        }

        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var now = Time.GetUtcNow();
        var counties = State.Counties;
        IReadOnlyCollection<string> scope;
        string name;
        decimal before;
        switch (level)
        {
            case DivisionLevel.County:
            {
                var index = CountyIndex(code);
                if (index < 0)
                {
                    throw DomainException.Conflict(CoordinationRefusals.NotReached(Id, code));
                }

                var share = counties[index];
                if (share.Split)
                {
                    throw DomainException.Conflict(CoordinationRefusals.CountySplit(code));
                }

                if (share.OwnPercent == percent && share.Note == note && share.UpdatedAt is not null)
                {
                    return View();
                }

                (name, before) = (share.Name, share.OwnPercent);
                counties = counties.SetItem(index, share with { OwnPercent = percent, Note = note, UpdatedAt = now });
                scope = [State.Draft!.CityCode, code];
                break;
            }

            case DivisionLevel.Town:
            {
                var index = CountyIndex(DivisionCodes.CountyOf(code));
                var townIndex = index < 0 ? -1 : counties[index].Towns.IndexOf(counties[index].Towns.FirstOrDefault(t => t.Code == code)!);
                if (townIndex < 0)
                {
                    throw DomainException.Conflict(CoordinationRefusals.NotReached(Id, code));
                }

                var town = counties[index].Towns[townIndex];
                if (town.Percent == percent && town.Note == note && town.UpdatedAt is not null)
                {
                    return View();
                }

                (name, before) = (town.Name, town.Percent);
                counties = counties.SetItem(index, counties[index] with
                {
                    Towns = counties[index].Towns.SetItem(townIndex, town with { Percent = percent, Note = note, UpdatedAt = now }),
                });
                scope = [State.Draft!.CityCode, counties[index].Code, code];
                break;
            }

            default:
                throw DomainException.Conflict(CoordinationRefusals.CityNotReported(Id));
        }

        await CommitAsync(State with
        {
            Counties = counties,
            Progress = State.Progress.Add(new ProgressReport(code, percent, note, now, actor)),
            History = State.History.Add(new AuditEntry(now, actor, $"progress of {code} {name}: {before}% → {percent}%" + (note is null ? "" : $" ({note})"))),
        }, scope);
        LiandongMetrics.DirectiveProgressUpdated(MetricPlace.Of(code));
        return View();
    }

    public Task<DirectiveView> GetAsync()
    {
        EnsureIssued();
        return Task.FromResult(View());
    }

    public Task<DirectiveScope> GetScopeAsync()
    {
        EnsureIssued();
        var s = State;
        return Task.FromResult(new DirectiveScope(s.Draft!.CityCode, [.. s.Counties.Select(c => c.Code), .. s.Counties.SelectMany(c => c.Towns).Select(t => t.Code)]));
    }

    protected override async Task PushAsync(DirectiveState persisted, IReadOnlyCollection<string>? scope)
    {
        var d = persisted.Draft!;
        var targets = new List<(string Code, decimal Percent)> { (d.CityCode, persisted.Percent) };
        foreach (var county in persisted.Counties)
        {
            targets.Add((county.Code, county.Percent));
            targets.AddRange(county.Towns.Select(t => (t.Code, t.Percent)));
        }

        // Distinct index grains that never call back; only those whose share changed unless a full resync is due.
        // The work lists take the whole truth each time (a split closes the county's task and opens the towns').
        await Tasks.TaskRules.PushAsync(GrainFactory, Tasks.TaskRules.OfDirective(Id, persisted));
        await Task.WhenAll(targets
            .Where(t => scope is null || scope.Contains(t.Code))
            .Select(t => GrainFactory.GetGrain<IDirectiveIndexGrain>(t.Code).TrackAsync(
                new DirectiveSummary(Id, d.Title, d.CityCode, t.Code, d.DueDate, persisted.IssuedAt, t.Percent, false, persisted.Version))));
    }

    private static ImmutableArray<string> Validate(DirectiveDraft draft)
    {
        if (!DivisionCodes.IsCity(draft.CityCode))
        {
            throw DomainException.Invalid("cityCode", CoordinationRefusals.CityCode);
        }

        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > InputLimits.MaxName)
        {
            throw DomainException.Invalid("title", CoordinationRefusals.TitleRequired(InputLimits.MaxName));
        }

        if (draft.Detail is { Length: > InputLimits.MaxText })
        {
            throw DomainException.Invalid("detail", CoordinationRefusals.DetailAtMost(InputLimits.MaxText));
        }

        if (draft.DueDate.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("dueDate", CoordinationRefusals.DueDateRequired);
        }

        var counties = draft.CountyCodes.IsDefault ? [] : draft.CountyCodes;
        if (counties.Length is 0 or > 50)
        {
            throw DomainException.Invalid("countyCodes", CoordinationRefusals.Counties);
        }

        for (var i = 0; i < counties.Length; i++)
        {
            if (!DivisionCodes.IsCounty(counties[i]) || DivisionCodes.IsCity(counties[i]) || !DivisionCodes.CountyBelongsTo(counties[i], draft.CityCode))
            {
                throw DomainException.Invalid($"countyCodes[{i}]", CoordinationRefusals.CountyOfCity(counties[i], draft.CityCode));
            }
        }

        return counties.Distinct().ToImmutableArray();
    }

    private int CountyIndex(string countyCode)
    {
        var counties = State.Counties;
        for (var i = 0; i < counties.Length; i++)
        {
            if (counties[i].Code == countyCode)
            {
                return i;
            }
        }

        return -1;
    }

    private void EnsureIssued()
    {
        if (State.Draft is null)
        {
            throw DomainException.NotFound(CoordinationRefusals.DirectiveUnknown(Id));
        }
    }

    private DirectiveView View()
    {
        var s = State;
        var d = s.Draft!;
        var today = Today;
        var counties = s.Counties.Select(c => new CountyShare(c.Code, c.Name, c.Percent, DirectiveRules.IsOverdue(c.Percent, d.DueDate, today), c.Split,
            c.Note, c.UpdatedAt,
            c.Towns.Select(t => new TownShare(t.Code, t.Name, t.Percent, DirectiveRules.IsOverdue(t.Percent, d.DueDate, today), t.Note, t.UpdatedAt)).ToImmutableArray()))
            .ToImmutableArray();
        return new DirectiveView(Id, d.CityCode, d.Title, d.Detail, d.DueDate, s.IssuedAt, s.Percent, DirectiveRules.IsOverdue(s.Percent, d.DueDate, today),
            counties, s.Progress, s.History, s.Version);
    }
}
