using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Vypr.Fody.Reading;

namespace Vypr.Fody.Emit;

/// <summary>
/// Writes the woven module's registrations: one internal static class whose static constructor registers every
/// woven specification and its "call site" (the method's declaration) with <c>MonitorRegistry</c>, run by the module
/// initializer so that reports list specifications no call reached, as the source generator's registrations do.
/// </summary>
internal sealed class RegistrationEmitter
{
    public const string ClassName = "<VyprWoven>Registrations";

    private readonly ModuleDefinition _module;
    private readonly RuntimeReferences _runtime;
    private readonly TypeDefinition _class;
    private readonly List<Instruction> _initializer = new();
    private readonly Dictionary<string, FieldDefinition> _scopes = new(System.StringComparer.Ordinal);
    private readonly SourcePaths _paths;

    public RegistrationEmitter(ModuleDefinition module, RuntimeReferences runtime, SourcePaths paths)
    {
        _module = module;
        _runtime = runtime;
        _paths = paths;
        _class = new TypeDefinition(
            "Vypr.Generated",
            ClassName,
            TypeAttributes.NotPublic | TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit,
            module.TypeSystem.Object);
    }

    /// <summary>Adds the registration of one woven method and returns the field that holds its call site ID.</summary>
    public FieldReference Add(WovenSpecification specification)
    {
        var field = new FieldDefinition(
            "Site" + (_class.Fields.Count + 1),
            FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly,
            _module.TypeSystem.Int32);
        _class.Fields.Add(field);
        SequencePoint? where = specification.Declaration;
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, specification.Key));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, specification.Display));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, specification.Text));
        _initializer.Add(Instruction.Create(OpCodes.Ldc_I8, specification.BoundNanoseconds));
        _initializer.Add(Instruction.Create(OpCodes.Call, _runtime.RegisterSpecification));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, where is null ? "(no source)" : _paths.Unmap(where.Document.Url)));
        _initializer.Add(Instruction.Create(OpCodes.Ldc_I4, where?.StartLine ?? 0));
        _initializer.Add(Instruction.Create(OpCodes.Ldc_I4, where?.StartColumn ?? 0));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, specification.Display));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, _module.Assembly.Name.Name));
        _initializer.Add(Instruction.Create(OpCodes.Call, _runtime.RegisterCallSite));
        _initializer.Add(Instruction.Create(OpCodes.Stsfld, field));
        return field;
    }

    /// <summary>Registers a scoped method once (<c>MonitorRegistry.RegisterScope</c>) and returns the field that holds its ID.</summary>
    public FieldReference AddScope(string scopeKey, MethodReference registerScope)
    {
        if (_scopes.TryGetValue(scopeKey, out FieldDefinition? existing))
        {
            return existing;
        }

        FieldDefinition field = NewField("Scope");
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, scopeKey));
        _initializer.Add(Instruction.Create(OpCodes.Call, registerScope));
        _initializer.Add(Instruction.Create(OpCodes.Stsfld, field));
        _scopes.Add(scopeKey, field);
        return field;
    }

    /// <summary>Registers a point of a fluent specification (<c>MonitorRegistry.RegisterPoint</c>) and returns the field that holds its ID.</summary>
    public FieldReference AddPoint(
        MethodReference registerPoint, string specificationKey, int kind, string? method, string? declaringType, string? variable, string captures,
        SequencePoint? where, string caller)
    {
        FieldDefinition field = NewField("Point");
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, specificationKey));
        _initializer.Add(Instruction.Create(OpCodes.Ldc_I4, kind));
        _initializer.Add(method is null ? Instruction.Create(OpCodes.Ldnull) : Instruction.Create(OpCodes.Ldstr, method));
        _initializer.Add(declaringType is null ? Instruction.Create(OpCodes.Ldnull) : Instruction.Create(OpCodes.Ldstr, declaringType));
        _initializer.Add(variable is null ? Instruction.Create(OpCodes.Ldnull) : Instruction.Create(OpCodes.Ldstr, variable));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, captures));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, where is null ? "(no source)" : _paths.Unmap(where.Document.Url)));
        _initializer.Add(Instruction.Create(OpCodes.Ldc_I4, where?.StartLine ?? 0));
        _initializer.Add(Instruction.Create(OpCodes.Ldc_I4, where?.StartColumn ?? 0));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, caller));
        _initializer.Add(Instruction.Create(OpCodes.Ldstr, _module.Assembly.Name.Name));
        _initializer.Add(Instruction.Create(OpCodes.Call, registerPoint));
        _initializer.Add(Instruction.Create(OpCodes.Stsfld, field));
        return field;
    }

    private FieldDefinition NewField(string prefix)
    {
        var field = new FieldDefinition(
            prefix + (_class.Fields.Count + 1),
            FieldAttributes.Assembly | FieldAttributes.Static | FieldAttributes.InitOnly,
            _module.TypeSystem.Int32);
        _class.Fields.Add(field);
        return field;
    }

    /// <summary>Adds the class to the module and runs its static constructor from the module initializer.</summary>
    public void Complete(MethodReference runClassConstructor)
    {
        var constructor = new MethodDefinition(
            ".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            _module.TypeSystem.Void);
        foreach (Instruction instruction in _initializer)
        {
            constructor.Body.Instructions.Add(instruction);
        }

        constructor.Body.Instructions.Add(Instruction.Create(OpCodes.Ret));
        _class.Methods.Add(constructor);
        _module.Types.Add(_class);

        TypeDefinition moduleType = _module.Types.First(t => t.Name == "<Module>");
        MethodDefinition? moduleConstructor = moduleType.Methods.FirstOrDefault(m => m.IsConstructor && m.IsStatic);
        if (moduleConstructor is null)
        {
            moduleConstructor = new MethodDefinition(
                ".cctor",
                MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
                _module.TypeSystem.Void);
            moduleConstructor.Body.Instructions.Add(Instruction.Create(OpCodes.Ret));
            moduleType.Methods.Add(moduleConstructor);
        }

        Instruction first = moduleConstructor.Body.Instructions[0];
        ILProcessor il = moduleConstructor.Body.GetILProcessor();
        il.InsertBefore(first, Instruction.Create(OpCodes.Ldtoken, _class));
        il.InsertBefore(first, Instruction.Create(OpCodes.Call, runClassConstructor));
    }
}
