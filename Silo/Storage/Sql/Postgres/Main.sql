-- OrleansQuery holds the SQL that the Orleans ADO.NET providers (grain storage, reminders, clustering)
-- run. Each provider reads this table when it starts and looks its statements up by key.
--
-- The provider contract is: the key names, the parameter names (@Name) each statement receives, and
-- the names of the columns it must return. Everything else (tables, keys, indexes, how a statement
-- does its job) is Liandong's own and may change, as long as that contract holds.
--
-- Every script here is idempotent: SchemaInstaller runs them all on every silo start, inside one
-- transaction that holds an advisory lock, so silos that start together apply them one at a time.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,

    CONSTRAINT PK_OrleansQuery PRIMARY KEY (QueryKey)
);
