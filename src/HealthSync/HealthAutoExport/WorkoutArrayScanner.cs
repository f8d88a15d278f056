using System.Text.Json;

namespace HealthSync.HealthAutoExport;

/// <summary>Walks `{"data": {"workouts": [ ... ]}}` in a UTF-8 buffer and hands out one workout object at a time.</summary>
/// <remarks>
/// The reader is a ref struct and cannot live across the iterator's yields, so its state and position are kept here
/// and a new reader resumes from them for each workout. Each workout is parsed as a JsonDocument over its own slice
/// of the buffer (no copy), so a 3.5 MB workout costs its bytes plus the document's index, not a tree of strings.
/// Unknown keys anywhere are skipped ("symptoms": [], "metrics": [] from older app versions).
/// </remarks>
internal sealed class WorkoutArrayScanner(ReadOnlyMemory<byte> json)
{
    private JsonReaderState _state = new(new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
    private int _position = json.Span.StartsWith("\uFEFF"u8) ? 3 : 0;
    private Phase _phase;
    private int _linesCountedTo;
    private int _lines;

    private enum Phase
    {
        Start,
        Root,
        Data,
        Workouts,
        Done,
    }

    /// <summary>Whether a `data.workouts` array was found.</summary>
    public bool SawWorkouts { get; private set; }

    /// <summary>Bytes consumed so far.</summary>
    public int Position => _position;

    /// <summary>The next workout (its JSON value, to be disposed) and the 1-based line it starts on; null at the end.</summary>
    /// <exception cref="JsonException">The document is not well-formed JSON (with its line and byte position).</exception>
    /// <exception cref="FormatException">The document is JSON but not an object at the top.</exception>
    public (JsonDocument Workout, int Line)? Next()
    {
        var reader = new Utf8JsonReader(json.Span[_position..], isFinalBlock: true, _state);
        try
        {
            return Advance(ref reader);
        }
        finally
        {
            _position += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }
    }

    private (JsonDocument Workout, int Line)? Advance(ref Utf8JsonReader reader)
    {
        while (_phase != Phase.Done)
        {
            if (!reader.Read())
            {
                if (_phase == Phase.Start)
                {
                    throw new FormatException("the document is empty");
                }

                _phase = Phase.Done;
                break;
            }

            switch (_phase, reader.TokenType)
            {
                case (Phase.Start, JsonTokenType.StartObject):
                    _phase = Phase.Root;
                    break;
                case (Phase.Start, var token):
                    throw new FormatException($"the document is a JSON {token}, not an object such as {{\"data\": {{\"workouts\": [...]}}}}");
                case (Phase.Root, JsonTokenType.PropertyName) when reader.ValueTextEquals("data"u8):
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        _phase = Phase.Data;
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
                case (Phase.Data, JsonTokenType.PropertyName) when reader.ValueTextEquals("workouts"u8):
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.StartArray)
                    {
                        SawWorkouts = true;
                        _phase = Phase.Workouts;
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
                case (Phase.Root or Phase.Data, JsonTokenType.PropertyName):
                    reader.Read();
                    reader.Skip();
                    break;
                case (Phase.Root, JsonTokenType.EndObject):
                    _phase = Phase.Done;
                    break;
                case (Phase.Data, JsonTokenType.EndObject):
                    _phase = Phase.Root;
                    break;
                case (Phase.Workouts, JsonTokenType.EndArray):
                    _phase = Phase.Data;
                    break;
                case (Phase.Workouts, _):
                    // Any value, an object or not: the caller reports what is not a workout.
                    var start = _position + (int)reader.TokenStartIndex;
                    reader.Skip();
                    var end = _position + (int)reader.BytesConsumed;
                    return (JsonDocument.Parse(json[start..end]), LineAt(start));
            }
        }

        // Trailing content after the root object is an error like any other malformation.
        if (reader.Read())
        {
            throw new FormatException("there is more after the end of the document's top-level object");
        }

        return null;
    }

    /// <summary>1-based line of a byte offset; offsets only grow, so newlines are counted once.</summary>
    private int LineAt(int offset)
    {
        _lines += json.Span[_linesCountedTo..offset].Count((byte)'\n');
        _linesCountedTo = offset;
        return _lines + 1;
    }
}
