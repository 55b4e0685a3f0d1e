namespace Liandong;

/// <summary>What went wrong with a request, as the domain sees it; the front tier maps it to an HTTP status.</summary>
public enum DomainErrorKind
{
    /// <summary>A field is missing or out of range (HTTP 400).</summary>
    Validation = 0,
    /// <summary>The thing named does not exist (HTTP 404).</summary>
    NotFound = 1,
    /// <summary>The request clashes with the current state (HTTP 409).</summary>
    Conflict = 2,
    /// <summary>The caller may not do this (HTTP 403).</summary>
    Forbidden = 3,
}

/// <summary>A rule of the domain refused a request; nothing was changed.</summary>
[GenerateSerializer, Alias("Liandong.DomainException")]
public sealed class DomainException : Exception
{
    public DomainException()
    {
    }

    public DomainException(string message) : base(message)
    {
    }

    public DomainException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public DomainException(DomainErrorKind kind, string message, string? field = null) : base(message)
    {
        Kind = kind;
        Field = field;
    }

    [Id(0)]
    public DomainErrorKind Kind { get; init; }

    /// <summary>The request field at fault (camelCase, as in the API), for validation errors.</summary>
    [Id(1)]
    public string? Field { get; init; }

    /// <summary>The refusal as a keyed rule (its English text is <see cref="Exception.Message"/>), for a portal form to show in its language; null when unkeyed.</summary>
    [Id(2)]
    public RuleText? Rule { get; init; }

    public static DomainException Invalid(string field, string message) => new(DomainErrorKind.Validation, message, field);

    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);

    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);

    /// <summary>A field refused by a keyed rule: the API answers its English text, a portal form its own language.</summary>
    public static DomainException Invalid(string field, RuleText rule) => new(DomainErrorKind.Validation, rule.Text, field) { Rule = rule };

    public static DomainException NotFound(RuleText rule) => new(DomainErrorKind.NotFound, rule.Text) { Rule = rule };

    public static DomainException Conflict(RuleText rule) => new(DomainErrorKind.Conflict, rule.Text) { Rule = rule };
}
