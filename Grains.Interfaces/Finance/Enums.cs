namespace Liandong.Finance;

/// <summary>Where a financing request (融资需求) stands in the government–bank–enterprise conversation.</summary>
public enum FinancingStatus
{
    /// <summary>已提交: the owner enterprise posted the need; waiting for the county to recommend it to banks.</summary>
    Submitted = 0,
    /// <summary>已推荐: the county sent it to one or more banks; waiting for their answers.</summary>
    Recommended = 1,
    /// <summary>已授信意向: at least one bank made an offer; waiting for the enterprise to accept one.</summary>
    Offered = 2,
    /// <summary>均被婉拒: every bank it was sent to declined; the county may recommend it to other banks.</summary>
    Declined = 3,
    /// <summary>已签约: the enterprise accepted one offer; the others closed; waiting for disbursement.</summary>
    Accepted = 4,
    /// <summary>已放款: the accepted amount is paid in full.</summary>
    Disbursed = 5,
}

/// <summary>Where a request stands with one bank it was sent to (the bank's inbox).</summary>
public enum BankRequestStatus
{
    /// <summary>Sent to the bank, waiting for its offer or decline.</summary>
    Recommended = 0,
    /// <summary>The bank made an offer, waiting for the enterprise.</summary>
    Offered = 1,
    /// <summary>The bank declined.</summary>
    Declined = 2,
    /// <summary>The enterprise accepted this bank's offer; disbursement under way.</summary>
    Accepted = 3,
    /// <summary>This bank has paid the accepted amount in full.</summary>
    Disbursed = 4,
    /// <summary>The enterprise accepted another bank's offer: nothing more for this bank to do.</summary>
    Closed = 5,
}

/// <summary>An offer's fate.</summary>
public enum OfferStatus
{
    Open = 0,
    Accepted = 1,
    /// <summary>Another offer was accepted.</summary>
    Closed = 2,
}

/// <summary>Kind of factor a project waits for (要素).</summary>
public enum FactorKind
{
    /// <summary>用地</summary>
    Land = 0,
    /// <summary>用能 (power, gas)</summary>
    Energy = 1,
    /// <summary>用水</summary>
    Water = 2,
    /// <summary>资金</summary>
    Funds = 3,
    /// <summary>审批 (permits, approvals)</summary>
    Approval = 4,
    /// <summary>用工</summary>
    Labor = 5,
}

/// <summary>Where a factor need stands.</summary>
public enum FactorStatus
{
    Open = 0,
    InProgress = 1,
    Met = 2,
}
