namespace Liandong.Reporting;

/// <summary>Project category (项目类别).</summary>
public enum ProjectCategory
{
    /// <summary>基础设施: airport, rail, expressways, ports, water …</summary>
    Infrastructure = 0,
    /// <summary>产业: manufacturing, food, tourism, industrial parks …</summary>
    Industry = 1,
    /// <summary>民生: schools, hospitals, water supply, the 百县千镇万村 programme …</summary>
    Livelihood = 2,
    /// <summary>城市更新: planning, new urbanisation, old residential areas …</summary>
    UrbanRenewal = 3,
}

/// <summary>Project stage (项目阶段), in the order a project moves through them.</summary>
public enum ProjectStage
{
    /// <summary>储备</summary>
    Reserve = 0,
    /// <summary>前期</summary>
    Preparation = 1,
    /// <summary>新开工</summary>
    NewStart = 2,
    /// <summary>续建</summary>
    Continuing = 3,
    /// <summary>竣工</summary>
    Completed = 4,
    /// <summary>投产</summary>
    Operating = 5,
}

/// <summary>Warning light (亮灯) of a project for a period.</summary>
public enum Light
{
    Green = 0,
    Yellow = 1,
    Red = 2,
}
