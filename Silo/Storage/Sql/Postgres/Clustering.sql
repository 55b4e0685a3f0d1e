-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet (Orleans 10): silos and the gateway
-- list of external clients.
--
-- What the provider passes: @DeploymentId, the cluster id; a silo's @Address, @Port and @Generation
-- (together its identity); @SiloName, @HostName, @Status (an Orleans SiloStatus, 3 = Active,
-- 6 = Dead), @ProxyPort (its gateway port, 0 for none), @StartTime and @IAmAliveTime (UTC),
-- @SuspectTimes (text), and @Version, the table version the silo last read.
--
-- The membership protocol needs each write to a silo row and the bump of the cluster's table version
-- to happen together, and only when the version is the one the writer read; a writer that lost the
-- race gets false and re-reads. Each such query below is one statement, so it is atomic.

-- One row per cluster: its table version.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable PRIMARY KEY (DeploymentId)
);

-- One row per silo incarnation.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL,
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NOT NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,

    CONSTRAINT PK_OrleansMembershipTable PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_OrleansMembershipTable_OrleansMembershipVersionTable FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId) ON DELETE CASCADE
);

-- Creates the cluster's version row; true if this call created it. One row, one boolean column.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $query$
    WITH inserted AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId)
        VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1
    )
    SELECT count(*) > 0 FROM inserted;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Adds a silo row and bumps the version, both or neither. The version row is updated first, so
-- concurrent writers queue on its row lock and all but one then fail the version check.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $query$
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = @DeploymentId AND Version = @Version
          AND NOT EXISTS (
                SELECT 1 FROM OrleansMembershipTable
                WHERE DeploymentId = @DeploymentId
                  AND Address = @Address AND Port = @Port AND Generation = @Generation)
        RETURNING DeploymentId
    ), inserted AS (
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT
            DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
        FROM bumped
        RETURNING 1
    )
    SELECT count(*) > 0 FROM inserted;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Changes a silo row's status, suspicions and liveness, and bumps the version, both or neither.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $query$
    WITH bumped AS (
        UPDATE OrleansMembershipVersionTable
        SET Version = Version + 1,
            Timestamp = now()
        WHERE DeploymentId = @DeploymentId AND Version = @Version
          AND EXISTS (
                SELECT 1 FROM OrleansMembershipTable
                WHERE DeploymentId = @DeploymentId
                  AND Address = @Address AND Port = @Port AND Generation = @Generation)
        RETURNING DeploymentId
    ), updated AS (
        UPDATE OrleansMembershipTable AS m
        SET Status = @Status,
            SuspectTimes = @SuspectTimes,
            IAmAliveTime = @IAmAliveTime
        FROM bumped
        WHERE m.DeploymentId = bumped.DeploymentId
          AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
        RETURNING 1
    )
    SELECT count(*) > 0 FROM updated;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- A silo's heartbeat. It does not touch the version: liveness alone is no membership change.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $query$
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId
      AND Address = @Address AND Port = @Port AND Generation = @Generation;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Reads return the version row joined to the silo rows, so a cluster without silos (or without the
-- silo asked for) still yields one row: its Version, with NULL silo columns.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $query$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable AS v
    LEFT JOIN OrleansMembershipTable AS m
        ON m.DeploymentId = v.DeploymentId
       AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $query$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable AS v
    LEFT JOIN OrleansMembershipTable AS m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Forgets a whole cluster; the silo rows go with the version row (ON DELETE CASCADE).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $query$
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Gateways a client may connect to: active silos with a gateway port. @Status is Active.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $query$
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Removes rows of silos that are not active and have not reported alive since @IAmAliveTime.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $query$
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
