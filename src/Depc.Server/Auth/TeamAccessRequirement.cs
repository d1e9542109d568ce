using Microsoft.AspNetCore.Authorization;

namespace Depc.Server.Auth;

/// <summary>The caller's team is the route's <c>{team}</c>; or, when <c>AllowAdmin</c>, the caller is the admin (reads).</summary>
internal sealed record TeamAccessRequirement(bool AllowAdmin) : IAuthorizationRequirement;
