namespace Liandong.Storage.Tests;

/// <summary>What the test grains persist: a note and how many writes made it.</summary>
[GenerateSerializer, Immutable, Alias("Liandong.Storage.Tests.Note")]
public sealed record Note([property: Id(0)] string Text, [property: Id(1)] int Writes)
{
    public static Note Empty { get; } = new(string.Empty, 0);
}

/// <summary>A grain whose state is named "alpha".</summary>
[Alias("Liandong.Storage.Tests.IAlphaGrain")]
public interface IAlphaGrain : IGrainWithStringKey
{
    /// <summary>Persists the text, then acknowledges.</summary>
    Task WriteAsync(string text);

    /// <summary>The persisted note.</summary>
    Task<Note> ReadAsync();
}

/// <summary>A second grain type, with its own state name "beta".</summary>
[Alias("Liandong.Storage.Tests.IBetaGrain")]
public interface IBetaGrain : IGrainWithStringKey
{
    Task WriteAsync(string text);

    Task<Note> ReadAsync();
}

/// <summary>Two grain types that break the rule and share the state name "shared" (Orleans issue #9737).</summary>
[Alias("Liandong.Storage.Tests.ISharingOneGrain")]
public interface ISharingOneGrain : IGrainWithStringKey
{
    Task WriteAsync(string text);

    Task<Note> ReadAsync();
}

[Alias("Liandong.Storage.Tests.ISharingTwoGrain")]
public interface ISharingTwoGrain : IGrainWithStringKey
{
    Task WriteAsync(string text);

    Task<Note> ReadAsync();
}

/// <summary>Registers a durable reminder and counts, in persisted state, how often it fired.</summary>
[Alias("Liandong.Storage.Tests.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync(string name);

    /// <summary>The reminders the reminder service holds for this grain.</summary>
    Task<string[]> GetReminderNamesAsync();

    /// <summary>How many ticks the grain has persisted.</summary>
    Task<int> GetTicksAsync();
}

/// <summary>Shared body of the note grains: write before acknowledging.</summary>
public abstract class NoteGrain(IPersistentState<Note> state) : Grain
{
    public async Task WriteAsync(string text)
    {
        state.State = new Note(text, state.State.Writes + 1);
        await state.WriteStateAsync();
    }

    public Task<Note> ReadAsync() => Task.FromResult(state.State);
}

public sealed class AlphaGrain([PersistentState("alpha", StorageNames.Main)] IPersistentState<Note> state)
    : NoteGrain(state), IAlphaGrain;

public sealed class BetaGrain([PersistentState("beta", StorageNames.Main)] IPersistentState<Note> state)
    : NoteGrain(state), IBetaGrain;

public sealed class SharingOneGrain([PersistentState("shared", StorageNames.Main)] IPersistentState<Note> state)
    : NoteGrain(state), ISharingOneGrain;

public sealed class SharingTwoGrain([PersistentState("shared", StorageNames.Main)] IPersistentState<Note> state)
    : NoteGrain(state), ISharingTwoGrain;

public sealed class ReminderProbeGrain([PersistentState("reminder-probe", StorageNames.Main)] IPersistentState<Note> state)
    : Grain, IReminderProbeGrain, IRemindable
{
    public async Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(name, dueTime, period);

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name)
            ?? throw new InvalidOperationException($"No reminder {name} to unregister.");
        await this.UnregisterReminder(reminder);
    }

    public async Task<string[]> GetReminderNamesAsync() =>
        [.. (await this.GetReminders()).Select(r => r.ReminderName)];

    public Task<int> GetTicksAsync() => Task.FromResult(state.State.Writes);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State = new Note(reminderName, state.State.Writes + 1);
        await state.WriteStateAsync();
    }
}
