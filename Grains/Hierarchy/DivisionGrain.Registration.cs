using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Hierarchy;

/// <summary>A division's profile and its list of children: written at once, since a rebuild can only ask the children it lists.</summary>
public abstract partial class DivisionGrain
{
    public Task<DivisionInfo?> GetInfoAsync() =>
        Task.FromResult(State.Name is null ? null : new DivisionInfo(Level, Code, State.Name, State.ParentCode, false));

    /// <summary>Whether a code may be a child of this division.</summary>
    protected abstract bool IsChildCode(string childCode);

    /// <summary>Registers the division, or renames it; registering under another parent is a conflict.</summary>
    protected async Task<DivisionInfo> RegisterCoreAsync(string name, string? parentCode, string actor, Func<Task>? announce)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw DomainException.Invalid("name", "Name is required.");
        }

        if (State.Name is not null && State.ParentCode != parentCode)
        {
            throw DomainException.Conflict($"{Code} is already registered under {State.ParentCode}.");
        }

        var created = State.Name is null;
        if (created || State.Name != name)
        {
            var now = Time.GetUtcNow();
            Update(State with
            {
                Name = name,
                ParentCode = parentCode,
                Version = State.Version + 1,
                History = State.History.Add(new AuditEntry(now, actor, created ? $"registered {name}" : $"renamed to {name}")),
            });
            await EnsurePersistedAsync();
            SchedulePush();
        }

        if (announce is not null)
        {
            await announce();
        }

        return new DivisionInfo(Level, Code, name, parentCode, created);
    }

    /// <summary>Lists a child with no figures yet, so that a new county or town shows with zeros.</summary>
    protected async Task AddChildCoreAsync(string childCode, string name)
    {
        if (!IsChildCode(childCode))
        {
            throw DomainException.Conflict($"{childCode} does not belong to {Code}.");
        }

        if (State.Name is null)
        {
            throw DomainException.NotFound($"{Level} {Code} is not registered.");
        }

        if (_ledger.List(childCode, name))
        {
            await EnsurePersistedAsync();
        }
    }

    private void EnsureChild(string childCode)
    {
        if (State.Name is null)
        {
            throw DomainException.NotFound($"{Level} {Code} is not registered.");
        }

        if (!IsChildCode(childCode))
        {
            throw DomainException.Conflict($"{childCode} does not belong to {Code}.");
        }
    }
}
