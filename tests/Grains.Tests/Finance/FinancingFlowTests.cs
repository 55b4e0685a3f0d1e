using Liandong.Finance;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Finance;

/// <summary>Every step of a financing request, and every step refused out of order or with bad input.</summary>
[Collection(ClusterCollection.Name)]
public sealed class FinancingFlowTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    private async Task<(FinanceScenario S, string Project)> OwnedAsync(string suffix)
    {
        var s = await new FinanceScenario(Grains).BuildAsync();
        var project = $"T-{s.City}-{suffix}";
        await s.OwnedProjectAsync(project);
        return (s, project);
    }

    private static async Task<DomainException> RefusedAsync(DomainErrorKind kind, Func<Task> step)
    {
        var error = await Assert.ThrowsAsync<DomainException>(step);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    [Fact]
    public async Task SubmittedRequestStartsTheConversation()
    {
        var (s, project) = await OwnedAsync("SUB");
        var view = await s.Request($"FR-{s.City}-SUB").SubmitAsync(new FinancingSubmission(project, s.Enterprise, 20000m, "设备购置", 60), "企业财务总监");

        Assert.Equal(FinancingStatus.Submitted, view.Status);
        Assert.Equal(20000m, view.Amount);
        Assert.Equal("演示实业有限公司", view.EnterpriseName);
        Assert.Equal(s.Divisions.Towns[0], view.TownCode);
        Assert.Equal(new FinanceFigures(20000m, 0m, 0m, 0m, 1), view.Figures);
        var entry = Assert.Single(view.History);
        Assert.Equal("企业财务总监", entry.Actor);

        // Told to the project, the enterprise and the county index before the step was acknowledged.
        Assert.Equal(20000m, (await Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest)).Financing.Requested);
        var enterprise = await Grains.GetGrain<IEnterpriseGrain>(s.Enterprise).GetAsync();
        Assert.Equal(view.Id, Assert.Single(enterprise.Financing).Id);
        Assert.Equal(project, Assert.Single(enterprise.Projects).Code);
        var listed = Assert.Single(await Grains.GetGrain<ICountyFinanceIndexGrain>(s.Divisions.Counties[0]).GetFinancingAsync(null));
        Assert.Equal(FinancingStatus.Submitted, listed.Status);
    }

    [Fact]
    public async Task SubmissionByAnEnterpriseThatDoesNotOwnTheProjectIsAConflictAndCreatesNothing()
    {
        var (s, project) = await OwnedAsync("NOTOWN");
        var stranger = await s.EnterpriseAsync(s.Divisions.Counties[0], "别家公司");
        var request = s.Request($"FR-{s.City}-NOTOWN");

        var error = await RefusedAsync(DomainErrorKind.Conflict,
            () => request.SubmitAsync(new FinancingSubmission(project, stranger, 100m, "流动资金", 12), "test"));

        Assert.Contains("does not own", error.Message, StringComparison.Ordinal);
        await RefusedAsync(DomainErrorKind.NotFound, () => request.GetAsync());
        Assert.Empty((await Grains.GetGrain<IEnterpriseGrain>(stranger).GetAsync()).Financing);
        Assert.Equal(0, (await Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest)).Financing.Count);
    }

    [Fact]
    public async Task SubmissionForAProjectWithoutOwnerIsAConflict()
    {
        var s = await new FinanceScenario(Grains).BuildAsync();
        var project = $"T-{s.City}-NOOWNER";
        await s.Divisions.ProjectAsync(project, s.Divisions.Towns[0]);

        var error = await RefusedAsync(DomainErrorKind.Conflict, () => s.SubmitAsync($"FR-{s.City}-NOOWNER", project));
        Assert.Contains("no owner", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmissionWithAnInvalidCreditCodeIsRefusedNamingTheFieldAndCreatesNothing()
    {
        var (s, project) = await OwnedAsync("BADCODE");
        var wrongCheck = s.Enterprise[..17] + (s.Enterprise[17] == '0' ? '1' : '0');
        var request = s.Request($"FR-{s.City}-BADCODE");

        var error = await RefusedAsync(DomainErrorKind.Validation,
            () => request.SubmitAsync(new FinancingSubmission(project, wrongCheck, 100m, "流动资金", 12), "test"));

        Assert.Equal("creditCode", error.Field);
        Assert.Contains("check character", error.Message, StringComparison.Ordinal);
        await RefusedAsync(DomainErrorKind.NotFound, () => request.GetAsync());
    }

    [Theory]
    [InlineData(0, "用途", 12, "amount")]
    [InlineData(-5, "用途", 12, "amount")]
    [InlineData(100, " ", 12, "purpose")]
    [InlineData(100, "用途", 0, "termMonths")]
    [InlineData(100, "用途", 601, "termMonths")]
    public async Task SubmissionWithABadFieldIsRefusedNamingIt(int amount, string purpose, int term, string field)
    {
        var (s, project) = await OwnedAsync($"BADFIELD{field}{amount}{term}");
        var request = s.Request($"FR-{s.City}-BF{amount}{term}");
        var error = await RefusedAsync(DomainErrorKind.Validation,
            () => request.SubmitAsync(new FinancingSubmission(project, s.Enterprise, amount, purpose, term), "test"));
        Assert.Equal(field, error.Field);
        await RefusedAsync(DomainErrorKind.NotFound, () => request.GetAsync());
    }

    [Fact]
    public async Task SubmissionForAnUnknownProjectOrEnterpriseIsNotFound()
    {
        var (s, project) = await OwnedAsync("UNKNOWN");
        await RefusedAsync(DomainErrorKind.NotFound, () => s.SubmitAsync($"FR-{s.City}-UNK1", $"T-{s.City}-NOSUCH"));
        var unregistered = FinanceScenario.NewCreditCode(s.Divisions.Counties[0]);
        await RefusedAsync(DomainErrorKind.NotFound,
            () => s.Request($"FR-{s.City}-UNK2").SubmitAsync(new FinancingSubmission(project, unregistered, 1m, "x", 1), "test"));
    }

    [Fact]
    public async Task SubmittingTheSameIdTwiceIsAConflict()
    {
        var (s, project) = await OwnedAsync("TWICE");
        var request = await s.SubmitAsync($"FR-{s.City}-TWICE", project, 300m);
        await RefusedAsync(DomainErrorKind.Conflict, () => s.SubmitAsync($"FR-{s.City}-TWICE", project, 999m));
        Assert.Equal(300m, (await request.GetAsync()).Amount);
    }

    [Fact]
    public async Task RecommendationReachesEachChosenBanksInbox()
    {
        var (s, project) = await OwnedAsync("REC");
        var request = await s.SubmitAsync($"FR-{s.City}-REC", project);

        var view = await request.RecommendAsync([s.Banks[0], s.Banks[1]], "重点项目，请优先对接", "县金融局");

        Assert.Equal(FinancingStatus.Recommended, view.Status);
        Assert.Equal([s.Banks[0], s.Banks[1]], view.Banks.Select(b => b.BankCode));
        Assert.All(view.Banks, b => Assert.Equal(BankRequestStatus.Recommended, b.Status));
        Assert.Equal("重点项目，请优先对接", Assert.Single(view.Recommendations).Note);
        foreach (var bank in s.Banks.Take(2))
        {
            var entry = Assert.Single(await Grains.GetGrain<IBankGrain>(bank).GetInboxAsync(BankRequestStatus.Recommended));
            Assert.Equal(view.Id, entry.Request.Id);
            Assert.Equal(FinancingStatus.Recommended, entry.Request.Status);
        }

        Assert.Empty(await Grains.GetGrain<IBankGrain>(s.Banks[2]).GetInboxAsync(null));
    }

    [Fact]
    public async Task RecommendingToAnUnknownBankOrTwiceToTheSameBankChangesNothing()
    {
        var (s, project) = await OwnedAsync("RECBAD");
        var request = await s.SubmitAsync($"FR-{s.City}-RECBAD", project);
        var before = await request.GetAsync();

        await RefusedAsync(DomainErrorKind.NotFound, () => request.RecommendAsync([s.Banks[0], $"nosuch-{s.City}"], null, "test"));
        Assert.Equal(before.Version, (await request.GetAsync()).Version);
        Assert.Empty(await Grains.GetGrain<IBankGrain>(s.Banks[0]).GetInboxAsync(null));

        var invalid = await RefusedAsync(DomainErrorKind.Validation, () => request.RecommendAsync(["Not A Slug"], null, "test"));
        Assert.Equal("bankCodes", invalid.Field);
        await RefusedAsync(DomainErrorKind.Validation, () => request.RecommendAsync([], null, "test"));

        await request.RecommendAsync([s.Banks[0]], null, "test");
        var recommended = await request.GetAsync();
        var again = await RefusedAsync(DomainErrorKind.Conflict, () => request.RecommendAsync([s.Banks[1], s.Banks[0]], null, "test"));
        Assert.Contains("already sent", again.Message, StringComparison.Ordinal);
        Assert.Equal(recommended.Version, (await request.GetAsync()).Version);
        Assert.Empty(await Grains.GetGrain<IBankGrain>(s.Banks[1]).GetInboxAsync(null));
    }

    [Fact]
    public async Task RecommendingToABankOfAnotherCityIsAConflict()
    {
        var (s, project) = await OwnedAsync("RECCITY");
        var other = await new FinanceScenario(Grains).BuildAsync(1, 1);
        var request = await s.SubmitAsync($"FR-{s.City}-RECCITY", project);

        var error = await RefusedAsync(DomainErrorKind.Conflict, () => request.RecommendAsync([other.Banks[0]], null, "test"));

        Assert.Contains(other.City, error.Message, StringComparison.Ordinal);
        Assert.Equal(FinancingStatus.Submitted, (await request.GetAsync()).Status);
    }

    [Fact]
    public async Task OfferFromABankTheRequestWasNotSentToIsAConflictAndChangesNothing()
    {
        var (s, project) = await OwnedAsync("OFFNOT");
        var request = await s.SubmitAsync($"FR-{s.City}-OFFNOT", project);

        // Before any recommendation no bank may offer.
        await RefusedAsync(DomainErrorKind.Conflict, () => request.OfferAsync(new OfferInput(s.Banks[0], 100m, 3.45m, 60), "test"));

        await request.RecommendAsync([s.Banks[0]], null, "test");
        var before = await request.GetAsync();
        var error = await RefusedAsync(DomainErrorKind.Conflict, () => request.OfferAsync(new OfferInput(s.Banks[2], 15000m, 3.45m, 60), "bank officer"));

        Assert.Contains($"was not sent to bank {s.Banks[2]}", error.Message, StringComparison.Ordinal);
        var after = await request.GetAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Empty(after.Offers);
        Assert.Equal(FinancingStatus.Recommended, after.Status);
        Assert.Empty(await Grains.GetGrain<IBankGrain>(s.Banks[2]).GetInboxAsync(null));
        Assert.Equal(0m, (await Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest)).Financing.Offered);
    }

    [Fact]
    public async Task OffersMoveTheRequestToOfferedAndABankOffersOnlyOnce()
    {
        var (s, project) = await OwnedAsync("OFFER");
        var request = await s.SubmitAsync($"FR-{s.City}-OFFER", project);
        await request.RecommendAsync([s.Banks[0], s.Banks[1]], null, "test");

        var view = await request.OfferAsync(new OfferInput(s.Banks[0], 15000m, 3.45m, 60), "bank officer");

        Assert.Equal(FinancingStatus.Offered, view.Status);
        var offer = Assert.Single(view.Offers);
        Assert.Equal(("O1", OfferStatus.Open, 15000m, 3.45m), (offer.Id, offer.Status, offer.Amount, offer.RatePercent));
        Assert.Equal(BankRequestStatus.Offered, view.Banks[0].Status);
        var entry = Assert.Single(await Grains.GetGrain<IBankGrain>(s.Banks[0]).GetInboxAsync(BankRequestStatus.Offered));
        Assert.Equal(15000m, entry.Offered);
        Assert.Equal("O1", entry.OfferId);

        await RefusedAsync(DomainErrorKind.Conflict, () => request.OfferAsync(new OfferInput(s.Banks[0], 16000m, 3.3m, 60), "test"));
        await RefusedAsync(DomainErrorKind.Conflict, () => request.DeclineAsync(s.Banks[0], "改变主意", "test"));
        var tooMuch = await RefusedAsync(DomainErrorKind.Validation, () => request.OfferAsync(new OfferInput(s.Banks[1], 20000.01m, 3.3m, 60), "test"));
        Assert.Equal("amount", tooMuch.Field);
        var badRate = await RefusedAsync(DomainErrorKind.Validation, () => request.OfferAsync(new OfferInput(s.Banks[1], 100m, 0m, 60), "test"));
        Assert.Equal("ratePercent", badRate.Field);
        Assert.Equal(view.Version, (await request.GetAsync()).Version);
    }

    [Fact]
    public async Task WhenEveryBankDeclinesTheRequestIsDeclinedAndMayBeRecommendedAgain()
    {
        var (s, project) = await OwnedAsync("DECL");
        var request = await s.SubmitAsync($"FR-{s.City}-DECL", project);
        await request.RecommendAsync([s.Banks[0], s.Banks[1]], null, "test");

        var one = await request.DeclineAsync(s.Banks[0], "授信额度不足", "bank officer");
        Assert.Equal(FinancingStatus.Recommended, one.Status);
        var both = await request.DeclineAsync(s.Banks[1], "抵押物不足", "bank officer");
        Assert.Equal(FinancingStatus.Declined, both.Status);
        Assert.Equal("抵押物不足", both.Banks[1].DeclineReason);
        var declined = Assert.Single(await Grains.GetGrain<IBankGrain>(s.Banks[0]).GetInboxAsync(BankRequestStatus.Declined));
        Assert.Equal("授信额度不足", declined.DeclineReason);

        await RefusedAsync(DomainErrorKind.Conflict, () => request.DeclineAsync(s.Banks[1], "again", "test"));
        await RefusedAsync(DomainErrorKind.Conflict, () => request.AcceptAsync("O1", "test"));

        var again = await request.RecommendAsync([s.Banks[2]], "请再对接一家", "县金融局");
        Assert.Equal(FinancingStatus.Recommended, again.Status);
        Assert.Equal(2, again.Recommendations.Length);
        var offered = await request.OfferAsync(new OfferInput(s.Banks[2], 10000m, 4.1m, 36), "bank officer");
        Assert.Equal(FinancingStatus.Offered, offered.Status);
    }

    [Fact]
    public async Task DeclineByOneBankKeepsAnotherBanksOfferOpen()
    {
        var (s, project) = await OwnedAsync("DECLOFF");
        var request = await s.SubmitAsync($"FR-{s.City}-DECLOFF", project);
        await request.RecommendAsync([s.Banks[0], s.Banks[1]], null, "test");
        await request.OfferAsync(new OfferInput(s.Banks[0], 8000m, 3.9m, 36), "test");

        var view = await request.DeclineAsync(s.Banks[1], null, "test");

        Assert.Equal(FinancingStatus.Offered, view.Status);
        Assert.Equal(OfferStatus.Open, Assert.Single(view.Offers).Status);
    }

    [Fact]
    public async Task AcceptingOneOfferClosesTheOthers()
    {
        var (s, project) = await OwnedAsync("ACC");
        var request = await s.SubmitAsync($"FR-{s.City}-ACC", project);
        await request.RecommendAsync([s.Banks[0], s.Banks[1], s.Banks[2]], null, "test");
        await request.OfferAsync(new OfferInput(s.Banks[0], 15000m, 3.45m, 60), "test");
        await request.OfferAsync(new OfferInput(s.Banks[1], 12000m, 3.30m, 60), "test");

        await RefusedAsync(DomainErrorKind.NotFound, () => request.AcceptAsync("O9", "test"));
        var view = await request.AcceptAsync("O2", "企业法定代表人");

        Assert.Equal(FinancingStatus.Accepted, view.Status);
        Assert.Equal("O2", view.AcceptedOfferId);
        Assert.Equal([OfferStatus.Closed, OfferStatus.Accepted], view.Offers.Select(o => o.Status));
        Assert.Equal([BankRequestStatus.Closed, BankRequestStatus.Accepted, BankRequestStatus.Closed], view.Banks.Select(b => b.Status));
        Assert.Equal(new FinanceFigures(20000m, 27000m, 12000m, 0m, 1), view.Figures);
        Assert.Equal(BankRequestStatus.Closed, Assert.Single(await Grains.GetGrain<IBankGrain>(s.Banks[0]).GetInboxAsync(null)).Status);
        var accepted = Assert.Single(await Grains.GetGrain<IBankGrain>(s.Banks[1]).GetInboxAsync(null));
        Assert.Equal((BankRequestStatus.Accepted, 12000m), (accepted.Status, accepted.Accepted));

        await RefusedAsync(DomainErrorKind.Conflict, () => request.AcceptAsync("O1", "test"));
        await RefusedAsync(DomainErrorKind.Conflict, () => request.OfferAsync(new OfferInput(s.Banks[2], 100m, 3m, 12), "test"));
        await RefusedAsync(DomainErrorKind.Conflict, () => request.RecommendAsync([$"bank{s.City}-9"], null, "test"));
        Assert.Equal(view.Version, (await request.GetAsync()).Version);
    }

    [Fact]
    public async Task AcceptingBeforeAnyOfferIsAConflict()
    {
        var (s, project) = await OwnedAsync("ACCEARLY");
        var request = await s.SubmitAsync($"FR-{s.City}-ACCEARLY", project);
        await RefusedAsync(DomainErrorKind.Conflict, () => request.AcceptAsync("O1", "test"));
        await request.RecommendAsync([s.Banks[0]], null, "test");
        await RefusedAsync(DomainErrorKind.Conflict, () => request.AcceptAsync("O1", "test"));
        Assert.Equal(FinancingStatus.Recommended, (await request.GetAsync()).Status);
    }

    [Fact]
    public async Task DisbursementsInPartsEndInDisbursed()
    {
        var (s, project) = await OwnedAsync("DISB");
        var request = await s.SubmitAsync($"FR-{s.City}-DISB", project);
        await request.RecommendAsync([s.Banks[0]], null, "test");
        await request.OfferAsync(new OfferInput(s.Banks[0], 15000m, 3.45m, 60), "test");

        await RefusedAsync(DomainErrorKind.Conflict, () => request.DisburseAsync(new DisbursementInput(1000m, new DateOnly(2023, 6, 1)), "test"));
        await request.AcceptAsync("O1", "test");

        var part = await request.DisburseAsync(new DisbursementInput(5000m, new DateOnly(2023, 6, 10)), "bank officer");
        Assert.Equal(FinancingStatus.Accepted, part.Status);
        var rest = await request.DisburseAsync(new DisbursementInput(10000m, new DateOnly(2023, 6, 20)), "bank officer");

        Assert.Equal(FinancingStatus.Disbursed, rest.Status);
        Assert.Equal([1, 2], rest.Disbursements.Select(d => d.Number));
        Assert.Equal(15000m, rest.Figures.Disbursed);
        var entry = Assert.Single(await Grains.GetGrain<IBankGrain>(s.Banks[0]).GetInboxAsync(BankRequestStatus.Disbursed));
        Assert.Equal(15000m, entry.Disbursed);
        await RefusedAsync(DomainErrorKind.Conflict, () => request.DisburseAsync(new DisbursementInput(1m, new DateOnly(2023, 6, 20)), "test"));
    }

    [Fact]
    public async Task DisbursementBeyondTheAcceptedAmountIsAConflictAndChangesNothing()
    {
        var (s, project) = await OwnedAsync("OVER");
        var request = await s.SubmitAsync($"FR-{s.City}-OVER", project);
        await request.RecommendAsync([s.Banks[0]], null, "test");
        await request.OfferAsync(new OfferInput(s.Banks[0], 15000m, 3.45m, 60), "test");
        await request.AcceptAsync("O1", "test");
        await request.DisburseAsync(new DisbursementInput(6000m, new DateOnly(2023, 6, 10)), "test");
        var before = await request.GetAsync();

        var error = await RefusedAsync(DomainErrorKind.Conflict,
            () => request.DisburseAsync(new DisbursementInput(9000.01m, new DateOnly(2023, 6, 15)), "bank officer"));

        Assert.Contains("more than the 15000 万元 accepted", error.Message, StringComparison.Ordinal);
        Assert.Contains("9000 万元 remain", error.Message, StringComparison.Ordinal);
        var after = await request.GetAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(6000m, after.Figures.Disbursed);
        Assert.Equal(FinancingStatus.Accepted, after.Status);
        Assert.Equal(6000m, Assert.Single(await Grains.GetGrain<IBankGrain>(s.Banks[0]).GetInboxAsync(null)).Disbursed);
        Assert.Equal(6000m, (await Grains.GetGrain<IProjectGrain>(project).GetAsync(PeriodQuery.Latest)).Financing.Disbursed);
    }

    [Fact]
    public async Task DisbursementWithAFutureDateOrNoAmountIsRefusedNamingTheField()
    {
        var (s, project) = await OwnedAsync("DISBBAD");
        var request = await s.SubmitAsync($"FR-{s.City}-DISBBAD", project);
        await request.RecommendAsync([s.Banks[0]], null, "test");
        await request.OfferAsync(new OfferInput(s.Banks[0], 100m, 3m, 12), "test");
        await request.AcceptAsync("O1", "test");

        var future = await RefusedAsync(DomainErrorKind.Validation, () => request.DisburseAsync(new DisbursementInput(10m, new DateOnly(2023, 6, 21)), "test"));
        Assert.Equal("date", future.Field);
        var zero = await RefusedAsync(DomainErrorKind.Validation, () => request.DisburseAsync(new DisbursementInput(0m, new DateOnly(2023, 6, 1)), "test"));
        Assert.Equal("amount", zero.Field);
        Assert.Empty((await request.GetAsync()).Disbursements);
    }

    [Fact]
    public async Task StepsOnAnUnknownRequestAreNotFound()
    {
        var request = Grains.GetGrain<IFinancingRequestGrain>("FR-NOSUCH-1");
        await RefusedAsync(DomainErrorKind.NotFound, () => request.GetAsync());
        await RefusedAsync(DomainErrorKind.NotFound, () => request.RecommendAsync(["any-bank"], null, "test"));
        await RefusedAsync(DomainErrorKind.NotFound, () => request.OfferAsync(new OfferInput("any-bank", 1m, 1m, 1), "test"));
        await RefusedAsync(DomainErrorKind.NotFound, () => request.DisburseAsync(new DisbursementInput(1m, new DateOnly(2023, 1, 1)), "test"));
    }

    [Fact]
    public async Task EveryStepIsKeptWithWhoAndWhen()
    {
        var (s, project) = await OwnedAsync("AUDIT");
        var request = await s.SubmitAsync($"FR-{s.City}-AUDIT", project);
        await request.RecommendAsync([s.Banks[0]], null, "县金融局");
        await request.OfferAsync(new OfferInput(s.Banks[0], 100m, 3m, 12), "银行客户经理");
        await request.AcceptAsync("O1", "企业");
        var view = await request.DisburseAsync(new DisbursementInput(100m, new DateOnly(2023, 6, 19)), "银行放款岗");

        Assert.Equal(["enterprise", "县金融局", "银行客户经理", "企业", "银行放款岗"], view.History.Select(h => h.Actor));
        Assert.All(view.History, h => Assert.Equal(fixture.Time.GetUtcNow(), h.At));
        Assert.Equal(5, view.Version);
    }
}
