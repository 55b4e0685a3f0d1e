-- Grain state for Microsoft.Orleans.Persistence.AdoNet (Orleans 10).
--
-- What the provider passes: @ServiceId; @GrainTypeString, which in Orleans 10 is the *state name*
-- given in [PersistentState("name", ...)], not the grain class; the grain key split into @GrainIdN0
-- and @GrainIdN1 (integer and Guid keys) and @GrainIdExtensionString (a string key, or the key
-- extension of a compound key, else NULL); @GrainIdHash and @GrainTypeHash, 32-bit hashes of key and
-- state name; @GrainStateVersion, the ETag the grain holds (NULL before its first write); and on
-- write @PayloadBinary, the serialized state.
--
-- Because the grain class is not part of the key, two grain types that use one state name and one
-- key share a row. Liandong gives every grain type its own state name for that reason.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    -- Unique keys treat NULLs as distinct, so the key cannot use the nullable extension itself. This
    -- column encodes it without merging "no extension" and "empty extension": '' or '+' || extension.
    GrainIdExtensionKey    varchar(513) GENERATED ALWAYS AS (COALESCE('+' || GrainIdExtensionString, '')) STORED,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL,
    -- The ETag: 1 after the first write, one more after every write or clear.
    Version                integer      NOT NULL,

    -- The narrow hashes lead so lookups touch one index page; the rest makes the key exact when two
    -- states share a hash.
    CONSTRAINT PK_OrleansStorage PRIMARY KEY
        (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionKey)
);

-- Writes the state when the stored version equals @GrainStateVersion (or, for a NULL version, when no
-- row exists yet) and returns the new version as NewGrainStateVersion. Returns no row on a version
-- conflict, which the provider turns into an InconsistentStateException.
--
-- One statement, so it is atomic: two first writes racing for the same key end with one row, and the
-- loser gets no row back instead of a duplicate-key error.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $query$
    INSERT INTO OrleansStorage AS s
        (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
         PayloadBinary, ModifiedOn, Version)
    SELECT
        @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
        @PayloadBinary, now(), 1
    -- A grain that holds a version writes over an existing row only: if its row is gone, it conflicts.
    WHERE @GrainStateVersion IS NULL
       OR EXISTS (
            SELECT 1 FROM OrleansStorage
            WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
              AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
              AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
              AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString)
    ON CONFLICT ON CONSTRAINT PK_OrleansStorage DO UPDATE
        SET PayloadBinary = excluded.PayloadBinary,
            ModifiedOn = excluded.ModifiedOn,
            Version = s.Version + 1
        WHERE s.Version = @GrainStateVersion
    RETURNING s.Version AS NewGrainStateVersion;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Returns the payload and its version, or no row for a state never written.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $query$
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Clears the payload but keeps the row and moves its version on, so a grain that still holds the
-- old version cannot write over the clear. Returns the new version, or no row on a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $query$
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = now(),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Used instead of ClearStorageKey by a storage registered with DeleteStateOnClear: removes the row.
-- Returns a version the grain does not hold (the provider then forgets its ETag), or no row on a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $query$
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
