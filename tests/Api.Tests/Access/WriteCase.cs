using System.Text;
using Alba;
using FairDraw.Api.Draws;
using FairDraw.Ledger.Access;

namespace FairDraw.Api.Tests.Access;

/// <summary>
/// One write endpoint of the authorisation matrix: how to call it, who may (role and jurisdiction) and, for the
/// negative cases, a wrong role and a wrong jurisdiction (null for writes that belong to no jurisdiction, such as
/// signing a checkpoint of the whole ledger). <see cref="Prepare"/> brings the seeded data into the state the
/// call needs (e.g. a suspension before a reinstatement); <see cref="Approval"/> makes the countersignature a draw
/// adjustment carries. <see cref="User"/> is the allowed actor's user id where the write belongs to one user (an
/// inspector records the results of the objects it is assigned to); any other user of the allowed role is then refused.
/// <see cref="Department"/> is the department the allowed actor's token names where the write is one department's (an
/// official's step on a result); the allowed role without it, or naming another, is then refused.
/// </summary>
public sealed record WriteCase(
    string Method,
    string Route,
    string Url,
    object? Body,
    (Role Role, string Jurisdiction) Allowed,
    Role WrongRole,
    string? WrongJurisdiction,
    Func<AccessHost, Task>? Prepare = null,
    Func<AccessHost, string>? Approval = null,
    string User = WriteCase.AnyUser,
    string? Department = null)
{
    /// <summary>The user id of the matrix's tokens where the write belongs to no particular user.</summary>
    public const string AnyUser = "tester";

    /// <summary>A department other than any result's of the matrix's task.</summary>
    public const string OtherDepartment = "食品生产监督管理处";

    public string Endpoint => $"{Method} {Route}";

    public override string ToString() => Endpoint;

    /// <summary>Sends the request, with the approver's countersignature when the write needs one (a draw adjustment).</summary>
    public void Send(Scenario scenario, AccessHost host)
    {
        if (Approval is not null)
        {
            scenario.WithRequestHeader(DrawEndpoints.ApprovalHeader, Approval(host));
        }

        var (path, query) = Url.Split('?') is [var p, var q] ? (p, q) : (Url, "");
        SendExpression send = Body switch
        {
            RawBody raw when Method == "PUT" => scenario.Put.ByteArray(raw.Bytes).ToUrl(path).ContentType(raw.ContentType),
            RawBody raw when Method == "DELETE" => scenario.Delete.ByteArray(raw.Bytes).ToUrl(path).ContentType(raw.ContentType),
            RawBody raw => scenario.Post.ByteArray(raw.Bytes).ToUrl(path).ContentType(raw.ContentType),
            null when Method == "DELETE" => scenario.Delete.Url(path),
            null => scenario.Post.Url(path),
            CsvBody csv => scenario.Post.ByteArray(Encoding.UTF8.GetBytes(csv.Text)).ToUrl(path).ContentType("text/csv"),
            DeferredBody deferred => scenario.Post.Json(deferred.Make()).ToUrl(path),
            _ when Method == "PUT" => scenario.Put.Json(Body).ToUrl(path),
            _ => scenario.Post.Json(Body).ToUrl(path),
        };
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.Split('=') is [var k, var v] ? (k, v) : (pair, "");
            send.QueryString(key, Uri.UnescapeDataString(value));
        }
    }
}

/// <summary>A JSON body made when the request is sent, from what <see cref="WriteCase.Prepare"/> found (e.g. the drawn entity).</summary>
public sealed record DeferredBody(Func<object> Make);

/// <summary>A CSV file sent as a text/csv body.</summary>
public sealed record CsvBody(string Text);

/// <summary>A body sent byte for byte as it is, with its content type (the fuzz test's bodies need not be valid anything).</summary>
public sealed record RawBody(byte[] Bytes, string ContentType);
