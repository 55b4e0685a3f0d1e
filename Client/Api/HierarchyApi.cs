using Liandong.Client.Auth;
using Liandong.Client.Services;
using Liandong.Hierarchy;
using Liandong.Reporting;

namespace Liandong.Client.Api;

/// <summary>Cities, counties and towns: registration and overviews (API.md "Hierarchy").</summary>
public static class HierarchyApi
{
    public sealed record CityBody(string? Name);

    public sealed record CountyBody(string? Name, string? CityCode);

    public sealed record TownBody(string? Name, string? CountyCode);

    public static RouteGroupBuilder MapHierarchyApi(this RouteGroupBuilder api)
    {
        api.MapPut("/cities/{code}", async (string code, CityBody body, HierarchyService hierarchy, HttpContext http) =>
            {
                var errors = new FieldErrors()
                    .Require(DivisionCodes.IsCity(code), "code", "A city code is six digits ending in 00, e.g. 440800.")
                    .Text("name", body.Name, InputLimits.MaxName, required: true);
                if (errors.Any)
                {
                    return errors.ToResult();
                }

                var info = await hierarchy.RegisterCityAsync(http.CurrentUser(), code, body.Name!.Trim(), Actor.Of(http));
                return Registered(info, $"/api/v1/cities/{code}", new { code = info.Code, name = info.Name });
            })
            .WithName("PutCity").WithSummary("Registers a city or renames it.").WithTags("Hierarchy");

        api.MapPut("/counties/{code}", async (string code, CountyBody body, HierarchyService hierarchy, HttpContext http) =>
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
                return Registered(info, $"/api/v1/counties/{code}", new { code = info.Code, name = info.Name, cityCode = info.ParentCode });
            })
            .WithName("PutCounty").WithSummary("Registers a county-level unit under its city.").WithTags("Hierarchy");

        api.MapPut("/towns/{code}", async (string code, TownBody body, HierarchyService hierarchy, HttpContext http) =>
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
                return Registered(info, $"/api/v1/towns/{code}", new { code = info.Code, name = info.Name, countyCode = info.ParentCode });
            })
            .WithName("PutTown").WithSummary("Registers a town or sub-district under its county.").WithTags("Hierarchy");

        api.MapGet("/cities/{code}", async (string code, int? year, int? month, HierarchyService hierarchy, HttpContext http) =>
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
                return Results.Ok(new CityView(o.Code, o.Name, o.Totals, o.Children) { Rebuilding = o.Rebuilding });
            })
            .WithName("GetCity").WithSummary("The city's totals and each county's for 1–M月 of Y.").WithTags("Hierarchy");

        api.MapGet("/counties/{code}", async (string code, int? year, int? month, HierarchyService hierarchy, HttpContext http) =>
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
                return Results.Ok(new CountyView(o.Code, o.Name, o.ParentCode!, o.Totals, o.Children) { Rebuilding = o.Rebuilding });
            })
            .WithName("GetCounty").WithSummary("The county's totals and each town's for 1–M月 of Y.").WithTags("Hierarchy");

        api.MapGet("/towns/{code}", async (string code, int? year, int? month, HierarchyService hierarchy, HttpContext http) =>
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
                return Results.Ok(new TownView(o.Code, o.Name, o.ParentCode!, o.Totals, o.Projects) { Rebuilding = o.Rebuilding });
            })
            .WithName("GetTown").WithSummary("The town's totals and its projects for 1–M月 of Y.").WithTags("Hierarchy");

        return api;
    }

    private static IResult Registered(DivisionInfo info, string location, object body) =>
        info.Created ? Results.Created(location, body) : Results.Ok(body);

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
