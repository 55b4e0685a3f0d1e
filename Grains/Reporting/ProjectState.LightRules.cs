using Liandong.Reporting;

namespace Liandong.Grains.Reporting;

public sealed partial record ProjectState
{
    /// <summary>
    /// The city's warning-light rule book the project is judged by (null: never told, the default rule). Kept in
    /// the project's own state so that judging a report needs no grain call, and so that the figures a rebuild
    /// asks for are the same the project pushed.
    /// </summary>
    [Id(40)] public LightRuleBook? LightRules { get; init; }
}
