// Colyseus C++ client: the protocol's frames as a client writes and reads them (PROTOCOL.md §4).
#ifndef COLYSEUS_CLIENT_PROTOCOL_HPP
#define COLYSEUS_CLIENT_PROTOCOL_HPP

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "message_type.hpp"

namespace colyseus::protocol {

/// Protocol codes, the first byte of every message (§4.1).
namespace code {
inline constexpr std::uint8_t join_room = 0x0A;
inline constexpr std::uint8_t error = 0x0B;
inline constexpr std::uint8_t leave_room = 0x0C;
inline constexpr std::uint8_t room_data = 0x0D;
inline constexpr std::uint8_t room_state = 0x0E;
inline constexpr std::uint8_t room_state_patch = 0x0F;
inline constexpr std::uint8_t room_data_bytes = 0x11;
inline constexpr std::uint8_t ping = 0x12;
}  // namespace code

/// Appends `value` in the schema `number` encoding (§8.3, little-endian).
void write_number(std::vector<std::uint8_t>& out, double value);
/// Appends `text` in the schema string encoding (§8.4).
void write_string(std::vector<std::uint8_t>& out, const std::string& text);

/// `code` followed by the message type (ROOM_DATA, ROOM_DATA_BYTES); throws `std::invalid_argument` for an
/// empty string type, which the reference cannot read (§12 #13).
std::vector<std::uint8_t> message_header(std::uint8_t code, const MessageType& type);

/// A server message that could not be read.
class FrameError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A message received from the server, classified by its first byte.
struct ServerFrame {
    enum class Kind { join_room, error, room_data, room_data_bytes, room_state, room_state_patch, ping, ignored };
    Kind kind = Kind::ignored;
    /// JOIN_ROOM: the reconnection token and the serializer (`"schema"` or `"none"`).
    std::string token;
    std::string serializer;
    /// ERROR: the code and message.
    int error_code = 0;
    std::string error_message;
    /// ROOM_DATA, ROOM_DATA_BYTES: the type.
    MessageType type = MessageType(0);
    /// Where the payload starts (JOIN_ROOM: the handshake, which may be empty; ROOM_DATA: the MessagePack
    /// value; ROOM_STATE and ROOM_STATE_PATCH: the state bytes).
    std::size_t payload = 0;

    /// Classifies `message`; throws `FrameError` when its fixed part is cut short or unreadable.
    static ServerFrame parse(const std::vector<std::uint8_t>& message);
};

}  // namespace colyseus::protocol

#endif
