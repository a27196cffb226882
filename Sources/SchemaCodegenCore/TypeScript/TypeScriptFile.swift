/// What the reader found in one TypeScript file, before the files are looked at together to decide
/// which classes are schemas (a class is one when it extends `Schema`, directly or through other
/// classes that may be declared in other files).
struct TypeScriptFile {
    /// The ``SchemaSource/path`` of the file.
    let path: String
    /// Classes and `schema({…})` constants, in the order they were declared.
    var classes: [TypeScriptClass] = []
    /// Local names that stand for another name: `import { Player as P }` gives `P` → `Player`, and
    /// `const V = schema({…}, "Vec3")` gives `V` → `Vec3`.
    var aliases: [String: String] = [:]
    /// The enums declared in the file, with the primitive type @colyseus/schema stores their values as.
    var enumTypes: [String: PrimitiveType] = [:]
    /// The module specifiers of `import … from "./x"` and `export … from "./x"` that start with `.`.
    var relativeImports: [String] = []

    /// The name a local name stands for.
    func resolve(_ name: String) -> String {
        aliases[name] ?? name
    }
}

/// A class, or a `schema({…})` / `Parent.extends({…})` constant, of a TypeScript file.
struct TypeScriptClass {
    /// What a class extends.
    enum Parent {
        case none
        /// `Schema` of @colyseus/schema (`extends Schema`, `extends schema.Schema`, `schema({…})`,
        /// `Metadata.setFields(…)`).
        case schemaBase
        /// Another class, by the last part of the name written after `extends`.
        case named(SchemaDeclarationSyntax.Name)
        /// An expression that names no class (`extends mixin(Base)`).
        case unreadable(SourceLocation)
    }

    var name: SchemaDeclarationSyntax.Name
    var parent: Parent
    var documentation: [String]
    /// The fields of `@type` decorators in declaration order, then those of `defineTypes`,
    /// `Metadata.setFields` and `type(…)(Class.prototype, …)` calls in call order.
    var fields: [FieldDeclarationSyntax] = []
    /// Whether anything declares a field on the class, even a field that could not be read.
    var declaresFields = false
}
