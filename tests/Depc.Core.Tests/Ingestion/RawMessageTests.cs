using Depc.Core.Ingestion;

namespace Depc.Core.Tests.Ingestion;

public sealed class RawMessageTests
{
    [Fact]
    public void A_line_of_a_source_has_source_colon_line_as_its_origin()
    {
        Assert.Equal("/data/in.ndjson:12", new RawMessage(default, "/data/in.ndjson", 12).Origin);
        Assert.Equal("stdin:1", RawMessage.LineOrigin("stdin", 1));
    }

    [Fact]
    public void A_given_origin_is_kept_as_it_is()
    {
        Assert.Equal("depc.acme/2@1234", new RawMessage(default, "depc.acme/2@1234").Origin);
    }
}
