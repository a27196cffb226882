import ColyseusSchema
import Foundation
import SchemaTestSupport
import Testing

/// The reference encoded the vectors' states from TypeScript classes. The Swift classes the build plugin
/// generates from VectorSchemas.ts (the same classes as a TypeScript server declares them) give the same
/// reflection handshake bytes as every vector case.
@Suite("Swift classes generated from TypeScript")
struct HandshakeTests {
    /// The root state class of each vector case, by the name the vector gives it.
    static let rootTypes: [String: Schema.Type] = [
        "Primitives": Primitives.self, "NumberBox": NumberBox.self, "StringBox": StringBox.self, "ChildState": ChildState.self,
        "ArrayPrimState": ArrayPrimState.self, "ArraySchemaState": ArraySchemaState.self, "MapState": MapState.self,
        "SetCollState": SetCollState.self, "InheritState": InheritState.self, "SharedState": SharedState.self,
        "ManyState": ManyState.self, "MyRoomState": MyRoomState.self,
    ]

    /// The part of a vector case this test reads.
    private struct Case: Decodable {
        let rootType: String
        let handshake: String
    }

    static let caseNames: [String] = (try? SchemaVector.fileNames().filter { !$0.hasPrefix("_") }) ?? []

    @Test func everyVectorCaseIsChecked() {
        #expect(Self.caseNames.count == 14)
    }

    @Test(arguments: caseNames)
    func handshakeMatchesTheVector(file: String) throws {
        let vector = try Fixtures.decode(Case.self, from: "vectors/schema/\(file)")
        let type = try #require(Self.rootTypes[vector.rootType], "no class for root type \(vector.rootType)")
        let encoder = StateEncoder(state: type.init())
        #expect(Hex.encode(encoder.encodeHandshake()) == vector.handshake)
    }
}
