/// A room type registered under a name: how to make one, its default options and matchmaking rules.
public struct RoomDefinition: Sendable {
    /// The name clients ask for.
    public let name: String
    /// The room class.
    public let roomType: AnyRoom.Type
    /// Options merged over the client's options for `onCreate` (these win, as in the reference).
    public var defaultOptions: JSONValue
    /// Option names whose values must be equal for `join`/`joinOrCreate` to pick an existing room.
    public var filterBy: [String]

    public init(name: String, roomType: AnyRoom.Type, defaultOptions: JSONValue = .object([:]), filterBy: [String] = []) {
        self.name = name
        self.roomType = roomType
        self.defaultOptions = defaultOptions
        self.filterBy = filterBy
    }
}
