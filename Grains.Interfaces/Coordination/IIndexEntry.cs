namespace Liandong.Coordination;

/// <summary>An entry that an index grain keeps per id, replacing it only with a newer version.</summary>
public interface IIndexEntry
{
    string Id { get; }

    long Version { get; }
}
