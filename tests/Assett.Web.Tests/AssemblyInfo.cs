[assembly: AssemblyFixture(typeof(Assett.Testing.PostgresServer))]
