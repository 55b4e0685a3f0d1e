using System.Net;
using System.Text.Json.Nodes;

namespace Liandong.Api.Tests;

/// <summary>
/// The OpenAPI document describes what every route answers: handlers return typed results and named response
/// records (issue 10, "one API shape"), so no 2xx JSON answer is an empty object to a client generator.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiTests(ApiFixture fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task EverySuccessfulJsonResponseUnderApiV1HasANonEmptySchema()
    {
        var (status, document, _) = await fixture.AdminOf("440800").GetJsonAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var schemas = document!["components"]?["schemas"]?.AsObject();
        var paths = document["paths"]!.AsObject();

        var routes = 0;
        var offenders = new List<string>();
        foreach (var (path, item) in paths)
        {
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var method in Methods)
            {
                if (item![method] is not JsonObject operation)
                {
                    continue;
                }

                routes++;
                var route = $"{method.ToUpperInvariant()} {path}";
                var successes = (operation["responses"]?.AsObject() ?? []).Where(r => r.Key.StartsWith('2')).ToList();
                if (successes.Count == 0)
                {
                    offenders.Add($"{route}: no 2xx response declared");
                }

                foreach (var (code, response) in successes)
                {
                    if (response?["content"] is not JsonObject content || content.Count == 0)
                    {
                        // Only 204 No Content may answer without a body; any other 2xx must say what it sends.
                        if (code != "204")
                        {
                            offenders.Add($"{route} {code}: no content declared (an untyped IResult)");
                        }

                        continue;
                    }

                    foreach (var (mediaType, media) in content)
                    {
                        if (!mediaType.Contains("json", StringComparison.Ordinal))
                        {
                            continue;
                        }

                        foreach (var problem in EmptySchemas(media?["schema"], schemas, "schema", []))
                        {
                            offenders.Add($"{route} {code} {mediaType}: {problem}");
                        }
                    }
                }
            }
        }

        Assert.True(routes > 100, $"Only {routes} operations under /api/v1 in the document: is every route group registered?");
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} response(s) without a schema (answer a named record through TypedResults):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public async Task EveryRouteUnderApiV1IsNamedAndTagged()
    {
        var (_, document, _) = await fixture.AdminOf("440800").GetJsonAsync("/openapi/v1.json");
        var unnamed = new List<string>();
        foreach (var (path, item) in document!["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/v1/", StringComparison.Ordinal)))
        {
            foreach (var method in Methods)
            {
                if (item![method] is JsonObject operation &&
                    (operation["operationId"] is null || operation["tags"] is not JsonArray { Count: > 0 }))
                {
                    unnamed.Add($"{method.ToUpperInvariant()} {path}");
                }
            }
        }

        Assert.True(unnamed.Count == 0, "Routes without .WithName or .WithTags:\n" + string.Join("\n", unnamed));
    }

    /// <summary>
    /// The places in <paramref name="schema"/> (following $refs once each) that say nothing about their shape:
    /// absent, or <c>{}</c> — what an anonymous object or a property typed <c>object</c> becomes.
    /// </summary>
    private static IEnumerable<string> EmptySchemas(JsonNode? schema, JsonObject? components, string where, HashSet<string> seen)
    {
        if (schema is not JsonObject node || IsEmpty(node))
        {
            yield return $"{where} is empty";
            yield break;
        }

        if (node["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference.Split('/')[^1];
            if (!seen.Add(name))
            {
                yield break;
            }

            foreach (var problem in EmptySchemas(components?[name], components, $"{where} → {name}", seen))
            {
                yield return problem;
            }

            yield break;
        }

        if (HasType(node["type"], "array") && node["items"] is null)
        {
            // A list of object: the document cannot say what its items are.
            yield return $"{where} is an array of unknown items";
        }

        foreach (var (property, value) in node["properties"]?.AsObject() ?? [])
        {
            foreach (var problem in EmptySchemas(value, components, $"{where}.{property}", seen))
            {
                yield return problem;
            }
        }

        foreach (var child in new[] { "items", "additionalProperties" })
        {
            if (node[child] is JsonObject inner)
            {
                foreach (var problem in EmptySchemas(inner, components, $"{where}.{child}", seen))
                {
                    yield return problem;
                }
            }
        }

        foreach (var combinator in new[] { "allOf", "anyOf", "oneOf" })
        {
            foreach (var (part, i) in (node[combinator]?.AsArray() ?? []).Select((p, i) => (p, i)))
            {
                foreach (var problem in EmptySchemas(part, components, $"{where}.{combinator}[{i}]", seen))
                {
                    yield return problem;
                }
            }
        }
    }

    /// <summary>No type, no reference, no properties, no items and no combinator: any value at all.</summary>
    private static bool IsEmpty(JsonObject node) =>
        !node.ContainsKey("$ref") && !node.ContainsKey("properties") && !node.ContainsKey("items") && !node.ContainsKey("additionalProperties")
        && !node.ContainsKey("allOf") && !node.ContainsKey("anyOf") && !node.ContainsKey("oneOf") && !node.ContainsKey("enum")
        && (node["type"] is null || IsBareObject(node["type"]));

    private static bool HasType(JsonNode? type, string name) => type switch
    {
        JsonValue v => v.GetValue<string>() == name,
        JsonArray a => a.Any(t => t?.GetValue<string>() == name),
        _ => false,
    };

    /// <summary><c>"type": "object"</c> (or ["null","object"]) with nothing else says no more than <c>{}</c>.</summary>
    private static bool IsBareObject(JsonNode? type) => type switch
    {
        JsonValue v => v.GetValue<string>() == "object",
        JsonArray a => a.Where(t => t?.GetValue<string>() != "null").Select(t => t!.GetValue<string>()).SequenceEqual(["object"]),
        _ => false,
    };
}
