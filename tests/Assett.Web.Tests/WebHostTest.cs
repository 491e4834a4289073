namespace Assett.Web.Tests;

/// <summary>
/// A test class on the real web host. xunit makes an instance of the class for each test, so each
/// test has a database of its own (tests of different classes run in parallel) and its own host,
/// disposed after it.
/// </summary>
public abstract class WebHostTest(PostgresServer server) : IAsyncLifetime
{
    protected AssettWebFactory Factory { get; private set; } = null!;

    /// <summary>The server of the test databases, for a test that needs a second host.</summary>
    protected PostgresServer Postgres => server;

    /// <summary>The host on the test's database; a class that needs other services makes its own.</summary>
    protected virtual AssettWebFactory CreateFactory(TestDatabase database) => new(database);

    /// <summary>What each test of the class starts from, once the host is there.</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        Factory = CreateFactory(await server.CreateDatabaseAsync());
        await ArrangeAsync();
    }

    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (Factory is not null) await Factory.DisposeAsync();
    }
}
