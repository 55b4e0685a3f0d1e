using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Reporting;

/// <summary>What a city's light-rule grain persists: the rule book and how far it has travelled down.</summary>
[GenerateSerializer, Alias("Liandong.LightRuleState")]
public sealed record LightRuleState
{
    [Id(0)] public LightRuleBook? Book { get; init; }

    /// <summary>The book version every project of the city has been told of.</summary>
    [Id(1)] public long PropagatedVersion { get; init; }
}

/// <summary>
/// A city's warning-light rule (亮灯规则), versioned by the month each version takes effect. A change is persisted
/// first, then travels down to every project (city → counties → towns → projects, read from the roll-up's own
/// child lists), each of which re-judges and pushes its figures. A reminder written before the fan-out and removed
/// after it re-runs the fan-out if the silo dies in between; projects ignore a book they already hold.
/// </summary>
public sealed class LightRuleGrain(
    [PersistentState("lightRules", StorageNames.Main)] IPersistentState<LightRuleState> state,
    TimeProvider time,
    ILogger<LightRuleGrain> logger) : Grain, ILightRuleGrain, IRemindable
{
    private const string PropagateReminder = "light-rule-propagate";

    private bool _propagating;
    private bool _propagateAgain;

    private string City => this.GetPrimaryKeyString();

    private LightRuleBook Book => state.State.Book ?? LightRuleBook.DefaultFor(City);

    public Task<LightRuleBook> GetAsync() => Task.FromResult(Book);

    public async Task<LightRuleBook> SetAsync(CityLightRule rule, string actor)
    {
        if (!DivisionCodes.IsCity(City))
        {
            throw DomainException.Invalid("code", $"{City} is not a city code.");
        }

        if (rule.Rules().FirstOrDefault() is { Field: { } field } problem)
        {
            throw DomainException.Invalid(field, problem.Message);
        }

        if (await GrainFactory.GetGrain<ICityGrain>(City).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {City} is not registered.");
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var thisMonth = new YearMonth(today.Year, today.Month);
        if (rule.EffectiveFrom.Index < thisMonth.Index)
        {
            throw DomainException.Invalid("effectiveFrom",
                ReportRefusals.LightFromThisMonth(thisMonth.ToString()));
        }

        var book = Book;
        var versions = book.Versions.IsDefault ? [] : book.Versions;
        if (versions.Length > 0 && rule.EffectiveFrom.Index < versions[^1].EffectiveFrom.Index)
        {
            throw DomainException.Invalid("effectiveFrom",
                ReportRefusals.FromLatestVersion(versions[^1].EffectiveFrom.ToString()));
        }

        var stamped = rule with { SetBy = actor, SetAt = time.GetUtcNow() };
        versions = versions.Length > 0 && versions[^1].EffectiveFrom.Index == rule.EffectiveFrom.Index
            ? versions.SetItem(versions.Length - 1, stamped)
            : versions.Add(stamped);
        var next = new LightRuleBook(City, book.Version + 1, versions);

        state.State = state.State with { Book = next };
        await state.WriteStateAsync();
        logger.LogInformation("City {City} set its light rule version {Version}, effective from {From}", City, next.Version, rule.EffectiveFrom);

        // The reminder, written before the answer, re-runs the fan-out if this activation dies during it. The fan-out
        // itself runs after the answer: a city of thousands of projects re-judges for longer than a call may wait.
        await this.RegisterOrUpdateReminder(PropagateReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        _ = PropagateAsync();
        return next;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == PropagateReminder)
        {
            await PropagateAsync();
        }
    }

    /// <summary>Tells every project of the city of the latest book; clears the reminder once all have it.</summary>
    private async Task PropagateAsync()
    {
        if (_propagating)
        {
            _propagateAgain = true;
            return;
        }

        _propagating = true;
        try
        {
            do
            {
                _propagateAgain = false;
                await PropagateOnceAsync();
            }
            while (_propagateAgain);
        }
        finally
        {
            _propagating = false;
        }
    }

    private async Task PropagateOnceAsync()
    {
        var book = Book;
        if (book.Version > state.State.PropagatedVersion)
        {
            try
            {
                var projects = await ProjectCodesAsync();
                foreach (var chunk in projects.Chunk(32))
                {
                    await Task.WhenAll(chunk.Select(code => GrainFactory.GetGrain<IProjectGrain>(code).AdoptLightRulesAsync(book)));
                }

                state.State = state.State with { PropagatedVersion = book.Version };
                await state.WriteStateAsync();
                logger.LogInformation("City {City} light rule version {Version} reached {Projects} projects", City, book.Version, projects.Count);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "City {City} light rule version {Version} has not reached every project; the reminder retries", City, book.Version);
                return;
            }
        }

        try
        {
            if (await this.GetReminder(PropagateReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex)
        {
            // Harmless: the next tick finds every project told and tries again to remove it.
            logger.LogWarning(ex, "City {City} could not remove its light-rule reminder", City);
        }
    }

    /// <summary>Every project of the city, from the roll-up's child lists: one read per county and per town.</summary>
    private async Task<List<string>> ProjectCodesAsync()
    {
        var latest = PeriodQuery.Latest;
        var city = await GrainFactory.GetGrain<ICityGrain>(City).GetOverviewAsync(latest);
        var counties = await Task.WhenAll(city.Children.Select(c => GrainFactory.GetGrain<ICountyGrain>(c.Code).GetOverviewAsync(latest)));
        var towns = new List<DivisionOverview>();
        foreach (var chunk in counties.SelectMany(c => c.Children).Chunk(32))
        {
            towns.AddRange(await Task.WhenAll(chunk.Select(t => GrainFactory.GetGrain<ITownGrain>(t.Code).GetOverviewAsync(latest))));
        }

        return towns.SelectMany(t => t.Projects.Select(p => p.Code)).ToList();
    }
}
