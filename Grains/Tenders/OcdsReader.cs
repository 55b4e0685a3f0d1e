using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Liandong.Tenders;

namespace Liandong.Grains.Tenders;

/// <summary>A release read from OCDS: its ocid, the project it names (if any), and the process it maps to.</summary>
public sealed record OcdsRelease(int Line, string Ocid, string? ProjectHint, TenderInput Input);

/// <summary>
/// Reads Open Contracting Data Standard 1.1 compiled releases — one JSON object a line, or a release
/// package — into process records. Only the fields the records hold are read; everything else is
/// tolerated. A line that cannot be read becomes an error with its number and reason; the others are read.
/// </summary>
/// <remarks>
/// Amounts are converted from yuan (CNY, OCDS's unit) to 万元. What OCDS does not carry (legal
/// representatives, bond accounts, bond percentages, documents on sale, state funding) stays empty, and the
/// coverage view says which checks that leaves without data.
/// </remarks>
public static class OcdsReader
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static (ImmutableArray<OcdsRelease> Releases, ImmutableArray<OcdsLineError> Errors) Read(string body)
    {
        var releases = ImmutableArray.CreateBuilder<OcdsRelease>();
        var errors = ImmutableArray.CreateBuilder<OcdsLineError>();

        // A pretty-printed release package spans many lines: try the body as one document first. Line-
        // delimited JSON with two or more lines is not one document, and falls through to line by line.
        if (TryParseWhole(body) is { } whole)
        {
            using (whole)
            {
                ReadValue(whole.RootElement, 1, releases, errors, packageLines: true);
            }

            return (releases.ToImmutable(), errors.ToImmutable());
        }

        var number = 0;
        foreach (var raw in body.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                errors.Add(new OcdsLineError(number, "Not JSON: " + e.Message.Split(" LineNumber:")[0]));
                continue;
            }

            using (doc)
            {
                ReadValue(doc.RootElement, number, releases, errors, packageLines: false);
            }
        }

        return (releases.ToImmutable(), errors.ToImmutable());
    }

    private static JsonDocument? TryParseWhole(string body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A release, or a package whose releases are numbered 1…N (packageLines) or share the line's number.</summary>
    private static void ReadValue(JsonElement root, int line, ImmutableArray<OcdsRelease>.Builder releases, ImmutableArray<OcdsLineError>.Builder errors, bool packageLines)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new OcdsLineError(line, "A release is a JSON object."));
            return;
        }

        if (root.TryGetProperty("releases", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new OcdsLineError(line, "releases is not an array."));
                return;
            }

            var i = 0;
            foreach (var release in list.EnumerateArray())
            {
                i++;
                Add(release, packageLines ? i : line, releases, errors);
            }

            return;
        }

        Add(root, line, releases, errors);
    }

    private static void Add(JsonElement release, int line, ImmutableArray<OcdsRelease>.Builder releases, ImmutableArray<OcdsLineError>.Builder errors)
    {
        try
        {
            var read = Map(release, line);
            if (TenderRules.Problem(read.Input, imported: true) is { } problem)
            {
                errors.Add(new OcdsLineError(line, $"{problem.Field}: {problem.Message}"));
                return;
            }

            releases.Add(read);
        }
        catch (OcdsException e)
        {
            errors.Add(new OcdsLineError(line, e.Message));
        }
    }

    private sealed class OcdsException(string message) : Exception(message);

    private static OcdsRelease Map(JsonElement r, int line)
    {
        if (r.ValueKind != JsonValueKind.Object)
        {
            throw new OcdsException("A release is a JSON object.");
        }

        var ocid = Text(r, "ocid") ?? throw new OcdsException("ocid is missing or not a string.");
        var tender = Object(r, "tender");
        var parties = ReadParties(r);

        var title = (tender is { } t0 ? Text(t0, "title") : null) ?? ocid;
        var kind = (tender is { } t1 ? Text(t1, "mainProcurementCategory") : null) switch
        {
            "works" => TenderKind.Works,
            "goods" => TenderKind.Goods,
            "services" => TenderKind.Services,
            null => throw new OcdsException("tender.mainProcurementCategory is missing (works, goods or services)."),
            var other => throw new OcdsException($"tender.mainProcurementCategory '{other}' is not works, goods or services."),
        };
        var method = (tender is { } t2 ? Text(t2, "procurementMethod") : null) switch
        {
            "open" => TenderMethod.Open,
            "selective" => TenderMethod.Invited,
            "limited" => TenderMethod.Negotiation,
            "direct" => TenderMethod.Direct,
            null => throw new OcdsException("tender.procurementMethod is missing (open, selective, limited or direct)."),
            var other => throw new OcdsException($"tender.procurementMethod '{other}' is not open, selective, limited or direct."),
        };

        var budget = tender is { } t3 ? Money(t3, "value", "tender.value") : null;
        var period = tender is { } t4 ? Object(t4, "tenderPeriod") : null;
        var start = period is { } p1 ? Date(p1, "startDate", "tender.tenderPeriod.startDate") : null;
        var end = period is { } p2 ? Date(p2, "endDate", "tender.tenderPeriod.endDate") : null;
        var published = tender is { } t5 ? Date(t5, "datePublished", "tender.datePublished") : null;
        var procuringEntity = tender is { } t6 && Object(t6, "procuringEntity") is { } pe ? Text(pe, "id") : null;

        var bidders = ImmutableArray.CreateBuilder<Bidder>();
        if (Object(r, "bids") is { } bids && bids.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
        {
            var n = 0;
            foreach (var bid in details.EnumerateArray())
            {
                n++;
                var status = Text(bid, "status") switch
                {
                    "valid" => BidStatus.Valid,
                    "disqualified" => BidStatus.Disqualified,
                    "withdrawn" => BidStatus.Withdrawn,
                    "pending" => BidStatus.Pending,
                    "invited" => (BidStatus?)null,  // invited, not submitted: not a bid
                    null => throw new OcdsException($"bids.details[{n - 1}].status is missing."),
                    var other => throw new OcdsException($"bids.details[{n - 1}].status '{other}' is not valid, disqualified, withdrawn, pending or invited."),
                };
                if (status is null)
                {
                    continue;
                }

                if (!bid.TryGetProperty("tenderers", out var tenderers) || tenderers.ValueKind != JsonValueKind.Array || tenderers.GetArrayLength() == 0)
                {
                    throw new OcdsException($"bids.details[{n - 1}].tenderers is missing.");
                }

                // A consortium bid is recorded under its first tenderer (the record holds one bidder a bid).
                var first = tenderers[0];
                var id = Text(first, "id") ?? throw new OcdsException($"bids.details[{n - 1}].tenderers[0].id is missing.");
                if (bidders.Any(b => b.Id == id))
                {
                    continue;  // a second bid by the same tenderer: the record keeps its first
                }

                parties.TryGetValue(id, out var party);
                bidders.Add(new Bidder(
                    id,
                    Text(first, "name") ?? party?.Name ?? id,
                    LegalRepresentative: null,
                    party?.Phone,
                    party?.Address,
                    BondAccount: null,
                    Money(bid, "value", $"bids.details[{n - 1}].value"),
                    status.Value,
                    Instant(bid, "date", $"bids.details[{n - 1}].date")));
            }
        }

        DateOnly? awardDate = null;
        string? winner = null;
        decimal? awardPrice = null;
        if (r.TryGetProperty("awards", out var awards) && awards.ValueKind == JsonValueKind.Array)
        {
            var active = awards.EnumerateArray().Where(a => Text(a, "status") == "active").ToList();
            // Several active awards are lots; the record holds one award, so it keeps none rather than a wrong one.
            if (active.Count == 1)
            {
                var a = active[0];
                awardDate = Date(a, "date", "awards[].date");
                awardPrice = Money(a, "value", "awards[].value");
                if (a.TryGetProperty("suppliers", out var suppliers) && suppliers.ValueKind == JsonValueKind.Array && suppliers.GetArrayLength() > 0)
                {
                    winner = Text(suppliers[0], "id");
                }
            }
        }

        DateOnly? contractDate = null;
        if (r.TryGetProperty("contracts", out var contracts) && contracts.ValueKind == JsonValueKind.Array)
        {
            contractDate = contracts.EnumerateArray()
                .Select(c => Date(c, "dateSigned", "contracts[].dateSigned"))
                .Where(d => d is not null)
                .Min();
        }

        if (winner is not null && bidders.Count > 0 && bidders.All(b => b.Id != winner))
        {
            // The supplier did not bid in the data: keep it as the winner without a bid (R024 and others then skip it).
            parties.TryGetValue(winner, out var party);
            bidders.Add(new Bidder(winner, party?.Name ?? winner, null, party?.Phone, party?.Address, null, null, BidStatus.Valid, null));
        }

        var buyer = Object(r, "buyer");
        var planning = Object(r, "planning");
        string? hint = null;
        if (planning is { } pl)
        {
            hint = (Object(pl, "project") is { } project ? Text(project, "id") : null)
                ?? (Object(pl, "budget") is { } b ? Text(b, "projectID") : null);
        }

        var input = new TenderInput(
            ocid, Truncate(title), kind, method, budget, StateFunded: false,
            published, start, DocumentsTo: null, end, BidBondPercent: null, bidders.ToImmutable(),
            awardDate, winner, awardPrice, contractDate, PerformanceBondPercent: null,
            buyer is { } by ? Text(by, "id") : null, buyer is { } bn ? Text(bn, "name") : null, procuringEntity);
        return new OcdsRelease(line, ocid, hint, input);
    }

    private sealed record Party(string? Name, string? Phone, string? Address);

    private static Dictionary<string, Party> ReadParties(JsonElement r)
    {
        var map = new Dictionary<string, Party>(StringComparer.Ordinal);
        if (r.TryGetProperty("parties", out var parties) && parties.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in parties.EnumerateArray())
            {
                if (Text(p, "id") is { } id)
                {
                    var contact = Object(p, "contactPoint");
                    var address = Object(p, "address");
                    map[id] = new Party(Text(p, "name"), contact is { } c ? Text(c, "telephone") : null, address is { } a ? Text(a, "streetAddress") : null);
                }
            }
        }

        return map;
    }

    private static string Truncate(string s) => s.Length <= TenderRules.MaxText ? s : s[..TenderRules.MaxText];

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static JsonElement? Object(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : null;

    /// <summary>An OCDS Value in CNY as 万元; another currency is an error (no exchange rates are guessed).</summary>
    private static decimal? Money(JsonElement e, string name, string path)
    {
        if (Object(e, name) is not { } value || !value.TryGetProperty("amount", out var amount) || amount.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (amount.ValueKind != JsonValueKind.Number || !amount.TryGetDecimal(out var yuan))
        {
            throw new OcdsException($"{path}.amount is not a number.");
        }

        var currency = Text(value, "currency");
        if (currency != "CNY")
        {
            throw new OcdsException($"{path}.currency is '{currency ?? "missing"}', not CNY.");
        }

        return Math.Round(yuan / 10_000m, 6);
    }

    private static DateTimeOffset? Instant(JsonElement e, string name, string path)
    {
        var text = Text(e, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new OcdsException($"{path} '{text}' is not an ISO 8601 date.");
    }

    /// <summary>The day in China an OCDS date-time falls on.</summary>
    private static DateOnly? Date(JsonElement e, string name, string path) =>
        Instant(e, name, path) is { } at ? DateOnly.FromDateTime(at.ToOffset(China).DateTime) : null;
}
