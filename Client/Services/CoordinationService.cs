using System.Collections.Immutable;
using Liandong.Accounts;
using Liandong.Client.Auth;
using Liandong.Coordination;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Services;

/// <summary>
/// The coordination flows as the portal and the coordination API routes read and change them: every call goes
/// through <see cref="CoordinationAccess"/> first, so both front doors make the same checks.
/// </summary>
public sealed class CoordinationService(IClusterClient cluster, CoordinationAccess access)
{
    /// <summary>
    /// The matters a user works on: a department's own, or those raised in or addressed to the user's division
    /// (the city's for the command office, departments' context and leaders).
    /// </summary>
    public async Task<ImmutableArray<MatterSummary>> BoardAsync(CurrentUser user)
    {
        if (user.Role == UserRole.Department)
        {
            access.EnsureDepartment(user, Access.Read, user.Jurisdiction);
            return await cluster.GetGrain<IDepartmentGrain>(user.Jurisdiction).GetMattersAsync(null);
        }

        var code = user.Role is UserRole.CountyOfficer or UserRole.TownOfficer or UserRole.Inspector ? user.Jurisdiction : user.CityCode;
        access.EnsureDivision(user, Access.Read, code);
        return await cluster.GetGrain<IMatterIndexGrain>(code).ListAsync(null);
    }

    public async Task<MatterView> GetMatterAsync(CurrentUser user, string id)
    {
        await access.EnsureMatterAsync(user, Access.Read, id);
        return await cluster.GetGrain<IMatterGrain>(id).GetAsync();
    }

    /// <summary>The matters about one project, from its county's index (matters about a project may be raised by its town or its county).</summary>
    public async Task<IReadOnlyList<MatterSummary>> MattersOfProjectAsync(CurrentUser user, ProjectView project)
    {
        var county = project.Profile.CountyCode;
        if (!access.CanReadDivision(user, county))
        {
            return [];
        }

        var list = await cluster.GetGrain<IMatterIndexGrain>(county).ListAsync(null);
        return list.Where(m => m.ProjectCode == project.Profile.Code).ToList();
    }

    /// <summary>Whether the user answers for <paramref name="departmentId"/> (the department itself).</summary>
    public static bool AnswersFor(CurrentUser user, string departmentId) =>
        user.Role == UserRole.Department && user.Jurisdiction == departmentId;

    public async Task<MatterView> AnswerAsync(CurrentUser user, string id, string departmentId, string text)
    {
        access.EnsureCanAnswer(user, departmentId);
        return await cluster.GetGrain<IMatterGrain>(id).AnswerAsync(departmentId, text, user.Username);
    }

    /// <summary>Whether the user stands on the raiser's side of the matter (may resolve or reopen it).</summary>
    public async Task<bool> CanResolveAsync(CurrentUser user, string id)
    {
        try
        {
            await access.EnsureMatterAsync(user, Access.Write, id);
            return true;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Forbidden)
        {
            return false;
        }
    }

    public async Task<MatterView> ResolveAsync(CurrentUser user, string id, string? note)
    {
        await access.EnsureMatterAsync(user, Access.Write, id);
        return await cluster.GetGrain<IMatterGrain>(id).ResolveAsync(note, user.Username);
    }

    public async Task<MatterView> ReopenAsync(CurrentUser user, string id, string reason)
    {
        await access.EnsureMatterAsync(user, Access.Write, id);
        return await cluster.GetGrain<IMatterGrain>(id).ReopenAsync(reason, null, user.Username);
    }

    /// <summary>Raises a matter (at a meeting when <paramref name="meetingId"/> is given): the same check and call as POST /api/v1/matters.</summary>
    public async Task<MatterView> RaiseAsync(CurrentUser user, Api.CoordinationApi.MatterBody body, string? meetingId)
    {
        await access.EnsureCanRaiseAsync(user, body.RaisedBy!, body.ProjectCode, body.VisitId);
        var id = CoordinationIds.New(CoordinationIds.Matter);
        return await cluster.GetGrain<IMatterGrain>(id).RaiseAsync(Api.CoordinationApi.Draft(body, meetingId), user.Username);
    }

    /// <summary>Whether the user may raise a matter for <paramref name="raisedBy"/> (the raiser's side).</summary>
    public async Task<bool> CanRaiseAsync(CurrentUser user, string raisedBy, string? projectCode)
    {
        try
        {
            await access.EnsureCanRaiseAsync(user, raisedBy, projectCode, null);
            return true;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Forbidden)
        {
            return false;
        }
    }

    /// <summary>Reopens a matter with a reason and optionally a new due date (POST /api/v1/matters/{id}/reopen).</summary>
    public async Task<MatterView> ReopenAsync(CurrentUser user, string id, string reason, DateOnly? dueDate)
    {
        await access.EnsureMatterAsync(user, Access.Write, id);
        return await cluster.GetGrain<IMatterGrain>(id).ReopenAsync(reason, dueDate, user.Username);
    }

    /// <summary>The city opens a meeting at a county (POST /api/v1/meetings).</summary>
    public async Task<MeetingView> OpenMeetingAsync(CurrentUser user, Api.CoordinationApi.MeetingBody body)
    {
        access.EnsureDivision(user, Access.Write, body.CityCode!);
        var id = CoordinationIds.New(CoordinationIds.Meeting);
        var draft = new MeetingDraft(body.CityCode!, body.CountyCode!, body.Date!.Value, body.Title!, body.Host!,
            (body.Attendees ?? []).Select(a => a!).ToImmutableArray(), body.Year!.Value, body.Month!.Value, body.Place);
        return await cluster.GetGrain<IMeetingGrain>(id).OpenAsync(draft, user.Username);
    }

    /// <summary>The city issues a directive to counties (POST /api/v1/directives).</summary>
    public async Task<DirectiveView> IssueDirectiveAsync(CurrentUser user, Api.CoordinationApi.DirectiveBody body)
    {
        access.EnsureDivision(user, Access.Write, body.CityCode!);
        var id = CoordinationIds.New(CoordinationIds.Directive);
        return await cluster.GetGrain<IDirectiveGrain>(id).IssueAsync(
            new DirectiveDraft(body.CityCode!, body.Title!, body.Detail, body.DueDate!.Value, body.CountyCodes!.Select(c => c!).ToImmutableArray()), user.Username);
    }

    /// <summary>A county splits its share among its towns (POST /api/v1/directives/{id}/counties/{county}/towns).</summary>
    public async Task<DirectiveView> SplitDirectiveAsync(CurrentUser user, string id, string countyCode, IReadOnlyList<string> towns)
    {
        access.EnsureDivision(user, Access.Write, countyCode);
        return await cluster.GetGrain<IDirectiveGrain>(id).SplitAsync(countyCode, [.. towns], user.Username);
    }

    /// <summary>A county or town reports its share's progress (PUT /api/v1/directives/{id}/progress/{code}).</summary>
    public async Task<DirectiveView> ReportProgressAsync(CurrentUser user, string id, string code, decimal percent, string? note)
    {
        access.EnsureDivision(user, Access.Write, code);
        return await cluster.GetGrain<IDirectiveGrain>(id).ReportProgressAsync(code, percent, note, user.Username);
    }

    /// <summary>Whether the user may write for a division (its own or one below it).</summary>
    public bool CanWriteDivision(CurrentUser user, string code)
    {
        try
        {
            access.EnsureDivision(user, Access.Write, code);
            return true;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.Forbidden)
        {
            return false;
        }
    }

    public async Task<ImmutableArray<MeetingSummary>> MeetingsOfAsync(CurrentUser user, string code)
    {
        access.EnsureDivision(user, Access.Read, code);
        return DivisionCodes.IsTown(code) ? [] : await cluster.GetGrain<IMeetingIndexGrain>(code).ListAsync();
    }

    public async Task<(MeetingView Meeting, string Minutes)> GetMeetingAsync(CurrentUser user, string id)
    {
        await access.EnsureMeetingAsync(user, id);
        var grain = cluster.GetGrain<IMeetingGrain>(id);
        return (await grain.GetAsync(), await grain.GetMinutesAsync());
    }

    public async Task<ImmutableArray<DirectiveSummary>> DirectivesOfAsync(CurrentUser user, string code)
    {
        access.EnsureDivision(user, Access.Read, code);
        return await cluster.GetGrain<IDirectiveIndexGrain>(code).ListAsync();
    }

    public async Task<DirectiveView> GetDirectiveAsync(CurrentUser user, string id)
    {
        await access.EnsureCanReadDirectiveAsync(user, id);
        return await cluster.GetGrain<IDirectiveGrain>(id).GetAsync();
    }

    /// <summary>Registers a city department or renames it (PUT /api/v1/departments/{id}).</summary>
    public async Task<DepartmentInfo> RegisterDepartmentAsync(CurrentUser user, string id, string name, string cityCode)
    {
        access.EnsureDepartment(user, Access.Write, id);
        return await cluster.GetGrain<IDepartmentGrain>(id).RegisterAsync(name, cityCode, user.Username);
    }

    /// <summary>The department, or a 404 when it was never registered.</summary>
    public async Task<DepartmentInfo> GetDepartmentAsync(CurrentUser user, string id)
    {
        access.EnsureDepartment(user, Access.Read, id);
        return await cluster.GetGrain<IDepartmentGrain>(id).GetInfoAsync()
            ?? throw DomainException.NotFound($"Department {id} is not registered.");
    }

    /// <summary>The matters assigned to a department, newest first, optionally of one status.</summary>
    public async Task<ImmutableArray<MatterSummary>> MattersOfDepartmentAsync(CurrentUser user, string id, MatterStatus? status)
    {
        access.EnsureDepartment(user, Access.Read, id);
        return await cluster.GetGrain<IDepartmentGrain>(id).GetMattersAsync(status);
    }

    /// <summary>Matters raised in or addressed to a registered division and below (GET /api/v1/{level}/{code}/matters).</summary>
    public async Task<ImmutableArray<MatterSummary>> MattersOfAsync(CurrentUser user, string code, MatterStatus? status)
    {
        access.EnsureDivision(user, Access.Read, code);
        await EnsureRegisteredAsync(code);
        return await cluster.GetGrain<IMatterIndexGrain>(code).ListAsync(status);
    }

    /// <summary>The meetings of a registered city or county, newest first (the API's list: an unknown division is a 404).</summary>
    public async Task<ImmutableArray<MeetingSummary>> MeetingsOfRegisteredAsync(CurrentUser user, string code)
    {
        access.EnsureDivision(user, Access.Read, code);
        await EnsureRegisteredAsync(code);
        return await cluster.GetGrain<IMeetingIndexGrain>(code).ListAsync();
    }

    /// <summary>The directives that reach a registered division (the API's list: an unknown division is a 404).</summary>
    public async Task<ImmutableArray<DirectiveSummary>> DirectivesOfRegisteredAsync(CurrentUser user, string code)
    {
        access.EnsureDivision(user, Access.Read, code);
        await EnsureRegisteredAsync(code);
        return await cluster.GetGrain<IDirectiveIndexGrain>(code).ListAsync();
    }

    /// <summary>The leaders of a registered city (the API's list: an unknown city is a 404).</summary>
    public async Task<ImmutableArray<LeaderSummary>> LeadersOfRegisteredAsync(CurrentUser user, string cityCode)
    {
        access.EnsureDivision(user, Access.Read, cityCode);
        await EnsureRegisteredAsync(cityCode);
        return await cluster.GetGrain<ILeaderIndexGrain>(cityCode).ListAsync();
    }

    /// <summary>The meeting alone (GET /api/v1/meetings/{id}).</summary>
    public async Task<MeetingView> GetMeetingViewAsync(CurrentUser user, string id)
    {
        await access.EnsureMeetingAsync(user, id);
        return await cluster.GetGrain<IMeetingGrain>(id).GetAsync();
    }

    /// <summary>The meeting's minutes (纪要) as Chinese Markdown.</summary>
    public async Task<string> GetMinutesAsync(CurrentUser user, string id)
    {
        await access.EnsureMeetingAsync(user, id);
        return await cluster.GetGrain<IMeetingGrain>(id).GetMinutesAsync();
    }

    /// <summary>Registers a leader of the four leading bodies, by title (PUT /api/v1/leaders/{id}).</summary>
    public async Task<LeaderInfo> RegisterLeaderAsync(CurrentUser user, string id, string title, LeadingBody body, string cityCode)
    {
        access.EnsureDivision(user, Access.Write, cityCode);
        return await cluster.GetGrain<ILeaderGrain>(id).RegisterAsync(title, body, cityCode, user.Username);
    }

    /// <summary>Links a project to a leader (PUT /api/v1/projects/{code}/leader).</summary>
    public async Task<ProjectView> SetProjectLeaderAsync(CurrentUser user, string projectCode, string leaderId)
    {
        await access.EnsureCanLinkLeaderAsync(user, projectCode);
        return await cluster.GetGrain<IProjectCoordinationGrain>(projectCode).SetLeaderAsync(leaderId, user.Username);
    }

    /// <summary>Records a leader's site visit (POST /api/v1/visits).</summary>
    public async Task<VisitView> RecordVisitAsync(CurrentUser user, VisitDraft draft)
    {
        await access.EnsureLeaderAsync(user, Access.Write, draft.LeaderId);
        var id = CoordinationIds.New(CoordinationIds.Visit);
        return await cluster.GetGrain<IVisitGrain>(id).RecordAsync(draft, user.Username);
    }

    public async Task<VisitView> GetVisitAsync(CurrentUser user, string id)
    {
        await access.EnsureCanReadVisitAsync(user, id);
        return await cluster.GetGrain<IVisitGrain>(id).GetAsync();
    }

    /// <summary>A 404 for a city, county or town that was never registered.</summary>
    private async Task EnsureRegisteredAsync(string code)
    {
        var info = DivisionCodes.IsTown(code) ? await cluster.GetGrain<ITownGrain>(code).GetInfoAsync()
            : DivisionCodes.IsCity(code) ? await cluster.GetGrain<ICityGrain>(code).GetInfoAsync()
            : await cluster.GetGrain<ICountyGrain>(code).GetInfoAsync();
        if (info is null)
        {
            throw DomainException.NotFound($"{code} is not registered.");
        }
    }

    public async Task<LeaderView> GetLeaderAsync(CurrentUser user, string id, PeriodQuery period)
    {
        await access.EnsureLeaderAsync(user, Access.Read, id);
        return await cluster.GetGrain<ILeaderGrain>(id).GetAsync(period);
    }

    public async Task<ImmutableArray<LeaderSummary>> LeadersOfAsync(CurrentUser user, string cityCode)
    {
        access.EnsureDivision(user, Access.Read, cityCode);
        return await cluster.GetGrain<ILeaderIndexGrain>(cityCode).ListAsync();
    }
}
