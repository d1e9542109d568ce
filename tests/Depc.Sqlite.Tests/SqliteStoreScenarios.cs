using Depc.Core.Storage;
using Depc.Sqlite.Tests.Support;

namespace Depc.Sqlite.Tests;

/// <summary>The store conformance suite on a real SQLite file.</summary>
public sealed class SqliteStoreScenarios(SqliteStoreFixture fixture) : StoreScenarios.StoreScenarios, IClassFixture<SqliteStoreFixture>
{
    protected override IGraphStore Store => fixture.Store;
}
