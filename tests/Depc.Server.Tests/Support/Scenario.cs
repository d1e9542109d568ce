namespace Depc.Server.Tests.Support;

/// <summary>A small infrastructure, as NDJSON: an offer on a website on an Apache and a filer (name with '/'), one link closed.</summary>
public static class Scenario
{
    public const string Messages = """
        {"source":{"label":"Website","name":"example.com"},"target":{"label":"Apache","name":"apache1"},"rel":{"from":1000}}
        {"source":{"label":"Website","name":"example.com"},"target":{"label":"Filer","name":"filer/1"},"rel":{"from":1000}}
        {"source":{"label":"Website","name":"example.com"},"target":{"label":"Apache","name":"apache-old"},"rel":{"from":1000,"to":2000}}
        {"source":{"label":"Offer","name":"premium"},"target":{"label":"Website","name":"example.com"},"rel":{"from":1000}}
        {"source":{"label":"Offer","name":"basic","props":{"from":5000}},"target":{"label":"Website","name":"example.com"},"rel":{"from":1000}}
        {"source_label":"Offer","source_name":"legacy","target_label":"Apache","target_name":"apache-old","rel_from":100,"rel_to":200}
        """;
}
