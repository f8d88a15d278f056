using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HealthSync.Server.Web;

/// <summary>Which proxies' forwarded headers are believed: loopback always, plus the addresses and networks the owner names.</summary>
internal static class TrustedProxies
{
    /// <summary>Sets <paramref name="forwarded"/> to read X-Forwarded-For, -Proto and -Host from loopback and <paramref name="extra"/>.</summary>
    /// <exception cref="ArgumentException">An entry is neither an address nor a network.</exception>
    public static void Configure(ForwardedHeadersOptions forwarded, IReadOnlyList<string> extra)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

        // The framework's defaults are loopback already; set them here so the rule reads in one place.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
        forwarded.KnownProxies.Add(IPAddress.IPv6Loopback);
        foreach (var entry in extra)
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
            else
            {
                throw new ArgumentException($"HEALTHSYNC_TRUSTED_PROXIES: \"{entry}\" is neither an address (10.0.0.5) nor a network (10.0.0.0/8)", nameof(extra));
            }
        }
    }
}
