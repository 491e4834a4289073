global using Assett.Testing;
