using System.Collections.Immutable;
using Liandong.Accounts;
using Liandong.Grains.Infrastructure;

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

        await state.WriteOrRollBackAsync(state.State with { Users = state.State.Users.SetItem(account.Username, account) });
    }

    public Task<ImmutableArray<UserAccount>> ListAsync() =>
        Task.FromResult(state.State.Users.Values.OrderBy(u => u.Username, StringComparer.Ordinal).ToImmutableArray());
}
