using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Assett.Web.Tests.Browser;

/// <summary>The real web host on Kestrel and a free loopback port, for a real browser to reach.</summary>
public static class LiveServer
{
    public static Uri Start(AssettWebFactory factory)
    {
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "localhost").Replace("0.0.0.0", "localhost"));
    }
}
