using Liandong.Finance;
using Liandong.Reporting;

namespace Liandong.Grains.Tests.Finance;

/// <summary>A fresh hierarchy with banks, an owner enterprise and owned projects, under codes no other test uses.</summary>
internal sealed class FinanceScenario(IGrainFactory grains)
{
    private static int _next;

    public Scenario Divisions { get; } = new(grains);

    public string City => Divisions.City;

    public string Enterprise { get; private set; } = "";

    public List<string> Banks { get; } = [];

    /// <summary>
    /// A city with <paramref name="counties"/> counties of one town each, <paramref name="banks"/> banks in the city,
    /// and an enterprise registered in the first county.
    /// </summary>
    public async Task<FinanceScenario> BuildAsync(int counties = 1, int banks = 3)
    {
        await Divisions.BuildAsync(counties, 1);
        Enterprise = await EnterpriseAsync(Divisions.Counties[0], "演示实业有限公司");
        for (var b = 1; b <= banks; b++)
        {
            var code = $"bank{City}-{b}";
            await grains.GetGrain<IBankGrain>(code).RegisterAsync($"测试银行{b}分行", City, "test");
            Banks.Add(code);
        }

        return this;
    }

    /// <summary>Registers an enterprise under a fresh valid credit code.</summary>
    public async Task<string> EnterpriseAsync(string county, string name)
    {
        var code = NewCreditCode(county);
        await grains.GetGrain<IEnterpriseGrain>(code).RegisterAsync(name, county, "test");
        return code;
    }

    /// <summary>A project in the <paramref name="countyIndex"/>th county's town, owned by the scenario's enterprise.</summary>
    public async Task<IProjectGrain> OwnedProjectAsync(string code, int countyIndex = 0)
    {
        var project = await Divisions.ProjectAsync(code, Divisions.Towns[countyIndex]);
        await project.SetOwnerAsync(Enterprise, "test");
        return project;
    }

    public IFinancingRequestGrain Request(string id) => grains.GetGrain<IFinancingRequestGrain>(id);

    public async Task<IFinancingRequestGrain> SubmitAsync(string id, string projectCode, decimal amount = 20000m)
    {
        var request = Request(id);
        await request.SubmitAsync(new FinancingSubmission(projectCode, Enterprise, amount, "厂房建设流动资金", 60), "enterprise");
        return request;
    }

    /// <summary>A valid code: registered with market regulation (9), company (1), in the county, a valid organisation code.</summary>
    public static string NewCreditCode(string county)
    {
        var n = Interlocked.Increment(ref _next);
        var body = $"MA{n:D6}";
        return CreditCodes.Complete("91" + county + body + CreditCodes.OrganizationCheckCharacter(body));
    }
}
