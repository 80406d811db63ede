using Infogerance.Identity;
using Infogerance.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
// Here, not in AddServiceDefaults: the XML-comment generator only sees an AddOpenApi call compiled in this project.
builder.Services.AddOpenApi(options =>
{
    // The gateway's own sign-in routes: it blocks them from outside, so no client could call them.
    var included = options.ShouldInclude;
    options.ShouldInclude = description => included(description) && description.RelativePath?.StartsWith("internal/", StringComparison.Ordinal) != true;
});
builder.AddApplicationServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapApplicationEndpoints();

await app.RunServiceAsync();
