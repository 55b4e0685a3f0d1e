using Liandong.ServiceDefaults;
using Liandong.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLiandongSilo();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => "Liandong silo");
app.Run();
