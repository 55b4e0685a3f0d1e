namespace Liandong;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class StorageNames
{
    /// <summary>The one ADO.NET grain storage (SQLite by default, PostgreSQL in a cluster).</summary>
    public const string Main = "main";
}
