using System.Collections.Immutable;
using Liandong.Grains.Hierarchy;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests;

/// <summary>The roll-up ledger on its own: no cluster, no storage, only children's snapshots and their sum.</summary>
public sealed class RollupLedgerTests
{
    private static Figures Project(decimal plan, params decimal[] months)
    {
        var monthly = new decimal[12];
        var counts = new int[12];
        var green = new int[12];
        for (var i = 0; i < months.Length; i++)
        {
            monthly[i] = months[i];
            counts[i] = 1;
            green[i] = 1;
        }

        var zero = ImmutableArray.Create(new int[12]);
        var stages = ImmutableArray.Create(new[] { 0, 0, 1, 0, 0, 0 });
        return new Figures(1, 1000m, stages, ImmutableDictionary<int, YearFigures>.Empty.Add(2023,
            new YearFigures(plan, ImmutableArray.Create(monthly), ImmutableArray.Create(counts), ImmutableArray.Create(green), zero, zero)));
    }

    private static RollupLedger Town()
    {
        var ledger = new RollupLedger(DivisionLevel.Town, "440803001");
        ledger.Load(DivisionState.Empty with { Name = "测试镇", ParentCode = "440803", Version = 1 });
        return ledger;
    }

    [Fact]
    public void ASnapshotIsAddedToTheTotalsAndCountsAsAChange()
    {
        var ledger = Town();
        Assert.True(ledger.Apply(new ChildSnapshot("P1", "项目一", 1, Project(1200m, 100m, 50m))));
        Assert.True(ledger.Apply(new ChildSnapshot("P2", "项目二", 1, Project(600m, 10m))));

        Assert.Equal(2, ledger.Total.ProjectCount);
        Assert.Equal(160m, Totals.From(ledger.Total, 2023, 2).CompletedYtd);
        Assert.Equal(3, ledger.State.Version);
        Assert.Equal(2, ledger.State.Children.Count);
    }

    [Fact]
    public void AChildThatSaysItIsRebuildingMarksTheTotalsPartialUntilItsNextSnapshot()
    {
        var ledger = Town();
        Assert.True(ledger.Apply(new ChildSnapshot("P1", "项目一", 1, Project(1200m, 100m), Rebuilding: true)));
        Assert.True(ledger.AnyChildRebuilding);

        // A repeat of the same version changes nothing, flag included.
        Assert.False(ledger.Apply(new ChildSnapshot("P1", "项目一", 1, Project(1200m, 100m))));
        Assert.True(ledger.AnyChildRebuilding);

        Assert.True(ledger.Apply(new ChildSnapshot("P1", "项目一", 2, Project(1200m, 100m))));
        Assert.False(ledger.AnyChildRebuilding);
    }

    [Fact]
    public void ANewerSnapshotReplacesTheChildsFiguresInsteadOfAddingToThem()
    {
        var ledger = Town();
        ledger.Apply(new ChildSnapshot("P1", "项目一", 1, Project(1200m, 100m)));
        Assert.True(ledger.Apply(new ChildSnapshot("P1", "项目一", 2, Project(1200m, 40m))));

        Assert.Equal(1, ledger.Total.ProjectCount);
        Assert.Equal(40m, Totals.From(ledger.Total, 2023, 1).CompletedYtd);
    }

    [Fact]
    public void AStaleOrRepeatedSnapshotChangesNothing()
    {
        var ledger = Town();
        ledger.Apply(new ChildSnapshot("P1", "项目一", 5, Project(1200m, 100m)));
        var before = ledger.State;

        Assert.False(ledger.Apply(new ChildSnapshot("P1", "项目一", 5, Project(1200m, 999m))));
        Assert.False(ledger.Apply(new ChildSnapshot("P1", "项目一", 4, Project(1200m, 1m))));

        Assert.Same(before, ledger.State);
        Assert.Equal(100m, Totals.From(ledger.Total, 2023, 1).CompletedYtd);
    }

    [Fact]
    public void LoadingAStoredStateDerivesTheTotalsFromItsChildren()
    {
        var first = Town();
        first.Apply(new ChildSnapshot("P1", "项目一", 1, Project(1200m, 100m)));
        first.Apply(new ChildSnapshot("P2", "项目二", 1, Project(600m, 20m)));

        var reloaded = new RollupLedger(DivisionLevel.Town, "440803001");
        reloaded.Load(first.State);

        Assert.Equal(first.Total.ProjectCount, reloaded.Total.ProjectCount);
        Assert.Equal(Totals.From(first.Total, 2023, 1), Totals.From(reloaded.Total, 2023, 1));
        Assert.Equal(120m, Totals.From(reloaded.Total, 2023, 1).CompletedYtd);
    }

    [Fact]
    public void ListingAChildShowsItWithZerosAndARenameKeepsItsFigures()
    {
        var ledger = Town();
        Assert.True(ledger.List("P1", "项目一"));
        Assert.False(ledger.List("P1", "项目一"));
        Assert.True(ledger.Knows("P1"));
        Assert.False(ledger.Knows("P2"));
        Assert.Equal(0, ledger.Total.ProjectCount);

        ledger.Apply(new ChildSnapshot("P1", "项目一", 1, Project(1200m, 100m)));
        Assert.True(ledger.List("P1", "项目一（更名）"));
        Assert.Equal("项目一（更名）", ledger.State.Children["P1"].Name);
        Assert.Equal(100m, Totals.From(ledger.State.Children["P1"].Figures, 2023, 1).CompletedYtd);
    }

    [Fact]
    public void TheOverviewIsKeptUntilTheStateChanges()
    {
        var ledger = Town();
        ledger.Apply(new ChildSnapshot("P2", "项目二", 1, Project(600m, 20m), ProjectCategory.Industry, ProjectStage.NewStart));
        ledger.Apply(new ChildSnapshot("P1", "项目一", 1, Project(1200m, 100m)));

        var overview = ledger.Overview(2023, 1, withProjects: true);
        Assert.Same(overview, ledger.Overview(2023, 1, withProjects: true));
        Assert.NotSame(overview, ledger.Overview(2023, 2, withProjects: true));
        Assert.Equal(["P1", "P2"], overview.Projects.Select(p => p.Code));
        Assert.Equal(ProjectCategory.Industry, overview.Projects[1].Category);
        Assert.Equal(Light.Green, overview.Projects[0].Light);
        Assert.Equal(120m, overview.Totals.CompletedYtd);

        ledger.Apply(new ChildSnapshot("P1", "项目一", 2, Project(1200m, 150m)));
        var changed = ledger.Overview(2023, 1, withProjects: true);
        Assert.NotSame(overview, changed);
        Assert.Equal(170m, changed.Totals.CompletedYtd);
    }

    [Fact]
    public void ACountyOverviewListsItsChildrensTotalsAndTheSnapshotCarriesTheSum()
    {
        var ledger = new RollupLedger(DivisionLevel.County, "440803");
        Assert.Null(ledger.Snapshot());
        ledger.Load(DivisionState.Empty with { Name = "测试县", ParentCode = "440800", Version = 1 });
        ledger.Apply(new ChildSnapshot("440803001", "甲镇", 1, Project(1200m, 100m)));
        ledger.Apply(new ChildSnapshot("440803002", "乙镇", 1, Project(600m, 30m)));

        var overview = ledger.Overview(2023, 1, withProjects: false);
        Assert.Empty(overview.Projects);
        Assert.Equal([100m, 30m], overview.Children.Select(c => c.Totals.CompletedYtd));

        var snapshot = ledger.Snapshot()!;
        Assert.Equal("440803", snapshot.Code);
        Assert.Equal(ledger.State.Version, snapshot.Version);
        Assert.Equal(130m, Totals.From(snapshot.Figures, 2023, 1).CompletedYtd);
    }
}
