using System.Text;
using HealthSync.Fit;

namespace HealthSync.Tests.Fit;

/// <summary>FIT strings cut to 254 UTF-8 bytes on a character boundary, however long the input.</summary>
public sealed class FitStringTests
{
    private const string Runner = "\U0001F3C3"; // 4 bytes in UTF-8, a surrogate pair in UTF-16

    public static TheoryData<string, string, int> Boundaries => new()
    {
        // ASCII prefix, repeated unit, bytes kept
        { "ab", Runner, 254 },   // 2 + 63 × 4: ends exactly on the limit
        { "abc", Runner, 251 },  // 3 + 62 × 4: a fourth pair would need 255
        { "a", Runner, 253 },    // 1 + 63 × 4
        { "a", "é", 253 },       // 1 + 126 × 2
        { "", "é", 254 },
        { "ab", "€", 254 },      // 2 + 84 × 3
        { "a", "€", 253 },       // 1 + 84 × 3: an 85th would need 256
        { "abcd", "é€" + Runner, 252 }, // 4 + 27 × 9 = 247, then é (249) and € (252), the pair would need 256
    };

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Should_Keep_The_Longest_Prefix_That_Fits_Of_A_200_KB_Name(string prefix, string unit, int expectedBytes)
    {
        var builder = new StringBuilder(prefix);
        while (builder.Length < 200_000)
        {
            builder.Append(unit);
        }

        var value = builder.ToString();

        var cut = FitWriter.Truncate(value);

        Assert.StartsWith(cut, value, StringComparison.Ordinal);
        Assert.Equal(expectedBytes, Encoding.UTF8.GetByteCount(cut));
        Assert.False(char.IsHighSurrogate(cut[^1]), "a surrogate pair is never split");
        Assert.Equal(expectedBytes + 1, FitWriter.StringSize(value));
    }

    [Fact]
    public void Should_Leave_A_String_That_Fits_Alone()
    {
        var fits = new string('x', 249) + "é€"; // exactly 254 bytes

        Assert.Same(fits, FitWriter.Truncate(fits));
        Assert.Equal("", FitWriter.Truncate(""));
    }

    [Fact]
    public void Should_Count_A_Lone_Surrogate_As_The_Replacement_Character_UTF8_Writes()
    {
        // 252 ASCII bytes, then a lone high surrogate (written as EF BF BD): 255 bytes, one too many.
        var value = new string('x', 252) + '\uD83C' + "tail";

        var cut = FitWriter.Truncate(value);

        Assert.Equal(new string('x', 252), cut);
    }
}
