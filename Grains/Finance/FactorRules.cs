using Liandong.Finance;
using Liandong.Hierarchy;

namespace Liandong.Grains.Finance;

/// <summary>What makes a factor need, and a change of its status, acceptable (API.md "factor supply").</summary>
public static class FactorRules
{
    public static void Validate(FactorNeedInput input, string projectCity)
    {
        if (!Enum.IsDefined(input.Kind))
        {
            throw DomainException.Invalid("kind", FinanceRefusals.FactorKind);
        }

        if (string.IsNullOrWhiteSpace(input.Detail) || input.Detail.Length > InputLimits.MaxNote)
        {
            throw DomainException.Invalid("detail", FinanceRefusals.FactorDetail);
        }

        if (input.Quantity is < 0m)
        {
            throw DomainException.Invalid("quantity", FinanceRefusals.QuantityNegative);
        }

        if (input.Quantity > InputLimits.MaxQuantity)
        {
            throw DomainException.Invalid("quantity", FinanceRefusals.QuantityMax);
        }

        if (input.Unit is { Length: > 16 })
        {
            throw DomainException.Invalid("unit", FinanceRefusals.UnitAtMost);
        }

        if (!Ids.IsDepartmentId(input.DepartmentId))
        {
            throw DomainException.Invalid("departmentId", FinanceRefusals.DepartmentId);
        }

        if (Ids.CityOfDepartment(input.DepartmentId) != projectCity)
        {
            throw DomainException.Invalid("departmentId", FinanceRefusals.DepartmentOtherCity(input.DepartmentId, projectCity));
        }

        if (input.DueDate.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("dueDate", FinanceRefusals.DueDateRange);
        }
    }

    public static void Validate(FactorUpdate update, DateOnly today)
    {
        if (!Enum.IsDefined(update.Status))
        {
            throw DomainException.Invalid("status", FinanceRefusals.FactorStatus);
        }

        if (update.Note is { Length: > InputLimits.MaxNote })
        {
            throw DomainException.Invalid("note", FinanceRefusals.NoteAtMost);
        }

        if (update.MetOn is { } metOn)
        {
            if (update.Status != FactorStatus.Met)
            {
                throw DomainException.Invalid("metOn", FinanceRefusals.MetOnOnlyMet);
            }

            if (metOn > today || metOn.Year < 2000)
            {
                throw DomainException.Invalid("metOn", FinanceRefusals.MetOnFuture(today));
            }
        }
    }
}
