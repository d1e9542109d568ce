using System.Collections.Concurrent;
using System.Security.Cryptography;
using Depc.Server.Options;
using Depc.Server.Teams;
using Microsoft.Extensions.Options;

namespace Depc.Server.Auth;

/// <summary>
/// Tells whose a bearer token is. Team tokens are found by the SHA-256 of the presented token (the store
/// never sees a token); answers are remembered for <see cref="ServerOptions.TokenCacheDuration"/> so a
/// query does not pay a database round trip, and forgotten at once when this server changes a team. A lookup
/// caches its answer only if no <see cref="Forget"/> ran since it started: one that read the store just before a
/// rotate or delete would otherwise put the old token back into the cache after the change emptied it.
/// </summary>
internal sealed class TokenAuthority
{
    private const int MaxCachedTokens = 10_000;

    private readonly ITeamCredentialStore _store;
    private readonly TimeProvider _time;
    private readonly byte[]? _adminHash;
    private readonly long _cacheTicks;
    private readonly ConcurrentDictionary<string, (string? Team, long Expires)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _invalidation = new();
    private long _generation;

    public TokenAuthority(ITeamCredentialStore store, IOptions<ServerOptions> options, TimeProvider time)
    {
        _store = store;
        _time = time;
        _adminHash = options.Value.AdminToken is { Length: > 0 } admin ? TokenFormat.Hash(admin) : null;
        _cacheTicks = (long)(options.Value.TokenCacheDuration.TotalSeconds * time.TimestampFrequency);
    }

    /// <returns>The caller, or null when the token is nobody's.</returns>
    public async ValueTask<Caller?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        var hash = TokenFormat.Hash(token);
        if (_adminHash is not null && CryptographicOperations.FixedTimeEquals(hash, _adminHash))
        {
            return Caller.Admin;
        }

        var key = Convert.ToBase64String(hash);
        var now = _time.GetTimestamp();
        if (!_cache.TryGetValue(key, out var entry) || entry.Expires < now)
        {
            var generation = Volatile.Read(ref _generation);
            var team = await _store.FindTeamAsync(hash, cancellationToken).ConfigureAwait(false);
            entry = (team, now + _cacheTicks);
            lock (_invalidation)
            {
                // Checked and written under the lock Forget takes, so no Forget can fall between the check and the write.
                if (_generation == generation)
                {
                    if (_cache.Count >= MaxCachedTokens)
                    {
                        _cache.Clear();
                    }

                    _cache[key] = entry;
                }
            }
        }

        return entry.Team is { } name ? Caller.OfTeam(name) : null;
    }

    /// <summary>Drops every remembered answer (after a team is created, rotated or deleted here).</summary>
    public void Forget()
    {
        lock (_invalidation)
        {
            _generation++;
            _cache.Clear();
        }
    }
}
