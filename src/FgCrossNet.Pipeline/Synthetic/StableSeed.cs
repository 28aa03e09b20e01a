using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace FgCrossNet.Synthetic;

/// <summary>
/// Seeds derived from a name (e.g. seed, medium, class, item): the same on every run and machine, independent of the
/// order items are made in, so parallel generation stays deterministic.
/// </summary>
public static class StableSeed
{
    /// <summary>A non-negative 31-bit seed from the SHA-256 of the parts joined by '/'.</summary>
    public static int Of(params object[] parts)
    {
        var text = string.Join('/', parts.Select(p => Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture)));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) & int.MaxValue);
    }

    /// <summary>A <see cref="Random"/> seeded by <see cref="Of"/>.</summary>
    public static Random Random(params object[] parts) => new(Of(parts));
}
