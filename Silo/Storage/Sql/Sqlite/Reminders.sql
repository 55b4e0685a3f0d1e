-- Reminders for Microsoft.Orleans.Reminders.AdoNet (Orleans 10).
--
-- What the provider passes: @ServiceId; @GrainId, the grain id as text ("type/key"); @ReminderName;
-- @StartTime (UTC, bound by Microsoft.Data.Sqlite as sortable text); @Period in milliseconds;
-- @GrainHash, the grain's uniform hash as a signed 32-bit integer; @Version, the ETag;
-- @BeginHash/@EndHash for the hash range a silo owns. Reads return GrainId, ReminderName, StartTime,
-- Period and Version.
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    TEXT    NOT NULL,
    GrainId      TEXT    NOT NULL,
    ReminderName TEXT    NOT NULL,
    StartTime    TEXT    NOT NULL,
    Period       INTEGER NOT NULL,
    GrainHash    INTEGER NOT NULL,
    Version      INTEGER NOT NULL,

    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Every silo reads the reminders of its hash range at start and on ring changes.
CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_ServiceId_GrainHash
    ON OrleansRemindersTable (ServiceId, GrainHash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- The range (@BeginHash, @EndHash] when it does not wrap around in signed order...
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainHash > @BeginHash AND GrainHash <= @EndHash;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- ...and when it does: everything above @BeginHash plus everything up to @EndHash.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
    SELECT GrainId, ReminderName, StartTime, Period, Version
    FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND (GrainHash > @BeginHash OR GrainHash <= @EndHash);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Registers or re-registers a reminder; returns its new Version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
    INSERT INTO OrleansRemindersTable
        (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
    VALUES
        (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
        SET StartTime = excluded.StartTime,
            Period = excluded.Period,
            GrainHash = excluded.GrainHash,
            Version = OrleansRemindersTable.Version + 1
    RETURNING Version;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

-- Removes a reminder if it still has version @Version; always returns one row, one column, true if
-- it removed one. changes() counts the rows of this connection's last write, the DELETE just before.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
      AND Version = @Version;
    SELECT changes() > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
    DELETE FROM OrleansRemindersTable WHERE ServiceId = @ServiceId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
