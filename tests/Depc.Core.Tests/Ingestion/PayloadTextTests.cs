using System.Text;
using Depc.Core.Ingestion;

namespace Depc.Core.Tests.Ingestion;

public sealed class PayloadTextTests
{
    [Fact]
    public void Truncate_keeps_a_short_payload_as_is()
    {
        Assert.Equal("{\"source\": 1}", PayloadText.Truncate(Encoding.UTF8.GetBytes("{\"source\": 1}")));
        Assert.Equal(string.Empty, PayloadText.Truncate([]));
    }

    [Fact]
    public void Truncate_cuts_a_long_payload_at_the_limit_and_marks_the_cut()
    {
        var text = PayloadText.Truncate(Encoding.UTF8.GetBytes(new string('x', 5000)), maxChars: 100);

        Assert.Equal(new string('x', 100) + "…", text);
    }

    [Fact]
    public void Truncate_keeps_a_payload_of_exactly_the_limit_uncut()
    {
        Assert.Equal(new string('x', 100), PayloadText.Truncate(Encoding.UTF8.GetBytes(new string('x', 100)), maxChars: 100));
    }

    [Fact]
    public void Truncate_renders_invalid_utf8_without_throwing()
    {
        var text = PayloadText.Truncate([0x7b, 0xff, 0xfe, 0x7d]);

        Assert.StartsWith("{", text, StringComparison.Ordinal);
        Assert.EndsWith("}", text, StringComparison.Ordinal);
        Assert.Contains('\ufffd', text);
    }

    [Fact]
    public void Truncate_never_exceeds_the_limit_plus_the_mark_for_multibyte_text()
    {
        foreach (var length in new[] { 1, 99, 100, 101, 399, 400, 401, 10_000 })
        {
            var text = PayloadText.Truncate(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("é😀", length))), maxChars: 100);
            Assert.True(text.Length <= 101, $"{length}: {text.Length}");
        }
    }
}
