using System.Text.Json;
using System.Text.Json.Serialization;
using Liandong.Client.Api;
using Liandong.Client.Auth;
using Liandong.Client.Portal;
using Liandong.Client.Services;
using Liandong.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddLiandongClusterClient();
builder.Services.AddLiandongServices();
builder.AddLiandongAuth();
builder.AddLiandongPortal();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o =>
{
    o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
});
builder.Services.AddOpenApi();

// Outside Development, minimal APIs answer an unreadable body with a bare 400; throwing lets
// ProblemExceptionHandler name the field (API.md "Errors") in every environment.
builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

var app = builder.Build();

app.UseLiandongSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseLiandongApiMetrics();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapOpenApi("/openapi/{documentName}.json");

// Every /api/v1 route needs a bearer token, except the token route itself (AllowAnonymous).
var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.ApiPolicy);
api.MapAuthApi();
api.MapUsersApi();
api.MapOpsApi();
api.MapHierarchyApi();
api.MapProjectsApi();
api.MapFinanceApi();
api.MapFactorsApi();
api.MapCoordinationApi();
api.MapTendersApi();
api.MapTasksApi();
api.MapPasswordsApi();
api.MapRankingApi();
api.MapSpreadsheetApi();
api.MapPromotionApi();
api.MapExportsApi();

app.MapLiandongPortal();
app.MapPortalFiles();
app.MapDefaultEndpoints();

// The Orleans Dashboard shows every grain's state: the ops team only (signed in to the portal).
app.MapLiandongDashboard().RequireAuthorization(AuthSetup.OpsPolicy);

app.Run();
