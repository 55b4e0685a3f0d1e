using System.Text.Json;
using System.Text.Json.Nodes;
using Liandong.StoredState;

namespace Liandong.Storage.Tests.StoredState;

/// <summary>
/// Upgrades keep state (docs/upgrades.md): the grain states an earlier release stored, kept as fixtures, read back
/// by today's code with the same meaning. A stored record whose [Id] is removed, reused or retyped fails here, and
/// so does a persistent state with no fixture yet.
/// </summary>
public sealed class StoredStateCompatibilityTests
{
    /// <summary>Where the fixtures are in the repository (the tool writes there) and beside the test assembly (copied at build).</summary>
    private const string SourceDirectory = "tests/Storage.Tests/StoredState/Fixtures";

    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "StoredState", "Fixtures");

    public static TheoryData<string> Fixtures() =>
        new(System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    [Fact]
    public void EveryPersistentStateOfEveryGrainHasAStoredFixture()
    {
        var states = StoredStateFormat.PersistentStates();
        Assert.NotEmpty(states);
        var missing = states.Keys.Where(name => !File.Exists(StoredStateFormat.FixtureFile(Directory, name))).ToList();
        Assert.True(missing.Count == 0,
            $"No stored-state fixture for {string.Join(", ", missing.Select(m => $"'{m}' ({states[m].FullName})"))}. "
            + $"Run tools/add-state-fixtures.sh: it makes a demo database with this checkout's silo and adds {SourceDirectory}/{{state}}.json "
            + "for every state that has none, leaving the others alone; commit the new files. "
            + "If the demo writes no row of the new state, make the demo (Silo/Demo) write one first. See docs/upgrades.md.");
    }

    [Fact]
    public void EveryFixtureBelongsToAStateAGrainStillDeclares()
    {
        var states = StoredStateFormat.PersistentStates();
        var orphans = System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Where(f => !states.ContainsKey(f!)).ToList();
        Assert.True(orphans.Count == 0,
            $"Fixtures for states no grain declares any more: {string.Join(", ", orphans)}. A state name is the key of stored rows: "
            + "renaming it in [PersistentState] orphans every row of it (docs/upgrades.md). Keep the name; delete a fixture only when the grain type is retired on purpose.");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void TodaysCodeReadsTheStoredStateWithTheSameMeaning(string stateName)
    {
        var fixture = JsonSerializer.Deserialize<StateFixture>(File.ReadAllText(StoredStateFormat.FixtureFile(Directory, stateName)), StoredStateFormat.Json)!;
        Assert.True(StoredStateFormat.PersistentStates().TryGetValue(stateName, out var type), $"no grain declares state '{stateName}' any more");
        Assert.True(StoredStateFormat.TypeName(type) == fixture.StateType,
            $"State '{stateName}' was stored as {fixture.StateType} and is now read as {StoredStateFormat.TypeName(type!)}: "
            + "a state keeps its type (or the type keeps its [Alias]).");

        object? state;
        try
        {
            state = StoredStateFormat.Deserialize(StoredStateFormat.StorageSerializer(), type!, Convert.FromBase64String(fixture.Payload));
        }
        catch (Exception e)
        {
            Assert.Fail($"Today's code cannot read the stored '{stateName}' ({fixture.Source}): {e.GetType().Name}: {e.Message}. "
                + "An [Id] was probably retyped or reused; give the new member a new [Id] (docs/upgrades.md).");
            return;
        }

        var schema = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
        var actual = StoredStateFormat.Render(state, schema);

        // Each [Id] keeps its member's type and name.
        var changed = new List<string>();
        foreach (var (record, members) in fixture.Schema)
        {
            if (!schema.TryGetValue(record, out var now))
            {
                continue; // not reached today: the value comparison below says why
            }

            foreach (var (id, was) in members)
            {
                if (!now.TryGetValue(id, out var current))
                {
                    changed.Add($"{record} [Id({id})] '{was}' is gone: never remove a stored member (mark it [Obsolete] and keep it)");
                }
                else if (current != was)
                {
                    var (wasName, wasType) = Split(was);
                    var (name, currentType) = Split(current);
                    changed.Add(wasType != currentType
                        ? $"{record} [Id({id})] was '{was}', now '{current}': never retype or reuse an [Id]; add the new member under a new [Id]"
                        : $"{record} [Id({id})] was '{wasName}', now '{name}': if this is only a rename with the same meaning, "
                            + $"change the name in {SourceDirectory}/{stateName}.json \"schema\" by hand in the same commit; if it is a new member, give it a new [Id]");
                }
            }
        }

        Assert.True(changed.Count == 0, $"Stored '{stateName}' ({fixture.Source}):\n" + string.Join("\n", changed));

        var differences = StoredStateFormat.Differences(fixture.Expected, actual, stateName).ToList();
        Assert.True(differences.Count == 0,
            $"Today's code reads the stored '{stateName}' ({fixture.Source}) with another meaning:\n" + string.Join("\n", differences.Take(20)));
    }

    private static (string Name, string Type) Split(string member)
    {
        var colon = member.IndexOf(": ", StringComparison.Ordinal);
        return (member[..colon], member[(colon + 2)..]);
    }
}
