namespace Vypr.Generators;

/// <summary>Metadata names the generator and analyzers recognise. Nothing of Vypr is referenced at run time.</summary>
internal static class KnownNames
{
    public const string MaxDurationAttribute = "Vypr.MaxDurationAttribute";
    public const string SpecsAssembly = "Vypr.Specs";
    public const string GeneratedNamespace = "Vypr.Generated";
    public const string ModuleInitializerAttribute = "System.Runtime.CompilerServices.ModuleInitializerAttribute";
    public const string UnsafeAccessorAttribute = "System.Runtime.CompilerServices.UnsafeAccessorAttribute";
    public const string InterceptsLocationAttribute = "System.Runtime.CompilerServices.InterceptsLocationAttribute";
    public const string SpecificationScopeAttribute = "Vypr.SpecificationScopeAttribute";
    public const string PerformanceSpecificationAttribute = "Vypr.PerformanceSpecificationAttribute";
    public const string VyprNamespace = "Vypr";
    public const string SpecificationType = "Specification";
}
