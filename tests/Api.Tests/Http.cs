using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liandong.Api.Tests;

/// <summary>Small helpers for reading the API's JSON.</summary>
internal static class Http
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> SendJsonAsync(this HttpClient http, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        if (text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false))
        {
            json = JsonNode.Parse(text);
        }

        return (response.StatusCode, json, response.Content.Headers.ContentType?.MediaType);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> PutJsonAsync(this HttpClient http, string url, object body) =>
        http.SendJsonAsync(HttpMethod.Put, url, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> PostJsonAsync(this HttpClient http, string url, object body) =>
        http.SendJsonAsync(HttpMethod.Post, url, body);

    public static Task<(HttpStatusCode Status, JsonNode? Body, string? ContentType)> GetJsonAsync(this HttpClient http, string url) =>
        http.SendJsonAsync(HttpMethod.Get, url);

    public static decimal Decimal(this JsonNode? node) => node!.GetValue<decimal>();

    public static string Text(this JsonNode? node) => node!.GetValue<string>();

    /// <summary>Waits for an eventually consistent read (roll-ups travel upward after the acknowledgement).</summary>
    public static async Task<JsonNode> EventuallyAsync(this HttpClient http, string url, Func<JsonNode, bool> condition, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var (_, body, _) = await http.GetJsonAsync(url);
            if (body is not null && (condition(body) || DateTime.UtcNow > deadline))
            {
                return body;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{url} never answered a body.");
            }

            await Task.Delay(25);
        }
    }

    public static string Json(this JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
