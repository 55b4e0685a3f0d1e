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
    GrainIdHash            INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    ServiceId              TEXT    NOT NULL,
    GrainTypeString        TEXT    NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainIdExtensionString TEXT    NULL,
    -- Unique indexes treat NULLs as distinct, so the key cannot use the nullable extension itself.
    -- This column encodes it without merging "no extension" and "empty extension".
    GrainIdExtensionKey    TEXT    GENERATED ALWAYS AS (COALESCE('+' || GrainIdExtensionString, '')) STORED,
    PayloadBinary          BLOB    NULL,
    ModifiedOn             TEXT    NOT NULL,
    -- The ETag: 1 after the first write, one more after every write or clear.
    Version                INTEGER NOT NULL
);

-- The state's identity. SQLite does not allow a generated column in a PRIMARY KEY, hence an index.
-- The narrow hashes lead; the rest makes the key exact when two states share a hash.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage
    ON OrleansStorage (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionKey);

-- Writes the state when the stored version equals @GrainStateVersion (or, for a NULL version, when no
-- row exists yet) and returns the new version as NewGrainStateVersion. Returns no row on a version
-- conflict, which the provider turns into an InconsistentStateException. A grain that holds a version
-- writes over an existing row only: if its row is gone, it conflicts.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString,
         PayloadBinary, ModifiedOn, Version)
    SELECT
        @GrainIdHash, @GrainTypeHash, @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
        @PayloadBinary, CURRENT_TIMESTAMP, 1
    WHERE @GrainStateVersion IS NULL
       OR EXISTS (
            SELECT 1 FROM OrleansStorage
            WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
              AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
              AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
              AND GrainIdExtensionString IS @GrainIdExtensionString)
    ON CONFLICT (GrainIdHash, GrainTypeHash, ServiceId, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionKey)
    DO UPDATE
        SET PayloadBinary = excluded.PayloadBinary,
            ModifiedOn = excluded.ModifiedOn,
            Version = OrleansStorage.Version + 1
        WHERE OrleansStorage.Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Returns the payload and its version, or no row for a state never written.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
    SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Clears the payload but keeps the row and moves its version on, so a grain that still holds the
-- old version cannot write over the clear. Returns the new version, or no row on a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
    UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = CURRENT_TIMESTAMP,
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Used instead of ClearStorageKey by a storage registered with DeleteStateOnClear: removes the row.
-- Returns a version the grain does not hold (the provider then forgets its ETag), or no row on a conflict.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
    DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND ServiceId = @ServiceId AND GrainTypeString = @GrainTypeString
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
      AND GrainIdExtensionString IS @GrainIdExtensionString
      AND Version = @GrainStateVersion
    RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
