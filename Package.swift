// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-colyseus",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "ColyseusSchema", targets: ["ColyseusSchema"]),
        .library(name: "SchemaCodegenCore", targets: ["SchemaCodegenCore"]),
        .library(name: "MessagePack", targets: ["MessagePack"]),
        .library(name: "ColyseusProtocol", targets: ["ColyseusProtocol"]),
        .library(name: "ColyseusServer", targets: ["ColyseusServer"]),
        .library(name: "ColyseusNIO", targets: ["ColyseusNIO"]),
        .library(name: "RedisClient", targets: ["RedisClient"]),
        .library(name: "ColyseusRedis", targets: ["ColyseusRedis"]),
        .library(name: "ColyseusTesting", targets: ["ColyseusTesting"]),
        .library(name: "ColyseusClient", targets: ["ColyseusClient"]),
        .executable(name: "schema-codegen", targets: ["schema-codegen"]),
        .executable(name: "demo-server", targets: ["DemoServer"]),
        .executable(name: "colyseus-loadtest", targets: ["colyseus-loadtest"]),
        .plugin(name: "SchemaCodegenPlugin", targets: ["SchemaCodegenPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/ordo-one/malloc-interposer", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.3.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
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

        // libclang's C API declared without clang's headers, and a dlopen loader: no link flags, no headers.
        // (dlopen lives in libc from glibc 2.34 and in libSystem; older glibc keeps it in libdl.)
        .target(name: "CLibClang", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),

        // Generator core: schema files and annotated C++ headers (via libclang) -> model -> Swift and C++ source.
        .target(name: "SchemaCodegenCore", dependencies: ["CLibClang"]),

        // Thin command-line front end over SchemaCodegenCore.
        .executableTarget(
            name: "schema-codegen",
            dependencies: [
                "SchemaCodegenCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Colyseus protocol codes, close and error codes, and the frames of both directions (PROTOCOL.md §4).
        .target(name: "ColyseusProtocol", dependencies: ["ColyseusSchema"]),

        // The room runtime: rooms, clients, matchmaking, presence. Knows no HTTP or WebSocket library.
        .target(
            name: "ColyseusServer",
            dependencies: [
                "ColyseusSchema", "ColyseusProtocol", "MessagePack",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),

        // A small Redis client on SwiftNIO: RESP2/RESP3, pipelining, pub/sub, reconnection with backoff.
        .target(
            name: "RedisClient",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Several server processes on one Redis: Redis presence, room listings and process registry.
        .target(
            name: "ColyseusRedis",
            dependencies: [
                "ColyseusServer", "RedisClient",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The server on SwiftNIO: HTTP matchmaking and WebSocket rooms on one port, connections handed over to
        // their room's event loop, graceful shutdown.
        .target(
            name: "ColyseusNIO",
            dependencies: [
                "ColyseusServer", "ColyseusProtocol",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Build-tool plugin: generates Swift for every `.schema` and `.ts` schema source of a target.
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

        // The Swift client SDK: matchmaking, rooms with typed state, schema callbacks, reconnection.
        .target(
            name: "ColyseusClient",
            dependencies: [
                "ColyseusSchema", "ColyseusProtocol", "MessagePack",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),

        // Test tools: a server on a free port, matchmaking over HTTP, a raw-frame WebSocket client.
        .target(
            name: "ColyseusTesting",
            dependencies: [
                "ColyseusNIO", "ColyseusClient",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ]
        ),

        // The demo game server, the README's main job.
        .executableTarget(
            name: "DemoServer",
            dependencies: [
                "ColyseusNIO", "ColyseusServer", "ColyseusRedis", "DemoState",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // Schema benchmarks S1-S5 of BENCHMARKS.md; output fingerprints with swift-crypto's SHA256.
        .executableTarget(
            name: "schema-benchmarks",
            dependencies: [
                "ColyseusSchema",
                .product(name: "MallocInterposerSwift", package: "malloc-interposer"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/SchemaBenchmarks",
            plugins: ["SchemaCodegenPlugin"]
        ),

        // The load-test tool on the client SDK (E1 of BENCHMARKS.md against the demo server's "bench" room).
        .executableTarget(
            name: "colyseus-loadtest",
            dependencies: [
                "ColyseusClient", "DemoState",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            path: "Sources/LoadTest"
        ),

        // Reference vectors, JSON comparison, hex and seeded randomness shared by the test targets.
        .target(name: "SchemaTestSupport", path: "Tests/SchemaTestSupport"),
        .testTarget(name: "ColyseusSchemaTests", dependencies: ["ColyseusSchema", "SchemaTestSupport"]),
        // A real redis-server on a free port for the Redis tests (skipped with a printed reason when not installed).
        .target(name: "RedisTestSupport", dependencies: ["ColyseusTesting"], path: "Tests/RedisTestSupport"),
        // The Redis client: RESP parsing (fuzzed), URLs, and commands, pub/sub, timeouts, reconnection against redis-server.
        .testTarget(
            name: "RedisClientTests",
            dependencies: [
                "RedisClient", "RedisTestSupport", "SchemaTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Also the TypeScript and C# goldens (Golden/), type-checked with tsc and compiled with mcs against StandIns/.
        .testTarget(name: "SchemaCodegenCoreTests", dependencies: ["SchemaCodegenCore", "CLibClang", "SchemaTestSupport"], exclude: ["Golden", "StandIns"]),
        // Compiles the renderer's golden outputs (checked by SchemaCodegenCoreTests) and exercises them.
        .testTarget(
            name: "GeneratedCodeTests",
            dependencies: ["ColyseusSchema"],
            exclude: ["Golden/Collections.schema", "Golden/Entities.schema", "Golden/Monsters.schema", "Golden/Primitives.schema"]
        ),
        // The state classes of the reference vectors' schemas and of the captures' "wire" room, and their JSON form.
        .target(
            name: "VectorStates",
            dependencies: ["ColyseusSchema", "SchemaTestSupport"],
            path: "Tests/VectorStates",
            plugins: ["SchemaCodegenPlugin"]
        ),
        // Also compiles the C++ runtime with the generated C++ headers (clang++ and g++) and checks them on the vectors.
        .testTarget(name: "SchemaConformanceTests", dependencies: ["ColyseusSchema", "SchemaTestSupport", "VectorStates", "SchemaCodegenCore"]),
        .testTarget(name: "DemoStateTests", dependencies: ["DemoState", "ColyseusSchema"]),
        // Swift generated by the build plugin from the vectors' states written in TypeScript, checked against the vectors.
        .testTarget(
            name: "TypeScriptVectorTests",
            dependencies: ["ColyseusSchema", "SchemaTestSupport"],
            plugins: ["SchemaCodegenPlugin"]
        ),
        // The MessagePack vectors of Tests/Fixtures/vectors/protocol, §5.2 examples, hostile input, Codable round trips.
        .testTarget(name: "MessagePackTests", dependencies: ["MessagePack", "SchemaTestSupport"]),
        // Frame builders and client-frame parsing against frames.json and the examples of PROTOCOL.md §4.
        .testTarget(name: "ColyseusProtocolTests", dependencies: ["ColyseusProtocol", "ColyseusSchema", "SchemaTestSupport"]),
        // The runtime's parts without sockets: JSON values and bodies, ids, presence, locks, frames, URL and header parsing.
        .testTarget(name: "ColyseusServerUnitTests", dependencies: ["ColyseusServer", "ColyseusNIO", "SchemaTestSupport"]),
        // The room server end to end: real HTTP and WebSockets on loopback, against the reference captures.
        .testTarget(
            name: "ColyseusServerTests",
            dependencies: ["ColyseusServer", "ColyseusTesting", "ColyseusSchema", "SchemaTestSupport", "VectorStates"]
        ),
        // Builds cpp/ with CMake (g++, and clang++ under ASan+UBSan) and runs its ctest suite against the demo server.
        .testTarget(name: "CppClientTests", dependencies: ["ColyseusTesting", "SchemaTestSupport"]),
        // Redis presence, matchmaking across servers on one redis-server, and three demo-server processes.
        .testTarget(
            name: "ColyseusRedisTests",
            dependencies: ["ColyseusRedis", "ColyseusServer", "ColyseusTesting", "ColyseusClient", "DemoState", "RedisTestSupport"]
        ),
        // The client SDK end to end against this project's server (and the demo-server process), and the
        // reference vectors through its room path.
        .testTarget(
            name: "ColyseusClientTests",
            dependencies: [
                "ColyseusClient", "ColyseusServer", "ColyseusTesting", "SchemaTestSupport", "VectorStates", "DemoState",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            exclude: ["Fixtures"],
            plugins: ["SchemaCodegenPlugin"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
