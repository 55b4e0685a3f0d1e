namespace Liandong.Silo.Storage;

/// <summary>
/// How the silo finds its cluster: configuration section <c>Cluster</c>. Named apart from Orleans'
/// own <c>ClusterOptions</c>, which it fills.
/// </summary>
public sealed class LiandongClusterOptions
{
    public const string SectionName = "Cluster";

    /// <summary><see cref="ClusterProvider.Localhost"/> (the default) for one silo, <see cref="ClusterProvider.AdoNet"/> for many.</summary>
    public ClusterProvider Provider { get; set; } = ClusterProvider.Localhost;

    /// <summary>Silos and clients with the same cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "liandong";

    /// <summary>Stays the same across deployments: stored grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "liandong";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>The IP address other silos and clients reach this silo on (AdoNet only); unset, Orleans picks one.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Running in Kubernetes (AdoNet only): Microsoft.Orleans.Hosting.Kubernetes names the silo after its pod,
    /// advertises the pod IP, and marks silos whose pods are gone as dead (deploy/kubernetes/).
    /// </summary>
    public bool Kubernetes { get; set; }
}

/// <summary>The ways a silo can find the other members of its cluster.</summary>
public enum ClusterProvider
{
    /// <summary>A single silo on this machine; nothing is shared.</summary>
    Localhost,

    /// <summary>Membership in the PostgreSQL database of <c>Storage:Postgres</c> (Microsoft.Orleans.Clustering.AdoNet).</summary>
    AdoNet,
}
