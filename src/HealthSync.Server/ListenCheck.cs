using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HealthSync.Server;

/// <summary>Checks that the server can listen at each of its addresses before anything touches the state folder.</summary>
/// <remarks>
/// Kestrel binds last, after the hosted services have started, and by then the lock, the database, the push token and
/// the session keys exist: a server on a taken port left a state folder behind and died with two stack traces. Kestrel
/// cannot bind first either, since a request could then reach a server that does not hold the state yet. So each
/// address Kestrel would bind (localhost is both loopbacks; a name, * or + is every address) is bound here with a socket
/// of its own, and a failure is said in words. The sockets listen until every address is checked (so two addresses
/// that overlap, such as http://*:8080 and http://127.0.0.1:8080, are caught too: a socket that is only bound does
/// not keep another from binding the same port, since .NET allows address reuse on Unix), then close. Another
/// program can still take the port in the milliseconds between this check and Kestrel's bind;
/// <see cref="HealthSyncServer.StartAsync"/> gives Kestrel's error the same words then.
/// </remarks>
internal static class ListenCheck
{
    /// <summary>Throws when the server could not listen at one of <paramref name="urls"/> (';'-separated, as Kestrel takes them).</summary>
    /// <exception cref="ServerStartRefusedException">With <see cref="ServerStartRefusal.CannotListen"/>: which address, why, and what to do.</exception>
    public static void Ensure(string urls)
    {
        var bound = new List<Socket>();
        try
        {
            foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                Check(url, bound);
            }
        }
        finally
        {
            bound.ForEach(socket => socket.Dispose());
        }
    }

    /// <summary>The words for a port another program holds; <paramref name="port"/> 0 when not known.</summary>
    public static string Busy(string url, int port) => port is > 0 and < IPEndPoint.MaxPort
        ? string.Create(CultureInfo.InvariantCulture, $"cannot listen on {url}: another program is already using port {port}. Give another address with --urls (e.g. --urls {url.Replace($":{port}", $":{port + 1}", StringComparison.Ordinal)}), or stop the other program")
        : $"cannot listen on {url}: another program is already using that port. Give another address with --urls, or stop the other program";

    private static void Check(string url, List<Socket> bound)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            throw new ServerStartRefusedException(ServerStartRefusal.CannotListen, $"--urls: '{url}' is not an address to listen on, such as http://127.0.0.1:8080", ex);
        }

        // A socket file, or a port the system picks: there is nothing another program could hold.
        if (!address.IsUnixPipe && !address.IsNamedPipe && address.Port != 0)
        {
            Check(url, address, bound);
        }
    }

    private static void Check(string url, BindingAddress address, List<Socket> bound)
    {
        var host = address.Host.StartsWith('[') && address.Host.EndsWith(']') ? address.Host[1..^1] : address.Host;
        SocketError? error;
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel listens on both loopbacks and does without one the machine lacks; a taken port stops it.
            var v4 = TryBind(new IPEndPoint(IPAddress.Loopback, address.Port), bound);
            var v6 = Socket.OSSupportsIPv6 ? TryBind(new IPEndPoint(IPAddress.IPv6Loopback, address.Port), bound) : SocketError.AddressFamilyNotSupported;
            error = v4 == SocketError.AddressAlreadyInUse || v6 == SocketError.AddressAlreadyInUse ? SocketError.AddressAlreadyInUse : v6 is null ? null : v4;
        }
        else if (IPAddress.TryParse(host, out var ip))
        {
            error = TryBind(new IPEndPoint(ip, address.Port), bound);
        }
        else
        {
            // Every address: IPv6 with IPv4 mapped, else IPv4 alone, as Kestrel does.
            error = Socket.OSSupportsIPv6 ? TryBind(new IPEndPoint(IPAddress.IPv6Any, address.Port), bound, dualMode: true) : SocketError.AddressFamilyNotSupported;
            if (error is not null and not SocketError.AddressAlreadyInUse)
            {
                error = TryBind(new IPEndPoint(IPAddress.Any, address.Port), bound);
            }
        }

        if (error is { } failed)
        {
            throw new ServerStartRefusedException(ServerStartRefusal.CannotListen, failed switch
            {
                SocketError.AddressAlreadyInUse => Busy(url, address.Port),
                SocketError.AccessDenied => $"cannot listen on {url}: this user may not use port {address.Port} (ports below 1024 need privileges). Give another address with --urls",
                SocketError.AddressNotAvailable => $"cannot listen on {url}: this machine has no address {host}. Give another address with --urls",
                _ => $"cannot listen on {url}: {new SocketException((int)failed).Message}. Give another address with --urls",
            });
        }
    }

    /// <summary>Binds a socket as Kestrel's would be and listens, added to <paramref name="bound"/> (nothing is accepted, so nothing lingers once it is closed); null when it could.</summary>
    private static SocketError? TryBind(IPEndPoint endpoint, List<Socket> bound, bool dualMode = false)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (dualMode)
            {
                socket.DualMode = true;
            }

            socket.Bind(endpoint);
            socket.Listen(1);
            bound.Add(socket);
            return null;
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return ex.SocketErrorCode;
        }
    }
}
