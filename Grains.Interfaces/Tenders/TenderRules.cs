using Liandong.Finance;

namespace Liandong.Tenders;

/// <summary>
/// What a process record must satisfy before it is stored (API.md "Errors": a 400 naming the field).
/// Facts the law frowns on (a short window, a high bond) are not refused: they are what the checks flag.
/// Only what cannot be true is refused: an amount out of range, a window that ends before it starts.
/// </summary>
public static class TenderRules
{
    /// <summary>No procurement of a key project reaches 1,000 亿元 (10,000,000 万元): a larger figure is a typing error.</summary>
    public const decimal MaxAmount = 10_000_000m;

    public const int MaxText = 200;

    /// <summary>The first problem of a record, as (field, message), or null when it may be stored.</summary>
    /// <param name="t">The record.</param>
    /// <param name="imported">Imported releases may lack the windows and the budget; entered open or invited tenders may not.</param>
    public static (string Field, string Message)? Problem(TenderInput t, bool imported) =>
        Rule(t, imported) is { } problem ? (problem.Field, problem.Message.Text) : null;

    /// <summary>The first problem of a record with its keyed message (a portal form shows it in its language), or null when it may be stored.</summary>
    public static (string Field, RuleText Message)? Rule(TenderInput t, bool imported)
    {
        if (t.Ocid is not null && (t.Ocid.Length is 0 or > 128))
        {
            return ("ocid", new RuleText("TenderOcid", "An ocid is 1 to 128 characters."));
        }

        if (string.IsNullOrWhiteSpace(t.Title) || t.Title.Length > MaxText)
        {
            return ("title", new RuleText("TitleRequired", "Title is required (at most {0} characters).", MaxText));
        }

        if (!Enum.IsDefined(t.Kind))
        {
            return ("kind", new RuleText("TenderKind", "Kind is works, goods or services."));
        }

        if (!Enum.IsDefined(t.Method))
        {
            return ("method", new RuleText("TenderMethod", "Method is open, invited, negotiation, singleSource or direct."));
        }

        if (!imported && t.Budget is null)
        {
            return ("budget", new RuleText("TenderBudget", "The budget (万元) is required."));
        }

        if (AmountProblem(t.Budget) is { } budgetProblem)
        {
            return ("budget", budgetProblem);
        }

        if (!imported && t.IsTendered)
        {
            if (t.NoticeDate is null)
            {
                return ("noticeDate", new RuleText("TenderNoticeDate", "The notice date is required for an open or invited tender."));
            }

            if (t.DocumentsFrom is null)
            {
                return ("documentsFrom", new RuleText("TenderDocumentsFrom", "The first day documents are on sale is required for an open or invited tender."));
            }

            if (t.DocumentsTo is null)
            {
                return ("documentsTo", new RuleText("TenderDocumentsTo", "The last day documents are on sale is required for an open or invited tender."));
            }

            if (t.BidDeadline is null)
            {
                return ("bidDeadline", new RuleText("TenderBidDeadline", "The bid deadline is required for an open or invited tender."));
            }
        }

        foreach (var (field, date) in new[]
                 {
                     ("noticeDate", t.NoticeDate), ("documentsFrom", t.DocumentsFrom), ("documentsTo", t.DocumentsTo),
                     ("bidDeadline", t.BidDeadline), ("awardDate", t.AwardDate), ("contractDate", t.ContractDate),
                 })
        {
            if (date is { Year: < 2000 or > 2100 })
            {
                return (field, new RuleText("TenderDateRange", "A date lies between 2000 and 2100."));
            }
        }

        if (t.DocumentsFrom is { } from && t.DocumentsTo is { } to && to < from)
        {
            return ("documentsTo", new RuleText("TenderDocumentsOrder", "Documents cannot stop being on sale before they start."));
        }

        if (t.DocumentsFrom is { } start && t.BidDeadline is { } deadline && deadline < start)
        {
            return ("bidDeadline", new RuleText("TenderDeadlineOrder", "The bid deadline cannot come before documents are on sale."));
        }

        if (t.NoticeDate is { } notice && t.DocumentsFrom is { } sale && sale < notice)
        {
            return ("documentsFrom", new RuleText("TenderSaleBeforeNotice", "Documents cannot be on sale before the notice is published."));
        }

        if (PercentProblem(t.BidBondPercent) is { } bond)
        {
            return ("bidBondPercent", bond);
        }

        if (PercentProblem(t.PerformanceBondPercent) is { } perf)
        {
            return ("performanceBondPercent", perf);
        }

        if (t.Bidders.Length > 200)
        {
            return ("bidders", new RuleText("TenderBidders", "At most {0} bidders.", 200));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < t.Bidders.Length; i++)
        {
            var b = t.Bidders[i];
            var at = $"bidders[{i}]";
            if (string.IsNullOrWhiteSpace(b.Id) || b.Id.Length > 64)
            {
                return ($"{at}.id", new RuleText("TenderBidderId", "A bidder id (the unified social credit code where there is one) is required, at most 64 characters."));
            }

            if (Ids.LooksLikeCreditCode(b.Id) && CreditCodes.Problem(b.Id) is { } credit)
            {
                return ($"{at}.id", new RuleText("CreditCode", "{0}", credit));
            }

            if (!ids.Add(b.Id))
            {
                return ($"{at}.id", new RuleText("TenderBidderTwice", "Bidder {0} is listed twice.", b.Id));
            }

            if (string.IsNullOrWhiteSpace(b.Name) || b.Name.Length > MaxText)
            {
                return ($"{at}.name", new RuleText("TenderBidderName", "The bidder's name is required (at most {0} characters).", MaxText));
            }

            foreach (var (field, text) in new[]
                     {
                         ("legalRepresentative", b.LegalRepresentative), ("contactPhone", b.ContactPhone),
                         ("address", b.Address), ("bondAccount", b.BondAccount),
                     })
            {
                if (text is { Length: > MaxText })
                {
                    return ($"{at}.{field}", new RuleText("AtMost", "At most {0} characters.", MaxText));
                }
            }

            if (AmountProblem(b.Price) is { } price)
            {
                return ($"{at}.price", price);
            }

            if (!Enum.IsDefined(b.Status))
            {
                return ($"{at}.status", new RuleText("TenderBidStatus", "Status is valid, disqualified or withdrawn."));
            }
        }

        if (t.WinnerId is not null && t.Bidders.Length > 0 && !ids.Contains(t.WinnerId))
        {
            return ("winnerId", new RuleText("TenderWinnerNotBidder", "The winner {0} is not one of the bidders.", t.WinnerId));
        }

        if (t.WinnerId is { Length: 0 or > 64 })
        {
            return ("winnerId", new RuleText("TenderWinnerId", "A winner id is 1 to 64 characters."));
        }

        if (AmountProblem(t.AwardPrice) is { } award)
        {
            return ("awardPrice", award);
        }

        if (t.ContractDate is not null && t.AwardDate is { } awarded && t.ContractDate < awarded)
        {
            return ("contractDate", new RuleText("TenderContractOrder", "The contract cannot be signed before the award."));
        }

        if (t.BuyerId is { Length: 0 or > 64 })
        {
            return ("buyerId", new RuleText("TenderBuyerId", "A buyer id is 1 to 64 characters."));
        }

        return null;
    }

    /// <summary>Throws the first problem as a 400 naming its field.</summary>
    public static void Ensure(TenderInput t, bool imported)
    {
        if (Problem(t, imported) is { } p)
        {
            throw DomainException.Invalid(p.Field, p.Message);
        }
    }

    private static RuleText? AmountProblem(decimal? amount) =>
        amount is < 0m or > MaxAmount ? new RuleText("TenderAmount", "An amount (万元) lies between 0 and {0:N0}.", MaxAmount) : null;

    private static RuleText? PercentProblem(decimal? percent) =>
        percent is < 0m or > 100m ? new RuleText("TenderPercent", "A percentage lies between 0 and 100.") : null;

    /// <summary>Whether a tender id is well formed (letters, digits, dots, dashes, underscores).</summary>
    public static bool IsTenderId(string? id) => Ids.IsTenderId(id);
}

/// <summary>Ids of entered processes: T-yyyyMMdd- and six Crockford base-32 characters.</summary>
public static class TenderIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string New(DateTimeOffset now)
    {
        Span<char> suffix = stackalloc char[6];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        }

        return $"T-{now:yyyyMMdd}-{suffix}";
    }
}
