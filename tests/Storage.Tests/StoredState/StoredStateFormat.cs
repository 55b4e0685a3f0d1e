using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace Liandong.StoredState;

/// <summary>
/// One stored grain state kept as a test fixture (docs/upgrades.md): the row's payload exactly as a release wrote it,
/// and what it meant then, written down by [Id] so that a later release can be held to the same meaning.
/// Shared by tests/Storage.Tests (which checks the fixtures) and tools/StateFixtures (which adds them).
/// </summary>
/// <param name="StateName">The state name of <c>[PersistentState]</c>, which is the row's GrainTypeString.</param>
/// <param name="StateType">The stored type's name (its [Alias], else its full name), see <see cref="StoredStateFormat.TypeName"/>.</param>
/// <param name="Source">Which row of which release: state name, grain key, commit.</param>
/// <param name="Payload">The row's PayloadBinary, base64.</param>
/// <param name="Schema">Every stored record type reached: each [Id] with the member's name and type.</param>
/// <param name="Expected">The state rendered by <see cref="StoredStateFormat.Render"/> when the fixture was made.</param>
public sealed record StateFixture(
    string StateName,
    string StateType,
    string Source,
    string Payload,
    SortedDictionary<string, SortedDictionary<string, string>> Schema,
    JsonNode Expected);

/// <summary>How stored grain state is enumerated, read and rendered for the fixtures.</summary>
public static class StoredStateFormat
{
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The assembly that holds the grain classes (and, with its references, every stored type).</summary>
    /// <remarks>Loaded by name, so that moving a grain or state type between namespaces does not break the tool or the test.</remarks>
    public static Assembly GrainsAssembly { get; } = Assembly.Load("Liandong.Grains");

    /// <summary>Every persistent state a grain class declares: state name → stored type, from the constructors' <c>[PersistentState]</c>.</summary>
    public static SortedDictionary<string, Type> PersistentStates()
    {
        var states = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        foreach (var grain in GrainsAssembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t)))
        {
            foreach (var parameter in grain.GetConstructors().SelectMany(c => c.GetParameters()))
            {
                if (parameter.GetCustomAttribute<PersistentStateAttribute>() is not { } attribute
                    || !parameter.ParameterType.IsGenericType
                    || parameter.ParameterType.GetGenericTypeDefinition() != typeof(IPersistentState<>))
                {
                    continue;
                }

                var type = parameter.ParameterType.GetGenericArguments()[0];
                if (states.TryGetValue(attribute.StateName, out var other) && other != type)
                {
                    throw new InvalidOperationException($"State name '{attribute.StateName}' is used for {other} and {type}: every grain type needs its own.");
                }

                states[attribute.StateName] = type;
            }
        }

        return states;
    }

    /// <summary>Orleans' serializer with the codecs of the grain and interface assemblies, as the silo stores state with.</summary>
    public static OrleansGrainStorageSerializer StorageSerializer()
    {
        var services = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(GrainsAssembly).AddAssembly(Assembly.Load("Liandong.Grains.Interfaces")))
            .BuildServiceProvider();
        return new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
    }

    /// <summary>Reads a stored payload as <paramref name="type"/>, as the silo's grain storage does.</summary>
    public static object? Deserialize(OrleansGrainStorageSerializer serializer, Type type, byte[] payload)
    {
        var method = typeof(OrleansGrainStorageSerializer).GetMethod(nameof(OrleansGrainStorageSerializer.Deserialize))!.MakeGenericMethod(type);
        try
        {
            return method.Invoke(serializer, [new BinaryData(payload)]);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>A type's stable name: its [Alias] (what Orleans keys it by), else its name, with generic arguments.</summary>
    public static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner) + "?";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        var alias = type.GetCustomAttribute<AliasAttribute>()?.Alias;
        var name = alias ?? (type.IsGenericType ? type.GetGenericTypeDefinition().FullName! : type.FullName ?? type.Name);
        if (alias is null && type.IsGenericType)
        {
            name = name[..name.IndexOf('`')];
        }

        return type.IsGenericType && !type.IsGenericTypeDefinition && alias is null
            ? $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
            : type.IsGenericType && alias is not null
                ? $"{alias}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>"
                : name;
    }

    /// <summary>The members of a stored record type that carry an [Id], keyed as <see cref="Render"/> keys them.</summary>
    public static IEnumerable<(string Key, MemberInfo Member, Type MemberType)> IdMembers(Type type)
    {
        const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            var prefix = declaring == type ? "" : TypeName(declaring) + ":";
            var members = declaring.GetProperties(flags).Cast<MemberInfo>().Concat(declaring.GetFields(flags));
            foreach (var member in members)
            {
                if (member.GetCustomAttribute<IdAttribute>() is not { } id)
                {
                    continue;
                }

                var memberType = member is PropertyInfo p ? p.PropertyType : ((FieldInfo)member).FieldType;
                yield return (prefix + id.Id.ToString(CultureInfo.InvariantCulture), member, memberType);
            }
        }
    }

    /// <summary>Whether a type is one of Liandong's stored records (rendered member by member).</summary>
    public static bool IsRecord(Type type) => type.GetCustomAttribute<GenerateSerializerAttribute>() is not null;

    /// <summary>
    /// Renders a stored value by [Id]: a record as {"$type": name, "0": …, "1": …}, a collection as an array (sets
    /// and dictionaries sorted, so that hash order does not matter), a scalar as its invariant text, an enum by name.
    /// Every record type met is added to <paramref name="schema"/> with its [Id]s' names and types.
    /// </summary>
    public static JsonNode? Render(object? value, SortedDictionary<string, SortedDictionary<string, string>> schema)
    {
        switch (value)
        {
            case null:
                return null;
            case string s:
                return JsonValue.Create(s);
            case bool b:
                return JsonValue.Create(b);
            case Enum e:
                return JsonValue.Create(e.ToString());
            case DateTime d:
                return JsonValue.Create(d.ToString("O", CultureInfo.InvariantCulture));
            case DateTimeOffset d:
                return JsonValue.Create(d.ToString("O", CultureInfo.InvariantCulture));
            case DateOnly d:
                return JsonValue.Create(d.ToString("O", CultureInfo.InvariantCulture));
            case IFormattable f when value.GetType().IsPrimitive || value is decimal or TimeSpan or Guid or TimeOnly:
                return JsonValue.Create(f.ToString(null, CultureInfo.InvariantCulture));
        }

        var type = value.GetType();
        if (IsRecord(type))
        {
            var name = TypeName(type);
            var members = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var rendered = new JsonObject { ["$type"] = name };
            foreach (var (key, member, memberType) in IdMembers(type).OrderBy(m => m.Key, StringComparer.Ordinal))
            {
                members[key] = $"{member.Name}: {TypeName(memberType)}";
                var memberValue = member is PropertyInfo p ? p.GetValue(value) : ((FieldInfo)member).GetValue(value);
                rendered[key] = Render(memberValue, schema);
            }

            schema[name] = members;
            return rendered;
        }

        if (value is IDictionary dictionary)
        {
            var entries = new List<(string Key, JsonNode? KeyNode, JsonNode? Value)>();
            foreach (DictionaryEntry entry in dictionary)
            {
                var key = Render(entry.Key, schema);
                entries.Add((key?.ToJsonString() ?? "null", key, Render(entry.Value, schema)));
            }

            return new JsonArray(entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (JsonNode)new JsonArray(e.KeyNode, e.Value)).ToArray());
        }

        if (value is IEnumerable sequence)
        {
            var items = sequence.Cast<object?>().Select(item => Render(item, schema)).ToList();
            var unordered = type.GetInterfaces().Any(i => i.IsGenericType
                && (i.GetGenericTypeDefinition() == typeof(ISet<>) || i.GetGenericTypeDefinition() == typeof(IReadOnlySet<>)));
            if (unordered)
            {
                items = items.OrderBy(i => i?.ToJsonString() ?? "null", StringComparer.Ordinal).ToList();
            }

            return new JsonArray(items.ToArray());
        }

        if (type.IsValueType && type.IsGenericType && type.GetGenericTypeDefinition().FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal))
        {
            return new JsonArray(type.GetFields().Select(f => Render(f.GetValue(value), schema)).ToArray());
        }

        throw new NotSupportedException($"Stored type {type} is neither a [GenerateSerializer] record nor a known scalar or collection; teach StoredStateFormat.Render about it.");
    }

    /// <summary>
    /// Differences between what a fixture meant (<paramref name="expected"/>) and what today's code reads
    /// (<paramref name="actual"/>): every value rendered then must be there now; members added since (new [Id]s) are free.
    /// </summary>
    public static IEnumerable<string> Differences(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                if (actual is not null)
                {
                    yield return $"{path}: was null, now {Short(actual)}";
                }

                yield break;
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject)
                {
                    yield return $"{path}: was a {expectedObject["$type"]}, now {Short(actual)}";
                    yield break;
                }

                foreach (var (key, value) in expectedObject)
                {
                    if (!actualObject.ContainsKey(key))
                    {
                        yield return $"{path}.{key}: [Id] {key} is gone from {actualObject["$type"]}";
                        continue;
                    }

                    foreach (var difference in Differences(value, actualObject[key], $"{path}.{key}"))
                    {
                        yield return difference;
                    }
                }

                yield break;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || actualArray.Count != expectedArray.Count)
                {
                    yield return $"{path}: was {expectedArray.Count} items, now {Short(actual)}";
                    yield break;
                }

                for (var i = 0; i < expectedArray.Count; i++)
                {
                    foreach (var difference in Differences(expectedArray[i], actualArray[i], $"{path}[{i}]"))
                    {
                        yield return difference;
                    }
                }

                yield break;
            default:
                if (actual is not JsonValue || expected.ToJsonString() != actual.ToJsonString())
                {
                    yield return $"{path}: was {expected.ToJsonString()}, now {Short(actual)}";
                }

                yield break;
        }
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    public static string FixtureFile(string directory, string stateName) => Path.Combine(directory, stateName + ".json");
}
