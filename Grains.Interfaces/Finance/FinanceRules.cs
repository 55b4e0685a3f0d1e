namespace Liandong.Finance;

/// <summary>
/// The refusals of the finance domain that a portal form can meet (an enterprise's financing request, a county's
/// recommendation, a bank's offer or decline, an acceptance, a disbursement, a project's factor need and its moves), as
/// keyed rules: the API answers their English text, a form shows them in its language (Strings.resx "Workbench.Rule.{Key}").
/// One home, so that the grains and the service refuse in the same words.
/// </summary>
public static class FinanceRefusals
{
    /// <summary>A unified social credit code that is not one: <paramref name="problem"/> is <see cref="CreditCodes.Problem"/>'s English reason.</summary>
    public static RuleText CreditCode(string problem) => new("CreditCode", "{0}", problem);

    /// <summary>Null when the code is a valid unified social credit code, else the keyed reason.</summary>
    public static RuleText? CreditCodeRule(string? code) => CreditCodes.Problem(code) is { } problem ? CreditCode(problem) : null;

    public static RuleText AmountPositive { get; } = new("FinancingAmountPositive", "The amount (万元) must be greater than zero.");

    public static RuleText PurposeRequired { get; } = new("FinancingPurpose", "Purpose is required (at most {0} characters).", InputLimits.MaxNote);

    public static RuleText Term { get; } = new("FinancingTerm", "Term must be between 1 and 600 months.");

    public static RuleText ProjectHasNoOwner(string project) =>
        new("FinancingNoOwner", "Project {0} has no owner yet; only its owner enterprise may ask for financing for it.", project);

    public static RuleText NotTheOwner(string enterprise, string creditCode, string project) =>
        new("FinancingNotOwner", "{0} ({1}) does not own project {2}; only its owner may ask for financing for it.", enterprise, creditCode, project);

    public static RuleText AcceptedNoMoreBanks(string id) =>
        new("FinancingAcceptedNoMoreBanks", "Financing request {0} has already accepted an offer; it cannot be recommended to more banks.", id);

    public static RuleText BanksRequired { get; } = new("FinancingBanksRequired", "Name at least one bank.");

    public static RuleText BanksMax { get; } = new("FinancingBanksMax", "Name at most {0} banks.", InputLimits.MaxBanks);

    public static RuleText BankCode(string bad) => new("FinancingBankCode", "'{0}' is not a bank code (a slug such as icbc-zhanjiang).", bad);

    public static RuleText BanksTwice { get; } = new("FinancingBanksTwice", "Name each bank once.");

    public static RuleText NoteAtMost { get; } = new("NoteAtMost", "Note is at most {0} characters.", InputLimits.MaxNote);

    public static RuleText ReasonAtMost { get; } = new("ReasonAtMost", "Reason is at most {0} characters.", InputLimits.MaxNote);

    public static RuleText AlreadySent(string id, string bank) => new("FinancingAlreadySent", "Financing request {0} was already sent to bank {1}.", id, bank);

    public static RuleText BankOtherCity(string bank, string bankCity, string projectCity) =>
        new("FinancingBankOtherCity", "Bank {0} works in city {1}; the project lies in {2}.", bank, bankCity, projectCity);

    public static RuleText OfferPositive { get; } = new("FinancingOfferPositive", "The amount offered (万元) must be greater than zero.");

    public static RuleText OfferOverRequested(decimal requested) => new("FinancingOfferOver", "An offer cannot exceed the {0} 万元 requested.", requested);

    public static RuleText Rate { get; } = new("FinancingRate", "The annual rate is a percentage above 0 and at most 100.");

    public static RuleText AlreadyAccepted(string id, string offerId, string bankName) =>
        new("FinancingAlreadyAccepted", "Financing request {0} has already accepted offer {1} from {2}.", id, offerId, bankName);

    /// <summary><paramref name="status"/> is the request's status in the API's words (lower case).</summary>
    public static RuleText NoOpenOffer(string id, string status) =>
        new("FinancingNoOpenOffer", "Financing request {0} is {1}: no bank has an open offer on it to accept.", id, status);

    public static RuleText NoSuchOffer(string id, string offerId) => new("FinancingNoSuchOffer", "Financing request {0} has no offer {1}.", id, offerId);

    public static RuleText OfferNotOpen(string offerId, string status) => new("FinancingOfferNotOpen", "Offer {0} is {1}.", offerId, status);

    public static RuleText PaidInFull(string id, decimal disbursed) => new("FinancingPaidInFull", "Financing request {0} is already paid in full ({1} 万元).", id, disbursed);

    public static RuleText NothingAccepted(string id) =>
        new("FinancingNothingAccepted", "Financing request {0} has no accepted offer yet; nothing can be disbursed.", id);

    public static RuleText DisbursedPositive { get; } = new("FinancingDisbursedPositive", "The amount disbursed (万元) must be greater than zero.");

    public static RuleText DisbursementDate(DateOnly today) =>
        new("FinancingDisbursementDate", "A disbursement is recorded once made: its date cannot be after today ({0:yyyy-MM-dd}).", today);

    public static RuleText DisbursementOver(decimal amount, decimal total, decimal accepted, decimal remain) =>
        new("FinancingDisbursementOver", "Disbursing {0} 万元 would bring the total to {1} 万元, more than the {2} 万元 accepted; {3} 万元 remain.",
            amount, total, accepted, remain);

    public static RuleText NotFound(string id) => new("FinancingNotFound", "Financing request {0} does not exist.", id);

    /// <summary><paramref name="what"/> is the step in the API's words ("make an offer", "decline"); a form names the step itself.</summary>
    public static RuleText NotSentTo(string id, string bank, string what) =>
        new("FinancingNotSentTo", "Financing request {0} was not sent to bank {1}; only a bank it was recommended to may {2}.", id, bank, what);

    public static RuleText BankAnswered(string bank, string status, string id) =>
        new("FinancingBankAnswered", "Bank {0} has already {1} on financing request {2}.", bank, status, id);

    // Registering enterprises (企业) and banks (银行).
    public static RuleText BankElsewhere(string bank, string? city) => new("BankElsewhere", "Bank {0} is already registered in city {1}.", bank, city);

    public static RuleText EnterpriseElsewhere(string enterprise, string? county, string requested) =>
        new("EnterpriseElsewhere", "Enterprise {0} is registered in county {1}; moving it to {2} is for the command office of its city.", enterprise, county, requested);

    public static RuleText EnterpriseNotIn(string enterprise, string? county, string from) =>
        new("EnterpriseNotIn", "Enterprise {0} is registered in county {1}, not {2}.", enterprise, county, from);

    public static RuleText EnterpriseOtherCity(string enterprise, string city) =>
        new("EnterpriseOtherCity", "Enterprise {0} belongs to city {1}; it cannot move to another city.", enterprise, city);

    public static RuleText EnterpriseUnknown(string code) => new("EnterpriseUnknown", "Enterprise {0} is not registered.", code);

    public static RuleText BankUnknown(string code) => new("BankUnknown", "Bank {0} is not registered.", code);

    // Factor needs (要素保障): the grain's own checks, in the words the API has always answered.
    public static RuleText FactorKind { get; } = new("FactorKind", "Kind is one of land, energy, water, funds, approval, labor.");

    public static RuleText FactorDetail { get; } = new("DetailRequired", "Detail is required (at most {0} characters).", InputLimits.MaxNote);

    public static RuleText QuantityNegative { get; } = new("NotNegative", "Quantity cannot be negative.");

    public static RuleText QuantityMax { get; } = new("QuantityMax", "Quantity is at most {0:#,0}.", InputLimits.MaxQuantity);

    public static RuleText UnitAtMost { get; } = new("AtMost", "Unit is at most {0} characters.", 16);

    public static RuleText DepartmentId { get; } = new("DepartmentId", "A department id is {cityCode}-{slug}, e.g. 440800-zrzyj.");

    public static RuleText DepartmentOtherCity(string department, string city) =>
        new("FactorDepartmentCity", "Department {0} is not a department of city {1}, where the project lies.", department, city);

    public static RuleText DueDateRange { get; } = new("FactorDueDate", "Due date is out of range.");

    public static RuleText FactorStatus { get; } = new("FactorStatus", "Status is one of open, inProgress, met.");

    public static RuleText MetOnOnlyMet { get; } = new("MetOnOnlyMet", "A date met goes only with status met.");

    public static RuleText MetOnFuture(DateOnly today) => new("FactorMetOnFuture", "The date met cannot be after today ({0:yyyy-MM-dd}).", today);

    public static RuleText NoSuchFactor(string project, string id) => new("FactorNotFound", "Project {0} has no factor need {1}.", project, id);
}
