// Colyseus C++ client: a seat the matchmaker reserved (PROTOCOL.md §2.3).
#ifndef COLYSEUS_CLIENT_SEAT_RESERVATION_HPP
#define COLYSEUS_CLIENT_SEAT_RESERVATION_HPP

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace colyseus {

/// A seat in a room, as `POST /matchmake/...` answers it; `Client::consumeSeatReservation` joins with it.
struct SeatReservation {
    /// The room type's name.
    std::string name;
    std::string sessionId;
    std::string roomId;
    std::string processId;
    /// Where to connect instead of the client's endpoint (empty: the endpoint).
    std::string publicAddress;
    /// Set for a manual reconnection: the token the WebSocket URL carries.
    std::string reconnectionToken;

    /// Reads the matchmaker's answer; `std::nullopt` when a required field is missing.
    static std::optional<SeatReservation> from_json(const nlohmann::json& json) {
        const auto text = [&](const char* key) -> std::optional<std::string> {
            const auto found = json.find(key);
            if (found == json.end() || !found->is_string()) return std::nullopt;
            return found->get<std::string>();
        };
        if (!json.is_object()) return std::nullopt;
        const auto name = text("name"), session = text("sessionId"), room = text("roomId"), process = text("processId");
        if (!name || !session || !room || !process) return std::nullopt;
        return SeatReservation{*name, *session, *room, *process, text("publicAddress").value_or(""), ""};
    }
};

}  // namespace colyseus

#endif
