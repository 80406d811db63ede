using Infogerance.Data;
using Infogerance.Identity.Tokens;
using Infogerance.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Infogerance.Identity.Api;

/// <summary>What an administration endpoint needs: the database, the signed-in caller and the clock.</summary>
public sealed record AdministrationServices(Database Database, CurrentUser User, TimeProvider Clock);

/// <summary>What an invitation needs beyond administration: the mailer, the settings and the request its link is built from.</summary>
public sealed record InvitationServices(Database Database, CurrentUser User, InvitationMailer Mailer, IOptions<IdentitySettings> Settings);

/// <summary>What sign-in needs: the database, the token issuer, the settings and the clock.</summary>
public sealed record SignInServices(Database Database, TokenIssuer Tokens, IOptions<IdentitySettings> Settings, TimeProvider Clock, UnlockMailer Unlocks);
