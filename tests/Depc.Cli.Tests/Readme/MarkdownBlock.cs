namespace Depc.Cli.Tests.Readme;

/// <summary>A fenced code block of a Markdown file: its info string (<c>sh</c>, <c>json</c>, …), the line of its opening fence, its lines.</summary>
internal sealed record MarkdownBlock(string Info, int FenceLine, IReadOnlyList<string> Lines)
{
    /// <summary>The blocks of a Markdown text, in order (a fence is three backticks, indented by up to three spaces).</summary>
    public static IReadOnlyList<MarkdownBlock> Parse(string markdown)
    {
        var blocks = new List<MarkdownBlock>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fence = lines[i].TrimEnd('\r').TrimStart(' ');
            if (!fence.StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            var body = new List<string>();
            var start = i;
            while (++i < lines.Length && lines[i].Trim() != "```")
            {
                body.Add(lines[i].TrimEnd('\r'));
            }

            blocks.Add(new MarkdownBlock(fence[3..].Trim().Split(' ')[0], start + 1, body));
        }

        return blocks;
    }

    /// <summary>
    /// The commands of a shell block, each with the line it starts on: a line ending in <c>\</c> continues on the next;
    /// blank lines and comment-only lines are not commands.
    /// </summary>
    public IReadOnlyList<(int Line, string Text)> Commands()
    {
        var commands = new List<(int, string)>();
        for (var i = 0; i < Lines.Count; i++)
        {
            var first = i;
            var text = Lines[i];
            while (text.EndsWith('\\') && i + 1 < Lines.Count)
            {
                text += "\n" + Lines[++i];
            }

            var trimmed = text.TrimStart();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#'))
            {
                commands.Add((FenceLine + 1 + first, text));
            }
        }

        return commands;
    }

    /// <summary>A command without its trailing comment (a <c>#</c> after a space, outside quotes).</summary>
    public static string WithoutComment(string command)
    {
        var quote = '\0';
        for (var i = 0; i < command.Length; i++)
        {
            var c = command[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(command[i - 1])))
            {
                return command[..i].TrimEnd();
            }
        }

        return command.TrimEnd();
    }
}
