using System.Net;
using System.Text.Json;
using Alba;
using FairDraw.Api.Tests.Access;

namespace FairDraw.Api.Tests.Calendar;

/// <summary>The public working-day read: the brief's deadline example; a 400 naming the field it cannot count.</summary>
[Collection(nameof(AccessCollection))]
public sealed class ReadingWorkingDays(AccessHost fixture)
{
    [Theory]
    // The brief's example (docs/calendar.md), and 2026 National Day: from Wed 09-30 the next working day is Thu 10-08.
    [InlineData("2021-09-10", 20, "2021-10-14")]
    [InlineData("2026-09-30", 1, "2026-10-08")]
    public async Task Anyone_may_count_working_days_without_a_token(string from, int add, string expected)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/calendar/working-days?from={from}&add={add}");
            s.StatusCodeShouldBeOk();
        });

        var answer = await result.ReadAsJsonAsync<JsonElement>();
        Assert.Equal(
            $$"""{"from":"{{from}}","add":{{add}},"date":"{{expected}}"}""",
            JsonSerializer.Serialize(answer));
    }

    [Theory]
    [InlineData("add=20", "from", "2021-09-10")]
    [InlineData("from=2021-13-01&add=20", "from", "2021-09-10")]
    [InlineData("from=20210910&add=20", "from", "2021-09-10")]
    [InlineData("from=2021-09-10", "add", "0 or more")]
    [InlineData("from=2021-09-10&add=-1", "add", "0 or more")]
    [InlineData("from=2021-09-10&add=twenty", "add", "twenty")]
    // A year without its State Council notice: named, never guessed, also when the count only runs into it.
    [InlineData("from=2027-01-04&add=0", "from", "no working-day calendar for 2027")]
    [InlineData("from=2026-12-20&add=20", "from", "no working-day calendar for 2027")]
    [InlineData("from=2020-12-31&add=1", "from", "no working-day calendar for 2020")]
    public async Task What_cannot_be_counted_is_a_400_naming_the_field(string query, string field, string detailPart)
    {
        var result = await fixture.Host.Scenario(s =>
        {
            s.Get.Url($"/api/calendar/working-days?{query}");
            s.StatusCodeShouldBe(HttpStatusCode.BadRequest);
        });

        var problem = await result.ReadAsJsonAsync<JsonElement>();
        Assert.True(field == problem.GetProperty("field").GetString(), problem.ToString());
        Assert.Contains(detailPart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
