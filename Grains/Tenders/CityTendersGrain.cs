using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Liandong.Grains.Infrastructure;
using Liandong.Hierarchy;
using Liandong.Reporting;
using Liandong.Tenders;
using Microsoft.Extensions.Logging;

namespace Liandong.Grains.Tenders;

/// <summary>
/// Every process of a city, kept whole because the statistical red flags compare each process with all the
/// others; a version number tells the integrity grain when its alerts are stale.
/// </summary>
public sealed class CityTendersGrain(
    [PersistentState("city-tenders", StorageNames.Main)] IPersistentState<CityTendersState> state) : Grain, ICityTendersGrain
{
    private string Code => this.GetPrimaryKeyString();

    public async Task AcceptAsync(TenderRecord record)
    {
        if (record.Placement.CityCode != Code)
        {
            throw DomainException.Conflict($"Tender {record.Id} is in city {record.Placement.CityCode}, not {Code}.");
        }

        var s = state.State;
        if (s.Records.TryGetValue(record.Id, out var existing) && existing.Version >= record.Version)
        {
            return;
        }

        // The tender grain refused an ocid another process holds before it saved; the index takes what it is told.
        await state.WriteOrRollBackAsync(s with { Records = s.Records.SetItem(record.Id, record), Version = s.Version + 1 });
    }

    public Task<string?> FindByOcidAsync(string ocid) =>
        Task.FromResult(state.State.Records.Values.FirstOrDefault(r => r.Data.Ocid == ocid)?.Id);

    public Task<(ImmutableArray<TenderRecord> Records, long Version)> ListAsync(string? countyCode, string? projectCode) =>
        Task.FromResult((state.State.Records.Values
            .Where(r => countyCode is null || r.Placement.CountyCode == countyCode)
            .Where(r => projectCode is null || r.Placement.ProjectCode == projectCode)
            .OrderBy(r => r.Data.NoticeDate ?? r.Data.DocumentsFrom ?? DateOnly.MinValue)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToImmutableArray(), state.State.Version));
}

/// <summary>Reads OCDS and saves each release as a process, under its project when it names one of the city's.</summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class TenderImportGrain(ILogger<TenderImportGrain> logger) : Grain, ITenderImportGrain
{
    private string City => this.GetPrimaryKeyString();

    public async Task<OcdsImportResult> ImportOcdsAsync(string body, string actor)
    {
        if (!DivisionCodes.IsCity(City))
        {
            throw DomainException.Invalid("code", "A city code is six digits ending in 00.");
        }

        var (releases, errors) = OcdsReader.Read(body);
        var rejected = errors.ToBuilder();
        var index = GrainFactory.GetGrain<ICityTendersGrain>(City);
        int imported = 0, updated = 0;
        var projects = new Dictionary<string, TenderPlacement?>(StringComparer.Ordinal);
        foreach (var release in releases)
        {
            try
            {
                var placement = release.ProjectHint is { } hint
                    ? await PlaceAsync(hint, projects)
                    : null;
                var id = await index.FindByOcidAsync(release.Ocid) ?? IdFor(release.Ocid);
                var view = await GrainFactory.GetGrain<ITenderGrain>(id)
                    .SaveAsync(placement ?? new TenderPlacement(null, null, City, TenderSource.Ocds), release.Input, actor);
                if (view.Created)
                {
                    imported++;
                }
                else
                {
                    updated++;
                }
            }
            catch (DomainException e)
            {
                rejected.Add(new OcdsLineError(release.Line, e.Field is null ? e.Message : $"{e.Field}: {e.Message}"));
            }
        }

        logger.LogInformation("OCDS import into {City}: {Imported} new, {Updated} updated, {Rejected} rejected", City, imported, updated, rejected.Count);
        return new OcdsImportResult(imported, updated, [.. rejected.OrderBy(r => r.Line)]);
    }

    /// <summary>The project's place when the release names a registered project of this city, else null (kept under the city).</summary>
    private async Task<TenderPlacement?> PlaceAsync(string projectCode, Dictionary<string, TenderPlacement?> cache)
    {
        if (cache.TryGetValue(projectCode, out var known))
        {
            return known;
        }

        TenderPlacement? placement = null;
        try
        {
            var project = await GrainFactory.GetGrain<IProjectGrain>(projectCode).GetAsync(PeriodQuery.Latest);
            var county = project.Profile.CountyCode;
            if (DivisionCodes.CityOf(county) == City)
            {
                placement = new TenderPlacement(projectCode, county, City, TenderSource.Ocds);
            }
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
        }

        cache[projectCode] = placement;
        return placement;
    }

    /// <summary>A tender id from an ocid: the ocid itself when it is a well-formed id, else a digest of it.</summary>
    public static string IdFor(string ocid) =>
        TenderRules.IsTenderId(ocid) ? ocid : "ocds-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ocid)))[..20];
}
