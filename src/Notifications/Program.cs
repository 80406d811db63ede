using Infogerance.Notifications;
using Infogerance.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// Here, not in AddServiceDefaults: the XML-comment generator only sees an AddOpenApi call compiled in this project.
builder.Services.AddOpenApi();
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApplicationEndpoints();

await app.RunServiceAsync();
