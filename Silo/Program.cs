using Liandong.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddLiandongSilo();

var app = builder.Build();
app.MapGet("/", () => "Liandong silo");
app.Run();
