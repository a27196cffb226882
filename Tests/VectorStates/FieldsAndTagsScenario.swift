import ColyseusSchema
import SchemaTestSupport

/// The state and the steps of `session-stateview.json`'s `fieldsAndTags` scenario, as the reference run
/// built them: players p1 (with a card in hand) and p2, an empty hidden map, round 1; clients A and B
/// have views, C has none. Used by the encoder test and by the room test.
public final class FieldsAndTagsScenario {
    public let state = ViewState()
    public let p1: ViewPlayer
    public let p2: ViewPlayer
    private var h1: ViewCard?

    public init() {
        state.hidden = MapSchema()
        p1 = Self.player("a", secret: 11, score: 100, cards: [Self.card("H", 1)])
        p2 = Self.player("b", secret: 22, score: 200, cards: [])
        state.players["p1"] = p1
        state.players["p2"] = p2
        state.round = 1
    }

    /// The first step, before the full states: A's view holds p1.
    public func prepareViews(a: StateView) {
        a.add(p1)
    }

    /// The number of steps after the full states.
    public static let patchSteps = 9

    /// Performs step `number` (1...9, the vector's steps after the full states).
    public func perform(step number: Int, a: StateView, b: StateView) {
        switch number {
        case 1: p1.secret = 12; p2.secret = 23; p1.name = "A"; state.round = 2
        case 2: b.add(p2)
        case 3: a.add(p1, tag: 1)
        case 4:
            p1.score = 101
            p2.score = 201
            let card = Self.card("S", 9)
            h1 = card
            state.hidden!["h1"] = card
        case 5: a.add(h1!)
        case 6: h1!.value = 10
        case 7: b.remove(p2)
        case 8: p1.hand!.append(Self.card("D", 2))
        case 9: a.remove(p1)
        default: preconditionFailure("fieldsAndTags has no step \(number)")
        }
    }

    /// PROTOCOL.md §12 #9: when B adds p2 (default tag), the reference also sends p2's `@view(1)` field
    /// `score` (`83c8` = 200), which B never asked for (it added no tag 1): the very value tags hide.
    /// We send the rest of that frame byte for byte and never `score`, so B's state has no `score`
    /// until p2 leaves its view (the official decoder reads the shorter frame alike: it is the same
    /// operations minus the last one).
    public static func withoutCustomTagLeak(client: String, step: Int, hex: String, decoded: JSONValue?) -> (String, JSONValue?) {
        guard client == "B" else { return (hex, decoded) }
        var hex = hex
        if step == 2 {
            precondition(hex.hasSuffix("83c8"), "the vector no longer shows the leak")
            hex.removeLast(4)
        }
        return (hex, decoded.map(withoutScoreOfP2))
    }

    private static func withoutScoreOfP2(_ state: JSONValue) -> JSONValue {
        guard case var .object(members) = state, case var .object(players)? = members["players"],
              case var .object(p2)? = players["p2"] else { return state }
        p2["score"] = nil
        players["p2"] = .object(p2)
        members["players"] = .object(players)
        return .object(members)
    }

    private static func card(_ suit: String, _ value: UInt8) -> ViewCard {
        let card = ViewCard()
        card.suit = suit
        card.value = value
        return card
    }

    private static func player(_ name: String, secret: UInt8, score: UInt8, cards: [ViewCard]) -> ViewPlayer {
        let player = ViewPlayer()
        player.hand = ArraySchema()  // the reference's field initializer
        player.name = name
        player.secret = secret
        player.score = score
        for card in cards { player.hand!.append(card) }
        return player
    }
}
