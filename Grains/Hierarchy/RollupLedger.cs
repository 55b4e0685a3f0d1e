using System.Collections.Immutable;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Hierarchy;

/// <summary>
/// What a city, county or town knows of its children, with no grain around it: each child's latest versioned
/// snapshot (held in a <see cref="DivisionState"/>), the totals that are their sum, and the overview officials read,
/// built once per state. Pure: it neither writes nor calls, so it is tested without a cluster.
/// </summary>
public sealed class RollupLedger(DivisionLevel level, string code)
{
    private (DivisionState State, int Year, int Month, bool WithProjects, DivisionOverview Overview)? _overview;

    // Children whose latest snapshot said they were still rebuilding after a crash. Kept in memory only: the flag is
    // about the present, and a rebuild asks every child again.
    private readonly HashSet<string> _rebuildingChildren = new(StringComparer.Ordinal);

    /// <summary>The division's state as it stands in memory: what the next write persists.</summary>
    public DivisionState State { get; private set; } = DivisionState.Empty;

    /// <summary>The sum of the children's latest figures.</summary>
    public Figures Total { get; private set; } = Figures.Empty;

    /// <summary>Starts from a stored state; the totals are derived from its children.</summary>
    public void Load(DivisionState state)
    {
        State = state;
        Total = state.SumOfChildren();
    }

    /// <summary>Replaces the state with one whose children's figures are the same (a profile, a flag, a version).</summary>
    public void Update(DivisionState next) => State = next;

    /// <summary>Whether a child's latest figures are partial: it said it was still rebuilding them.</summary>
    public bool AnyChildRebuilding => _rebuildingChildren.Count > 0;

    /// <summary>Whether a child is listed (a rebuild asks only the children listed).</summary>
    public bool Knows(string childCode) => State.Children.ContainsKey(childCode);

    /// <summary>Lists a child with no figures yet, or renames it; false if it is already listed under that name.</summary>
    public bool List(string childCode, string name)
    {
        State.Children.TryGetValue(childCode, out var existing);
        if (existing is not null && existing.Name == name)
        {
            return false;
        }

        var entry = existing is null ? new ChildEntry(name, 0, Figures.Empty, null, null) : existing with { Name = name };
        State = State with { Children = State.Children.SetItem(childCode, entry) };
        return true;
    }

    /// <summary>
    /// Takes a child's snapshot into the totals, and counts the change in the division's version. A snapshot no newer
    /// than the one held (stale, or a repeat) changes nothing: the answer is false.
    /// </summary>
    public bool Apply(ChildSnapshot snapshot)
    {
        var children = State.Children;
        children.TryGetValue(snapshot.Code, out var existing);
        if (existing is not null && existing.Version >= snapshot.Version)
        {
            return false;
        }

        if (snapshot.Rebuilding)
        {
            _rebuildingChildren.Add(snapshot.Code);
        }
        else
        {
            _rebuildingChildren.Remove(snapshot.Code);
        }

        var entry = new ChildEntry(snapshot.Name, snapshot.Version, snapshot.Figures, snapshot.Category, snapshot.Stage);
        Total = Total.Subtract(existing?.Figures ?? Figures.Empty).Add(snapshot.Figures);
        State = State with { Children = children.SetItem(snapshot.Code, entry), Version = State.Version + 1 };
        return true;
    }

    /// <summary>The division's own figures as its parent keeps them; null while it is not registered.</summary>
    public ChildSnapshot? Snapshot() => State.Name is null ? null : new ChildSnapshot(code, State.Name, State.Version, Total);

    /// <summary>
    /// The overview of a period: the totals with each child's (a county, a city) or each project's row (a town).
    /// Overviews are read far more often than a division changes, so the last one is kept until the state changes.
    /// </summary>
    public DivisionOverview Overview(int year, int month, bool withProjects)
    {
        if (_overview is { } cached && ReferenceEquals(cached.State, State) && cached.Year == year && cached.Month == month
            && cached.WithProjects == withProjects)
        {
            return cached.Overview;
        }

        var overview = BuildOverview(year, month, withProjects);
        _overview = (State, year, month, withProjects, overview);
        return overview;
    }

    private DivisionOverview BuildOverview(int year, int month, bool withProjects)
    {
        var children = State.Children
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var childTotals = withProjects
            ? []
            : children.Select(c => new ChildTotals(c.Key, c.Value.Name, Totals.From(c.Value.Figures, year, month))).ToImmutableArray();
        var projects = withProjects
            ? children.Select(c => ProjectRowOf(c.Key, c.Value, year, month)).ToImmutableArray()
            : [];
        return new DivisionOverview(level, code, State.Name!, State.ParentCode, Totals.From(Total, year, month), childTotals, projects)
        {
            Finance = Total.Finance,
            Factors = Total.Factors,
        };
    }

    private static ProjectRow ProjectRowOf(string code, ChildEntry entry, int year, int month)
    {
        var y = entry.Figures.Year(year);
        var light = y.Red[month - 1] > 0 ? Light.Red : y.Yellow[month - 1] > 0 ? Light.Yellow : y.Green[month - 1] > 0 ? Light.Green : (Light?)null;
        return new ProjectRow(code, entry.Name, entry.Category ?? ProjectCategory.Infrastructure, entry.Stage ?? ProjectStage.Reserve,
            light, y.YearToDate(month), y.AnnualPlan);
    }
}
