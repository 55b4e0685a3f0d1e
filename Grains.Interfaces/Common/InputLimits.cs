namespace Liandong;

/// <summary>
/// The bounds every input is held to, in one place (docs/operations.md "Input limits"): the API routes, the
/// portal's forms and the grains themselves check against these, so that a request past them is a 400 naming
/// the field and nothing is written, whichever way it came in.
/// </summary>
/// <remarks>
/// Amounts are in 万元. <see cref="MaxAmount"/> (10,000,000 万元 = 1,000 亿元) bounds each amount field of a
/// project, report, financing request, offer or disbursement; the largest single projects of a prefecture-level
/// city are a few hundred 亿元. With a bound per field and one per list the roll-ups of a whole city stay far
/// inside <see cref="decimal"/>.
/// </remarks>
public static class InputLimits
{
    /// <summary>The largest amount (万元) one field may carry: 10,000,000 万元 = 1,000 亿元.</summary>
    public const decimal MaxAmount = 10_000_000m;

    /// <summary>A name: division, project, enterprise, bank, department, meeting title.</summary>
    public const int MaxName = 200;

    /// <summary>A short label: a sub-category, a unit, a leader's title, a place.</summary>
    public const int MaxShort = 100;

    /// <summary>A note: a reason, a recommendation note, a progress note, image progress, a problem, an attendee.</summary>
    public const int MaxNote = 500;

    /// <summary>A longer text: a matter's detail, an answer, a visit's findings, a directive's detail, minutes.</summary>
    public const int MaxText = 4000;

    /// <summary>Items in a list of texts (a report's problems, a meeting's attendees).</summary>
    public const int MaxItems = 100;

    /// <summary>Banks one financing request may be recommended to.</summary>
    public const int MaxBanks = 20;

    /// <summary>The largest quantity of a factor need (its own unit: 亩, 万千瓦时 …).</summary>
    public const decimal MaxQuantity = 1_000_000_000m;

    /// <summary>Annual plans of a project (one per year).</summary>
    public const int MaxAnnualPlans = 30;

    /// <summary>Why an amount is out of bounds, or null when it is within 0..<see cref="MaxAmount"/>.</summary>
    public static string? AmountProblem(decimal? amount, bool required = true, bool positive = false) => AmountRule(amount, required, positive)?.Text;

    /// <summary>Why an amount is out of bounds as a keyed rule (a portal form shows it in its language), or null when it is within bounds.</summary>
    public static RuleText? AmountRule(decimal? amount, bool required = true, bool positive = false) => amount switch
    {
        null => required ? new RuleText("AmountRequired", "The amount (万元) is required.") : null,
        < 0m => new RuleText("AmountNegative", "The amount cannot be negative."),
        0m when positive => new RuleText("AmountPositive", "The amount must be greater than zero."),
        > MaxAmount => new RuleText("AmountMax", "The amount is at most {0:#,0} 万元 (1,000 亿元).", MaxAmount),
        _ => null,
    };

    /// <summary>Whether an amount lies within 0..<see cref="MaxAmount"/>.</summary>
    public static bool IsAmount(decimal amount) => amount is >= 0m and <= MaxAmount;

    /// <summary>Why a text is not acceptable, or null: required texts must not be blank; every text is at most <paramref name="max"/> characters.</summary>
    public static string? TextProblem(string? text, int max, bool required = false) => TextRule(text, max, required)?.Text;

    /// <summary>Why a text is not acceptable as a keyed rule, or null.</summary>
    public static RuleText? TextRule(string? text, int max, bool required = false) =>
        string.IsNullOrWhiteSpace(text) ? (required ? new RuleText("Required", "Required (at most {0} characters).", max) : null)
        : text.Length > max ? new RuleText("AtMost", "At most {0} characters.", max) : null;

    /// <summary>
    /// The first problem of a list of texts as (field, message): too many items names the list, a bad item names
    /// it by index (<c>attendees[3]</c>), or names the list and gives the index in the message when
    /// <paramref name="indexItems"/> is false (a report's <c>problems</c>, as the API has always named it).
    /// Null when the list is acceptable (a null list is).
    /// </summary>
    public static (string Field, string Message)? ListProblem(string field, IReadOnlyList<string?>? items, int maxItems, int maxLength, bool indexItems = true) =>
        ListRule(field, items, maxItems, maxLength, indexItems) is { } problem ? (problem.Field, problem.Message.Text) : null;

    /// <summary>The first problem of a list of texts with its keyed message (see <see cref="ListProblem"/>).</summary>
    public static (string Field, RuleText Message)? ListRule(string field, IReadOnlyList<string?>? items, int maxItems, int maxLength, bool indexItems = true)
    {
        if (items is null)
        {
            return null;
        }

        if (items.Count > maxItems)
        {
            return (field, new RuleText("ListItems", "At most {0} items.", maxItems));
        }

        for (var i = 0; i < items.Count; i++)
        {
            var name = indexItems ? $"{field}[{i}]" : field;
            if (string.IsNullOrWhiteSpace(items[i]))
            {
                return (name, indexItems ? new RuleText("ListItemEmpty", "An item cannot be empty.") : new RuleText("ListItemEmptyAt", "Item {0}: An item cannot be empty.", i));
            }

            if (items[i]!.Length > maxLength)
            {
                return (name, indexItems ? new RuleText("AtMost", "At most {0} characters.", maxLength) : new RuleText("ListItemAtMostAt", "Item {0}: At most {1} characters.", i, maxLength));
            }
        }

        return null;
    }

    /// <summary>Throws a validation refusal naming <paramref name="field"/> when the text is blank (if required) or too long: the grains' own check.</summary>
    public static void EnsureText(string field, string? text, int max, bool required = false)
    {
        if (TextRule(text, max, required) is { } problem)
        {
            throw DomainException.Invalid(field, problem);
        }
    }

    /// <summary>Throws a validation refusal naming <paramref name="field"/> when the amount is out of bounds: the grains' own check.</summary>
    public static void EnsureAmount(string field, decimal amount, bool positive = false)
    {
        if (AmountRule(amount, positive: positive) is { } problem)
        {
            throw DomainException.Invalid(field, problem);
        }
    }

    /// <summary>Throws a validation refusal naming the list or item at fault: the grains' own check.</summary>
    public static void EnsureList(string field, IReadOnlyList<string?>? items, int maxItems, int maxLength, bool indexItems = true)
    {
        if (ListRule(field, items, maxItems, maxLength, indexItems) is { } problem)
        {
            throw DomainException.Invalid(problem.Field, problem.Message);
        }
    }
}

/// <summary>
/// Sums that cannot throw: stored figures (written before <see cref="InputLimits"/> existed) may hold amounts
/// near <see cref="decimal.MaxValue"/>; a roll-up or a ratio of them saturates instead of answering 500.
/// </summary>
public static class SafeMath
{
    public static decimal Add(decimal a, decimal b)
    {
        try
        {
            return a + b;
        }
        catch (OverflowException)
        {
            return a > 0m ? decimal.MaxValue : decimal.MinValue;
        }
    }

    /// <summary><paramref name="a"/> + <paramref name="sign"/> × <paramref name="b"/>, saturating.</summary>
    public static decimal Add(decimal a, decimal b, int sign) => sign >= 0 ? Add(a, b) : Add(a, Negate(b));

    public static decimal Negate(decimal value) => -value;

    /// <summary>The sum of <paramref name="values"/>, saturating.</summary>
    public static decimal Sum(IEnumerable<decimal> values)
    {
        var sum = 0m;
        foreach (var value in values)
        {
            sum = Add(sum, value);
        }

        return sum;
    }

    /// <summary><paramref name="a"/> / <paramref name="b"/> rounded to <paramref name="decimals"/>, or null when it cannot be represented.</summary>
    public static decimal? Ratio(decimal a, decimal b, int decimals)
    {
        if (b == 0m)
        {
            return null;
        }

        try
        {
            return Math.Round(a / b, decimals);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    public static int Add(int a, int b, int sign)
    {
        var sum = (long)a + ((long)sign * b);
        return sum > int.MaxValue ? int.MaxValue : sum < int.MinValue ? int.MinValue : (int)sum;
    }
}
