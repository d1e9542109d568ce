namespace Depc.Core.Tests.Support;

/// <summary>
/// A complete, valid message (nested or flat) in which one field, named by its JSON path, takes a
/// given raw JSON value: lets one test run a rule against every place the field occurs.
/// </summary>
internal static class MessageTemplate
{
    public static readonly string[] LabelFields = ["$.source.label", "$.target.label", "$.source_label", "$.target_label"];
    public static readonly string[] NameFields = ["$.source.name", "$.target.name", "$.source_name", "$.target_name"];
    public static readonly string[] FromFields = ["$.source.props.from", "$.target.props.from", "$.rel.from", "$.source_from", "$.target_from", "$.rel_from"];
    public static readonly string[] ToFields = ["$.source.props.to", "$.target.props.to", "$.rel.to", "$.source_to", "$.target_to", "$.rel_to"];

    public static string With(string field, string rawValue)
    {
        string V(string path, string fallback) => path == field ? rawValue : fallback;
        var known = LabelFields.Concat(NameFields).Concat(FromFields).Concat(ToFields);
        if (!known.Contains(field))
        {
            throw new ArgumentException($"unknown field {field}", nameof(field));
        }

        if (field.Count(c => c == '.') >= 2)
        {
            return $$$"""
                {"source": {"label": {{{V("$.source.label", "\"A\"")}}}, "name": {{{V("$.source.name", "\"a\"")}}}, "props": {"from": {{{V("$.source.props.from", "1")}}}, "to": {{{V("$.source.props.to", "100")}}}}},
                 "target": {"label": {{{V("$.target.label", "\"B\"")}}}, "name": {{{V("$.target.name", "\"b\"")}}}, "props": {"from": {{{V("$.target.props.from", "1")}}}, "to": {{{V("$.target.props.to", "100")}}}}},
                 "rel": {"from": {{{V("$.rel.from", "1")}}}, "to": {{{V("$.rel.to", "100")}}}}}
                """;
        }

        return $$$"""
            {"source_label": {{{V("$.source_label", "\"A\"")}}}, "source_name": {{{V("$.source_name", "\"a\"")}}}, "source_from": {{{V("$.source_from", "1")}}}, "source_to": {{{V("$.source_to", "100")}}},
             "target_label": {{{V("$.target_label", "\"B\"")}}}, "target_name": {{{V("$.target_name", "\"b\"")}}}, "target_from": {{{V("$.target_from", "1")}}}, "target_to": {{{V("$.target_to", "100")}}},
             "rel_from": {{{V("$.rel_from", "1")}}}, "rel_to": {{{V("$.rel_to", "100")}}}}
            """;
    }

    public static TheoryData<string> Fields(string[] fields)
    {
        var data = new TheoryData<string>();
        foreach (var f in fields)
        {
            data.Add(f);
        }

        return data;
    }
}
