using System.Text;
using Depc.Core.Naming;

namespace Depc.Core.Tests.Naming;

public sealed class GraphNamesTests
{
    [Theory]
    [InlineData("MyLabel")]
    [InlineData("Mylabel")]
    [InlineData("My123Label")]
    [InlineData("A")]
    [InlineData("ABC")]
    [InlineData("A1")]
    public void IsValidLabel_accepts_labels_matching_the_rule(string label)
    {
        Assert.True(GraphNames.IsValidLabel(label.AsSpan()));
        Assert.True(GraphNames.IsValidLabel(Encoding.UTF8.GetBytes(label)));
        Assert.Same(label, GraphNames.ValidLabel(label));
    }

    [Theory]
    [InlineData("")]
    [InlineData("myLabel")]
    [InlineData("1A")]
    [InlineData("A_B")]
    [InlineData("A-B")]
    [InlineData("A B")]
    [InlineData("A`")]
    [InlineData("A`) DETACH DELETE n //")]
    [InlineData("Ä")]
    [InlineData("AÄ")]
    [InlineData("A\u0130")]
    [InlineData("A\n")]
    public void IsValidLabel_rejects_labels_outside_the_rule(string label)
    {
        Assert.False(GraphNames.IsValidLabel(label.AsSpan()));
        Assert.False(GraphNames.IsValidLabel(Encoding.UTF8.GetBytes(label)));
        var error = Assert.Throws<ArgumentException>(() => GraphNames.ValidLabel(label));
        Assert.Contains(GraphNames.LabelRule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidLabel_and_ValidName_reject_null()
    {
        Assert.Throws<ArgumentException>(() => GraphNames.ValidLabel(null));
        Assert.Throws<ArgumentException>(() => GraphNames.ValidName(null));
    }

    [Fact]
    public void Label_rule_is_the_same_for_chars_and_bytes_for_every_ascii_character()
    {
        for (var c = (char)0; c <= 0x7f; c++)
        {
            foreach (var (label, expected) in new[] { ("A" + c, char.IsAsciiLetterOrDigit(c)), (c + "a", char.IsAsciiLetterUpper(c)), (c.ToString(), char.IsAsciiLetterUpper(c)) })
            {
                Assert.Equal(expected, GraphNames.IsValidLabel(label.AsSpan()));
                Assert.Equal(expected, GraphNames.IsValidLabel(Encoding.UTF8.GetBytes(label)));
            }
        }
    }

    [Fact]
    public void Name_rule_is_the_same_for_chars_and_bytes_for_every_ascii_character()
    {
        for (var c = (char)0; c <= 0x7f; c++)
        {
            var expected = c >= 0x21 && c <= 0x7e && c != '"' && c != '\'' && c != '\\' && c != '`';
            foreach (var name in new[] { c.ToString(), "x" + c, c + "x", "a" + c + "b" })
            {
                Assert.Equal(expected, GraphNames.IsValidName(name.AsSpan()));
                Assert.Equal(expected, GraphNames.IsValidName(Encoding.UTF8.GetBytes(name)));
            }
        }
    }

    // The seed regexes, written for .NET: '[' escaped (no class subtraction) and \A…\z for ^…$ so
    // that a trailing newline is not allowed (Python's and .NET's '$' would let "A\n" through).
    [Fact]
    public void Name_rule_matches_the_seed_regex_for_every_byte()
    {
        var regex = new System.Text.RegularExpressions.Regex(@"\A[!#-&(-\[\]-_a-~]+\z");
        for (var b = 0; b <= 0xff; b++)
        {
            var text = ((char)b).ToString();
            Assert.Equal(regex.IsMatch(text), GraphNames.IsValidName(text.AsSpan()));
            Assert.Equal(b < 0x80 && regex.IsMatch(text), GraphNames.IsValidName([(byte)b]));
        }
    }

    [Fact]
    public void Label_rule_matches_the_seed_regex_for_every_byte_pair()
    {
        var regex = new System.Text.RegularExpressions.Regex(@"\A[A-Z]+[a-zA-Z0-9]*\z");
        for (var a = 0; a <= 0xff; a++)
        {
            for (var b = 0; b <= 0x80; b += 1)
            {
                var text = new string([(char)a, (char)b]);
                Assert.Equal(regex.IsMatch(text), GraphNames.IsValidLabel(text.AsSpan()));
            }
        }
    }

    [Theory]
    [InlineData("Foo")]
    [InlineData("foo")]
    [InlineData("foo123bar")]
    [InlineData("#F$o%ob&/a-r.")]
    [InlineData("cluster020.ovh.net")]
    public void IsValidName_accepts_the_seed_examples(string name)
    {
        Assert.True(GraphNames.IsValidName(name.AsSpan()));
        Assert.True(GraphNames.IsValidName(Encoding.UTF8.GetBytes(name)));
        Assert.Same(name, GraphNames.ValidName(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("a'b")]
    [InlineData("a\"b")]
    [InlineData("a\\b")]
    [InlineData("a`b")]
    [InlineData("caf\u00e9")]
    [InlineData("\u0100")]
    [InlineData("foo\n")]
    public void IsValidName_rejects_names_outside_the_rule(string name)
    {
        Assert.False(GraphNames.IsValidName(name.AsSpan()));
        Assert.False(GraphNames.IsValidName(Encoding.UTF8.GetBytes(name)));
        var error = Assert.Throws<ArgumentException>(() => GraphNames.ValidName(name));
        Assert.Contains(GraphNames.NameRule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsValidName_rejects_a_char_whose_low_byte_is_allowed()
    {
        // U+0141 would pass a check that only looked at the low byte (0x41 = 'A').
        Assert.False(GraphNames.IsValidName("\u0141".AsSpan()));
        Assert.False(GraphNames.IsValidLabel("A\u0141".AsSpan()));
    }
}
