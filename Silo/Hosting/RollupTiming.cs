using Liandong.Grains.Infrastructure;
using Orleans.Configuration;

namespace Liandong.Silo.Hosting;

/// <summary>
/// Configuration section <c>Rollup</c>: how soon the roll-up's safety-net reminder ("rollup-sync") re-pushes
/// figures a parent has not confirmed, e.g. after a silo died between a write and its push.
/// </summary>
public sealed class RollupTimingOptions
{
    public const string SectionName = "Rollup";

    /// <summary>How long after a change the reminder first fires if the push did not get through (default 1 minute).</summary>
    public TimeSpan SyncDueTime { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often it fires after that until the parent confirms (default 1 minute, Orleans' minimum reminder period).</summary>
    public TimeSpan SyncPeriod { get; set; } = TimeSpan.FromMinutes(1);
}

internal static class RollupTiming
{
    /// <summary>
    /// Applies <see cref="RollupTimingOptions"/>. A period below Orleans' one-minute minimum also lowers
    /// <see cref="ReminderOptions.MinimumReminderPeriod"/> (tests only; reminders that fire often cost a
    /// database write each).
    /// </summary>
    public static ISiloBuilder AddLiandongRollupTiming(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(RollupTimingOptions.SectionName).Get<RollupTimingOptions>() ?? new();
        if (options.SyncDueTime <= TimeSpan.Zero || options.SyncPeriod <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Rollup:SyncDueTime and Rollup:SyncPeriod must be positive, e.g. 00:01:00.");
        }

        // Process-wide: one silo per process, and every silo of a cluster should use the same values.
        WakeUpReminder.RetryDueTime = options.SyncDueTime;
        WakeUpReminder.RetryPeriod = options.SyncPeriod;
        if (options.SyncPeriod < TimeSpan.FromMinutes(1))
        {
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = options.SyncPeriod);
        }

        return silo;
    }
}
