using Infogerance.ServiceDefaults;
using Infogerance.Identity;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();

await app.RunServiceAsync();
