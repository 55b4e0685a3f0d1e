using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Finance;
using Liandong.Grains.Reporting;
using Liandong.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Liandong.Api.Tests;

/// <summary>
/// The holes of issue 16, each as an attacker tried it: moving another's enterprise, raising a matter in another's
/// name, amounts and inputs past every sane bound, tokens of disabled accounts, odd tokens, missing headers.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class SecurityTests(ApiFixture fixture)
{
    private const string Huge = "79228162514264337593543950335";

    private static int _next;

    private static string NewCreditCode(string county)
    {
        var body = $"MC{Interlocked.Increment(ref _next):D6}";
        return CreditCodes.Complete("91" + county + body + CreditCodes.OrganizationCheckCharacter(body));
    }

    private HttpClient CountyOfficer(string county) =>
        fixture.As(new CurrentUser($"sec.county.{county}", "县级", UserRole.CountyOfficer, county, county[..4] + "00"));

    private HttpClient TownOfficer(string town) =>
        fixture.As(new CurrentUser($"sec.town.{town}", "镇级", UserRole.TownOfficer, town, town[..4] + "00"));

    private HttpClient Owner(string creditCode, string city) =>
        fixture.As(new CurrentUser($"sec.owner.{creditCode.ToLowerInvariant()}", "业主", UserRole.ProjectOwner, creditCode, city));

    private HttpClient Leader(string leaderId, string city) =>
        fixture.As(new CurrentUser($"sec.leader.{leaderId}", "领导", UserRole.Leader, leaderId, city));

    // ---- 1. Enterprise takeover ----

    [Fact]
    public async Task OnlyTheCommandOfficeOfItsCityMovesAnEnterpriseAndNobodyMovesItToAnotherCity()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var neighbour = h.City[..4] + "81";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/counties/{neighbour}", new { name = "邻县", cityCode = h.City })).Status);
        var other = await Hierarchy.CreateAsync(fixture);
        var code = NewCreditCode(h.County);
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "本县企业", countyCode = h.County })).Status);

        // Another city's command office, a neighbouring county's officer, the enterprise's own owner and even its
        // own county's officer cannot move it; nor can the first three rename it.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "夺走", countyCode = other.County })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CountyOfficer(neighbour).PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "夺走", countyCode = neighbour })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CountyOfficer(neighbour).PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "改名", countyCode = h.County })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Owner(code, h.City).PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "夺走", countyCode = neighbour })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CountyOfficer(h.County).PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "本县企业", countyCode = neighbour })).Status);
        var unchanged = (await h.Http.GetJsonAsync($"/api/v1/enterprises/{code}")).Body!;
        Assert.Equal((h.County, "本县企业"), (unchanged["countyCode"].Text(), unchanged["name"].Text()));

        // Its county renames it; its city's command office moves it; across cities is a 409.
        var renamed = await CountyOfficer(h.County).PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "新名企业", countyCode = h.County });
        Assert.Equal((HttpStatusCode.OK, "新名企业"), (renamed.Status, renamed.Body!["name"].Text()));
        var moved = await h.Http.PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "新名企业", countyCode = neighbour });
        Assert.Equal((HttpStatusCode.OK, neighbour), (moved.Status, moved.Body!["countyCode"].Text()));
        Assert.Equal(HttpStatusCode.Conflict, (await h.Http.PutJsonAsync($"/api/v1/enterprises/{code}", new { name = "新名企业", countyCode = other.County })).Status);
        Assert.Equal(neighbour, (await h.Http.GetJsonAsync($"/api/v1/enterprises/{code}")).Body!["countyCode"].Text());

        // The old county's officer no longer holds it.
        Assert.Equal(HttpStatusCode.Forbidden, (await CountyOfficer(h.County).GetJsonAsync($"/api/v1/enterprises/{code}")).Status);
    }

    // ---- 2. Raising a matter in another's name ----

    [Fact]
    public async Task AMatterIsRaisedOnlyByOneTheAccountStandsForAndAVisitAttachedOnlyByItsLeader()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var department = $"{h.City}-zrzyj";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/departments/{department}", new { name = "市自然资源局", cityCode = h.City })).Status);
        var project = $"P-{h.City}-RAISE";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(project))).Status);
        var leader = $"{h.City}-swsj";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/leaders/{leader}", new { title = "市委书记", body = "partyCommittee", cityCode = h.City })).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/projects/{project}/leader", new { leaderId = leader })).Status);
        var visit = await Leader(leader, h.City).PostJsonAsync("/api/v1/visits", new { leaderId = leader, date = "2023-06-08", projectCodes = new[] { project }, findings = "路网衔接不畅。" });
        Assert.Equal(HttpStatusCode.Created, visit.Status);
        var visitId = visit.Body!["id"].Text();
        object Matter(string raisedBy, string addressedTo, string? visitOf) => new
        {
            title = "关于路网衔接的事项", raisedBy, projectCode = project, addressedTo, departments = new[] { department }, dueDate = "2099-12-31", visitId = visitOf,
        };

        // A leader cannot raise in a county's name (it answered 201 and showed as raised by the county).
        Assert.Equal(HttpStatusCode.Forbidden, (await Leader(leader, h.City).PostJsonAsync("/api/v1/matters", Matter(h.County, h.City, visitId))).Status);

        // A county officer cannot attach another's visit to its own matter.
        Assert.Equal(HttpStatusCode.Forbidden, (await CountyOfficer(h.County).PostJsonAsync("/api/v1/matters", Matter(h.County, h.City, visitId))).Status);
        Assert.Empty((await h.Http.GetJsonAsync($"/api/v1/visits/{visitId}")).Body!["matters"]!.AsArray());

        // Its own matters, and the leader's from its visit for a project linked to it, are raised as before.
        Assert.Equal(HttpStatusCode.Created, (await CountyOfficer(h.County).PostJsonAsync("/api/v1/matters", Matter(h.County, h.City, null))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Leader(leader, h.City).PostJsonAsync("/api/v1/matters", Matter(project, h.City, visitId))).Status);
        Assert.Single((await h.Http.GetJsonAsync($"/api/v1/visits/{visitId}")).Body!["matters"]!.AsArray());
    }

    // ---- 3. Amounts that break a project ----

    [Theory]
    [InlineData("totalInvestment")]
    [InlineData("annualPlans[0].amount")]
    public async Task AProjectWithAnAmountPastTheBoundIsA400AndIsNotRegistered(string field)
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var code = $"P-{h.City}-HUGE";
        var body = field == "totalInvestment"
            ? $$"""{"code":"{{code}}","name":"巨额","townCode":"{{h.Town}}","category":"industry","stage":"continuing","totalInvestment":{{Huge}}}"""
            : $$"""{"code":"{{code}}","name":"巨额","townCode":"{{h.Town}}","category":"industry","stage":"continuing","totalInvestment":1000,"annualPlans":[{"year":2023,"amount":10000000.01}]}""";

        var (status, json, _) = await h.Http.SendJsonAsync(HttpMethod.Post, "/api/v1/projects", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json!["errors"]!.AsObject().ContainsKey(field), json.Json());
        Assert.Equal(HttpStatusCode.NotFound, (await h.Http.GetJsonAsync($"/api/v1/projects/{code}")).Status);
    }

    [Fact]
    public async Task AReportPastTheBoundIsA400AndTheProjectKeepsAnswering()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var code = $"P-{h.City}-HUGER";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(code))).Status);
        var atBound = await h.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/projects/{code}/reports/2023/4", """{"investmentCompleted": 10000000}""");
        Assert.Equal(HttpStatusCode.OK, atBound.Status);

        var (status, json, _) = await h.Http.SendJsonAsync(HttpMethod.Put, $"/api/v1/projects/{code}/reports/2023/5", $$"""{"investmentCompleted": {{Huge}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json!["errors"]!.AsObject().ContainsKey("investmentCompleted"), json.Json());
        var project = await h.Http.GetJsonAsync($"/api/v1/projects/{code}");
        Assert.Equal(HttpStatusCode.OK, project.Status);
        Assert.Single(project.Body!["reports"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}")).Status);
    }

    [Fact]
    public async Task AProjectWhoseStoredFiguresAreAlreadyHugeStillAnswersAndItsDivisionsToo()
    {
        // State written before the bounds existed, straight into storage: a project the old API accepted.
        var h = await Hierarchy.CreateAsync(fixture);
        var code = $"P-{h.City}-STORED";
        var max = decimal.MaxValue;
        var now = DateTimeOffset.UtcNow;
        var profile = new ProjectProfile(code, "旧数据项目", h.Town, ProjectCategory.Industry, null, ProjectStage.Continuing, max,
            [new AnnualPlan(2022, max), new AnnualPlan(2023, 0.0001m)], new DateOnly(2022, 1, 1), null);
        var state = new ProjectState
        {
            Profile = profile,
            Reports = [
                new MonthlyReport(new ReportInput(2023, 4, max, null, null, []), now, "old", []),
                new MonthlyReport(new ReportInput(2023, 5, max, null, null, []), now, "old", []),
            ],
            RegisteredAt = now,
            Version = 2,
        };
        var id = fixture.SiloServices.GetRequiredService<IGrainFactory>().GetGrain<IProjectGrain>(code).GetGrainId();
        await fixture.SiloServices.GetRequiredKeyedService<IGrainStorage>(StorageNames.Main).WriteStateAsync("project", id, new GrainState<ProjectState>(state));

        var project = await h.Http.GetJsonAsync($"/api/v1/projects/{code}");

        Assert.Equal(HttpStatusCode.OK, project.Status);
        Assert.Equal(HttpStatusCode.OK, (await h.Http.GetJsonAsync($"/api/v1/projects/{code}?year=2023&month=5")).Status);
        var town = await h.Http.EventuallyAsync($"/api/v1/towns/{h.Town}?year=2023&month=5", b => b["totals"]!["projectCount"]!.GetValue<int>() == 1);
        Assert.Equal(1, town["totals"]!["projectCount"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await h.Http.GetJsonAsync($"/api/v1/cities/{h.City}?year=2023&month=5")).Status);

        // And a bounded report still replaces a huge one.
        Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/5", new { investmentCompleted = 100 })).Status);
    }

    [Fact]
    public async Task FinancingAmountsPastTheBoundAreA400()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var code = $"P-{h.City}-FIN";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(code))).Status);
        var enterprise = NewCreditCode(h.County);
        await h.Http.PutJsonAsync($"/api/v1/enterprises/{enterprise}", new { name = "融资企业", countyCode = h.County });

        var (status, json, _) = await h.Http.SendJsonAsync(HttpMethod.Post, "/api/v1/financing",
            $$"""{"projectCode":"{{code}}","creditCode":"{{enterprise}}","amount":{{Huge}},"purpose":"建设","termMonths":60}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(json!["errors"]!.AsObject().ContainsKey("amount"), json.Json());
    }

    // ---- 4. Unbounded input ----

    [Fact]
    public async Task InputsPastTheirLimitsAreA400NamingTheFieldAndChangeNothing()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var code = $"P-{h.City}-LIMIT";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/projects", h.Project(code))).Status);
        var longName = new string('名', InputLimits.MaxName + 1);

        await ExpectFieldAsync(h.Http.PutJsonAsync($"/api/v1/towns/{h.Town}", new { name = longName, countyCode = h.County }), "name");
        await ExpectFieldAsync(h.Http.PutJsonAsync($"/api/v1/counties/{h.County}", new { name = longName, cityCode = h.City }), "name");
        await ExpectFieldAsync(h.Http.PutJsonAsync($"/api/v1/cities/{h.City}", new { name = longName }), "name");
        await ExpectFieldAsync(h.Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/4",
            new { investmentCompleted = 10, problems = Enumerable.Repeat("问题", InputLimits.MaxItems + 1).ToArray() }), "problems");
        await ExpectFieldAsync(h.Http.PutJsonAsync($"/api/v1/projects/{code}/reports/2023/4",
            new { investmentCompleted = 10, problems = new[] { new string('问', InputLimits.MaxNote + 1) } }), "problems");
        await ExpectFieldAsync(h.Http.PostJsonAsync("/api/v1/meetings", new
        {
            cityCode = h.City, countyCode = h.County, date = "2023-06-08", title = "现场办公会", host = "市委书记",
            attendees = Enumerable.Repeat("参会人", InputLimits.MaxItems + 1).ToArray(), year = 2023, month = 5,
        }), "attendees");

        Assert.Equal("甲镇", (await h.Http.GetJsonAsync($"/api/v1/towns/{h.Town}")).Body!["name"].Text());
        Assert.Empty((await h.Http.GetJsonAsync($"/api/v1/projects/{code}")).Body!["reports"]!.AsArray());
        Assert.Empty((await h.Http.GetJsonAsync($"/api/v1/counties/{h.County}/meetings")).Body!.AsArray());
    }

    [Fact]
    public async Task OnlyTheCommandOfficeRenamesADivision()
    {
        var h = await Hierarchy.CreateAsync(fixture);

        Assert.Equal(HttpStatusCode.Forbidden, (await TownOfficer(h.Town).PutJsonAsync($"/api/v1/towns/{h.Town}", new { name = "改名镇", countyCode = h.County })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CountyOfficer(h.County).PutJsonAsync($"/api/v1/towns/{h.Town}", new { name = "改名镇", countyCode = h.County })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await CountyOfficer(h.County).PutJsonAsync($"/api/v1/counties/{h.County}", new { name = "改名县", cityCode = h.City })).Status);
        Assert.Equal("甲镇", (await h.Http.GetJsonAsync($"/api/v1/towns/{h.Town}")).Body!["name"].Text());

        // Registering a new town stays with its county; the same name again changes nothing and is allowed.
        Assert.Equal(HttpStatusCode.Created, (await CountyOfficer(h.County).PutJsonAsync($"/api/v1/towns/{h.County}103", new { name = "丙镇", countyCode = h.County })).Status);
        Assert.Equal(HttpStatusCode.OK, (await TownOfficer(h.Town).PutJsonAsync($"/api/v1/towns/{h.Town}", new { name = "甲镇", countyCode = h.County })).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/towns/{h.Town}", new { name = "改名镇", countyCode = h.County })).Status);
        Assert.Equal("改名镇", (await h.Http.GetJsonAsync($"/api/v1/towns/{h.Town}")).Body!["name"].Text());
    }

    // ---- 5. Disabled accounts ----

    [Fact]
    public async Task ATokenIssuedBeforeTheAccountWasDisabledIsRefusedAfterward()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var username = $"sec.disabled.{h.City}";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/users", new
        {
            username, displayName = "将被停用", role = "countyOfficer", jurisdiction = h.County, password = "long-enough-1",
        })).Status);
        var token = await fixture.Http.PostJsonAsync("/api/v1/auth/token", new { username, password = "long-enough-1" });
        Assert.Equal(HttpStatusCode.OK, token.Status);
        using var client = fixture.Browser(new Uri("http://localhost"));
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Body!["accessToken"].Text());
        Assert.Equal(HttpStatusCode.OK, (await client.GetJsonAsync($"/api/v1/counties/{h.County}")).Status);

        Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/users/{username}/disabled", new { disabled = true })).Status);
        var refused = await client.GetJsonAsync($"/api/v1/counties/{h.County}");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);

        // Re-enabling does not bring the old token back: the stamp changed again.
        Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/users/{username}/disabled", new { disabled = false })).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetJsonAsync($"/api/v1/counties/{h.County}")).Status);
    }

    [Fact]
    public async Task APortalCookieIssuedBeforeTheAccountWasDisabledSignsOutAndIsSecureOverHttps()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var username = $"sec.cookie.{h.City}";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PostJsonAsync("/api/v1/users", new
        {
            username, displayName = "门户用户", role = "countyOfficer", jurisdiction = h.County, password = "long-enough-1",
        })).Status);
        using var browser = fixture.Browser(new Uri("https://localhost"));

        using var signIn = await SignInAsync(browser, username, "long-enough-1");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(AuthSetup.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        using (var me = await browser.GetAsync("/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await h.Http.PutJsonAsync($"/api/v1/users/{username}/disabled", new { disabled = true })).Status);
        using var after = await browser.GetAsync("/me");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    // ---- 7. Headers ----

    [Fact]
    public async Task EveryAnswerCarriesTheSecurityHeaders()
    {
        using var browser = fixture.Browser(new Uri("https://localhost"));
        using var api = await browser.GetAsync("/api/v1/auth/me");
        using var login = await browser.GetAsync("/login");
        using var dashboard = await browser.GetAsync("/dashboard");

        foreach (var response in new[] { api, login, dashboard })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }

        Assert.Equal(SecurityHeaders.ApiPolicy, api.Headers.GetValues("Content-Security-Policy").Single());
        var policy = login.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = NoncePattern().Match(policy);
        Assert.True(nonce.Success, policy);
        Assert.DoesNotContain("unsafe-inline", policy.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        var html = await login.Content.ReadAsStringAsync();
        Assert.Contains($"nonce=\"{nonce.Groups[1].Value}\"", html, StringComparison.Ordinal);

        using var culture = await browser.GetAsync("/culture?c=en&redirectUri=/login");
        Assert.Contains("secure", culture.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    // ---- 8. Odd tokens ----

    [Fact]
    public async Task ACorrectlySignedTokenWithAnUnknownRoleOrNoStampIs401()
    {
        using var unknownRole = fixture.WithToken(new CurrentUser("sec.odd", "奇怪", (UserRole)42, "440800", "440800", "x"));
        using var noStamp = fixture.WithToken(new CurrentUser("api-tests.440800", "API tests", UserRole.CityAdmin, "440800", "440800"));

        var odd = await unknownRole.GetJsonAsync("/api/v1/auth/me");
        var stale = await noStamp.GetJsonAsync("/api/v1/cities/440800");

        Assert.Equal(HttpStatusCode.Unauthorized, odd.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.Status);
    }

    [Fact]
    public async Task ABankOfficerAccountForABankThatDoesNotExistIsA400NamingJurisdiction()
    {
        var h = await Hierarchy.CreateAsync(fixture);
        var bank = $"bank-{h.City}-real";
        Assert.Equal(HttpStatusCode.Created, (await h.Http.PutJsonAsync($"/api/v1/banks/{bank}", new { name = "真实银行", cityCode = h.City })).Status);

        var missing = await h.Http.PostJsonAsync("/api/v1/users", new
        {
            username = $"sec.bank.none.{h.City}", displayName = "无此银行", role = "bankOfficer", jurisdiction = $"bank-{h.City}-none", password = "long-enough-1",
        });
        var real = await h.Http.PostJsonAsync("/api/v1/users", new
        {
            username = $"sec.bank.real.{h.City}", displayName = "真实银行", role = "bankOfficer", jurisdiction = bank, password = "long-enough-1",
        });

        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.True(missing.Body!["errors"]!.AsObject().ContainsKey("jurisdiction"), missing.Body.Json());
        Assert.Equal(HttpStatusCode.Created, real.Status);
    }

    private static async Task ExpectFieldAsync(Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> call, string field)
    {
        var (status, body, contentType) = await call;
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", contentType);
        Assert.True(body!["errors"]!.AsObject().ContainsKey(field), $"errors do not name {field}: {body.Json()}");
    }

    /// <summary>Posts the portal's login form as a browser would (its hidden fields, antiforgery token included).</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string username, string password)
    {
        var page = await browser.GetStringAsync("/login");
        var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        fields["Input.Username"] = username;
        fields["Input.Password"] = password;
        return await browser.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"\s*/?>""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex NoncePattern();
}
