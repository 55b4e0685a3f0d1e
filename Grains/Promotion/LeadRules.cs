using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Promotion;

namespace Liandong.Grains.Promotion;

/// <summary>The rules of a lead: what a valid draft and stage move are, its deadlines, and the figures it rolls up.</summary>
public static class LeadRules
{
    /// <summary>Checks a draft's fields; the first problem is a 400 naming its field.</summary>
    public static void Validate(LeadDraft d, DateOnly today)
    {
        if (!DivisionCodes.IsCounty(d.CountyCode))
        {
            throw DomainException.Invalid("countyCode", PromotionRefusals.CountyCode);
        }

        Text("name", d.Name, PromotionLimits.MaxName);
        Text("investor", d.Investor, PromotionLimits.MaxName);
        Text("industryChain", d.IndustryChain, 64);
        Amount("plannedInvestment", d.PlannedInvestment, required: true);
        Amount("fixedAssetInvestment", d.FixedAssetInvestment);
        Measure("landMu", PromotionLimits.MeasureRule(d.LandMu, PromotionLimits.MaxLandMu, PromotionLimits.LandUnit));
        Measure("energy", PromotionLimits.MeasureRule(d.Energy, PromotionLimits.MaxAmount, PromotionLimits.EnergyUnit));
        Amount("expectedOutput", d.ExpectedOutput);
        Amount("expectedTax", d.ExpectedTax);
        if (PromotionLimits.FixedAssetRule(d.FixedAssetInvestment, d.PlannedInvestment) is { } fixedAsset)
        {
            throw DomainException.Invalid("fixedAssetInvestment", fixedAsset);
        }

        if (PromotionLimits.ReceivedDateRule(d.ReceivedDate, today) is { } received)
        {
            throw DomainException.Invalid("receivedDate", received);
        }

        if (d.ReferrerId is not null && !ReferrerIds.IsValid(d.ReferrerId))
        {
            throw DomainException.Invalid("referrerId", PromotionRefusals.ReferrerId);
        }

        if (d.ReferrerId is not null && ReferrerIds.CityOf(d.ReferrerId) != DivisionCodes.CityOf(d.CountyCode))
        {
            throw DomainException.Invalid("referrerId", PromotionRefusals.ReferrerCity);
        }

        if (PromotionLimits.LeaderIdRule(d.ResponsibleLeaderId) is { } leader)
        {
            throw DomainException.Invalid("responsibleLeaderId", leader);
        }
    }

    /// <summary>Checks a stage move against the lead as it stands: a skipped or backward stage is a conflict, an early date invalid.</summary>
    public static void ValidateMove(LeadState s, StageMove m, DateOnly today)
    {
        var current = s.Stage;
        if (s.Closed)
        {
            throw DomainException.Conflict(PromotionRefusals.Closed(Name(current)));
        }

        if (m.Stage == LeadStage.Dropped)
        {
            if (current >= LeadStage.Started)
            {
                throw DomainException.Conflict(PromotionRefusals.DropStarted);
            }

            if (string.IsNullOrWhiteSpace(m.Note))
            {
                throw DomainException.Invalid("note", PromotionRefusals.DropReason);
            }
        }
        else if (m.Stage != current + 1)
        {
            throw DomainException.Conflict(m.Stage <= current
                ? PromotionRefusals.Already(Name(current))
                : PromotionRefusals.Skipped(Name(current), Name(current + 1)));
        }

        if (m.Date < s.StageDate)
        {
            throw DomainException.Invalid("date", PromotionRefusals.DateBeforeStage(s.StageDate));
        }

        if (m.Date > today)
        {
            throw DomainException.Invalid("date", PromotionRefusals.DateInFuture);
        }

        if (m.Note is { Length: > PromotionLimits.MaxNote })
        {
            throw DomainException.Invalid("note", PromotionRefusals.NoteAtMost);
        }

        if (m.Stage == LeadStage.Signed)
        {
            Amount("signedAmount", m.SignedAmount, required: true);
        }
        else if (m.SignedAmount is not null)
        {
            throw DomainException.Invalid("signedAmount", PromotionRefusals.SignedOnlySigned);
        }

        if (m.CreditCode is not null)
        {
            if (m.Stage != LeadStage.Registered)
            {
                throw DomainException.Invalid("creditCode", PromotionRefusals.CreditOnlyRegistered);
            }

            if (CreditCodes.Problem(m.CreditCode) is { } problem)
            {
                throw DomainException.Invalid("creditCode", PromotionRefusals.CreditCode(problem));
            }
        }

        if (m.FundsArrived is not null)
        {
            Amount("fundsArrived", m.FundsArrived);
            var after = m.Stage == LeadStage.Dropped ? current : m.Stage;
            if (after < LeadStage.Signed)
            {
                throw DomainException.Invalid("fundsArrived", PromotionRefusals.FundsBeforeSigned);
            }

            if (m.FundsArrived < s.FundsArrived)
            {
                throw DomainException.Invalid("fundsArrived", PromotionRefusals.FundsBelow(s.FundsArrived));
            }
        }
    }

    /// <summary>The lead's timed-handling deadlines as of <paramref name="today"/>; none once it is producing or dropped.</summary>
    public static ImmutableArray<LeadDeadline> Deadlines(LeadState s, PromotionRules rules, DateOnly today)
    {
        if (!s.Created || s.Closed)
        {
            return [];
        }

        var d = s.Draft!;
        var received = d.ReceivedDate;
        var movedOn = s.Stages.FirstOrDefault(e => e.Stage != LeadStage.Contact)?.Date;
        DateOnly? FirstFollowUp(FollowUpKind kind) => s.FollowUps.Where(f => f.Kind == kind).Select(f => (DateOnly?)f.Date).Min();
        LeadDeadline Of(FollowUpKind kind, DateOnly due, DateOnly? met) => new(kind, due, met, met is null && today > due);

        var result = ImmutableArray.CreateBuilder<LeadDeadline>();

        // Moving past contact is itself a response and an assessment.
        result.Add(Of(FollowUpKind.Response, received.AddDays(rules.RespondDays), Earliest(FirstFollowUp(FollowUpKind.Response), movedOn)));
        var assessDays = d.PlannedInvestment >= rules.LargeLeadThreshold ? rules.AssessDaysLarge : rules.AssessDays;
        result.Add(Of(FollowUpKind.Assessment, received.AddDays(assessDays), Earliest(FirstFollowUp(FollowUpKind.Assessment), movedOn)));
        if (d.ReferrerId is not null)
        {
            result.Add(Of(FollowUpKind.Feedback, received.AddDays(rules.FeedbackDays), FirstFollowUp(FollowUpKind.Feedback)));
        }

        if (s.Stage == LeadStage.Negotiating)
        {
            var since = s.Stages[^1].Date;
            var last = s.FollowUps.Where(f => f.Kind == FollowUpKind.Progress && f.Date >= since).Select(f => (DateOnly?)f.Date).Max();
            var due = (last ?? since).AddDays(rules.ProgressDays);
            result.Add(new LeadDeadline(FollowUpKind.Progress, due, null, today > due));
        }

        return result.ToImmutable();
    }

    public static bool IsOverdue(LeadState s, PromotionRules rules, DateOnly today) => Deadlines(s, rules, today).Any(x => x.Overdue);

    /// <summary>Signed (or registered) and not started within the city's limit: "signing is only the start".</summary>
    public static bool IsStalled(LeadState s, PromotionRules rules, DateOnly today)
    {
        if (s.Stage is not (LeadStage.Signed or LeadStage.Registered))
        {
            return false;
        }

        var signed = s.Stages.First(e => e.Stage == LeadStage.Signed).Date;
        return today > signed.AddMonths(rules.StartWithinMonths);
    }

    /// <summary>The lead's own figures: one event per stage reached, the amount signed, the funds as they arrived, and its flags.</summary>
    public static PromotionFigures Figures(LeadState s)
    {
        if (!s.Created)
        {
            return PromotionFigures.Empty;
        }

        var figures = PromotionFigures.Empty.WithEvent(LeadStage.Contact, s.Draft!.ReceivedDate);
        var funds = 0m;
        foreach (var e in s.Stages)
        {
            var arrived = e.FundsArrived is { } total ? total - funds : 0m;
            funds = e.FundsArrived ?? funds;
            figures = e.Stage == LeadStage.Contact
                ? figures
                : figures.WithEvent(e.Stage, e.Date, e.SignedAmount ?? 0m, arrived);
        }

        return figures with { Overdue = s.Overdue ? 1 : 0, Stalled = s.Stalled ? 1 : 0 };
    }

    public static string Name(LeadStage stage) => stage switch
    {
        LeadStage.Contact => "contact",
        LeadStage.Negotiating => "negotiating",
        LeadStage.Signed => "signed",
        LeadStage.Registered => "registered",
        LeadStage.Started => "started",
        LeadStage.Producing => "producing",
        _ => "dropped",
    };

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private static void Text(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Invalid(field, PromotionRefusals.Required);
        }

        if (value.Length > max)
        {
            throw DomainException.Invalid(field, PromotionRefusals.AtMost(max));
        }
    }

    private static void Measure(string field, RuleText? problem)
    {
        if (problem is not null)
        {
            throw DomainException.Invalid(field, problem);
        }
    }

    private static void Amount(string field, decimal? value, bool required = false, decimal max = PromotionLimits.MaxAmount)
    {
        if (PromotionLimits.AmountRule(value, required, max) is { } problem)
        {
            throw DomainException.Invalid(field, problem);
        }
    }
}
