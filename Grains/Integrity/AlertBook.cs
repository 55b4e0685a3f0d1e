using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Liandong.Tenders;

namespace Liandong.Grains.Integrity;

/// <summary>
/// Turns findings into alerts that survive recomputation. An alert's id comes from its indicator, level,
/// subject and scope, so the same lead always has the same id; its evidence hash covers the subject's own
/// facts (value, figures, organisations, processes) but not the fence, which moves with every new process
/// of the city. A reviewed alert stays reviewed while its hash is unchanged; when the evidence changes it
/// opens again, its earlier reviews kept. An open alert the data no longer raise is cleared; a reviewed
/// one keeps its review.
/// </summary>
public static class AlertBook
{
    public static string IdOf(Finding f)
    {
        var key = $"{f.Indicator}|{f.Level}|{f.Subject}|{f.Scope}";
        return $"{f.Indicator}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12]}";
    }

    public static string HashOf(Finding f)
    {
        var text = new StringBuilder()
            .Append(f.Value?.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\n')
            .AppendJoin('\n', f.Evidence.Figures.Where(x => !x.Name.EndsWith("Fence", StringComparison.Ordinal) && x.Name != "topTendererBids").Select(x => $"{x.Name}={x.Value}")).Append('\n')
            .AppendJoin('\n', f.Evidence.Organisations).Append('\n')
            .AppendJoin('\n', f.Evidence.Processes);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>The alerts after a recomputation, and whether anything differs from before.</summary>
    public static (ImmutableDictionary<string, IntegrityFlag> Alerts, bool Changed) Merge(
        ImmutableDictionary<string, IntegrityFlag> current, IEnumerable<Finding> findings, DateTimeOffset now)
    {
        var next = current.ToBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var f in findings)
        {
            var id = IdOf(f);
            if (!seen.Add(id))
            {
                continue;  // one finding per id: the first wins (findings are produced in a stable order)
            }

            var hash = HashOf(f);
            var info = IndicatorCatalog.Get(f.Indicator);
            if (!current.TryGetValue(id, out var alert))
            {
                next[id] = new IntegrityFlag(id, f, info.Basis, info.Severity, FlagStatus.Open, hash, [], now, now);
                changed = true;
                continue;
            }

            if (alert.EvidenceHash == hash)
            {
                // Same evidence: keep the status (a review stands); refresh the fence and place shown beside it.
                var status = alert.Status == FlagStatus.Cleared ? FlagStatus.Open : alert.Status;
                if (!SameShown(alert.Finding, f) || status != alert.Status)
                {
                    next[id] = alert with { Finding = f, Status = status, UpdatedAt = now };
                    changed = true;
                }

                continue;
            }

            next[id] = alert with { Finding = f, Status = FlagStatus.Open, EvidenceHash = hash, UpdatedAt = now };
            changed = true;
        }

        foreach (var (id, alert) in current)
        {
            if (!seen.Contains(id) && alert.Status == FlagStatus.Open)
            {
                next[id] = alert with { Status = FlagStatus.Cleared, UpdatedAt = now };
                changed = true;
            }
        }

        return (next.ToImmutable(), changed);
    }

    /// <summary>Whether two findings with the same evidence hash also show the same fence and place (records holding arrays never compare equal).</summary>
    private static bool SameShown(Finding a, Finding b) =>
        a.Evidence.Fence == b.Evidence.Fence && a.CountyCode == b.CountyCode && a.ProjectCode == b.ProjectCode && a.Ocid == b.Ocid && a.TenderId == b.TenderId;

    /// <summary>An inspector's review: confirmed or dismissed, with the note and who and when; a cleared alert cannot be reviewed.</summary>
    public static IntegrityFlag Review(IntegrityFlag alert, ReviewOutcome outcome, string note, string actor, DateTimeOffset now)
    {
        if (alert.Status == FlagStatus.Cleared)
        {
            throw DomainException.Conflict($"Alert {alert.Id} was cleared by later data; there is nothing to review.");
        }

        return alert with
        {
            Status = outcome == ReviewOutcome.Confirmed ? FlagStatus.Confirmed : FlagStatus.Dismissed,
            Reviews = alert.Reviews.Add(new FlagReview(outcome, note, actor, now, alert.EvidenceHash)),
            UpdatedAt = now,
        };
    }
}
