using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Liandong.Client.Api;

/// <summary>Turns the domain's refusals and unreadable bodies into problem+json answers (API.md "Errors").</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException { Kind: DomainErrorKind.Validation } e => Validation(e.Field ?? "body", e.Message),
            DomainException { Kind: DomainErrorKind.NotFound } e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
            DomainException { Kind: DomainErrorKind.Conflict } e => Problem(StatusCodes.Status409Conflict, "Conflict", e.Message),
            DomainException { Kind: DomainErrorKind.Forbidden } e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            BadHttpRequestException { InnerException: JsonException json } => Validation(FieldOf(json.Path), "The value could not be read: " + json.Message.Split(" Path:")[0]),
            BadHttpRequestException bad => Validation("body", bad.Message),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    public static ValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
        };

    private static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    /// <summary>"$.annualPlans[0].amount" → "annualPlans[0].amount"; the body itself → "body".</summary>
    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}

/// <summary>
/// A rule's message: the English text the API answers in problem+json, and a key with parameters the portal renders in its
/// own language (Strings.resx "Workbench.Rule.{Key}"; the English text when the key is unknown there).
/// </summary>
internal sealed record RuleMessage(string? Key, string English, object?[] Args)
{
    /// <summary>A keyed message; <paramref name="english"/> is a composite format when <paramref name="args"/> are given.</summary>
    public static RuleMessage Of(string key, string english, params object?[] args) => new(key, english, args);

    /// <summary>A shared rule's keyed refusal (Grains.Interfaces), as a message of a field.</summary>
    public static RuleMessage From(RuleText rule) => new(rule.Key, rule.English, rule.Args);

    /// <summary>What the API answers.</summary>
    public string Text => Args.Length == 0 ? English : string.Format(System.Globalization.CultureInfo.InvariantCulture, English, Args);
}

/// <summary>Collects field errors of a request body before anything is sent to a grain.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<RuleMessage>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>The English messages by field (what the API answers).</summary>
    public IReadOnlyDictionary<string, List<string>> Fields => _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Text).ToList(), StringComparer.Ordinal);

    /// <summary>The messages by field with their keys, for a portal form that shows each on its field in the portal's language.</summary>
    public IReadOnlyDictionary<string, List<RuleMessage>> Messages => _errors;

    public FieldErrors Add(string field, string message) => Add(field, new RuleMessage(null, message, []));

    public FieldErrors Add(string field, RuleMessage message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public FieldErrors Add(string field, RuleText rule) => Add(field, RuleMessage.From(rule));

    /// <summary>Adds a shared rule's refusal when there is one.</summary>
    public FieldErrors Rule(string field, RuleText? rule) => rule is null ? this : Add(field, rule);

    public FieldErrors Require(bool condition, string field, RuleMessage message) => condition ? this : Add(field, message);

    public FieldErrors Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    /// <summary>A text against <see cref="InputLimits"/>: blank (when required) or longer than <paramref name="max"/> is an error on <paramref name="field"/>.</summary>
    public FieldErrors Text(string field, string? text, int max, bool required = false) =>
        InputLimits.TextRule(text, max, required) is { } problem ? Add(field, problem) : this;

    /// <summary>An amount (万元) against <see cref="InputLimits.MaxAmount"/>.</summary>
    public FieldErrors Amount(string field, decimal? amount, bool required = true, bool positive = false) =>
        InputLimits.AmountRule(amount, required, positive) is { } problem ? Add(field, problem) : this;

    /// <summary>A list of texts: its count, then each item (named by index).</summary>
    public FieldErrors List(string field, IReadOnlyList<string?>? items, int maxItems, int maxLength) =>
        InputLimits.ListRule(field, items, maxItems, maxLength) is { } problem ? Add(problem.Field, problem.Message) : this;

    /// <summary>The problems a shared validator found (Client/Services), as this request's field errors.</summary>
    public static FieldErrors From(IEnumerable<Liandong.Client.Services.FieldProblem> problems)
    {
        var errors = new FieldErrors();
        foreach (var p in problems)
        {
            errors.Add(p.Field, p.Message);
        }

        return errors;
    }

    /// <summary>The 400 problem+json naming every field (the English texts); a typed result, so a handler can declare it in its <c>Results&lt;…&gt;</c>.</summary>
    public Microsoft.AspNetCore.Http.HttpResults.ValidationProblem ToResult() => TypedResults.ValidationProblem(
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.Text).ToArray()),
        title: "The request is not valid");
}
