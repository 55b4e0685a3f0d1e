using System.Text.Json;
using System.Text.Json.Serialization;
using Liandong.Client.Api;
using Liandong.Client.Services;
using Liandong.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddLiandongClusterClient();
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

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseLiandongApiMetrics();
app.MapOpenApi("/openapi/{documentName}.json");

var api = app.MapGroup("/api/v1");
api.MapHierarchyApi();
api.MapProjectsApi();
api.MapFinanceApi();
api.MapCoordinationApi();

app.MapDefaultEndpoints();

// Open until sign-in lands: then `.RequireAuthorization("ops")` on the group this returns.
app.MapLiandongDashboard();

app.Run();
