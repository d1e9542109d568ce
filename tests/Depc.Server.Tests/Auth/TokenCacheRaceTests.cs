using Depc.Core.Naming;
using Depc.Server.Auth;
using Depc.Server.Options;
using Depc.Server.Teams;

namespace Depc.Server.Tests.Auth;

/// <summary>
/// A lookup that read the store before a rotate (or delete) and caches its answer after the rotate's invalidation
/// must not bring the old token back: the invalidation wins.
/// </summary>
public sealed class TokenCacheRaceTests
{
    private const string OldToken = "depc_old-token-of-acme";

    [Fact]
    public async Task A_lookup_that_read_before_a_rotate_does_not_cache_the_old_token()
    {
        var store = new PausingCredentialStore(TokenFormat.Hash(OldToken), "acme");
        var authority = new TokenAuthority(
            store, Microsoft.Extensions.Options.Options.Create(new ServerOptions { TokenCacheDuration = TimeSpan.FromMinutes(1) }), TimeProvider.System);

        store.PauseNextLookup();
        var racing = authority.ResolveAsync(OldToken, CancellationToken.None).AsTask();
        await store.LookupRead; // the racing lookup has read "acme" from the store and not yet cached it

        store.Rotate();
        authority.Forget(); // what the rotate endpoint does after the store has changed
        store.ResumeLookup();
        Assert.NotNull(await racing); // it read before the rotate: it may still answer with the old team

        Assert.Null(await authority.ResolveAsync(OldToken, CancellationToken.None));
    }

    /// <summary>Knows one token hash until rotated; can hold one lookup between its read and its return.</summary>
    private sealed class PausingCredentialStore(byte[] hash, string team) : ITeamCredentialStore
    {
        private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _rotated;
        private bool _pause;

        public Task LookupRead => _read.Task;

        public void PauseNextLookup() => _pause = true;

        public void ResumeLookup() => _resume.SetResult();

        public void Rotate() => _rotated = true;

        public async Task<string?> FindTeamAsync(byte[] tokenHash, CancellationToken cancellationToken)
        {
            var found = !_rotated && tokenHash.AsSpan().SequenceEqual(hash) ? team : null;
            if (_pause)
            {
                _pause = false;
                _read.SetResult();
                await _resume.Task.WaitAsync(cancellationToken);
            }

            return found;
        }

        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<bool> CreateAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> ReplaceTokenAsync(TeamName team, byte[] tokenHash, long now, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(TeamName team, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<TeamInfo>> ListAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
