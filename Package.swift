// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-colyseus",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "ColyseusSchema", targets: ["ColyseusSchema"]),
        .library(name: "SchemaCodegenCore", targets: ["SchemaCodegenCore"]),
        .library(name: "MessagePack", targets: ["MessagePack"]),
        .executable(name: "schema-codegen", targets: ["schema-codegen"]),
        .plugin(name: "SchemaCodegenPlugin", targets: ["SchemaCodegenPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.0"),
    ],
    targets: [
        // Runtime: wire primitives, change tracking, collections, encoder, decoder, reflection.
        .target(
            name: "ColyseusSchema",
            // Reflection.schema.swift, generated from it, is checked in (the plugin depends on nothing here).
            exclude: ["Reflection/Reflection.schema"]
        ),

        // MessagePack codec of ROOM_DATA payloads (PROTOCOL.md §5): values, reader with msgpackr records, writer, Codable.
        .target(name: "MessagePack"),

        // Generator core: schema files -> parse -> model -> Swift source.
        .target(name: "SchemaCodegenCore"),

        // Thin command-line front end over SchemaCodegenCore.
        .executableTarget(
            name: "schema-codegen",
            dependencies: [
                "SchemaCodegenCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Build-tool plugin: generates Swift for every `.schema` file of a target.
        .plugin(
            name: "SchemaCodegenPlugin",
            capability: .buildTool(),
            dependencies: ["schema-codegen"]
        ),

        // The example game state: the schema files of Schemas/, compiled through the build plugin.
        .target(
            name: "DemoState",
            dependencies: ["ColyseusSchema"],
            path: "Schemas",
            plugins: ["SchemaCodegenPlugin"]
        ),

        // Schema benchmarks S1-S4 of BENCHMARKS.md.
        .executableTarget(
            name: "schema-benchmarks",
            dependencies: [
                "ColyseusSchema",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
            ],
            path: "Benchmarks/SchemaBenchmarks",
            plugins: ["SchemaCodegenPlugin"]
        ),

        // Reference vectors, JSON comparison, hex and seeded randomness shared by the test targets.
        .target(name: "SchemaTestSupport", path: "Tests/SchemaTestSupport"),
        .testTarget(name: "ColyseusSchemaTests", dependencies: ["ColyseusSchema", "SchemaTestSupport"]),
        .testTarget(name: "SchemaCodegenCoreTests", dependencies: ["SchemaCodegenCore"]),
        // Compiles the renderer's golden outputs (checked by SchemaCodegenCoreTests) and exercises them.
        .testTarget(
            name: "GeneratedCodeTests",
            dependencies: ["ColyseusSchema"],
            exclude: ["Golden/Collections.schema", "Golden/Entities.schema", "Golden/Monsters.schema", "Golden/Primitives.schema"]
        ),
        .testTarget(
            name: "SchemaConformanceTests",
            dependencies: ["ColyseusSchema", "SchemaTestSupport"],
            plugins: ["SchemaCodegenPlugin"]
        ),
        .testTarget(name: "DemoStateTests", dependencies: ["DemoState", "ColyseusSchema"]),
        // The MessagePack vectors of ../shared/vectors/protocol, §5.2 examples, hostile input, Codable round trips.
        .testTarget(name: "MessagePackTests", dependencies: ["MessagePack", "SchemaTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
