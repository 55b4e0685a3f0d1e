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
            throw DomainException.Invalid("kind", "Kind is one of land, energy, water, funds, approval, labor.");
        }

        if (string.IsNullOrWhiteSpace(input.Detail) || input.Detail.Length > InputLimits.MaxNote)
        {
            throw DomainException.Invalid("detail", $"Detail is required (at most {InputLimits.MaxNote} characters).");
        }

        if (input.Quantity is < 0m)
        {
            throw DomainException.Invalid("quantity", "Quantity cannot be negative.");
        }

        if (input.Quantity > InputLimits.MaxQuantity)
        {
            throw DomainException.Invalid("quantity", $"Quantity is at most {InputLimits.MaxQuantity:#,0}.");
        }

        if (input.Unit is { Length: > 16 })
        {
            throw DomainException.Invalid("unit", "Unit is at most 16 characters.");
        }

        if (!Ids.IsDepartmentId(input.DepartmentId))
        {
            throw DomainException.Invalid("departmentId", "A department id is {cityCode}-{slug}, e.g. 440800-zrzyj.");
        }

        if (Ids.CityOfDepartment(input.DepartmentId) != projectCity)
        {
            throw DomainException.Invalid("departmentId", $"Department {input.DepartmentId} is not a department of city {projectCity}, where the project lies.");
        }

        if (input.DueDate.Year is < 2000 or > 2100)
        {
            throw DomainException.Invalid("dueDate", "Due date is out of range.");
        }
    }

    public static void Validate(FactorUpdate update, DateOnly today)
    {
        if (!Enum.IsDefined(update.Status))
        {
            throw DomainException.Invalid("status", "Status is one of open, inProgress, met.");
        }

        if (update.Note is { Length: > InputLimits.MaxNote })
        {
            throw DomainException.Invalid("note", $"Note is at most {InputLimits.MaxNote} characters.");
        }

        if (update.MetOn is { } metOn)
        {
            if (update.Status != FactorStatus.Met)
            {
                throw DomainException.Invalid("metOn", "A date met goes only with status met.");
            }

            if (metOn > today || metOn.Year < 2000)
            {
                throw DomainException.Invalid("metOn", $"The date met cannot be after today ({today:yyyy-MM-dd}).");
            }
        }
    }
}
