/// Decides, across all TypeScript files of a run, which classes are schemas, and turns them into the
/// declarations the `.schema` parser produces.
///
/// A class is a schema when it extends `Schema` (or is made by `schema({…})` or `Metadata.setFields`),
/// or extends a schema, which may be declared in another file or another kind of input. A class that
/// declares fields but is no schema is an error; other classes are not schema code and are ignored.
/// Names written in a file are resolved through its import aliases, and enum types become `number` or `string`.
struct TypeScriptSchemaResolver {
    let files: [TypeScriptFile]
    /// The schemas declared by the other inputs (`.schema` files, C++ headers).
    let otherSchemaNames: Set<String>
    let diagnostics: DiagnosticCollector

    /// The declarations of each file, in the order of `files`.
    func declarations() -> [[SchemaDeclarationSyntax]] {
        var classesByName: [String: TypeScriptClass] = [:]
        var enumTypes: [String: PrimitiveType] = [:]
        for file in files {
            for declared in file.classes where classesByName[declared.name.text] == nil {
                classesByName[declared.name.text] = declared
            }
            enumTypes.merge(file.enumTypes) { first, _ in first }
        }
        func isSchema(_ name: String, visited: Set<String> = []) -> Bool {
            if otherSchemaNames.contains(name) { return true }
            guard let declared = classesByName[name], !visited.contains(name) else { return false }
            switch declared.parent {
            case .schemaBase: return true
            case .named(let parent): return isSchema(parent.text, visited: visited.union([name]))
            case .none, .unreadable: return false
            }
        }
        return files.map { file in
            file.classes.compactMap { declared -> SchemaDeclarationSyntax? in
                guard isSchema(declared.name.text) || declared.declaresFields else { return nil }
                var parent: SchemaDeclarationSyntax.Name?
                switch declared.parent {
                case .schemaBase:
                    break
                case .named(let name):
                    if let known = classesByName[name.text], !isSchema(name.text) {
                        diagnostics.error(
                            "class '\(declared.name.text)' declares schema fields but extends '\(known.name.text)', which is not a schema",
                            at: name.location)
                        return nil
                    }
                    parent = name  // an unknown name is reported as an unknown type by semantic analysis
                case .none:
                    diagnostics.error(
                        "class '\(declared.name.text)' declares schema fields but does not extend Schema", at: declared.name.location)
                    return nil
                case .unreadable(let location):
                    diagnostics.error("cannot read this base class; extend Schema or a schema class by its name", at: location)
                    return nil
                }
                guard TypeScriptFieldMapper(diagnostics: diagnostics).checkedName(
                    declared.name.text, kind: "schema", at: declared.name.location) != nil
                else { return nil }
                return SchemaDeclarationSyntax(
                    name: declared.name, parent: parent, documentation: declared.documentation,
                    fields: declared.fields.map { field in
                        FieldDeclarationSyntax(
                            name: field.name, nameLocation: field.nameLocation, documentation: field.documentation,
                            attributes: field.attributes, type: resolve(field.type, in: file, enumTypes: enumTypes),
                            defaultValue: field.defaultValue)
                    })
            }
        }
    }

    /// The type with the file's aliases applied and enums replaced by their stored type.
    private func resolve(_ type: TypeSyntax, in file: TypeScriptFile, enumTypes: [String: PrimitiveType]) -> TypeSyntax {
        let name = file.resolve(type.name)
        return TypeSyntax(
            name: enumTypes[name]?.rawValue ?? name, location: type.location,
            elementTypes: type.elementTypes.map { resolve($0, in: file, enumTypes: enumTypes) }, isOptional: type.isOptional)
    }
}
