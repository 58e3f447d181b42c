using FairDraw.Api.Csv;
using FairDraw.Api.Draws;
using FairDraw.Ledger;
using FairDraw.Projections.Integrity;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FairDraw.Api.Problems;

/// <summary>
/// The one place failures become RFC 7807 problem details: domain errors by kind (400 with the field, 403, 404, 409),
/// rejected files with their line errors (400), concurrent writes to one stream (409), and the ledger signer's refusal
/// to sign a tree that does not extend its kept checkpoint, and a drand check that cannot run (503, with the reason).
/// </summary>
public sealed class ProblemDetailsMapping(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainException domain => FromDomain(domain),
            FileRejectedException file => FromFile(file),
            BadHttpRequestException bad => new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "请求体过大 / request body too large" : "请求无效 / invalid request",
                Detail = bad.Message,
            },
            ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException
                or EventStreamUnexpectedMaxEventIdException or ConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "并发冲突 / concurrent change",
                Detail = "该记录已被其他请求修改，请刷新后重试 / the record was changed by another request; reload and retry",
            },
            SignerRefusedException refused => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "账本签名已停止 / the ledger's signer has stopped",
                Detail = refused.Message,
            },
            DrandCheckUnavailableException unavailable => new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "drand签名核验不可用，未写入任何数据 / the drand check is unavailable, nothing was written",
                Detail = unavailable.Message,
            },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails FromDomain(DomainException exception)
    {
        var (status, title) = exception.Kind switch
        {
            DomainErrorKind.Invalid => (StatusCodes.Status400BadRequest, "输入无效 / invalid input"),
            DomainErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "无权操作 / forbidden"),
            DomainErrorKind.NotFound => (StatusCodes.Status404NotFound, "未找到 / not found"),
            _ => (StatusCodes.Status409Conflict, "状态冲突 / conflict"),
        };
        var problem = new ProblemDetails { Status = status, Title = title, Detail = exception.Reason };
        if (exception.Field.Length > 0)
        {
            problem.Extensions["field"] = exception.Field;
        }

        return problem;
    }

    private static ProblemDetails FromFile(FileRejectedException exception) => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "文件无效，未写入任何数据 / invalid file, nothing was written",
        Detail = $"{exception.File}: {exception.TotalErrors} 处错误 / error(s); first at line {exception.Errors[0].Line}: {exception.Errors[0].Reason}",
        Extensions =
        {
            ["errors"] = exception.Errors,
            ["totalErrors"] = exception.TotalErrors,
        },
    };
}
