using FairDraw.Ledger;
using NodaTime;

namespace FairDraw.Api.Demo;

/// <summary>
/// The demo's one 2021 timeline (Beijing time): the item list is published, the directories are loaded, the plan is
/// filed and its task drawn on the dates a 2021 bureau would have used. Every event the demo loads is stamped on it, so
/// that as-of queries by time line up with the draw (the directory as of the freeze holds the pool; the 2021版 list is
/// in force in 2021).
/// </summary>
public sealed class DemoClock(Instant start) : IClock
{
    public static readonly Instant ItemListPublished = At(2021, 1, 8, 10);
    public static readonly Instant EntitiesImported = At(2021, 2, 1, 9);
    public static readonly Instant InspectorsEnrolled = At(2021, 2, 1, 14);
    public static readonly Instant PlanDrafted = At(2021, 3, 15, 10);

    public Instant Now { get; set; } = start;

    public Instant GetCurrentInstant() => Now;

    public static Instant At(int year, int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(year, month, day, hour, minute).WithOffset(BeijingTime.Offset).ToInstant();
}
