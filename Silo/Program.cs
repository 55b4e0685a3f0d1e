using Liandong.ServiceDefaults;
using Liandong.Silo.Hosting;
using Liandong.Silo.Operations;

// `Liandong.Silo backup FILE` copies the running silo's SQLite database and exits (docs/operations.md).
if (BackupCommand.TryRun(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddLiandongSilo();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGet("/", () => "Liandong silo");
app.Run();
return 0;
