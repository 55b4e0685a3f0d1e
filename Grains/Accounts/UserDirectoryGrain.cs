using System.Collections.Immutable;
using Liandong.Accounts;

namespace Liandong.Grains.Accounts;

/// <summary>The accounts of one city, for the admin screen and the demo-account warning.</summary>
public sealed class UserDirectoryGrain(
    [PersistentState("userDirectory", StorageNames.Main)] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    public async Task UpsertAsync(UserAccount account)
    {
        if (state.State.Users.TryGetValue(account.Username, out var existing) && existing == account)
        {
            return;
        }

        var previous = state.State;
        state.State = previous with { Users = previous.Users.SetItem(account.Username, account) };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    public Task<ImmutableArray<UserAccount>> ListAsync() =>
        Task.FromResult(state.State.Users.Values.OrderBy(u => u.Username, StringComparer.Ordinal).ToImmutableArray());
}
