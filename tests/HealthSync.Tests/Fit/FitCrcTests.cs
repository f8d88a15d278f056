using HealthSync.Fit;

namespace HealthSync.Tests.Fit;

public sealed class FitCrcTests
{
    [Fact]
    public void Should_Match_The_Header_Crc_Of_Garmins_Example_File()
    {
        // The 14-byte header from the FIT SDK's documentation: its CRC bytes are 96 85.
        byte[] header = [0x0E, 0x10, 0x43, 0x08, 0x78, 0x06, 0x09, 0x00, 0x2E, 0x46, 0x49, 0x54];

        Assert.Equal(0x8596, FitCrc.Compute(header));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(90.0, 1 << 30)]
    [InlineData(-90.0, -(1 << 30))]
    [InlineData(180.0, int.MinValue)]
    [InlineData(-180.0, int.MinValue)]
    public void Should_Convert_Degrees_To_Semicircles(double degrees, int expected) =>
        Assert.Equal(expected, FitTime.Semicircles(degrees));
}
