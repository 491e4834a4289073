namespace Assett.Data.Embedded;

/// <summary>A problem starting or reaching the embedded PostgreSQL, with a message that says what to do.</summary>
public sealed class EmbeddedPostgresException(string message, Exception? inner = null) : Exception(message, inner);
