-- Reminders for Microsoft.Orleans.Reminders.AdoNet (Orleans 10).
--
-- What the provider passes: @ServiceId; @GrainId, the grain id as text ("type/key"); @ReminderName;
-- @StartTime (UTC); @Period in milliseconds; @GrainHash, the grain's uniform hash as a signed 32-bit
-- integer; @Version, the ETag; @BeginHash/@EndHash for the hash range a silo owns. Reads return
-- GrainId, ReminderName, StartTime, Period and Version.
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150) NOT NULL,
    GrainId      text         NOT NULL,
    ReminderName text         NOT NULL,
    StartTime    timestamptz  NOT NULL,
    Period       bigint       NOT NULL,
    GrainHash    integer      NOT NULL,
    Version      integer      NOT NULL,

    CONSTRAINT PK_OrleansRemindersTable PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Every silo reads the reminders of its hash range at start and on ring changes.
CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $query$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $query$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- The range (@BeginHash, @EndHash] when it does not wrap around in signed order...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $query$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- ...and when it does: everything above @BeginHash plus everything up to @EndHash.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $query$
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Registers or re-registers a reminder; returns its new Version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $query$
    INSERT INTO OrleansRemindersTable AS r
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT ON CONSTRAINT PK_OrleansRemindersTable DO UPDATE
        SET StartTime = excluded.StartTime,
            Period = excluded.Period,
            GrainHash = excluded.GrainHash,
            Version = r.Version + 1
    RETURNING Version;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Removes a reminder if it still has version @Version; always returns one row, one boolean column.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $query$
    WITH deleted AS (
        DELETE FROM OrleansRemindersTable
        WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
          AND Version = @Version
        RETURNING 1
    )
    SELECT count(*) > 0 FROM deleted;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $query$
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
$query$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
