using System.Collections.Immutable;
using Liandong.Reporting;

namespace Liandong.Finance;

/// <summary>An enterprise (企业), keyed by its unified social credit code: the projects it owns and its financing requests.</summary>
[Alias("Liandong.IEnterpriseGrain")]
public interface IEnterpriseGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the enterprise in its county, or renames it there; a wrong check character is a 400. A registered
    /// enterprise named with another county is a 409: moving it is <see cref="MoveAsync"/>.
    /// </summary>
    [Alias("Register")]
    Task<EnterpriseView> RegisterAsync(string name, string countyCode, string actor);

    /// <summary>
    /// Moves the registered enterprise from <paramref name="fromCounty"/> (where the caller saw it) to another county
    /// of the same city, and names it <paramref name="name"/>. Another city, or a county that changed meanwhile, is a 409.
    /// </summary>
    [Alias("Move")]
    Task<EnterpriseView> MoveAsync(string name, string fromCounty, string countyCode, string actor);

    /// <summary>The enterprise with its projects and financing requests.</summary>
    [Alias("Get")]
    Task<EnterpriseView> GetAsync();

    /// <summary>Who may touch the enterprise (its county), read-only and without building its view.</summary>
    [Alias("GetScope")]
    Task<EnterpriseScope> GetScopeAsync();

    /// <summary>Whether the enterprise is registered.</summary>
    [Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>Records that the enterprise owns a project (sent by the project once its owner is persisted).</summary>
    [Alias("AddProject")]
    Task AddProjectAsync(string projectCode, string projectName, DateTimeOffset since);

    /// <summary>Records that the enterprise no longer owns a project.</summary>
    [Alias("RemoveProject")]
    Task RemoveProjectAsync(string projectCode);

    /// <summary>Takes a financing request's latest summary; an older version changes nothing.</summary>
    [Alias("AcceptFinancing")]
    Task AcceptFinancingAsync(FinancingRow row);
}

/// <summary>A bank or bank branch (银行), keyed by a slug: its inbox of the requests recommended to it.</summary>
[Alias("Liandong.IBankGrain")]
public interface IBankGrain : IGrainWithStringKey
{
    /// <summary>Registers the bank in its city, or renames it; another city is a conflict.</summary>
    [Alias("Register")]
    Task<BankView> RegisterAsync(string name, string cityCode, string actor);

    /// <summary>The bank and its amounts offered, accepted and disbursed.</summary>
    [Alias("Get")]
    Task<BankView> GetAsync();

    /// <summary>Who may touch the bank (its city), read-only and without building its view.</summary>
    [Alias("GetScope")]
    Task<BankScope> GetScopeAsync();

    /// <summary>The requests sent to the bank, optionally only those in one status as the bank sees it.</summary>
    [Alias("GetInbox")]
    Task<ImmutableArray<BankInboxEntry>> GetInboxAsync(BankRequestStatus? status);

    /// <summary>Takes a request's latest state as this bank sees it; an older version changes nothing.</summary>
    [Alias("AcceptInboxEntry")]
    Task AcceptInboxEntryAsync(BankInboxEntry entry);
}

/// <summary>
/// A financing request (融资需求), keyed by its id: the whole government–bank–enterprise conversation for
/// one need. Every step is persisted here first, then told to the project, county index, enterprise and banks.
/// </summary>
[Alias("Liandong.IFinancingRequestGrain")]
public interface IFinancingRequestGrain : IGrainWithStringKey
{
    /// <summary>The owner enterprise posts the need: status submitted.</summary>
    [Alias("Submit")]
    Task<FinancingRequestView> SubmitAsync(FinancingSubmission submission, string actor);

    /// <summary>The county recommends the request to banks: status recommended, and it reaches each bank's inbox.</summary>
    [Alias("Recommend")]
    Task<FinancingRequestView> RecommendAsync(ImmutableArray<string> bankCodes, string? note, string actor);

    /// <summary>A bank the request was sent to makes its offer: status offered.</summary>
    [Alias("Offer")]
    Task<FinancingRequestView> OfferAsync(OfferInput offer, string actor);

    /// <summary>A bank the request was sent to declines; when every bank has declined, status declined.</summary>
    [Alias("Decline")]
    Task<FinancingRequestView> DeclineAsync(string bankCode, string? reason, string actor);

    /// <summary>The enterprise accepts one offer: status accepted, and the other offers close.</summary>
    [Alias("Accept")]
    Task<FinancingRequestView> AcceptAsync(string offerId, string actor);

    /// <summary>The accepting bank pays a part: status disbursed once the accepted amount is paid in full.</summary>
    [Alias("Disburse")]
    Task<FinancingRequestView> DisburseAsync(DisbursementInput disbursement, string actor);

    /// <summary>The request with its offers, declines, disbursements and history.</summary>
    [Alias("Get")]
    Task<FinancingRequestView> GetAsync();

    /// <summary>Who the request belongs to, for access checks: read-only, no view is built; an unknown request is a 404.</summary>
    [Alias("GetScope"), Orleans.Concurrency.ReadOnly]
    Task<FinancingScope> GetScopeAsync();
}

/// <summary>
/// A county's list of the financing requests and open factor needs of its projects, keyed by the county
/// code. It feeds the lists of GET …/financing and …/factors; the totals come from the roll-up.
/// </summary>
[Alias("Liandong.ICountyFinanceIndexGrain")]
public interface ICountyFinanceIndexGrain : IGrainWithStringKey
{
    /// <summary>Takes a request's latest summary; an older version changes nothing.</summary>
    [Alias("AcceptFinancing")]
    Task AcceptFinancingAsync(FinancingRow row);

    /// <summary>Takes a project's open factor needs; an older version changes nothing.</summary>
    [Alias("AcceptFactorNeeds")]
    Task AcceptFactorNeedsAsync(ProjectFactorNeeds needs);

    /// <summary>The county's requests, optionally only those in one status.</summary>
    [Alias("GetFinancing")]
    Task<ImmutableArray<FinancingRow>> GetFinancingAsync(FinancingStatus? status);

    /// <summary>The county's open factor needs, optionally only those of one town.</summary>
    [Alias("GetFactorNeeds")]
    Task<ImmutableArray<FactorNeedRow>> GetFactorNeedsAsync(string? townCode);
}

/// <summary>The project's side of financing and factor supply (implemented by the project grain).</summary>
[Alias("Liandong.IProjectFinance")]
public interface IProjectFinance
{
    /// <summary>Sets the project's owner enterprise (项目业主); the enterprise must be registered.</summary>
    [Alias("SetOwner")]
    Task<ProjectView> SetOwnerAsync(string creditCode, string actor);

    /// <summary>The project's name, town and owner, for a financing request about to be submitted.</summary>
    [Alias("GetOwnership")]
    Task<ProjectOwnership> GetOwnershipAsync();

    /// <summary>Takes a financing request's latest summary; the project's figures carry the sum of its requests.</summary>
    [Alias("AcceptFinancing")]
    Task AcceptFinancingAsync(FinancingRow row);

    /// <summary>Raises a factor need with its responsible city department and due date.</summary>
    [Alias("AddFactorNeed")]
    Task<FactorNeed> AddFactorNeedAsync(FactorNeedInput input, string actor);

    /// <summary>Moves a factor need to open, in progress or met.</summary>
    [Alias("UpdateFactorNeed")]
    Task<FactorNeed> UpdateFactorNeedAsync(string id, FactorUpdate update, string actor);

    /// <summary>The project's factor needs, met ones included.</summary>
    [Alias("GetFactorNeeds")]
    Task<ImmutableArray<FactorNeed>> GetFactorNeedsAsync();
}
