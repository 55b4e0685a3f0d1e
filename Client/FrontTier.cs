namespace Liandong.Client;

/// <summary>
/// Names the front tier's assembly for WebApplicationFactory in tests: the silo and the front tier both
/// have a generated Program class, so tests that reference both cannot name "Program".
/// </summary>
public sealed class FrontTier;
