using Liandong.Client.Api;
using Microsoft.Extensions.Localization;

namespace Liandong.Client.Portal;

/// <summary>
/// What a portal write form shows after a refusal: the message of each field at fault on that field, and a message
/// for the whole form when the refusal names no field (a conflict, a refusal outside the jurisdiction). The field
/// rules are the API's own (<see cref="FieldErrors"/> from the same validator), and a grain's refusal naming a field
/// lands on it too.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.OrdinalIgnoreCase);

    public string? General { get; private set; }

    public bool Busy { get; set; }

    /// <summary>The message for a field ("departments[1]" counts as "departments"), or null.</summary>
    public string? this[string field] => _byField.GetValueOrDefault(field);

    public bool Has(string field) => _byField.ContainsKey(field);

    public void Clear()
    {
        _byField.Clear();
        General = null;
    }

    /// <summary>
    /// Takes the validator's answer; true when the body may be sent. With a localizer, a keyed rule message is shown in the
    /// portal's language ("Workbench.Rule.{key}" with its parameters); without one, or for an unkeyed rule, the API's English text.
    /// </summary>
    internal bool Accept(FieldErrors errors, IStringLocalizer? localizer = null)
    {
        Clear();
        foreach (var (field, messages) in errors.Messages)
        {
            var bracket = field.IndexOf('[', StringComparison.Ordinal);
            _byField.TryAdd(bracket > 0 ? field[..bracket] : field, Render(messages[0], localizer));
        }

        return !errors.Any;
    }

    /// <summary>A rule message in the portal's language when Strings.resx has its key, else the API's English text.</summary>
    internal static string Render(RuleMessage message, IStringLocalizer? localizer)
    {
        if (localizer is null || message.Key is null)
        {
            return message.Text;
        }

        var text = localizer["Workbench.Rule." + message.Key];
        if (text.ResourceNotFound)
        {
            return message.Text;
        }

        return message.Args.Length == 0 ? text.Value : string.Format(System.Globalization.CultureInfo.CurrentCulture, text.Value, message.Args);
    }

    /// <summary>A shared rule's text (a grain's check, a readiness check's detail) in the portal's language when Strings.resx has its key, else its English text.</summary>
    public static string Text(RuleText rule, IStringLocalizer localizer) => Render(RuleMessage.From(rule), localizer);

    /// <summary>Shows a refusal of the service or the grain where it belongs, in the portal's language when the refusal is a keyed rule.</summary>
    public void Show(DomainException e, IStringLocalizer localizer)
    {
        var message = Message(e, localizer);
        if (e.Kind == DomainErrorKind.Validation && e.Field is { } field)
        {
            var bracket = field.IndexOf('[', StringComparison.Ordinal);
            _byField[bracket > 0 ? field[..bracket] : field] = message;
            return;
        }

        General = message;
    }

    /// <summary>A refusal's text for the portal: "forbidden" in its words, a keyed rule in its language, else the English message.</summary>
    public static string Message(DomainException e, IStringLocalizer localizer) =>
        e.Kind == DomainErrorKind.Forbidden ? localizer["Error.Forbidden"]
        : e.Rule is { } rule ? Render(RuleMessage.From(rule), localizer)
        : e.Message;

    /// <summary>Runs a submission: clears the messages, marks the form busy, and shows a refusal instead of throwing.</summary>
    public async Task<bool> RunAsync(Func<Task> submit, IStringLocalizer localizer)
    {
        Busy = true;
        try
        {
            await submit();
            return true;
        }
        catch (DomainException e)
        {
            Show(e, localizer);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
