using System.Collections.Immutable;
using Liandong.Finance;
using Liandong.Grains.Infrastructure;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Finance;

/// <summary>
/// One financing request: the record of the whole conversation. A step is checked against the current
/// status (out of order is a 409 and changes nothing), persisted, and then told to the project (whose
/// figures roll up), the county index, the enterprise and every bank it was sent to, as a versioned
/// summary each keeps only if it is newer. A durable reminder retries the telling if it was cut short.
/// </summary>
public sealed class FinancingRequestGrain(
    [PersistentState("financing", StorageNames.Main)] IPersistentState<FinancingState> state,
    TimeProvider time,
    ILogger<FinancingRequestGrain> logger) : Grain, IFinancingRequestGrain, IRemindable
{
    /// <summary>
    /// The reminder that tells the parties again when a step's telling was cut short. Requests of earlier versions
    /// kept it under the roll-up's name, which is still answered and cleared.
    /// </summary>
    public const string RetryReminderName = "financing-publish";

    private VersionedPublisher<FinancingState>? _publisher;

    private string Id => this.GetPrimaryKeyString();

    private VersionedPublisher<FinancingState> Publisher => _publisher ??= new VersionedPublisher<FinancingState>(
        new WakeUpReminder(this, RetryReminderName, formerName: WakeUpReminder.RollupName),
        null, s => s.ProjectCode is null ? null : s.Version, TellPartiesAsync, logger, () => $"Financing {Id}");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stored = state.State ?? FinancingState.Empty;
        Publisher.Restore(stored, stored.SyncedVersion);

        // A receiver may have missed the last step (a silo died between the write and the messages).
        _ = Publisher.PublishAsync();
        return Task.CompletedTask;
    }

    public async Task<FinancingRequestView> SubmitAsync(FinancingSubmission submission, string actor)
    {
        if (!FinancingIds.IsValid(Id))
        {
            throw DomainException.Invalid("id", "A financing request id is letters, digits and dashes, at most 64.");
        }

        if (state.State.ProjectCode is not null)
        {
            throw DomainException.Conflict($"Financing request {Id} already exists.");
        }

        if (FinanceRefusals.CreditCodeRule(submission.CreditCode) is { } problem)
        {
            throw DomainException.Invalid("creditCode", problem);
        }

        if (submission.Amount <= 0m)
        {
            throw DomainException.Invalid("amount", FinanceRefusals.AmountPositive);
        }

        InputLimits.EnsureAmount("amount", submission.Amount);

        if (string.IsNullOrWhiteSpace(submission.Purpose) || submission.Purpose.Length > InputLimits.MaxNote)
        {
            throw DomainException.Invalid("purpose", FinanceRefusals.PurposeRequired);
        }

        if (submission.TermMonths is < 1 or > 600)
        {
            throw DomainException.Invalid("termMonths", FinanceRefusals.Term);
        }

        var project = await GrainFactory.GetGrain<IProjectGrain>(submission.ProjectCode).GetOwnershipAsync();
        var enterprise = await GrainFactory.GetGrain<IEnterpriseGrain>(submission.CreditCode).GetAsync();
        if (project.Owner?.CreditCode != submission.CreditCode)
        {
            throw DomainException.Conflict(project.Owner is null
                ? FinanceRefusals.ProjectHasNoOwner(project.ProjectCode)
                : FinanceRefusals.NotTheOwner(enterprise.Name, enterprise.CreditCode, project.ProjectCode));
        }

        var now = time.GetUtcNow();
        await StepAsync(FinancingState.Empty with
        {
            ProjectCode = project.ProjectCode,
            ProjectName = project.ProjectName,
            TownCode = project.TownCode,
            CreditCode = enterprise.CreditCode,
            EnterpriseName = enterprise.Name,
            Amount = submission.Amount,
            Purpose = submission.Purpose.Trim(),
            TermMonths = submission.TermMonths,
            Status = FinancingStatus.Submitted,
            SubmittedAt = now,
        }, now, actor, $"submitted by {enterprise.Name}: {submission.Amount} 万元 for {submission.TermMonths} months");
        return View();
    }

    public async Task<FinancingRequestView> RecommendAsync(ImmutableArray<string> bankCodes, string? note, string actor)
    {
        var s = EnsureSubmitted();
        if (s.Status is FinancingStatus.Accepted or FinancingStatus.Disbursed)
        {
            throw DomainException.Conflict(FinanceRefusals.AcceptedNoMoreBanks(Id));
        }

        if (bankCodes.IsDefaultOrEmpty)
        {
            throw DomainException.Invalid("bankCodes", FinanceRefusals.BanksRequired);
        }

        if (bankCodes.Length > InputLimits.MaxBanks)
        {
            throw DomainException.Invalid("bankCodes", FinanceRefusals.BanksMax);
        }

        if (bankCodes.FirstOrDefault(b => !Ids.IsBankCode(b)) is { } bad)
        {
            throw DomainException.Invalid("bankCodes", FinanceRefusals.BankCode(bad));
        }

        if (bankCodes.Distinct().Count() != bankCodes.Length)
        {
            throw DomainException.Invalid("bankCodes", FinanceRefusals.BanksTwice);
        }

        if (note is { Length: > InputLimits.MaxNote })
        {
            throw DomainException.Invalid("note", FinanceRefusals.NoteAtMost);
        }

        if (bankCodes.FirstOrDefault(b => s.Banks.Any(c => c.BankCode == b)) is { } already)
        {
            throw DomainException.Conflict(FinanceRefusals.AlreadySent(Id, already));
        }

        // Reads of distinct bank grains, none of which calls back: safe to ask side by side.
        var banks = await Task.WhenAll(bankCodes.Select(b => GrainFactory.GetGrain<IBankGrain>(b).GetAsync()));
        var city = DivisionCodes.CityOf(s.TownCode[..6]);
        if (banks.FirstOrDefault(b => b.CityCode != city) is { } elsewhere)
        {
            throw DomainException.Conflict(FinanceRefusals.BankOtherCity(elsewhere.Code, elsewhere.CityCode, city));
        }

        var now = time.GetUtcNow();
        var channels = banks.Select(b => new BankChannel(b.Code, b.Name, BankRequestStatus.Recommended, now, null, null));
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await StepAsync(s with
        {
            Banks = s.Banks.AddRange(channels),
            Recommendations = s.Recommendations.Add(new Recommendation(now, actor, bankCodes, trimmed)),
            Status = s.Status == FinancingStatus.Offered ? FinancingStatus.Offered : FinancingStatus.Recommended,
        }, now, actor, $"recommended to {string.Join(", ", banks.Select(b => b.Name))}" + (trimmed is null ? "" : $": {trimmed}"));
        return View();
    }

    public async Task<FinancingRequestView> OfferAsync(OfferInput offer, string actor)
    {
        var s = EnsureSubmitted();
        var (index, channel) = ChannelOf(s, offer.BankCode, "make an offer");
        if (offer.Amount <= 0m)
        {
            throw DomainException.Invalid("amount", FinanceRefusals.OfferPositive);
        }

        if (offer.Amount > s.Amount)
        {
            throw DomainException.Invalid("amount", FinanceRefusals.OfferOverRequested(s.Amount));
        }

        if (offer.RatePercent is <= 0m or > 100m)
        {
            throw DomainException.Invalid("ratePercent", FinanceRefusals.Rate);
        }

        if (offer.TermMonths is < 1 or > 600)
        {
            throw DomainException.Invalid("termMonths", FinanceRefusals.Term);
        }

        var now = time.GetUtcNow();
        var made = new FinancingOffer($"O{s.Offers.Length + 1}", channel.BankCode, channel.BankName, offer.Amount, offer.RatePercent,
            offer.TermMonths, OfferStatus.Open, now, actor);
        await StepAsync(s with
        {
            Offers = s.Offers.Add(made),
            Banks = s.Banks.SetItem(index, channel with { Status = BankRequestStatus.Offered, AnsweredAt = now }),
            Status = FinancingStatus.Offered,
        }, now, actor, $"offer {made.Id} from {channel.BankName}: {made.Amount} 万元 at {made.RatePercent}% for {made.TermMonths} months");
        return View();
    }

    public async Task<FinancingRequestView> DeclineAsync(string bankCode, string? reason, string actor)
    {
        var s = EnsureSubmitted();
        var (index, channel) = ChannelOf(s, bankCode, "decline");
        if (reason is { Length: > InputLimits.MaxNote })
        {
            throw DomainException.Invalid("reason", FinanceRefusals.ReasonAtMost);
        }

        var now = time.GetUtcNow();
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var banks = s.Banks.SetItem(index, channel with { Status = BankRequestStatus.Declined, AnsweredAt = now, DeclineReason = trimmed });

        // With an offer on the table the enterprise can still accept; with a bank still to answer it waits;
        // when every bank has declined the county has to find others (it may recommend again).
        var status = s.Offers.Any(o => o.Status == OfferStatus.Open) ? FinancingStatus.Offered
            : banks.Any(b => b.Status == BankRequestStatus.Recommended) ? FinancingStatus.Recommended
            : FinancingStatus.Declined;
        await StepAsync(s with { Banks = banks, Status = status }, now, actor,
            $"declined by {channel.BankName}" + (trimmed is null ? "" : $": {trimmed}"));
        return View();
    }

    public async Task<FinancingRequestView> AcceptAsync(string offerId, string actor)
    {
        var s = EnsureSubmitted();
        if (s.AcceptedOffer is { } accepted)
        {
            throw DomainException.Conflict(FinanceRefusals.AlreadyAccepted(Id, accepted.Id, accepted.BankName));
        }

        if (s.Status != FinancingStatus.Offered)
        {
            throw DomainException.Conflict(FinanceRefusals.NoOpenOffer(Id, s.Status.ToString().ToLowerInvariant()));
        }

        var offer = s.Offers.FirstOrDefault(o => o.Id == offerId)
            ?? throw DomainException.NotFound(FinanceRefusals.NoSuchOffer(Id, offerId));
        if (offer.Status != OfferStatus.Open)
        {
            throw DomainException.Conflict(FinanceRefusals.OfferNotOpen(offerId, offer.Status.ToString().ToLowerInvariant()));
        }

        var now = time.GetUtcNow();
        var offers = s.Offers.Select(o => o.Id == offerId ? o with { Status = OfferStatus.Accepted }
            : o.Status == OfferStatus.Open ? o with { Status = OfferStatus.Closed } : o).ToImmutableArray();
        var banks = s.Banks.Select(b => b.BankCode == offer.BankCode ? b with { Status = BankRequestStatus.Accepted }
            : b.Status is BankRequestStatus.Recommended or BankRequestStatus.Offered ? b with { Status = BankRequestStatus.Closed } : b).ToImmutableArray();
        await StepAsync(s with { Offers = offers, Banks = banks, AcceptedOfferId = offerId, Status = FinancingStatus.Accepted }, now, actor,
            $"accepted offer {offerId} from {offer.BankName}: {offer.Amount} 万元; other offers closed");
        return View();
    }

    public async Task<FinancingRequestView> DisburseAsync(DisbursementInput disbursement, string actor)
    {
        var s = EnsureSubmitted();
        if (s.Status == FinancingStatus.Disbursed)
        {
            throw DomainException.Conflict(FinanceRefusals.PaidInFull(Id, s.Disbursed));
        }

        if (s.AcceptedOffer is not { } accepted)
        {
            throw DomainException.Conflict(FinanceRefusals.NothingAccepted(Id));
        }

        if (disbursement.Amount <= 0m)
        {
            throw DomainException.Invalid("amount", FinanceRefusals.DisbursedPositive);
        }

        InputLimits.EnsureAmount("amount", disbursement.Amount);

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        if (disbursement.Date > today || disbursement.Date.Year < 2000)
        {
            throw DomainException.Invalid("date", FinanceRefusals.DisbursementDate(today));
        }

        var paid = s.Disbursed;
        if (paid + disbursement.Amount > accepted.Amount)
        {
            throw DomainException.Conflict(
                FinanceRefusals.DisbursementOver(disbursement.Amount, paid + disbursement.Amount, accepted.Amount, accepted.Amount - paid));
        }

        var now = time.GetUtcNow();
        var full = paid + disbursement.Amount == accepted.Amount;
        var number = s.Disbursements.Length + 1;
        await StepAsync(s with
        {
            Disbursements = s.Disbursements.Add(new Disbursement(number, disbursement.Amount, disbursement.Date, now, actor)),
            Status = full ? FinancingStatus.Disbursed : FinancingStatus.Accepted,
            Banks = full ? s.Banks.Select(b => b.BankCode == accepted.BankCode ? b with { Status = BankRequestStatus.Disbursed } : b).ToImmutableArray() : s.Banks,
        }, now, actor, $"disbursement {number} by {accepted.BankName}: {disbursement.Amount} 万元 on {disbursement.Date:yyyy-MM-dd}" + (full ? "; paid in full" : ""));
        return View();
    }

    public Task<FinancingRequestView> GetAsync()
    {
        EnsureSubmitted();
        return Task.FromResult(View());
    }

    public Task<FinancingScope> GetScopeAsync()
    {
        EnsureSubmitted();
        var s = state.State;
        return Task.FromResult(new FinancingScope(s.TownCode, s.CreditCode, [.. s.Banks.Select(b => b.BankCode)], s.AcceptedOffer?.BankCode));
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        Publisher.Retry.Is(reminderName) ? Publisher.RetryAsync() : Task.CompletedTask;

    private FinancingState EnsureSubmitted() =>
        state.State.ProjectCode is null ? throw DomainException.NotFound(FinanceRefusals.NotFound(Id)) : state.State;

    /// <summary>The bank's place in the conversation, if the request was sent to it and it has not answered yet.</summary>
    private (int Index, BankChannel Channel) ChannelOf(FinancingState s, string bankCode, string what)
    {
        var index = s.Banks.IndexOf(s.Banks.FirstOrDefault(b => b.BankCode == bankCode)!);
        if (index < 0)
        {
            throw DomainException.Conflict(FinanceRefusals.NotSentTo(Id, bankCode, what));
        }

        if (s.AcceptedOffer is { } accepted)
        {
            throw DomainException.Conflict(FinanceRefusals.AlreadyAccepted(Id, accepted.Id, accepted.BankName));
        }

        var channel = s.Banks[index];
        if (channel.Status != BankRequestStatus.Recommended)
        {
            throw DomainException.Conflict(FinanceRefusals.BankAnswered(bankCode, channel.Status.ToString().ToLowerInvariant(), Id));
        }

        return (index, channel);
    }

    /// <summary>Persists a step with its audit entry, then tells the others; the step is durable once this returns.</summary>
    private async Task StepAsync(FinancingState next, DateTimeOffset now, string actor, string action)
    {
        next = next with
        {
            Version = state.State.Version + 1,
            SyncedVersion = Publisher.Synced,
            UpdatedAt = now,
            UpdatedBy = actor,
            History = next.History.Add(new AuditEntry(now, actor, action)),
        };
        await Publisher.PersistAsync(state, next);
        logger.LogInformation("Financing {Request} {Status}: {Action}", Id, next.Status, action);
        await Publisher.PublishAsync();
    }

    /// <summary>Sends the persisted summary to every party: the project, the county index, the enterprise and each bank.</summary>
    private Task TellPartiesAsync(FinancingState s)
    {
        var row = RowOf(s);

        // Each receiver is a different grain that keeps only the newest version and calls nobody back,
        // so they may be told side by side and told again.
        var messages = new List<Task>
        {
            GrainFactory.GetGrain<IProjectGrain>(s.ProjectCode!).AcceptFinancingAsync(row),
            GrainFactory.GetGrain<ICountyFinanceIndexGrain>(row.CountyCode).AcceptFinancingAsync(row),
            GrainFactory.GetGrain<IEnterpriseGrain>(s.CreditCode).AcceptFinancingAsync(row),
        };
        messages.AddRange(s.Banks.Select(b => GrainFactory.GetGrain<IBankGrain>(b.BankCode).AcceptInboxEntryAsync(EntryOf(s, row, b))));
        messages.Add(Tasks.TaskRules.PushAsync(GrainFactory, Tasks.TaskRules.OfFinancing(Id, s)));
        return Task.WhenAll(messages);
    }

    private FinancingRow RowOf(FinancingState s) =>
        new(Id, s.Version, s.ProjectCode!, s.ProjectName, s.TownCode, s.CreditCode, s.EnterpriseName, s.Status,
            s.Amount, s.Offered, s.Accepted, s.Disbursed, s.Purpose, s.TermMonths, s.SubmittedAt, s.UpdatedAt, s.UpdatedBy);

    private static BankInboxEntry EntryOf(FinancingState s, FinancingRow row, BankChannel channel)
    {
        var offer = s.Offers.LastOrDefault(o => o.BankCode == channel.BankCode);
        var accepted = s.AcceptedOffer?.BankCode == channel.BankCode;
        return new BankInboxEntry(row, channel.Status, channel.SentAt, offer?.Id,
            offer?.Amount ?? 0m, accepted ? s.Accepted : 0m, accepted ? s.Disbursed : 0m, channel.DeclineReason);
    }

    private FinancingRequestView View()
    {
        var s = state.State;
        return new FinancingRequestView(Id, s.ProjectCode!, s.ProjectName, s.TownCode, s.CreditCode, s.EnterpriseName, s.Amount, s.Purpose,
            s.TermMonths, s.Status, s.SubmittedAt, s.Banks, s.Recommendations, s.Offers, s.AcceptedOfferId, s.Disbursements,
            RowOf(s).Figures, s.History, s.Version);
    }
}
