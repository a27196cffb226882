/// The five matchmaking requests (`POST /matchmake/<method>/<roomNameOrId>`).
public enum MatchmakingMethod: String, Sendable, CaseIterable {
    case joinOrCreate
    case create
    case join
    case joinById
    case reconnect
}
