using Assett.Cli;
using Microsoft.Extensions.Configuration;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
return await AssettCommand.InvokeAsync(configuration, args);
