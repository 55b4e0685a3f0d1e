using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liandong.Client.Api;

/// <summary>Cities, counties and towns: registration and overviews (API.md "Hierarchy").</summary>
public static class HierarchyApi
{
    public sealed record CityBody(string? Name);

    public sealed record CountyBody(string? Name, string? CityCode);

    public sealed record TownBody(string? Name, string? CountyCode);

    private const string Tag = "Hierarchy";

    /// <summary>The hierarchy route table; the handlers follow.</summary>
    public static RouteGroupBuilder MapHierarchyApi(this RouteGroupBuilder api)
    {
        api.MapPut("/cities/{code}", PutCity).WithName("PutCity").WithSummary("Registers a city or renames it.").WithTags(Tag);
        api.MapPut("/counties/{code}", PutCounty).WithName("PutCounty").WithSummary("Registers a county-level unit under its city.").WithTags(Tag);
        api.MapPut("/towns/{code}", PutTown).WithName("PutTown").WithSummary("Registers a town or sub-district under its county.").WithTags(Tag);
        api.MapGet("/cities/{code}", GetCity).WithName("GetCity").WithSummary("The city's totals and each county's for 1–M月 of Y.").WithTags(Tag);
        api.MapGet("/counties/{code}", GetCounty).WithName("GetCounty").WithSummary("The county's totals and each town's for 1–M月 of Y.").WithTags(Tag);
        api.MapGet("/towns/{code}", GetTown).WithName("GetTown").WithSummary("The town's totals and its projects for 1–M月 of Y.").WithTags(Tag);
        return api;
    }

    /// <summary>A registered city.</summary>
    public sealed record CityJson(string Code, string Name);

    /// <summary>A registered county with its city.</summary>
    public sealed record CountyJson(string Code, string Name, string CityCode);

    /// <summary>A registered town with its county.</summary>
    public sealed record TownJson(string Code, string Name, string CountyCode);

    private static async Task<Results<Created<CityJson>, Ok<CityJson>, ValidationProblem>> PutCity(string code, CityBody body, HierarchyService hierarchy, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00, e.g. 440800.")
            .Text("name", body.Name, InputLimits.MaxName, required: true);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var info = await hierarchy.RegisterCityAsync(http.CurrentUser(), code, body.Name!.Trim(), Actor.Of(http));
        return Registered(info, $"/api/v1/cities/{code}", new CityJson(info.Code, info.Name));
    }

    private static async Task<Results<Created<CountyJson>, Ok<CountyJson>, ValidationProblem>> PutCounty(string code, CountyBody body, HierarchyService hierarchy, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsCounty(code), "code", "A county code is six digits, e.g. 440883.")
            .Text("name", body.Name, InputLimits.MaxName, required: true)
            .Require(DivisionCodes.IsCity(body.CityCode), "cityCode", "A city code is six digits ending in 00.");
        if (!errors.Any && !DivisionCodes.CountyBelongsTo(code, body.CityCode!))
        {
            errors.Add("cityCode", "A county code shares its city's first four digits.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var info = await hierarchy.RegisterCountyAsync(http.CurrentUser(), code, body.Name!.Trim(), body.CityCode!, Actor.Of(http));
        return Registered(info, $"/api/v1/counties/{code}", new CountyJson(info.Code, info.Name, info.ParentCode!));
    }

    private static async Task<Results<Created<TownJson>, Ok<TownJson>, ValidationProblem>> PutTown(string code, TownBody body, HierarchyService hierarchy, HttpContext http)
    {
        var errors = new FieldErrors()
            .Require(DivisionCodes.IsTown(code), "code", "A town code is nine digits starting with its county's code.")
            .Text("name", body.Name, InputLimits.MaxName, required: true)
            .Require(DivisionCodes.IsCounty(body.CountyCode), "countyCode", "A county code is six digits.");
        if (!errors.Any && !DivisionCodes.TownBelongsTo(code, body.CountyCode!))
        {
            errors.Add("countyCode", "A town code starts with its county's code.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var info = await hierarchy.RegisterTownAsync(http.CurrentUser(), code, body.Name!.Trim(), body.CountyCode!, Actor.Of(http));
        return Registered(info, $"/api/v1/towns/{code}", new TownJson(info.Code, info.Name, info.ParentCode!));
    }

    private static async Task<Results<Ok<CityView>, ValidationProblem>> GetCity(string code, int? year, int? month, HierarchyService hierarchy, HttpContext http)
    {
        if (!DivisionCodes.IsCity(code))
        {
            return new FieldErrors().Add("code", "A city code is six digits ending in 00.").ToResult();
        }

        if (!Period.TryRead(year, month, out var period, out var error))
        {
            return error!;
        }

        var o = await hierarchy.OverviewAsync(http.CurrentUser(), code, period);
        return TypedResults.Ok(new CityView(o.Code, o.Name, o.Totals, o.Children) { Rebuilding = o.Rebuilding });
    }

    private static async Task<Results<Ok<CountyView>, ValidationProblem>> GetCounty(string code, int? year, int? month, HierarchyService hierarchy, HttpContext http)
    {
        if (!DivisionCodes.IsCounty(code))
        {
            return new FieldErrors().Add("code", "A county code is six digits.").ToResult();
        }

        if (!Period.TryRead(year, month, out var period, out var error))
        {
            return error!;
        }

        var o = await hierarchy.OverviewAsync(http.CurrentUser(), code, period);
        return TypedResults.Ok(new CountyView(o.Code, o.Name, o.ParentCode!, o.Totals, o.Children) { Rebuilding = o.Rebuilding });
    }

    private static async Task<Results<Ok<TownView>, ValidationProblem>> GetTown(string code, int? year, int? month, HierarchyService hierarchy, HttpContext http)
    {
        if (!DivisionCodes.IsTown(code))
        {
            return new FieldErrors().Add("code", "A town code is nine digits.").ToResult();
        }

        if (!Period.TryRead(year, month, out var period, out var error))
        {
            return error!;
        }

        var o = await hierarchy.OverviewAsync(http.CurrentUser(), code, period);
        return TypedResults.Ok(new TownView(o.Code, o.Name, o.ParentCode!, o.Totals, o.Projects) { Rebuilding = o.Rebuilding });
    }

    /// <summary>201 with its location the first time, 200 on a rename.</summary>
    private static Results<Created<T>, Ok<T>, ValidationProblem> Registered<T>(DivisionInfo info, string location, T body) =>
        info.Created ? TypedResults.Created(location, body) : TypedResults.Ok(body);

    public sealed record CityView(string Code, string Name, Totals Totals, IReadOnlyList<ChildTotals> Counties)
    {
        /// <summary>True while the division rebuilds its totals after a crash: they may be partial (docs/operations.md).</summary>
        public bool Rebuilding { get; init; }
    }

    public sealed record CountyView(string Code, string Name, string CityCode, Totals Totals, IReadOnlyList<ChildTotals> Towns)
    {
        /// <summary>True while the division rebuilds its totals after a crash: they may be partial (docs/operations.md).</summary>
        public bool Rebuilding { get; init; }
    }

    public sealed record TownView(string Code, string Name, string CountyCode, Totals Totals, IReadOnlyList<ProjectRow> Projects)
    {
        /// <summary>True while the division rebuilds its totals after a crash: they may be partial (docs/operations.md).</summary>
        public bool Rebuilding { get; init; }
    }
}
