namespace Trader.Rtm;

/// <summary>A test method carrying a [Trait("Req", id)] tag: its fully qualified name (Namespace.Class.Method) and source file.</summary>
public sealed record TaggedTest(string RequirementId, string FullName, string SourceFile);
