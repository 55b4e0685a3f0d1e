using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;
using Liandong.Grains.Infrastructure;

namespace Liandong.Grains.Finance;

/// <summary>
/// An enterprise keyed by its unified social credit code. It keeps a copy of the projects it owns (the
/// project is the record of ownership) and the latest summary of each of its financing requests.
/// </summary>
public sealed class EnterpriseGrain(
    [PersistentState("enterprise", StorageNames.Main)] IPersistentState<EnterpriseState> state,
    TimeProvider time,
    ILogger<EnterpriseGrain> logger) : Grain, IEnterpriseGrain
{
    private string Code => this.GetPrimaryKeyString();

    public async Task<EnterpriseView> RegisterAsync(string name, string countyCode, string actor)
    {
        await ValidateAsync(name, countyCode);
        var s = state.State;
        var created = s.Name is null;
        if (!created && s.CountyCode != countyCode)
        {
            throw DomainException.Conflict(
                FinanceRefusals.EnterpriseElsewhere(Code, s.CountyCode, countyCode));
        }

        if (created || s.Name != name)
        {
            var now = time.GetUtcNow();
            await WriteAsync(s with
            {
                Name = name,
                CountyCode = countyCode,
                RegisteredAt = created ? now : s.RegisteredAt,
                History = s.History.Add(new AuditEntry(now, actor, created ? $"registered {name} in {countyCode}" : $"renamed to {name}")),
            });
            logger.LogInformation("Enterprise {CreditCode} registered in {County}", Code, countyCode);
        }

        return View(created);
    }

    public async Task<EnterpriseView> MoveAsync(string name, string fromCounty, string countyCode, string actor)
    {
        EnsureRegistered();
        await ValidateAsync(name, countyCode);
        var s = state.State;
        if (s.CountyCode != fromCounty)
        {
            throw DomainException.Conflict(FinanceRefusals.EnterpriseNotIn(Code, s.CountyCode, fromCounty));
        }

        if (DivisionCodes.CityOf(fromCounty) != DivisionCodes.CityOf(countyCode))
        {
            throw DomainException.Conflict(FinanceRefusals.EnterpriseOtherCity(Code, DivisionCodes.CityOf(fromCounty)));
        }

        if (s.CountyCode != countyCode || s.Name != name)
        {
            var now = time.GetUtcNow();
            var action = s.CountyCode != countyCode ? $"moved from {s.CountyCode} to {countyCode}" + (s.Name != name ? $", renamed to {name}" : "") : $"renamed to {name}";
            await WriteAsync(s with { Name = name, CountyCode = countyCode, History = s.History.Add(new AuditEntry(now, actor, action)) });
            logger.LogInformation("Enterprise {CreditCode} moved from {From} to {County} by {Actor}", Code, fromCounty, countyCode, actor);
        }

        return View(false);
    }

    private async Task ValidateAsync(string name, string countyCode)
    {
        if (FinanceRefusals.CreditCodeRule(Code) is { } problem)
        {
            throw DomainException.Invalid("creditCode", problem);
        }

        InputLimits.EnsureText("name", name, InputLimits.MaxName, required: true);
        if (!DivisionCodes.IsCounty(countyCode))
        {
            throw DomainException.Invalid("countyCode", "A county code is six digits, e.g. 440883.");
        }

        if (await GrainFactory.GetGrain<ICountyGrain>(countyCode).GetInfoAsync() is null)
        {
            throw DomainException.NotFound($"County {countyCode} is not registered.");
        }
    }

    public Task<EnterpriseView> GetAsync()
    {
        EnsureRegistered();
        return Task.FromResult(View(false));
    }

    public Task<EnterpriseScope> GetScopeAsync()
    {
        EnsureRegistered();
        return Task.FromResult(new EnterpriseScope(state.State.CountyCode!));
    }

    public Task<bool> ExistsAsync() => Task.FromResult(state.State.Name is not null);

    public async Task AddProjectAsync(string projectCode, string projectName, DateTimeOffset since)
    {
        EnsureRegistered();
        if (state.State.Projects.TryGetValue(projectCode, out var existing) && existing.Name == projectName)
        {
            return;
        }

        await WriteAsync(state.State with
        {
            Projects = state.State.Projects.SetItem(projectCode, new OwnedProject(projectCode, projectName, existing?.Since ?? since)),
            History = existing is null
                ? state.State.History.Add(new AuditEntry(time.GetUtcNow(), "project " + projectCode, $"owns project {projectCode} {projectName}"))
                : state.State.History,
        });
    }

    public async Task RemoveProjectAsync(string projectCode)
    {
        EnsureRegistered();
        if (!state.State.Projects.ContainsKey(projectCode))
        {
            return;
        }

        await WriteAsync(state.State with
        {
            Projects = state.State.Projects.Remove(projectCode),
            History = state.State.History.Add(new AuditEntry(time.GetUtcNow(), "project " + projectCode, $"no longer owns project {projectCode}")),
        });
    }

    public async Task AcceptFinancingAsync(FinancingRow row)
    {
        EnsureRegistered();
        if (row.CreditCode != Code)
        {
            throw DomainException.Conflict($"Financing request {row.Id} belongs to {row.CreditCode}, not {Code}.");
        }

        if (state.State.Financing.TryGetValue(row.Id, out var existing) && existing.Version >= row.Version)
        {
            return;
        }

        await WriteAsync(state.State with { Financing = state.State.Financing.SetItem(row.Id, row) });
    }

    private void EnsureRegistered()
    {
        if (state.State.Name is null)
        {
            throw DomainException.NotFound(FinanceRefusals.EnterpriseUnknown(Code));
        }
    }

    private async Task WriteAsync(EnterpriseState next)
    {
        await state.WriteOrRollBackAsync(next);
    }

    private EnterpriseView View(bool created)
    {
        var s = state.State;
        var financing = s.Financing.Values.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToImmutableArray();
        return new EnterpriseView(Code, s.Name!, s.CountyCode!, CreditCodes.HasValidOrganizationCode(Code),
            [.. s.Projects.Values.OrderBy(p => p.Code, StringComparer.Ordinal)], financing,
            financing.Aggregate(FinanceFigures.Empty, (sum, r) => sum.Combine(r.Figures, 1)),
            s.RegisteredAt, s.History, created);
    }
}
