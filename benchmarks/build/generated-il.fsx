// Usage: dotnet fsi benchmarks/build/generated-il.fsx <assembly.dll>... (docs/benchmarks.md, "Session 7 (buildcost)")
// Counts what the generated code adds to a compiled assembly: fields, methods, and the IL of static constructors.
open System.IO
open System.Reflection.Metadata
open System.Reflection.PortableExecutable
for path in fsi.CommandLineArgs |> Array.skip 1 do
    use stream = File.OpenRead path
    use pe = new PEReader(stream)
    let md = pe.GetMetadataReader()
    let mutable cctorIl = 0
    let mutable cctors = 0
    let mutable genFields = 0
    let mutable genMethods = 0
    let mutable genIl = 0
    for th in md.TypeDefinitions do
        let t = md.GetTypeDefinition th
        let ns = md.GetString t.Namespace
        let name = md.GetString t.Name
        let generated = ns = "Vypr.Generated" || name.StartsWith "<VyprInterceptors>" || name.Contains "VyprInterceptors" || name.Contains "VyprShared" || name.Contains "VyprRegistrations"
        if generated then
            genFields <- genFields + t.GetFields().Count
            for mh in t.GetMethods() do
                let m = md.GetMethodDefinition mh
                genMethods <- genMethods + 1
                if m.RelativeVirtualAddress <> 0 then
                    let size = pe.GetMethodBody(m.RelativeVirtualAddress).Size
                    genIl <- genIl + size
                    if md.GetString m.Name = ".cctor" then
                        cctors <- cctors + 1
                        cctorIl <- cctorIl + size
    printfn "%s: generated types' fields %d, methods %d, IL %d bytes; static constructors %d, their IL %d bytes; all fields %d, all methods %d" path genFields genMethods genIl cctors cctorIl md.FieldDefinitions.Count md.MethodDefinitions.Count
