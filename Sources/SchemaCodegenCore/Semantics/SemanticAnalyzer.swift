/// Checks parsed declarations as a whole and builds the ``SchemaModel``.
///
/// It resolves types and parents across all files (so schemas may be used before, or in
/// another file than, their declaration), detects inheritance cycles, assigns field indexes
/// (inherited fields first, then own fields in declaration order), validates names, view tags
/// and defaults, and keeps going after each error so that all of them are reported.
struct SemanticAnalyzer {
    /// The largest number of fields a schema may have, counting inherited fields.
    static let maximumFieldCount = 64

    let diagnostics: DiagnosticCollector

    /// Analyzes the declarations of all files, in declaration order with files in input order.
    /// The returned model is meaningful only if no error was reported.
    func analyze(_ declarations: [SchemaDeclarationSyntax]) -> SchemaModel {
        let uniqueDeclarations = registerSchemas(declarations)
        let typeResolver = TypeResolver(
            schemaNames: Set(uniqueDeclarations.map(\.name.text)), diagnostics: diagnostics)
        var parentByName: [String: String] = [:]
        for declaration in uniqueDeclarations {
            if let parent = declaration.parent, typeResolver.isKnownParent(parent) {
                parentByName[declaration.name.text] = parent.text
            }
        }
        breakInheritanceCycles(in: &parentByName, declarations: uniqueDeclarations)

        var builder = SchemaBuilder(
            declarationsByName: Dictionary(uniqueKeysWithValues: uniqueDeclarations.map { ($0.name.text, $0) }),
            parentByName: parentByName,
            typeResolver: typeResolver,
            attributeResolver: AttributeResolver(diagnostics: diagnostics),
            defaultValueResolver: DefaultValueResolver(diagnostics: diagnostics),
            diagnostics: diagnostics)
        return SchemaModel(schemas: uniqueDeclarations.map { builder.build($0.name.text).definition })
    }

    /// Reports reserved and duplicate schema names; returns the declarations whose name was not
    /// taken before, in order.
    private func registerSchemas(_ declarations: [SchemaDeclarationSyntax]) -> [SchemaDeclarationSyntax] {
        var firstLocationByName: [String: SourceLocation] = [:]
        var uniqueDeclarations: [SchemaDeclarationSyntax] = []
        for declaration in declarations {
            let name = declaration.name
            if let reason = ReservedNames.reasonAgainstSchemaName(name.text) {
                diagnostics.error("schema name '\(name.text)' is reserved: \(reason)", at: name.location)
            }
            if let firstLocation = firstLocationByName[name.text] {
                diagnostics.error(
                    "duplicate schema '\(name.text)'; first declared at \(firstLocation)", at: name.location)
                continue
            }
            firstLocationByName[name.text] = name.location
            uniqueDeclarations.append(declaration)
        }
        return uniqueDeclarations
    }

    /// Reports each inheritance cycle once, at the `extends` clause of its first schema in
    /// declaration order, and removes the parent links of the schemas in it.
    private func breakInheritanceCycles(
        in parentByName: inout [String: String], declarations: [SchemaDeclarationSyntax]
    ) {
        var schemasInCycles: Set<String> = []
        for declaration in declarations {
            let start = declaration.name.text
            guard !schemasInCycles.contains(start), let parent = declaration.parent else { continue }
            var chain = [start]
            var current = start
            while let next = parentByName[current], next != start, !chain.contains(next) {
                chain.append(next)
                current = next
            }
            guard parentByName[current] == start else { continue }
            let cycle = (chain + [start]).joined(separator: " -> ")
            diagnostics.error("inheritance cycle: \(cycle)", at: parent.location)
            schemasInCycles.formUnion(chain)
        }
        for name in schemasInCycles {
            parentByName[name] = nil
        }
    }
}
