using Depc.Server.Options;

namespace Depc.Server.Tests.Options;

public sealed class ListenUrlsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("https://localhost:5443")]
    [InlineData("http://*:5080")]
    [InlineData("http://+:5080")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://depc.example.net:65535/base")]
    [InlineData("http://localhost")]
    [InlineData("http://127.0.0.1:5080; http://[::1]:5080")]
    public void Addresses_kestrel_reads_as_written_pass(string urls) => ListenUrls.Check(urls);

    [Theory]
    [InlineData("http://127.0.0.1:5x80", "the port '5x80'")]
    [InlineData("http://127.0.0.1:abc", "the port 'abc'")]
    [InlineData("http://127.0.0.1:", "the port ''")]
    [InlineData("http://127.0.0.1:99999", "the port '99999'")]
    [InlineData("http://999.1.1.1:5098", "'999.1.1.1' is not an IP address")]
    [InlineData("http://[zz::1]:5080", "not an http or https address")]
    [InlineData("ftp://127.0.0.1:21", "not an http or https address")]
    [InlineData("nonsense", "not an http or https address")]
    [InlineData("http://127.0.0.1:5080;http://127.0.0.1:5x81", "'http://127.0.0.1:5x81'")]
    [InlineData(" ; ", "--urls is empty")]
    public void Anything_else_is_refused_naming_the_address_and_what_is_wrong(string urls, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => ListenUrls.Check(urls));
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }
}
