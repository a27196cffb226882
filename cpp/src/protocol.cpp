#include "colyseus/client/protocol.hpp"

#include <cmath>
#include <cstring>
#include <limits>

#include "colyseus/schema/wire.hpp"

namespace colyseus::protocol {

namespace {

template <class Unsigned>
void write_little_endian(std::vector<std::uint8_t>& out, Unsigned value) {
    for (std::size_t i = 0; i < sizeof(Unsigned); ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

/// Reads a message type (§4.2): a string iff the first byte is `a1`-`bf`, `d9`, `da` or `db`, else an integer.
MessageType read_type(schema::ByteReader& reader) {
    if (reader.at_end()) throw FrameError("the message type is missing");
    const std::uint8_t prefix = reader.peek();
    if ((prefix >= 0xA1 && prefix <= 0xBF) || prefix == 0xD9 || prefix == 0xDA || prefix == 0xDB) return MessageType(reader.string());
    if (prefix <= 0x7F || prefix >= 0xE0 || (prefix >= 0xCA && prefix <= 0xD3)) {
        const double value = reader.number();
        if (std::floor(value) != value || std::fabs(value) > 9007199254740991.0) {
            throw FrameError("the message type " + std::to_string(value) + " is not an integer");
        }
        return MessageType(static_cast<long long>(value));
    }
    throw FrameError("unreadable message type");
}

}  // namespace

void write_number(std::vector<std::uint8_t>& out, double value) {
    if (std::isnan(value)) value = 0;
    if (std::isinf(value)) value = value > 0 ? 9007199254740991.0 : -9007199254740991.0;
    const bool is_int32 = std::floor(value) == value && value >= -2147483648.0 && value < 2147483648.0;
    if (!is_int32) {
        const float single = static_cast<float>(value);
        if (std::fabs(value) <= 3.4028235e38 && std::fabs(std::fabs(static_cast<double>(single)) - std::fabs(value)) < 1e-4) {
            std::uint32_t bits;
            std::memcpy(&bits, &single, sizeof bits);
            out.push_back(0xCA);
            write_little_endian(out, bits);
        } else {
            std::uint64_t bits;
            std::memcpy(&bits, &value, sizeof bits);
            out.push_back(0xCB);
            write_little_endian(out, bits);
        }
        return;
    }
    const auto integer = static_cast<std::int64_t>(value);
    if (integer >= 0) {
        if (integer < 0x80) {
            out.push_back(static_cast<std::uint8_t>(integer));
        } else if (integer < 0x100) {
            out.push_back(0xCC);
            out.push_back(static_cast<std::uint8_t>(integer));
        } else if (integer < 0x10000) {
            out.push_back(0xCD);
            write_little_endian(out, static_cast<std::uint16_t>(integer));
        } else {
            out.push_back(0xCE);
            write_little_endian(out, static_cast<std::uint32_t>(integer));
        }
    } else if (integer >= -32) {
        out.push_back(static_cast<std::uint8_t>(integer));
    } else if (integer >= -128) {
        out.push_back(0xD0);
        out.push_back(static_cast<std::uint8_t>(integer));
    } else if (integer >= -32768) {
        out.push_back(0xD1);
        write_little_endian(out, static_cast<std::uint16_t>(integer));
    } else {
        out.push_back(0xD2);
        write_little_endian(out, static_cast<std::uint32_t>(integer));
    }
}

void write_string(std::vector<std::uint8_t>& out, const std::string& text) {
    const std::size_t length = text.size();
    if (length < 32) {
        out.push_back(static_cast<std::uint8_t>(0xA0 | length));
    } else if (length < 0x100) {
        out.push_back(0xD9);
        out.push_back(static_cast<std::uint8_t>(length));
    } else if (length < 0x10000) {
        out.push_back(0xDA);
        write_little_endian(out, static_cast<std::uint16_t>(length));
    } else {
        out.push_back(0xDB);
        write_little_endian(out, static_cast<std::uint32_t>(length));
    }
    out.insert(out.end(), text.begin(), text.end());
}

std::vector<std::uint8_t> message_header(std::uint8_t code, const MessageType& type) {
    std::vector<std::uint8_t> header{code};
    if (type.is_string()) {
        if (type.text().empty()) throw std::invalid_argument("an empty message type cannot be sent (the server could not read it)");
        write_string(header, type.text());
    } else {
        write_number(header, static_cast<double>(type.number()));
    }
    return header;
}

ServerFrame ServerFrame::parse(const std::vector<std::uint8_t>& message) {
    ServerFrame frame;
    if (message.empty()) return frame;
    schema::ByteReader reader(message.data(), message.size());
    const std::uint8_t first = reader.byte();
    try {
        switch (first) {
            case code::join_room: {
                const auto short_string = [&](const char* what) {
                    const std::size_t length = reader.byte();
                    if (length > message.size() - reader.offset()) throw FrameError(std::string("JOIN_ROOM ") + what + " cut short");
                    std::string text(reinterpret_cast<const char*>(message.data() + reader.offset()), length);
                    for (std::size_t i = 0; i < length; ++i) reader.byte();
                    return text;
                };
                frame.kind = Kind::join_room;
                frame.token = short_string("reconnection token");
                frame.serializer = short_string("serializer");
                frame.payload = reader.offset();
                break;
            }
            case code::error: {
                frame.kind = Kind::error;
                const double error_code = reader.number();
                frame.error_code = std::floor(error_code) == error_code && std::fabs(error_code) < 2147483648.0 ? static_cast<int>(error_code) : 0;
                frame.error_message = reader.at_end() ? "" : reader.string();
                break;
            }
            case code::room_data:
            case code::room_data_bytes:
                frame.kind = first == code::room_data ? Kind::room_data : Kind::room_data_bytes;
                frame.type = read_type(reader);
                frame.payload = reader.offset();
                break;
            case code::room_state:
            case code::room_state_patch:
                frame.kind = first == code::room_state ? Kind::room_state : Kind::room_state_patch;
                frame.payload = 1;
                break;
            case code::ping:
                frame.kind = Kind::ping;
                break;
            default:
                break;
        }
    } catch (const schema::DecodeError& error) {
        throw FrameError(std::string("unreadable server message: ") + error.what());
    }
    return frame;
}

}  // namespace colyseus::protocol
