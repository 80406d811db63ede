using Infogerance.Data;
using Infogerance.DemoData;
using Infogerance.Identity.Api;
using Infogerance.Identity.Data;
using Infogerance.Identity.Tokens;
using Infogerance.Mail;
using Infogerance.Messaging;
using Infogerance.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity;

internal static class Extensions
{
    public const string ServiceName = "identity";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(ServiceName, typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);
        builder.AddDefaultAuthentication();
        builder.AddInternalCalls();

        var services = builder.Services;
        var identity = services.AddOptions<IdentitySettings>().BindConfiguration("Identity")
            // An e-mailed link must point at our site whatever Host header the inviting request carried.
            .Validate(settings => !settings.Smtp.IsConfigured || !string.IsNullOrWhiteSpace(settings.PublicOrigin),
                "Identity:Smtp:Host is set but Identity:PublicOrigin is not: set the site's public address for invitation links.")
            .ValidateOnStart();
        services.AddMailSender(identity, "Identity:Smtp", settings => settings.Smtp);
        services.AddSingleton<SigningKeyRing>();
        services.AddStartupTaskRunner().AddSingleton<IStartupTask>(sp => sp.GetRequiredService<SigningKeyRing>());
        services.AddStartupTask<DemoWorldSeed>();
        services.AddHostedService<SigningKeyRotation>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<InvitationMailer>();
        services.AddSingleton<UnlockMailer>();
        services.AddHostedService(sp => sp.GetRequiredService<UnlockMailer>());

        // Identity validates its own tokens from its key ring rather than over HTTP from itself.
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyRing, IOptions<IdentitySettings>>((options, keys, settings) =>
                options.ConfigurationManager = new KeyRingConfigurationManager(keys, settings.Value.Issuer));
    }

    public static void MapApplicationEndpoints(this WebApplication app)
    {
        app.MapWellKnownApi();
        app.MapSessionsApi();
        app.MapMeApi();
        app.MapUsersApi();
        app.MapInvitationsApi();
        app.MapOrganisationsApi();
        app.MapProvidersApi();
        app.MapServiceAccountsApi();
        app.MapAuditApi();
    }
}
