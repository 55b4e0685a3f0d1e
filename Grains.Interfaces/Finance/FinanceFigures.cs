using System.Collections.Immutable;

namespace Liandong.Finance;

/// <summary>
/// Financing figures (万元) of one request, a project, or everything below a division: the amounts asked
/// for, offered by banks (every offer made, including those that closed when another was accepted),
/// accepted, and paid out, and how many requests they cover.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.FinanceFigures")]
public sealed record FinanceFigures(
    [property: Id(0)] decimal Requested,
    [property: Id(1)] decimal Offered,
    [property: Id(2)] decimal Accepted,
    [property: Id(3)] decimal Disbursed,
    [property: Id(4)] int Count)
{
    /// <summary>For the serializer, so that fields added later read as zero from older rows.</summary>
    public FinanceFigures() : this(0m, 0m, 0m, 0m, 0)
    {
    }

    public static FinanceFigures Empty { get; } = new();

    public FinanceFigures Combine(FinanceFigures other, int sign) => new(
        SafeMath.Add(Requested, other.Requested, sign),
        SafeMath.Add(Offered, other.Offered, sign),
        SafeMath.Add(Accepted, other.Accepted, sign),
        SafeMath.Add(Disbursed, other.Disbursed, sign),
        SafeMath.Add(Count, other.Count, sign));
}

/// <summary>
/// Open factor needs (要素需求 not yet met) of a project or below a division, counted by kind
/// (camelCase kind name) and by responsible department id.
/// </summary>
[GenerateSerializer, Immutable, Alias("Liandong.FactorCounts")]
public sealed record FactorCounts(
    [property: Id(0)] int Open,
    [property: Id(1)] ImmutableDictionary<string, int> ByKind,
    [property: Id(2)] ImmutableDictionary<string, int> ByDepartment)
{
    /// <summary>For the serializer, so that fields added later read as empty from older rows.</summary>
    public FactorCounts() : this(0, ImmutableDictionary<string, int>.Empty, ImmutableDictionary<string, int>.Empty)
    {
    }

    public static FactorCounts Empty { get; } = new();

    /// <summary>The camelCase name a kind is counted under, as in the API.</summary>
    public static string KeyOf(FactorKind kind) => kind switch
    {
        FactorKind.Land => "land",
        FactorKind.Energy => "energy",
        FactorKind.Water => "water",
        FactorKind.Funds => "funds",
        FactorKind.Approval => "approval",
        FactorKind.Labor => "labor",
        _ => kind.ToString(),
    };

    /// <summary>Counts the needs that are not met yet.</summary>
    public static FactorCounts Of(IEnumerable<FactorNeed> needs)
    {
        var counts = Empty;
        foreach (var need in needs.Where(n => n.Status != FactorStatus.Met))
        {
            counts = counts.Combine(new FactorCounts(1,
                ImmutableDictionary<string, int>.Empty.Add(KeyOf(need.Kind), 1),
                ImmutableDictionary<string, int>.Empty.Add(need.DepartmentId, 1)), 1);
        }

        return counts;
    }

    public FactorCounts Combine(FactorCounts other, int sign) =>
        new(SafeMath.Add(Open, other.Open, sign), Merge(ByKind, other.ByKind, sign), Merge(ByDepartment, other.ByDepartment, sign));

    /// <summary>Adds or subtracts counts key by key; a key that reaches zero is dropped, so that add-then-subtract is exact.</summary>
    private static ImmutableDictionary<string, int> Merge(ImmutableDictionary<string, int> a, ImmutableDictionary<string, int> b, int sign)
    {
        if (b.IsEmpty)
        {
            return a;
        }

        var builder = a.ToBuilder();
        foreach (var (key, count) in b)
        {
            var value = SafeMath.Add(builder.GetValueOrDefault(key), count, sign);
            if (value == 0)
            {
                builder.Remove(key);
            }
            else
            {
                builder[key] = value;
            }
        }

        return builder.ToImmutable();
    }
}
