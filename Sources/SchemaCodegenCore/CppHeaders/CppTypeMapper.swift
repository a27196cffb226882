import CLibClang

/// What the annotations of a member ask of its type.
struct TypeModifiers {
    /// `COLYSEUS_NUMBER`: a `double` or `float` (of the member or of its container) is a `number`.
    var isNumber = false
    /// `COLYSEUS_BIGINT`: a 64-bit integer (of the member or of its container) is a `bigint64` or `biguint64`.
    var isBigInt = false
    /// `COLYSEUS_SET` or `COLYSEUS_COLLECTION`: the `std::vector` is a set or a collection.
    var collectionKind: CollectionKind?
}

/// Maps the C++ type of a member to the schema language's ``TypeSyntax``, collecting what cannot be mapped.
struct CppTypeMapper {
    let clang: LibClang
    let location: SourceLocation
    let modifiers: TypeModifiers
    /// Whether a declaration is a struct annotated as a schema.
    let isSchema: (CXCursor) -> Bool
    /// Why the type cannot be mapped, one message per problem.
    private(set) var problems: [String] = []
    private var usedNumber = false
    private var usedBigInt = false
    private var usedCollectionKind = false

    init(clang: LibClang, location: SourceLocation, modifiers: TypeModifiers, isSchema: @escaping (CXCursor) -> Bool) {
        self.clang = clang
        self.location = location
        self.modifiers = modifiers
        self.isSchema = isSchema
    }

    /// The member's type; `nil` when it cannot be mapped (see ``problems``).
    mutating func typeSyntax(for type: CXType) -> TypeSyntax? {
        let result = map(type, isMember: true)
        if modifiers.isNumber && !usedNumber { problems.append("COLYSEUS_NUMBER applies to double and float members, not '\(clang.spelling(type))'") }
        if modifiers.isBigInt && !usedBigInt { problems.append("COLYSEUS_BIGINT applies to int64_t and uint64_t members, not '\(clang.spelling(type))'") }
        if let kind = modifiers.collectionKind, !usedCollectionKind {
            problems.append("COLYSEUS_\(kind.rawValue.uppercased()) applies to std::vector members, not '\(clang.spelling(type))'")
        }
        return result
    }

    private mutating func map(_ type: CXType, isMember: Bool) -> TypeSyntax? {
        let canonical = clang.api.clang_getCanonicalType(type)
        switch canonical.kind {
        case TypeKind.bool: return named("boolean")
        case TypeKind.float, TypeKind.double:
            if modifiers.isNumber { usedNumber = true; return named("number") }
            return named(canonical.kind == TypeKind.float ? "float32" : "float64")
        case TypeKind.signedChar, TypeKind.short, TypeKind.int, TypeKind.long, TypeKind.longLong:
            return integer(signed: true, bits: clang.api.clang_Type_getSizeOf(canonical) * 8)
        case TypeKind.unsignedChar, TypeKind.unsignedShort, TypeKind.unsignedInt, TypeKind.unsignedLong, TypeKind.unsignedLongLong:
            return integer(signed: false, bits: clang.api.clang_Type_getSizeOf(canonical) * 8)
        case TypeKind.charSigned, TypeKind.charUnsigned:
            problems.append("plain 'char' has no fixed signedness; use int8_t or uint8_t")
            return nil
        case TypeKind.record:
            return mapRecord(type, canonical: canonical, isMember: isMember)
        default:
            problems.append("unsupported member type '\(clang.spelling(type))'")
            return nil
        }
    }

    private mutating func mapRecord(_ type: CXType, canonical: CXType, isMember: Bool) -> TypeSyntax? {
        let declaration = clang.api.clang_getTypeDeclaration(canonical)
        // A struct that is only declared (`struct Item;`) names a schema of another input.
        if isSchema(declaration) || isForwardDeclaration(declaration) { return named(clang.spelling(declaration)) }
        let template = clang.api.clang_getSpecializedCursorTemplate(declaration)
        guard !clang.isNull(template), isInStandardNamespace(template) else {
            problems.append("unsupported member type '\(clang.spelling(type))'; annotate its struct with COLYSEUS_SCHEMA or use a supported type")
            return nil
        }
        let arguments = (0..<max(clang.api.clang_Type_getNumTemplateArguments(canonical), 0)).map {
            clang.api.clang_Type_getTemplateArgumentAsType(canonical, UInt32($0))
        }
        let name = clang.spelling(template)
        switch name {
        case "basic_string" where arguments.first.map({ clang.api.clang_getCanonicalType($0).kind == TypeKind.charSigned || clang.api.clang_getCanonicalType($0).kind == TypeKind.charUnsigned }) == true:
            return named("string")
        case "vector":
            let kind = modifiers.collectionKind ?? .array
            usedCollectionKind = true
            return collection(kind.rawValue, elements: [arguments[0]])
        case "set", "unordered_set":
            return collection("set", elements: [arguments[0]])
        case "map", "unordered_map":
            guard let key = map(arguments[0], isMember: false), key.name == "string" else {
                problems.append("map keys must be std::string in '\(clang.spelling(type))'")
                return nil
            }
            return collection("map", elements: [arguments[1]])
        case "optional", "unique_ptr", "shared_ptr":
            guard isMember else {
                problems.append("'\(clang.spelling(type))' cannot be a container element; elements are never absent")
                return nil
            }
            guard let inner = map(arguments[0], isMember: false) else { return nil }
            if name != "optional" && !isSchema(clang.api.clang_getTypeDeclaration(clang.api.clang_getCanonicalType(arguments[0]))) {
                problems.append("std::\(name) holds schemas; use std::optional for '\(clang.spelling(arguments[0]))'")
                return nil
            }
            return TypeSyntax(name: inner.name, location: location, elementTypes: inner.elementTypes, isOptional: true)
        default:
            problems.append("unsupported template '\(clang.spelling(type))'")
            return nil
        }
    }

    private mutating func collection(_ kind: String, elements: [CXType]) -> TypeSyntax? {
        var mapped: [TypeSyntax] = []
        for element in elements {
            guard let type = map(element, isMember: false) else { return nil }
            mapped.append(type)
        }
        return TypeSyntax(name: kind, location: location, elementTypes: mapped, isOptional: false)
    }

    /// `int8` … `uint64`, or `bigint64` / `biguint64` for a 64-bit integer under `COLYSEUS_BIGINT`.
    private mutating func integer(signed: Bool, bits: Int64) -> TypeSyntax {
        if modifiers.isBigInt && bits == 64 {
            usedBigInt = true
            return named(signed ? "bigint64" : "biguint64")
        }
        return named("\(signed ? "" : "u")int\(bits)")
    }

    private func named(_ name: String) -> TypeSyntax {
        TypeSyntax(name: name, location: location, elementTypes: [], isOptional: false)
    }

    private func isForwardDeclaration(_ declaration: CXCursor) -> Bool {
        clang.api.clang_isCursorDefinition(declaration) == 0 && clang.isNull(clang.api.clang_getSpecializedCursorTemplate(declaration))
    }

    /// Whether a template is declared in `std` (directly or in one of its inline namespaces such as `__1`).
    private func isInStandardNamespace(_ cursor: CXCursor) -> Bool {
        var outermost = ""
        var current = clang.api.clang_getCursorSemanticParent(cursor)
        while !clang.isNull(current), clang.kind(current) == CursorKind.namespace {
            outermost = clang.spelling(current)
            current = clang.api.clang_getCursorSemanticParent(current)
        }
        return outermost == "std"
    }
}

/// libclang's type kinds used by the mapper (values of clang-c/Index.h).
enum TypeKind {
    static let bool: Int32 = 3
    static let charUnsigned: Int32 = 4
    static let unsignedChar: Int32 = 5
    static let unsignedShort: Int32 = 8
    static let unsignedInt: Int32 = 9
    static let unsignedLong: Int32 = 10
    static let unsignedLongLong: Int32 = 11
    static let charSigned: Int32 = 13
    static let signedChar: Int32 = 14
    static let short: Int32 = 16
    static let int: Int32 = 17
    static let long: Int32 = 18
    static let longLong: Int32 = 19
    static let float: Int32 = 21
    static let double: Int32 = 22
    static let record: Int32 = 105
}
