namespace Depc.Cli.Tests.Support;

/// <summary>Small graphs whose query answers are worked out by hand in the tests.</summary>
internal static class CliScenario
{
    /// <summary>2024-01-10 00:00:00 UTC.</summary>
    public const long DayStart = 1704844800;

    /// <summary>2024-01-10 23:59:59 UTC.</summary>
    public const long DayEnd = 1704931199;

    public const string Day = "2024-01-10";

    /// <summary>
    /// Team acme on <see cref="Day"/>: shop → web1 (active), shop → web2 (node and link start at the
    /// day's last second), shop → old (node ended the second before the day; link ends at its first
    /// second), shop → db1 (link starts the next day), web1 → db1 (closed period around the day).
    /// </summary>
    public static readonly string[] Shop =
    [
        """{"source":{"label":"Website","name":"shop","props":{"from":1000}},"target":{"label":"Server","name":"web1","props":{"from":1000}},"rel":{"from":1700000000}}""",
        """{"source":{"label":"Website","name":"shop"},"target":{"label":"Server","name":"web2","props":{"from":1704931199}},"rel":{"from":1704931199}}""",
        """{"source":{"label":"Website","name":"shop"},"target":{"label":"Server","name":"old","props":{"from":0,"to":1704844799}},"rel":{"from":1600000000,"to":1704844800}}""",
        """{"source":{"label":"Website","name":"shop"},"target":{"label":"Database","name":"db1"},"rel":{"from":1704931200}}""",
        """{"source":{"label":"Server","name":"web1"},"target":{"label":"Database","name":"db1"},"rel":{"from":1700000000,"to":1710000000}}""",
    ];

    /// <summary>
    /// Team imp: db ← a (open from 100) and db ← b ([100, 200]); x, z, w → a; y, z → b; v → x;
    /// w ends at 150; u depends on nothing.
    /// </summary>
    public static readonly string[] Impact =
    [
        """{"source":{"label":"Server","name":"a"},"target":{"label":"Database","name":"db"},"rel":{"from":100}}""",
        """{"source":{"label":"Server","name":"b"},"target":{"label":"Database","name":"db"},"rel":{"from":100,"to":200}}""",
        """{"source":{"label":"App","name":"x"},"target":{"label":"Server","name":"a"},"rel":{"from":100}}""",
        """{"source":{"label":"App","name":"y"},"target":{"label":"Server","name":"b"},"rel":{"from":100}}""",
        """{"source":{"label":"App","name":"z"},"target":{"label":"Server","name":"a"},"rel":{"from":100}}""",
        """{"source":{"label":"App","name":"z"},"target":{"label":"Server","name":"b"},"rel":{"from":100}}""",
        """{"source":{"label":"App","name":"w","props":{"to":150}},"target":{"label":"Server","name":"a"},"rel":{"from":100}}""",
        """{"source":{"label":"App","name":"v"},"target":{"label":"App","name":"x"},"rel":{"from":100}}""",
        """{"source":{"label":"App","name":"u"}}""",
    ];
}
