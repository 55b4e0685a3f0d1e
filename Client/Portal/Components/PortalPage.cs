using Liandong.Client.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Liandong.Client.Portal.Components;

/// <summary>
/// What every portal page shares: the signed-in user, and a refusal or missing resource shown as a message
/// instead of a broken page. The services check the jurisdiction; a page only shows what they answer.
/// </summary>
public abstract class PortalPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    protected NavigationManager Nav { get; set; } = default!;

    /// <summary>The signed-in user (pages are [Authorize], so there is one).</summary>
    protected CurrentUser User { get; private set; } = null!;

    /// <summary>Why the page cannot show what was asked, when it cannot.</summary>
    protected DomainErrorKind? Failure { get; private set; }

    protected string? FailureDetail { get; private set; }

    protected bool Loading { get; private set; } = true;

    protected override async Task OnParametersSetAsync()
    {
        var state = AuthenticationState is null ? null : await AuthenticationState;
        User = CurrentUser.From(state?.User) ?? throw new InvalidOperationException("Portal pages need a signed-in user.");
        Failure = null;
        FailureDetail = null;
        Loading = true;
        try
        {
            await LoadAsync();
        }
        catch (DomainException e)
        {
            Failure = e.Kind;
            FailureDetail = e.Message;
        }
        finally
        {
            Loading = false;
        }
    }

    /// <summary>Reads what the page shows; a <see cref="DomainException"/> becomes <see cref="Failure"/>.</summary>
    protected abstract Task LoadAsync();

    /// <summary>The current page's URL relative to the base, with a leading slash.</summary>
    protected string Here => "/" + Nav.ToBaseRelativePath(Nav.Uri);

    /// <summary>A link that keeps the period the user picked.</summary>
    protected static string WithPeriod(string path, int year, int month) => $"{path}?year={year}&month={month}";
}
