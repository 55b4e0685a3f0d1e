using Liandong.Promotion;

namespace Liandong.Grains.Promotion;

/// <summary>Investment promotion settings of a deployment (one city): its timed-handling rules and how often leads wake to check them.</summary>
public sealed class PromotionOptions
{
    /// <summary>How often an open lead wakes (on a durable reminder) to compare the clock with its deadlines.</summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromHours(1);

    public int RespondDays { get; set; } = PromotionRules.Default.RespondDays;

    public int AssessDays { get; set; } = PromotionRules.Default.AssessDays;

    public int AssessDaysLarge { get; set; } = PromotionRules.Default.AssessDaysLarge;

    public decimal LargeLeadThreshold { get; set; } = PromotionRules.Default.LargeLeadThreshold;

    public int FeedbackDays { get; set; } = PromotionRules.Default.FeedbackDays;

    public int ProgressDays { get; set; } = PromotionRules.Default.ProgressDays;

    public int StartWithinMonths { get; set; } = PromotionRules.Default.StartWithinMonths;

    public PromotionRules Rules => new(RespondDays, AssessDays, AssessDaysLarge, LargeLeadThreshold, FeedbackDays, ProgressDays, StartWithinMonths);
}
