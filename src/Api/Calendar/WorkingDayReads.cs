using FairDraw.Ledger;
using FairDraw.Ledger.Calendar;
using Microsoft.AspNetCore.Authorization;
using NodaTime;
using NodaTime.Text;
using Wolverine.Http;

namespace FairDraw.Api.Calendar;

/// <summary>The date <c>Add</c> working days after <c>From</c> on China's official calendar (docs/calendar.md).</summary>
public sealed record WorkingDaysAdded(LocalDate From, int Add, LocalDate Date);

public static class WorkingDayReads
{
    /// <summary>
    /// The working day <c>add</c> working days after <c>from</c> (the start day not counted; <c>add=20</c> from an
    /// inspection date gives its publication deadline). Public: anyone may check a deadline.
    /// </summary>
    [AllowAnonymous]
    [WolverineGet("/api/calendar/working-days", Name = "AddWorkingDays")]
    public static WorkingDaysAdded Get(string? from, int? add)
    {
        var parsed = LocalDatePattern.Iso.Parse(from ?? "");
        if (!parsed.Success)
        {
            throw DomainException.Invalid("from",
                $"起始日期“{from}”应为YYYY-MM-DD格式，如2021-09-10 / from '{from}' is not a date such as 2021-09-10");
        }

        if (add is not (>= 0 and var count))
        {
            throw DomainException.Invalid("add",
                "工作日数应为不小于0的整数 / add must be a whole number of working days, 0 or more");
        }

        return new WorkingDaysAdded(parsed.Value, count, WorkingDays.Add(parsed.Value, count, "from"));
    }
}
