using System.Collections.Immutable;
using Liandong.Grains.Coordination;
using Liandong.Tasks;

namespace Liandong.Grains.Tasks;

/// <summary>
/// The work list of one owner (a division, department, bank or enterprise): every task its grains told it about,
/// open or done, by id. Reading it is one grain call; nothing is scanned. A push older than the version held changes
/// nothing, so the owners may push again after a failure or a restart.
/// </summary>
public sealed class TaskIndexGrain(
    [PersistentState("taskIndex", StorageNames.Main)] IPersistentState<SummaryIndexState<WorkTask>> state,
    TimeProvider time) : Grain, ITaskIndexGrain
{
    public async Task TrackAsync(ImmutableArray<WorkTask> tasks)
    {
        var previous = state.State;
        var entries = previous.Entries;
        foreach (var task in tasks)
        {
            if (entries.TryGetValue(task.Id, out var held) && held.Version >= task.Version)
            {
                continue;
            }

            // A closed task nobody knew as open needs no place in the list.
            entries = !task.Open && held is null ? entries : entries.SetItem(task.Id, task);
        }

        if (ReferenceEquals(entries, previous.Entries))
        {
            return;
        }

        state.State = previous with { Entries = entries };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    public Task<ImmutableArray<TaskItem>> ListAsync()
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return Task.FromResult(state.State.Entries.Values
            .Where(t => t.Open)
            .OrderBy(t => t.DueDate ?? DateOnly.MaxValue).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Select(t => new TaskItem(t.Kind, t.SubjectId, t.Title, t.DueDate, t.DueDate is { } due && due < today, t.Link))
            .ToImmutableArray());
    }
}
