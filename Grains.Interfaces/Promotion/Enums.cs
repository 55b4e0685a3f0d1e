namespace Liandong.Promotion;

/// <summary>Where a lead (招商线索) stands; the order of the values is the order of the pipeline.</summary>
public enum LeadStage
{
    /// <summary>线索: received, being contacted.</summary>
    Contact = 0,
    /// <summary>在谈: in negotiation.</summary>
    Negotiating = 1,
    /// <summary>签约: the agreement is signed.</summary>
    Signed = 2,
    /// <summary>注册落地: the investing company is registered here.</summary>
    Registered = 3,
    /// <summary>开工: construction started.</summary>
    Started = 4,
    /// <summary>投产: production started; the pipeline's end.</summary>
    Producing = 5,
    /// <summary>终止: dropped, with a reason, before it started.</summary>
    Dropped = 6,
}

/// <summary>How the lead was found (招商渠道).</summary>
public enum LeadChannel
{
    /// <summary>产业链招商.</summary>
    IndustryChain = 0,
    /// <summary>驻点招商: teams stationed in target regions.</summary>
    Stationed = 1,
    /// <summary>乡贤招商: people from home.</summary>
    Xiangxian = 2,
    /// <summary>展会: fairs and promotion events.</summary>
    Fair = 3,
    /// <summary>网络招商.</summary>
    Online = 4,
    Other = 5,
}

/// <summary>What kind of source a referrer is.</summary>
public enum ReferrerKind
{
    /// <summary>乡贤: a person from home.</summary>
    Xiangxian = 0,
    /// <summary>商会: a chamber of commerce.</summary>
    Chamber = 1,
    /// <summary>中介机构: an agency.</summary>
    Agency = 2,
    /// <summary>在地企业: an enterprise already here.</summary>
    Enterprise = 3,
    Other = 4,
}

/// <summary>A follow-up (跟进) of a lead; each kind answers one of the timed-handling deadlines.</summary>
public enum FollowUpKind
{
    /// <summary>首次响应 (respond within a day).</summary>
    Response = 0,
    /// <summary>研判 (assess within 3 or 7 days).</summary>
    Assessment = 1,
    /// <summary>反馈引荐人 (feed back to the referrer within 7 days).</summary>
    Feedback = 2,
    /// <summary>进展跟进 (every 14 days while negotiating).</summary>
    Progress = 3,
}
