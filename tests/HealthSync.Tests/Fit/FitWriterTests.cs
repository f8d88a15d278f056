using HealthSync.Fit;

namespace HealthSync.Tests.Fit;

/// <summary>The writer derives each definition from the fields a message writes, and writes it only when it changes.</summary>
public sealed class FitWriterTests
{
    private const int Header = 14;

    [Fact]
    public void Should_Define_A_Local_Message_Once_While_Its_Fields_Stay_The_Same()
    {
        var writer = new FitWriter();
        for (var i = 0; i < 3; i++)
        {
            writer.Begin(2, FitProfile.Event);
            writer.UInt32(EventFields.Timestamp, 1000u + (uint)i);
            writer.Enum(EventFields.Event, FitProfile.EventTimer);
            writer.End();
        }

        var file = writer.Finish();

        // definition: header byte, reserved, architecture, global (2), field count, 2 × 3 bytes = 12; data: 1 + 4 + 1 = 6 each.
        Assert.Equal(Header + 12 + (3 * 6) + 2, file.Length);
        Assert.Equal(0x42, file[Header]);
        Assert.Equal([253, 4, 0x86, 0, 1, 0x00], file[(Header + 6)..(Header + 12)]);
        Assert.Equal(0x02, file[Header + 12]);
    }

    [Fact]
    public void Should_Write_A_New_Definition_When_A_Message_Writes_Other_Fields()
    {
        var writer = new FitWriter();
        writer.Begin(3, FitProfile.Record);
        writer.UInt32(RecordFields.Timestamp, 1000);
        writer.End();
        writer.Begin(3, FitProfile.Record);
        writer.UInt32(RecordFields.Timestamp, 1001);
        writer.UInt8(RecordFields.HeartRate, 140);
        writer.End();

        var file = writer.Finish();

        // First definition (6 + 3) and data (5), then a second definition (6 + 6) and data (6).
        Assert.Equal(Header + 9 + 5 + 12 + 6 + 2, file.Length);
        var second = Header + 9 + 5;
        Assert.Equal(0x43, file[second]);
        Assert.Equal(2, file[second + 5]);
        Assert.Equal([3, 1, 0x02], file[(second + 9)..(second + 12)]);
    }

    [Fact]
    public void Should_Refuse_A_Field_Outside_A_Message_And_A_File_With_A_Message_Open()
    {
        var writer = new FitWriter();

        Assert.Throws<InvalidOperationException>(() => writer.UInt8(RecordFields.HeartRate, 1));
        writer.Begin(0, FitProfile.FileId);
        Assert.Throws<InvalidOperationException>(() => writer.Begin(1, FitProfile.Event));
        Assert.Throws<InvalidOperationException>(writer.Finish);
    }
}
