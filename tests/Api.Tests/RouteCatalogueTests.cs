using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Liandong.Api.Tests;

/// <summary>
/// docs/api-routes.md lists every route the front tier serves under /api/v1, each marked as written in the shared
/// contract (../shared/API.md) or added by the project. The list and the running service's OpenAPI document must
/// agree both ways, so a new route cannot go undocumented and a documented one cannot disappear; where the shared
/// contract is checked out beside the project, every route it names must be served and marked as its own.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class RouteCatalogueTests(ApiFixture fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EveryServedRouteIsInTheCatalogueAndEveryCataloguedRouteIsServed()
    {
        var served = await ServedAsync();
        var catalogue = Catalogue().Keys.ToHashSet();

        var undocumented = served.Except(catalogue).Order().ToList();
        var gone = catalogue.Except(served).Order().ToList();
        Assert.True(undocumented.Count == 0 && gone.Count == 0,
            $"docs/api-routes.md and the service disagree.\nServed but not listed ({undocumented.Count}):\n  " + string.Join("\n  ", undocumented)
            + $"\nListed but not served ({gone.Count}):\n  " + string.Join("\n  ", gone));
    }

    [Fact]
    public async Task EveryRouteOfTheSharedContractIsServedAndMarkedAsTheContracts()
    {
        var contractPath = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "API.md"));
        if (!File.Exists(contractPath))
        {
            // The shared contract is not part of the repository; where it is not checked out beside it, the first
            // test still holds the catalogue to the service.
            Assert.True(Catalogue().Values.Count(inContract => inContract) > 50, "docs/api-routes.md marks too few routes as API.md's.");
            return;
        }

        var contract = ContractRoutes(File.ReadAllText(contractPath));
        Assert.True(contract.Count > 50, $"Only {contract.Count} routes read from {contractPath}: has its table format changed?");
        var served = await ServedAsync();
        var catalogue = Catalogue();

        var missing = contract.Except(served).Order().ToList();
        var unmarked = contract.Where(r => catalogue.TryGetValue(r, out var inContract) && !inContract).Order().ToList();
        var wronglyMarked = catalogue.Where(r => r.Value && !contract.Contains(r.Key)).Select(r => r.Key).Order().ToList();
        Assert.True(missing.Count == 0 && unmarked.Count == 0 && wronglyMarked.Count == 0,
            $"API.md's routes not served ({missing.Count}):\n  " + string.Join("\n  ", missing)
            + $"\nIn API.md but marked as added in docs/api-routes.md ({unmarked.Count}):\n  " + string.Join("\n  ", unmarked)
            + $"\nMarked as API.md's but not in it ({wronglyMarked.Count}):\n  " + string.Join("\n  ", wronglyMarked));
    }

    private async Task<HashSet<string>> ServedAsync()
    {
        var (_, document, _) = await fixture.AdminOf("440800").GetJsonAsync("/openapi/v1.json");
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document!["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (var method in Methods.Where(m => item![m] is JsonObject))
            {
                routes.Add(Normalize(method.ToUpperInvariant(), path));
            }
        }

        Assert.True(routes.Count > 100, $"Only {routes.Count} routes in the OpenAPI document.");
        return routes;
    }

    /// <summary>The catalogue's routes, each with whether it is marked as the shared contract's ("API.md").</summary>
    private static Dictionary<string, bool> Catalogue()
    {
        var rows = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot, "docs", "api-routes.md")))
        {
            var match = CatalogueRow().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var route = Normalize(match.Groups["method"].Value, match.Groups["path"].Value);
            var source = match.Groups["source"].Value.Trim();
            Assert.True(source is "API.md" or "added", $"docs/api-routes.md: '{line}' is marked '{source}', not API.md or added.");
            Assert.True(rows.TryAdd(route, source == "API.md"), $"docs/api-routes.md lists {route} twice.");
        }

        return rows;
    }

    /// <summary>
    /// The routes API.md names in back-quotes: its query strings dropped, "{cities,counties}" spelled out for each
    /// level.
    /// </summary>
    private static HashSet<string> ContractRoutes(string text)
    {
        var routes = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in ContractRoute().Matches(text))
        {
            var path = match.Groups["path"].Value;
            var alternatives = Alternatives().Match(path);
            var paths = alternatives.Success
                ? alternatives.Groups["options"].Value.Split(',').Select(o => path.Replace(alternatives.Value, o, StringComparison.Ordinal))
                : [path];
            foreach (var expanded in paths)
            {
                routes.Add(Normalize(match.Groups["method"].Value, expanded));
            }
        }

        return routes;
    }

    /// <summary>
    /// "GET /api/v1/counties/{countyCode}/x?y=" → "GET /api/v1/counties/{}/x": parameter names and queries do not matter,
    /// and a segment that starts with a parameter is one parameter ("{month}.docx" is served as "{file}").
    /// </summary>
    private static string Normalize(string method, string path)
    {
        var bare = path.Split('?', '…')[0].TrimEnd('/');
        return method + " " + Parameter().Replace(bare, "{}");
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Liandong.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Liandong.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\|\s*`(?<method>GET|PUT|POST|DELETE|PATCH) (?<path>/api/v1/[^`\s]*)`\s*\|\s*(?<source>[^|]+)\|")]
    private static partial Regex CatalogueRow();

    [GeneratedRegex(@"`(?<method>GET|PUT|POST|DELETE|PATCH) (?<path>/api/v1/[^`\s]*)`")]
    private static partial Regex ContractRoute();

    [GeneratedRegex(@"\{(?<options>[a-z]+(,[a-z]+)+)\}")]
    private static partial Regex Alternatives();

    [GeneratedRegex(@"\{[^}/]*\}[^/]*")]
    private static partial Regex Parameter();
}
