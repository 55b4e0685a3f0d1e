using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;
using Liandong.Grains.Infrastructure;

namespace Liandong.Grains.Finance;

/// <summary>
/// A bank or branch: its inbox holds, for every request recommended to it, the latest state as this bank
/// sees it (its own status, what it offered, what was accepted and what it paid out).
/// </summary>
public sealed class BankGrain(
    [PersistentState("bank", StorageNames.Main)] IPersistentState<BankState> state,
    TimeProvider time,
    ILogger<BankGrain> logger) : Grain, IBankGrain
{
    private string Code => this.GetPrimaryKeyString();

    public async Task<BankView> RegisterAsync(string name, string cityCode, string actor)
    {
        if (!Ids.IsBankCode(Code))
        {
            throw DomainException.Invalid("code", "A bank code is a slug of lower-case letters, digits and dashes, e.g. icbc-zhanjiang.");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > InputLimits.MaxName)
        {
            throw DomainException.Invalid("name", $"Name is required (at most {InputLimits.MaxName} characters).");
        }

        if (!DivisionCodes.IsCity(cityCode))
        {
            throw DomainException.Invalid("cityCode", "A city code is six digits ending in 00, e.g. 440800.");
        }

        var s = state.State;
        if (s.Name is not null && s.CityCode != cityCode)
        {
            throw DomainException.Conflict(FinanceRefusals.BankElsewhere(Code, s.CityCode));
        }

        if (await GrainFactory.GetGrain<ICityGrain>(cityCode).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"City {cityCode} is not registered.");
        }

        var created = s.Name is null;
        if (created || s.Name != name)
        {
            var now = time.GetUtcNow();
            var next = s with
            {
                Name = name,
                CityCode = cityCode,
                RegisteredAt = created ? now : s.RegisteredAt,
                History = s.History.Add(new AuditEntry(now, actor, created ? $"registered {name} in {cityCode}" : $"renamed to {name}")),
            };
            await state.WriteOrRollBackAsync(next);

            logger.LogInformation("Bank {Bank} registered in {City}", Code, cityCode);
        }

        return View(created);
    }

    public Task<BankView> GetAsync()
    {
        EnsureRegistered();
        return Task.FromResult(View(false));
    }

    public Task<BankScope> GetScopeAsync()
    {
        EnsureRegistered();
        return Task.FromResult(new BankScope(state.State.CityCode!));
    }

    public Task<ImmutableArray<BankInboxEntry>> GetInboxAsync(BankRequestStatus? status)
    {
        EnsureRegistered();
        return Task.FromResult(state.State.Inbox.Values
            .Where(e => status is null || e.Status == status)
            .OrderByDescending(e => e.SentAt).ThenBy(e => e.Request.Id, StringComparer.Ordinal)
            .ToImmutableArray());
    }

    public async Task AcceptInboxEntryAsync(BankInboxEntry entry)
    {
        EnsureRegistered();
        var inbox = state.State.Inbox;
        if (inbox.TryGetValue(entry.Request.Id, out var existing) && existing.Request.Version >= entry.Request.Version)
        {
            return;
        }

        await state.WriteOrRollBackAsync(state.State with { Inbox = inbox.SetItem(entry.Request.Id, entry) });
    }

    private void EnsureRegistered()
    {
        if (state.State.Name is null)
        {
            throw DomainException.NotFound(FinanceRefusals.BankUnknown(Code));
        }
    }

    private BankView View(bool created)
    {
        var s = state.State;
        var entries = s.Inbox.Values.ToList();
        var totals = new BankTotals(entries.Count, SafeMath.Sum(entries.Select(e => e.Offered)), SafeMath.Sum(entries.Select(e => e.Accepted)), SafeMath.Sum(entries.Select(e => e.Disbursed)),
            entries.GroupBy(e => e.Status).ToImmutableDictionary(g => g.Key, g => g.Count()));
        return new BankView(Code, s.Name!, s.CityCode!, s.RegisteredAt, totals, s.History, created);
    }
}
