using System.Net;
using System.Net.Sockets;

namespace HealthSync.Server.Push;

/// <summary>
/// Counts wrong push tokens per client address in fixed windows on the injected clock: past the limit, the address is
/// answered 429 until its window ends, whatever token it sends. Other addresses are never slowed down.
/// </summary>
/// <remarks>
/// Without it a stranger tried about 850 tokens a second. ASP.NET Core's rate limiters read the real clock, so a test
/// would have to sleep through a window; this one runs on <see cref="ServerOptions.Time"/>. An IPv6 client is counted by
/// its /64, the block one machine is usually given, so it cannot rotate through its own addresses to reset the count.
/// </remarks>
internal sealed class WrongTokenLimiter(ServerOptions options)
{
    // Windows of addresses long gone are swept when there are this many, so a scan from many addresses stays bounded.
    private const int SweepAt = 4096;
    private readonly Dictionary<UInt128, Window> _windows = [];
    private readonly Lock _gate = new();

    /// <summary>How long <paramref name="address"/> must wait before its token is looked at again; null when it may try now.</summary>
    public TimeSpan? Blocked(IPAddress? address)
    {
        var now = options.Time.GetUtcNow();
        lock (_gate)
        {
            return _windows.TryGetValue(Key(address), out var window) && window.Failures >= options.PushFailuresPerWindow && now < window.Ends
                ? window.Ends - now
                : null;
        }
    }

    /// <summary>Counts a wrong (or missing) token from <paramref name="address"/>.</summary>
    public void Failed(IPAddress? address)
    {
        var now = options.Time.GetUtcNow();
        var key = Key(address);
        lock (_gate)
        {
            if (_windows.Count >= SweepAt)
            {
                foreach (var gone in _windows.Where(w => w.Value.Ends <= now).Select(w => w.Key).ToList())
                {
                    _windows.Remove(gone);
                }
            }

            _windows[key] = _windows.TryGetValue(key, out var window) && now < window.Ends
                ? window with { Failures = window.Failures + 1 }
                : new Window(now + options.PushFailureWindow, 1);
        }
    }

    /// <summary>The address as a number: IPv4 (also IPv4-mapped) whole, IPv6 by its first 64 bits; no address at all is one key.</summary>
    private static UInt128 Key(IPAddress? address)
    {
        if (address is null)
        {
            return UInt128.MaxValue;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? new UInt128(0, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[..written]))
            : new UInt128(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), 1UL << 63);
    }

    private readonly record struct Window(DateTimeOffset Ends, int Failures);
}
