using System.Buffers;
using System.Text.Json;

namespace Depc.Neo4j.Http;

/// <summary>
/// Reads an answer of the transactional endpoint
/// (<c>{"commit": …, "results": [{"columns": […], "data": [{"row": […]}, …]}, …], "errors": […]}</c>)
/// as it arrives: each row is handed to its statement as soon as it is complete, so a large answer is
/// never held whole. Errors come after the results; the caller throws them at the end.
/// </summary>
internal sealed class ResponseReader
{
    private readonly IReadOnlyList<CypherStatement> _statements;
    private JsonReaderState _state;
    private Where _where;
    private int _result = -1;

    private ResponseReader(IReadOnlyList<CypherStatement> statements) => _statements = statements;

    private enum Where
    {
        Start,
        Root,
        Results,
        Result,
        Data,
        Errors,
        Done,
    }

    public string? Commit { get; private set; }

    public List<(string Code, string Message)> Errors { get; } = [];

    public static async Task<ResponseReader> ReadAsync(Stream stream, IReadOnlyList<CypherStatement> statements, CancellationToken cancellationToken)
    {
        var reader = new ResponseReader(statements);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var length = 0;
            var final = false;
            while (true)
            {
                if (!final)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    length += read;
                    final = read == 0;
                }

                var consumed = reader.Consume(buffer.AsSpan(0, length), final);
                if (reader._where == Where.Done)
                {
                    return reader;
                }

                if (final && consumed == 0)
                {
                    throw new Neo4jException(null, "the Neo4j answer ended in the middle of its JSON", isTransient: true);
                }

                buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                length -= consumed;
            }
        }
        catch (JsonException e) when (reader._where != Where.Start)
        {
            // A Neo4j answer that stops in the middle is a connection cut short, not a bad answer.
            throw new Neo4jException(null, "the Neo4j answer broke off: " + e.Message, isTransient: true, e);
        }
        catch (JsonException e)
        {
            throw new Neo4jException(null, "the Neo4j answer is not the expected JSON: " + e.Message, isTransient: true, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads as many whole units as the data holds; returns the bytes of those units.</summary>
    private int Consume(ReadOnlySpan<byte> data, bool final)
    {
        var reader = new Utf8JsonReader(data, final, _state);
        var consumed = 0;
        while (_where != Where.Done && Step(ref reader))
        {
            consumed = (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        return consumed;
    }

    /// <summary>One unit (a token, a property with its value, a whole data row or error); false when more bytes are needed.</summary>
    private bool Step(ref Utf8JsonReader reader)
    {
        if (_where is Where.Data or Where.Errors)
        {
            return Item(ref reader);
        }

        if (!reader.Read())
        {
            return false;
        }

        switch (_where, reader.TokenType)
        {
            case (Where.Start, JsonTokenType.StartObject):
                _where = Where.Root;
                return true;
            case (Where.Root, JsonTokenType.PropertyName):
                return RootProperty(ref reader);
            case (Where.Root, JsonTokenType.EndObject):
                _where = Where.Done;
                return true;
            case (Where.Results, JsonTokenType.StartObject):
                _result++;
                _where = Where.Result;
                return true;
            case (Where.Results, JsonTokenType.EndArray):
                _where = Where.Root;
                return true;
            case (Where.Result, JsonTokenType.PropertyName):
                if (reader.ValueTextEquals("data"u8))
                {
                    return Enter(ref reader, Where.Data);
                }

                return reader.Read() && reader.TrySkip();
            case (Where.Result, JsonTokenType.EndObject):
                _where = Where.Results;
                return true;
            default:
                throw new Neo4jException(null, $"unexpected Neo4j answer: {reader.TokenType} in {_where}", isTransient: true);
        }
    }

    private bool RootProperty(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("results"u8))
        {
            return Enter(ref reader, Where.Results);
        }

        if (reader.ValueTextEquals("errors"u8))
        {
            return Enter(ref reader, Where.Errors);
        }

        if (reader.ValueTextEquals("commit"u8))
        {
            if (!reader.Read())
            {
                return false;
            }

            Commit = reader.GetString();
            return true;
        }

        return reader.Read() && reader.TrySkip();
    }

    private bool Enter(ref Utf8JsonReader reader, Where where)
    {
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new Neo4jException(null, $"unexpected Neo4j answer: expected an array for {where}", isTransient: true);
        }

        _where = where;
        return true;
    }

    private bool Item(ref Utf8JsonReader reader)
    {
        var look = reader;
        if (!look.Read())
        {
            return false;
        }

        if (look.TokenType == JsonTokenType.EndArray)
        {
            reader = look;
            _where = _where == Where.Data ? Where.Result : Where.Root;
            return true;
        }

        if (!look.TrySkip())
        {
            return false;
        }

        reader.Read();
        var item = JsonElement.ParseValue(ref reader);
        if (_where == Where.Errors)
        {
            Errors.Add((
                item.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "",
                item.TryGetProperty("message", out var message) ? message.GetString() ?? "" : ""));
        }
        else if (_result < _statements.Count && _statements[_result].OnRow is { } onRow && item.TryGetProperty("row", out var row))
        {
            onRow(row);
        }

        return true;
    }
}
