using Depc.Core.Naming;

namespace Depc.Core.Tests.Naming;

public sealed class TeamNameTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("a")]
    [InlineData("A")]
    [InlineData("0")]
    [InlineData("team-42")]
    [InlineData("a-")]
    [InlineData("ACME-prod-01")]
    public void TryParse_accepts_team_names_matching_the_rule(string value)
    {
        Assert.True(TeamName.TryParse(value, out var team));
        Assert.Equal(value, team.Value);
        Assert.Equal(value, team.ToString());
        Assert.Equal(team, TeamName.Parse(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-acme")]
    [InlineData("ac_me")]
    [InlineData("ac.me")]
    [InlineData("ac me")]
    [InlineData("acmé")]
    [InlineData("acme\n")]
    [InlineData("acme`")]
    public void TryParse_rejects_team_names_outside_the_rule(string? value)
    {
        Assert.False(TeamName.TryParse(value, out _));
        var error = Assert.Throws<ArgumentException>(() => TeamName.Parse(value));
        Assert.Contains(TeamName.Rule, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_accepts_63_characters_and_rejects_64()
    {
        Assert.True(TeamName.TryParse(new string('a', 63), out _));
        Assert.False(TeamName.TryParse(new string('a', 64), out _));
    }

    [Fact]
    public void IsValid_judges_every_ascii_character_at_both_positions()
    {
        for (var c = (char)0; c <= 0x7f; c++)
        {
            Assert.Equal(char.IsAsciiLetterOrDigit(c), TeamName.IsValid(c + "a"));
            Assert.Equal(char.IsAsciiLetterOrDigit(c) || c == '-', TeamName.IsValid("a" + c));
        }
    }

    [Theory]
    [InlineData("depc.acme", "acme")]
    [InlineData("depc.team-1", "team-1")]
    public void TryFromTopic_takes_the_team_after_the_prefix(string topic, string expected)
    {
        Assert.True(TeamName.TryFromTopic(topic, out var team));
        Assert.Equal(expected, team.Value);
        Assert.Equal(topic, team.Topic);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("depc.")]
    [InlineData("depc")]
    [InlineData("acme")]
    [InlineData("DEPC.acme")]
    [InlineData("xdepc.acme")]
    [InlineData("depc.acme.prod")]
    [InlineData("depc.ac_me")]
    [InlineData("depc.-acme")]
    public void TryFromTopic_refuses_other_topics(string? topic)
    {
        Assert.False(TeamName.TryFromTopic(topic, out _));
    }

    [Fact]
    public void NamespacedLabel_prefixes_the_label_with_the_team_as_the_original_system()
    {
        Assert.Equal("acme_Server", TeamName.Parse("acme").NamespacedLabel("Server"));
    }
}
