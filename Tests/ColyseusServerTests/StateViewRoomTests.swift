import ColyseusSchema
import ColyseusServer
import ColyseusTesting
import Testing
import VectorStates
import enum SchemaTestSupport.Hex
import struct SchemaTestSupport.StateViewVector

/// `session-stateview.json`'s `fieldsAndTags` through a real room and real WebSockets: three clients
/// (A and B with views, C without) receive, frame for frame, what the reference server sends each of
/// them, including "nothing" when only other clients' views changed.
@Suite struct StateViewRoomTests {
    @Test func eachClientGetsItsFramesOfTheVector() async throws {
        let scenario = try StateViewVector.load().scenario("fieldsAndTags")
        let server = try await TestServer.start { $0.define("views", ViewRoom.self) }
        do {
            var clients: [String: JoinedClient] = [:]
            for name in ["A", "B", "C"] {
                let client = try await JoinedClient.join(server, "joinOrCreate", "views", options: #"{"name":"\#(name)"}"#)
                clients[name] = client
                let expected = try #require(scenario.steps[0].frame(name)?.hex)
                #expect(client.stateFrame.map(Hex.encode) == expected, "full state of \(name)")
            }
            for step in 1...FieldsAndTagsScenario.patchSteps {
                try await clients["C"]!.wire.send(ClientMessage.data("step", [UInt8(step)]))
                for name in ["A", "B", "C"] {
                    let frame = try #require(scenario.steps[step].frame(name))
                    guard let hex = frame.hex else { continue }
                    let (expected, _) = FieldsAndTagsScenario.withoutCustomTagLeak(client: name, step: step, hex: hex, decoded: nil)
                    let received = try await clients[name]!.wire.nextBinary()
                    #expect(Hex.encode(received) == expected, "\(scenario.steps[step].step): \(name)")
                }
                for name in ["A", "B", "C"] where scenario.steps[step].frame(name)?.hex == nil {
                    #expect(try await clients[name]!.wire.staysQuiet(for: .milliseconds(100)), "\(scenario.steps[step].step): \(name) gets nothing")
                }
            }
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }
}

/// The room of the scenario: patches only when a step ran (manual patch rate); option "name" tells
/// which client joins (A and B get views).
final class ViewRoom: Room<ViewState> {
    private let scenario = FieldsAndTagsScenario()
    private var views: [String: StateView] = [:]

    override func onCreate(options: JSONValue) async throws {
        setState(scenario.state)
        setPatchRate(nil)
        broadcastPatch()  // the reference room's first tick, before anyone joined: changes are discarded
        onMessage("step") { [unowned self] _, value in
            scenario.perform(step: Int(value.intValue ?? 0), a: views["A"]!, b: views["B"]!)
            broadcastPatch()
        }
    }

    override func onJoin(_ client: Client, options: JSONValue, auth: Any?) async throws {
        let name = options["name"]?.stringValue ?? ""
        guard name != "C" else { return }
        let view = StateView()
        if name == "A" { scenario.prepareViews(a: view) }
        views[name] = view
        client.view = view
    }
}
