/// State shared by the operations of one encode: the type ids for TYPE_ID markers and what is
/// needed to avoid marker-byte collisions (PROTOCOL.md §8.16).
public final class EncodeContext {
    /// The type context of the encoded state.
    public let types: TypeContext
    /// Writer offset right after the last Schema-typed ADD value (a refId the decoder may peek past
    /// for a TYPE_ID marker), or -1.
    @exclusivity(unchecked) @usableFromInline var offsetAfterChildAdd = -1

    init(types: TypeContext) {
        self.types = types
    }
}
