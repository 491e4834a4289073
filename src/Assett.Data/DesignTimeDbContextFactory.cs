using Microsoft.EntityFrameworkCore.Design;

namespace Assett.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model; it never connects.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AssettDbContext>
{
    public AssettDbContext CreateDbContext(string[] args) =>
        AssettDbContextOptions.Create("Host=localhost;Database=assett_design");
}
