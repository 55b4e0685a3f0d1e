using System.Text.Json;
using Liandong.StoredState;
using Microsoft.Data.Sqlite;

// Liandong.StateFixtures DATABASE FIXTURES [SOURCE]
// For every persistent state a grain declares and FIXTURES has no file for, takes the fullest stored row of that
// state from DATABASE (a SQLite database the silo wrote, e.g. a fresh demo), and writes FIXTURES/{state}.json.
// Existing fixtures are never touched: they are what earlier releases wrote, which every later release must read.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Liandong.StateFixtures DATABASE FIXTURES [SOURCE]");
    return 2;
}

var (database, directory) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]));
var source = args.Length > 2 ? args[2] : "unknown release";
if (!File.Exists(database))
{
    Console.Error.WriteLine($"no database at {database}");
    return 2;
}

Directory.CreateDirectory(directory);
var serializer = StoredStateFormat.StorageSerializer();
using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
connection.Open();

var added = 0;
var missing = new List<string>();
foreach (var (stateName, type) in StoredStateFormat.PersistentStates())
{
    var file = StoredStateFormat.FixtureFile(directory, stateName);
    if (File.Exists(file))
    {
        continue;
    }

    using var command = connection.CreateCommand();
    command.CommandText = """
        SELECT PayloadBinary, GrainIdN0, GrainIdN1, GrainIdExtensionString FROM OrleansStorage
        WHERE GrainTypeString = $name AND PayloadBinary IS NOT NULL
        ORDER BY length(PayloadBinary) DESC LIMIT 1
        """;
    command.Parameters.AddWithValue("$name", stateName);
    using var reader = command.ExecuteReader();
    if (!reader.Read())
    {
        missing.Add($"{stateName} ({type.FullName})");
        continue;
    }

    var payload = (byte[])reader[0];
    var key = reader.IsDBNull(3) ? $"{reader.GetInt64(1)}/{reader.GetInt64(2)}" : reader.GetString(3);
    var state = StoredStateFormat.Deserialize(serializer, type, payload);
    var schema = new SortedDictionary<string, SortedDictionary<string, string>>(StringComparer.Ordinal);
    var expected = StoredStateFormat.Render(state, schema)!;
    var fixture = new StateFixture(stateName, StoredStateFormat.TypeName(type), $"{stateName} {key}, written by {source}",
        Convert.ToBase64String(payload), schema, expected);

    // CreateNew: never overwrite, even if a file appeared meanwhile.
    using (var stream = new FileStream(file, FileMode.CreateNew))
    {
        JsonSerializer.Serialize(stream, fixture, StoredStateFormat.Json);
    }

    Console.WriteLine($"added {Path.GetRelativePath(Directory.GetCurrentDirectory(), file)} ({type.Name}, {payload.Length} bytes)");
    added++;
}

foreach (var state in missing)
{
    Console.Error.WriteLine($"no stored row of state {state} in {database}: make the demo (Silo/Demo) write one, or give a database that has one");
}

Console.WriteLine($"{added} fixture(s) added, {missing.Count} state(s) without a row");
return missing.Count == 0 ? 0 : 1;
