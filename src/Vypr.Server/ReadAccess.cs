namespace Vypr.Server;

/// <summary>Who may use the read API.</summary>
internal enum ReadAccess
{
    /// <summary>Anyone who can reach the server (the default: it listens on loopback).</summary>
    Open,

    /// <summary>Only requests bearing a live API token, like writes.</summary>
    Token,
}
