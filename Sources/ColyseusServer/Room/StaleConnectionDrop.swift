/// A new socket of a session whose previous socket was still open (a network switch): it waits while the
/// old socket's leave hooks decide whether the seat is held for it.
struct StaleConnectionDrop {
    /// Resumed once the seat is held, the hooks finished, or `timeout` fired.
    let waiter: CheckedContinuation<Void, Never>
    let timeout: RoomClock.Timer
}
