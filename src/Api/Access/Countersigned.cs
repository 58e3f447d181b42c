using FairDraw.Api.Draws;
using FairDraw.Api.OpenApi;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDraw.Api.Access;

/// <summary>
/// Marks an endpoint whose request an approver countersigns with their own bearer token in the
/// <c>X-Approval-Token</c> header (a draw adjustment); <see cref="CountersignatureHeader"/> describes the header.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class CountersignedAttribute : Attribute;

/// <summary>Adds the required countersignature header to the OpenAPI operation of a <see cref="CountersignedAttribute"/> endpoint.</summary>
public sealed class CountersignatureHeader : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Has<CountersignedAttribute>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = DrawEndpoints.ApprovalHeader,
                In = ParameterLocation.Header,
                Required = true,
                Description = "审批人本人的令牌（会签），须为操作人以外的业务处室或本区县局 / the approver's own bearer token (their countersignature): a business division, or the task's district bureau, other than the actor",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
