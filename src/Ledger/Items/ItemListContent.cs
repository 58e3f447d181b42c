namespace FairDraw.Ledger.Items;

/// <summary>Which part of a drafted list a problem is in.</summary>
public enum ListPart
{
    Categories,
    Items,
}

/// <summary>One reason a category or item of a drafted list is invalid, located by its index in the submission.</summary>
public sealed record ContentProblem(ListPart Part, int Index, string Field, string Reason)
{
    /// <summary>The JSON path of the field, e.g. "items[3].methods", or of the entry itself ("items[3]") when it is missing.</summary>
    public string Path => $"{(Part == ListPart.Categories ? "categories" : "items")}[{Index}]{(Field.Length == 0 ? "" : "." + Field)}";
}

/// <summary>
/// The categories and items of a drafted list, validated as a whole: every entry on its own, category codes and item
/// codes unique, every item in a listed category. Collects every problem, so a rejected file can name all bad lines.
/// </summary>
public sealed record ItemListContent(IReadOnlyList<ItemCategory> Categories, IReadOnlyList<InspectionItem> Items, IReadOnlyList<ContentProblem> Problems)
{
    /// <summary>The most categories of one list version.</summary>
    public const int MaxCategories = 500;

    /// <summary>The most items of one list version (a province's list holds a few hundred).</summary>
    public const int MaxItems = 5000;

    public static ItemListContent Validate(IReadOnlyList<CategoryInput>? categories, IReadOnlyList<ItemInput>? items)
    {
        Text.AtMost(categories, "categories", MaxCategories);
        Text.AtMost(items, "items", MaxItems);
        var problems = new List<ContentProblem>();
        var validCategories = Collect(categories ?? [], ListPart.Categories, ItemValidation.Category, c => c.Code, "抽查类别编码", "category code", problems);
        var categoryCodes = (categories ?? []).Select(c => c?.Code?.Trim() ?? "").ToHashSet(StringComparer.Ordinal);
        var validItems = Collect(items ?? [], ListPart.Items, i => ItemValidation.Item(i, categoryCodes), i => i.Code, "事项编码", "item code", problems);
        return new ItemListContent(validCategories, validItems, [.. problems.OrderBy(p => p.Part).ThenBy(p => p.Index)]);
    }

    private static List<TValid> Collect<TInput, TValid>(
        IReadOnlyList<TInput> inputs,
        ListPart part,
        Func<TInput, TValid> validate,
        Func<TValid, string> code,
        string chineseName,
        string englishName,
        List<ContentProblem> problems)
    {
        var valid = new List<TValid>(inputs.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < inputs.Count; index++)
        {
            TValid entry;
            try
            {
                entry = validate(inputs[index]);
            }
            catch (DomainException problem)
            {
                problems.Add(new ContentProblem(part, index, problem.Field, problem.Reason));
                continue;
            }

            if (seen.Add(code(entry)))
            {
                valid.Add(entry);
            }
            else
            {
                problems.Add(new ContentProblem(part, index, "code", $"{chineseName}“{code(entry)}”重复 / duplicate {englishName} '{code(entry)}'"));
            }
        }

        return valid;
    }
}
