-- OrleansQuery holds the SQL that the Orleans ADO.NET providers (grain storage, reminders) run. Each
-- provider reads this table when it starts and looks its statements up by key.
--
-- The provider contract is: the key names, the parameter names (@Name) each statement receives, and
-- the names of the columns it must return. Everything else (tables, keys, indexes, how a statement
-- does its job) is Liandong's own and may change, as long as that contract holds.
--
-- Every script here is idempotent: SchemaInstaller runs them all on every silo start, in one
-- BEGIN IMMEDIATE transaction, so installers that start together apply them one at a time.
--
-- Query texts are SQL string literals, so they avoid quote characters instead of doubling them.
-- Each writing query is a single statement: SQLite runs a statement atomically under the database's
-- write lock, so no query needs a transaction of its own.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
