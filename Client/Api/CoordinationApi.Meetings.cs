using System.Collections.Immutable;
using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Api;

/// <summary>On-site office meetings (现场办公会) and directives (联动任务).</summary>
public static partial class CoordinationApi
{
    private const string MeetingsTag = "Coordination: meetings";
    private const string DirectivesTag = "Coordination: directives";

    public sealed record MeetingBody(
        string? CityCode,
        string? CountyCode,
        DateOnly? Date,
        string? Title,
        string? Host,
        IReadOnlyList<string?>? Attendees,
        int? Year,
        int? Month,
        string? Place);

    /// <summary>A matter as the meeting page lists it.</summary>
    public sealed record MeetingMatterJson(
        string Id,
        string Title,
        MatterStatus Status,
        bool Overdue,
        string RaisedBy,
        string RaisedByName,
        string Level,
        string? ProjectCode,
        DateOnly DueDate,
        IReadOnlyList<MatterDepartment> Departments,
        IReadOnlyList<Escalation> Escalations);

    /// <summary>GET /api/v1/meetings/{id}.</summary>
    public sealed record MeetingJson(
        string Id,
        string CityCode,
        string CountyCode,
        string CountyName,
        DateOnly Date,
        string Title,
        string Place,
        string Host,
        IReadOnlyList<string> Attendees,
        int Year,
        int Month,
        Totals CountyReport,
        DateTimeOffset ReportTakenAt,
        IReadOnlyList<MeetingMatterJson> Matters,
        IReadOnlyList<AuditEntry> History);

    public sealed record DirectiveBody(string? CityCode, string? Title, string? Detail, DateOnly? DueDate, IReadOnlyList<string?>? CountyCodes);

    public sealed record SplitBody(IReadOnlyList<string?>? TownCodes);

    public sealed record ProgressBody(decimal? Percent, string? Note);

    private static void MapMeetings(RouteGroupBuilder api)
    {
        api.MapPost("/meetings", async (MeetingBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", "A city code is six digits ending in 00.")
                    .Require(DivisionCodes.IsCounty(body.CountyCode) && !DivisionCodes.IsCity(body.CountyCode), "countyCode", "A county code is six digits.")
                    .Require(body.Date is { Year: >= 2000 and <= 2100 }, "date", "The meeting date is required (yyyy-MM-dd).")
                    .Require(!string.IsNullOrWhiteSpace(body.Title) && body.Title.Length <= 200, "title", "The title is required (at most 200 characters).")
                    .Require(!string.IsNullOrWhiteSpace(body.Host) && body.Host.Length <= 100, "host", "The host is required, by title (e.g. 市委书记).")
                    .Require(body.Year is >= 2000 and <= 2100, "year", "The report year is required (2000–2100).")
                    .Require(body.Month is >= 1 and <= 12, "month", "The report month is required (1–12).")
                    .Require(body.Place is null || body.Place.Length <= 200, "place", "At most 200 characters.");
                if (!errors.Any && !DivisionCodes.CountyBelongsTo(body.CountyCode!, body.CityCode!))
                {
                    errors.Add("countyCode", "A county code shares its city's first four digits.");
                }

                var attendees = body.Attendees ?? [];
                errors.List("attendees", attendees, InputLimits.MaxItems, InputLimits.MaxName);

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                access.EnsureDivision(http.CurrentUser(), Access.Write, body.CityCode!);
                var id = CoordinationIds.New(CoordinationIds.Meeting);
                var draft = new MeetingDraft(body.CityCode!, body.CountyCode!, body.Date!.Value, body.Title!, body.Host!,
                    attendees.Select(a => a!).ToImmutableArray(), body.Year!.Value, body.Month!.Value, body.Place);
                var view = await cluster.GetGrain<IMeetingGrain>(id).OpenAsync(draft, Actor.Of(http));
                return Results.Created($"/api/v1/meetings/{id}", MeetingJsonOf(view));
            })
            .WithName("OpenMeeting").WithSummary("Opens an on-site office meeting at a county and freezes the county's report for 1–M月 of Y.").WithTags(MeetingsTag)
            .Produces<MeetingJson>(StatusCodes.Status201Created);

        api.MapPost("/meetings/{id}/matters", async (string id, MatterBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = Validate(body).Require(CoordinationIds.IsWellFormed(id), "id", "Not a meeting id.");
                errors.Require(body.MeetingId is null || body.MeetingId == id, "meetingId", "A matter raised at a meeting takes the meeting from the path.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                await access.EnsureCanRaiseAsync(http.CurrentUser(), body.RaisedBy!, body.ProjectCode, body.VisitId);
                var matterId = CoordinationIds.New(CoordinationIds.Matter);
                var view = await cluster.GetGrain<IMatterGrain>(matterId).RaiseAsync(Draft(body, id), Actor.Of(http));
                return Results.Created($"/api/v1/matters/{matterId}", view);
            })
            .WithName("RaiseMeetingMatter").WithSummary("Raises a matter at the meeting; it is linked to the meeting and appears in its minutes.").WithTags(MeetingsTag)
            .Produces<MatterView>(StatusCodes.Status201Created);

        api.MapGet("/meetings/{id}", async (string id, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                if (!CoordinationIds.IsWellFormed(id))
                {
                    return new FieldErrors().Add("id", "Not a meeting id.").ToResult();
                }

                await access.EnsureMeetingAsync(http.CurrentUser(), id);
                return Results.Ok(MeetingJsonOf(await cluster.GetGrain<IMeetingGrain>(id).GetAsync()));
            })
            .WithName("GetMeeting").WithSummary("The meeting with its frozen county report and its matters.").WithTags(MeetingsTag)
            .Produces<MeetingJson>();

        api.MapGet("/meetings/{id}/minutes", async (string id, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                if (!CoordinationIds.IsWellFormed(id))
                {
                    return new FieldErrors().Add("id", "Not a meeting id.").ToResult();
                }

                await access.EnsureMeetingAsync(http.CurrentUser(), id);
                return Results.Text(await cluster.GetGrain<IMeetingGrain>(id).GetMinutesAsync(), "text/markdown; charset=utf-8");
            })
            .WithName("GetMeetingMinutes").WithSummary("The minutes (纪要) as Chinese Markdown: every matter with every answer and its status.").WithTags(MeetingsTag)
            .Produces<string>(StatusCodes.Status200OK, "text/markdown");

        MapJurisdictionList(api, "meetings", "GetMeetings", "The meetings held in the city or at the county, newest first.", MeetingsTag,
            async (cluster, code, _) => Results.Ok(await cluster.GetGrain<IMeetingIndexGrain>(code).ListAsync()), withStatus: false, towns: false);
    }

    private static void MapDirectives(RouteGroupBuilder api)
    {
        api.MapPost("/directives", async (DirectiveBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", "A city code is six digits ending in 00.")
                    .Require(!string.IsNullOrWhiteSpace(body.Title) && body.Title.Length <= 200, "title", "The title is required (at most 200 characters).")
                    .Require(body.Detail is null || body.Detail.Length <= 4000, "detail", "At most 4000 characters.")
                    .Require(body.DueDate is { Year: >= 2000 and <= 2100 }, "dueDate", "The due date is required (yyyy-MM-dd).")
                    .Require(body.CountyCodes is { Count: > 0 and <= 50 }, "countyCodes", "Name between one and fifty counties.");
                var counties = body.CountyCodes ?? [];
                for (var i = 0; i < counties.Count; i++)
                {
                    errors.Require(DivisionCodes.IsCounty(counties[i]) && !DivisionCodes.IsCity(counties[i]) &&
                                   (!DivisionCodes.IsCity(body.CityCode) || DivisionCodes.CountyBelongsTo(counties[i]!, body.CityCode!)),
                        $"countyCodes[{i}]", "A county of the city: six digits sharing the city's first four.");
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                access.EnsureDivision(http.CurrentUser(), Access.Write, body.CityCode!);
                var id = CoordinationIds.New(CoordinationIds.Directive);
                var view = await cluster.GetGrain<IDirectiveGrain>(id).IssueAsync(
                    new DirectiveDraft(body.CityCode!, body.Title!, body.Detail, body.DueDate!.Value, counties.Select(c => c!).ToImmutableArray()), Actor.Of(http));
                return Results.Created($"/api/v1/directives/{id}", view);
            })
            .WithName("IssueDirective").WithSummary("The city issues a directive (联动任务) to chosen counties.").WithTags(DirectivesTag)
            .Produces<DirectiveView>(StatusCodes.Status201Created);

        api.MapPost("/directives/{id}/counties/{countyCode}/towns", async (string id, string countyCode, SplitBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(CoordinationIds.IsWellFormed(id), "id", "Not a directive id.")
                    .Require(DivisionCodes.IsCounty(countyCode) && !DivisionCodes.IsCity(countyCode), "countyCode", "A county code is six digits.")
                    .Require(body.TownCodes is { Count: > 0 and <= 100 }, "townCodes", "Name between one and a hundred towns.");
                var towns = body.TownCodes ?? [];
                for (var i = 0; i < towns.Count; i++)
                {
                    errors.Require(DivisionCodes.IsTown(towns[i]) && DivisionCodes.TownBelongsTo(towns[i]!, countyCode), $"townCodes[{i}]",
                        $"A town of county {countyCode}: nine digits starting with its code.");
                }

                if (errors.Any)
                {
                    return errors.ToResult();
                }

                access.EnsureDivision(http.CurrentUser(), Access.Write, countyCode);
                return Results.Ok(await cluster.GetGrain<IDirectiveGrain>(id).SplitAsync(countyCode, towns.Select(t => t!).ToImmutableArray(), Actor.Of(http)));
            })
            .WithName("SplitDirective").WithSummary("A county splits its share among its towns; a town outside the county is a 400.").WithTags(DirectivesTag)
            .Produces<DirectiveView>();

        api.MapPut("/directives/{id}/progress/{code}", async (string id, string code, ProgressBody body, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(CoordinationIds.IsWellFormed(id), "id", "Not a directive id.")
                    .Require(DivisionCodes.IsCounty(code) || DivisionCodes.IsTown(code), "code", "code is the division code of a county or a town.")
                    .Require(body.Percent is >= 0m and <= 100m, "percent", "Progress is a percentage between 0 and 100.")
                    .Require(body.Note is null || body.Note.Length <= 2000, "note", "At most 2000 characters.");
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                access.EnsureDivision(http.CurrentUser(), Access.Write, code);
                return Results.Ok(await cluster.GetGrain<IDirectiveGrain>(id).ReportProgressAsync(code, body.Percent!.Value, body.Note, Actor.Of(http)));
            })
            .WithName("ReportDirectiveProgress").WithSummary("An assigned county, or a town it split to, reports progress; any other code is a 409.").WithTags(DirectivesTag)
            .Produces<DirectiveView>();

        api.MapGet("/directives/{id}", async (string id, IClusterClient cluster, CoordinationAccess access, HttpContext http) =>
            {
                if (!CoordinationIds.IsWellFormed(id))
                {
                    return new FieldErrors().Add("id", "Not a directive id.").ToResult();
                }

                await access.EnsureCanReadDirectiveAsync(http.CurrentUser(), id);
                return Results.Ok(await cluster.GetGrain<IDirectiveGrain>(id).GetAsync());
            })
            .WithName("GetDirective").WithSummary("The directive: the mean of its counties, each county the mean of its towns once split, and what is overdue.").WithTags(DirectivesTag)
            .Produces<DirectiveView>();

        MapJurisdictionList(api, "directives", "GetDirectives", "Directives that reach that jurisdiction, with its own share's progress.", DirectivesTag,
            async (cluster, code, _) => Results.Ok(await cluster.GetGrain<IDirectiveIndexGrain>(code).ListAsync()), withStatus: false);
    }

    private static MeetingJson MeetingJsonOf(MeetingView v) => new(
        v.Id, v.CityCode, v.CountyCode, v.CountyName, v.Date, v.Title, v.Place, v.Host, v.Attendees, v.Year, v.Month, v.CountyReport, v.ReportTakenAt,
        v.Matters.Select(m => new MeetingMatterJson(m.Id, m.Title, m.Status, m.Overdue, m.RaisedBy, m.RaisedByName, m.Level, m.ProjectCode, m.DueDate,
            m.Departments, m.Escalations)).ToList(),
        v.History);
}
