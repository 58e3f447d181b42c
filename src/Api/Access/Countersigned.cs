using FairDraw.Api.Draws;
using FairDraw.Api.OpenApi;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FairDraw.Api.Access;

/// <summary>
/// Marks an endpoint whose request an approver countersigns with their own bearer token in the
/// <c>X-Approval-Token</c> header (a draw adjustment or a set-aside); <see cref="CountersignatureHeader"/> describes the header.
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
                Description = "审批人本人的令牌（会签）：覆盖任务辖区的信用监管处（撤销轮次亦可为纪检监察），不得为操作人本人 / the approver's own bearer token (their countersignature): the credit supervision office covering the task's jurisdiction (for a set-aside, also the auditor), never the actor",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
