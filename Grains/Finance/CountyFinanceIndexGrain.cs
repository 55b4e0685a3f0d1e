using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Grains.Infrastructure;

namespace Liandong.Grains.Finance;

/// <summary>
/// The list side of a county's financing and factor supply: the latest summary of every financing request
/// and the open factor needs of every project in the county. It is a grain of its own rather than part of
/// the county grain so that the county's roll-up state, rewritten with every snapshot from its towns, does
/// not carry (and rewrite) an ever-growing list; the totals still come from that roll-up.
/// </summary>
public sealed class CountyFinanceIndexGrain(
    [PersistentState("county-finance-index", StorageNames.Main)] IPersistentState<CountyFinanceIndexState> state,
    TimeProvider time) : Grain, ICountyFinanceIndexGrain
{
    private string Code => this.GetPrimaryKeyString();

    public async Task AcceptFinancingAsync(FinancingRow row)
    {
        if (row.CountyCode != Code)
        {
            throw DomainException.Conflict($"Financing request {row.Id} is in county {row.CountyCode}, not {Code}.");
        }

        if (state.State.Financing.TryGetValue(row.Id, out var existing) && existing.Version >= row.Version)
        {
            return;
        }

        await WriteAsync(state.State with { Financing = state.State.Financing.SetItem(row.Id, row) });
    }

    public async Task AcceptFactorNeedsAsync(ProjectFactorNeeds needs)
    {
        if (needs.TownCode[..6] != Code)
        {
            throw DomainException.Conflict($"Project {needs.ProjectCode} is in county {needs.TownCode[..6]}, not {Code}.");
        }

        if (state.State.Factors.TryGetValue(needs.ProjectCode, out var existing) && existing.Version >= needs.Version)
        {
            return;
        }

        await WriteAsync(state.State with
        {
            Factors = needs.Needs.IsEmpty ? state.State.Factors.Remove(needs.ProjectCode) : state.State.Factors.SetItem(needs.ProjectCode, needs),
        });
    }

    public Task<ImmutableArray<FinancingRow>> GetFinancingAsync(FinancingStatus? status) =>
        Task.FromResult(state.State.Financing.Values
            .Where(r => status is null || r.Status == status)
            .OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToImmutableArray());

    public Task<ImmutableArray<FactorNeedRow>> GetFactorNeedsAsync(string? townCode)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return Task.FromResult(state.State.Factors.Values
            .Where(p => townCode is null || p.TownCode == townCode)
            .SelectMany(p => p.Needs.Select(n => new FactorNeedRow(p.ProjectCode, p.ProjectName, p.TownCode, n, n.IsOverdueOn(today))))
            .OrderBy(r => r.Need.DueDate).ThenBy(r => r.ProjectCode, StringComparer.Ordinal).ThenBy(r => r.Need.Id, StringComparer.Ordinal)
            .ToImmutableArray());
    }

    private async Task WriteAsync(CountyFinanceIndexState next)
    {
        await state.WriteOrRollBackAsync(next);
    }
}
