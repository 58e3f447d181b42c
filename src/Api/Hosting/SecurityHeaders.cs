namespace FairDraw.Api.Hosting;

/// <summary>
/// Headers every response carries, set as it starts so that error answers carry them too: a Content-Security-
/// Policy that lets a page run only scripts and styles served by this origin (no inline code, no markup written from
/// strings: Trusted Types, whose one policy admits only the verifier's worker script), never be framed, and fetch only
/// from here; and <c>X-Content-Type-Options: nosniff</c>, so a JSON or text answer that echoes a caller's value is never
/// read as HTML or script.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; "
        + "trusted-types fairdraw-verifier-worker";

    /// <summary>
    /// The API reference (Scalar, under /docs) starts from an inline module script whose text follows the request path
    /// and styles itself inline, so it alone may run inline code; it still loads scripts only from here, echoes the path
    /// JSON-escaped, and may not be framed.
    /// </summary>
    public const string ReferencePolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
        + "img-src 'self' data:; font-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static Task Add(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/docs") ? ReferencePolicy
                : Public.PortalPages.Serves(context.Request.Path) ? Public.PortalPages.Policy
                : Policy;
            headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
