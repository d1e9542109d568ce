namespace Depc.Server.Apis;

/// <summary>Turns an <see cref="InvalidArgumentException"/> into a 400 problem naming the parameter and its rule, before the store is touched.</summary>
internal sealed class ArgumentErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (InvalidArgumentException e)
        {
            return TypedResults.Problem(
                $"'{e.Parameter}' {e.Rule}",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid argument",
                extensions: new Dictionary<string, object?> { ["parameter"] = e.Parameter });
        }
    }
}
