namespace Depc.Server.Apis;

internal static class Problems
{
    public static IResult NodeNotFound(string label, string name) =>
        TypedResults.Problem($"There is no {label} node named '{name}'.", statusCode: StatusCodes.Status404NotFound, title: "Node not found");

    public static IResult Status(int status, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title);
}
