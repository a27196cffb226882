// Colyseus schema C++ runtime: the byte-level encodings of the @colyseus/schema 4 wire format
// (PROTOCOL.md §8.2-§8.5). Header-only, C++17, standard library only.
#ifndef COLYSEUS_SCHEMA_WIRE_HPP
#define COLYSEUS_SCHEMA_WIRE_HPP

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>

namespace colyseus::schema {

/// Why a state message could not be decoded; `offset()` is the byte where decoding stopped.
class DecodeError : public std::runtime_error {
public:
    DecodeError(const std::string& message, std::size_t offset)
        : std::runtime_error(message + " at byte " + std::to_string(offset)), offset_(offset) {}

    /// The offset of the byte that could not be decoded.
    std::size_t offset() const noexcept { return offset_; }

private:
    std::size_t offset_;
};

/// Operation codes (PROTOCOL.md §8.5).
namespace operation {
inline constexpr std::uint8_t add = 0x80;
inline constexpr std::uint8_t replace = 0x00;
inline constexpr std::uint8_t remove = 0x40;  // DELETE
inline constexpr std::uint8_t delete_and_add = 0xC0;
inline constexpr std::uint8_t move = 0x20;
inline constexpr std::uint8_t delete_and_move = 0x60;
inline constexpr std::uint8_t move_and_add = 0xA0;
inline constexpr std::uint8_t clear = 0x0A;
inline constexpr std::uint8_t reverse = 0x0F;
inline constexpr std::uint8_t delete_by_ref_id = 0x21;
inline constexpr std::uint8_t add_by_ref_id = 0x81;
inline constexpr std::uint8_t switch_to_structure = 0xFF;
inline constexpr std::uint8_t type_id = 0xD5;

/// Whether `op` carries the ADD bit.
constexpr bool has_add(std::uint8_t op) noexcept { return (op & 0x80) != 0; }
/// Whether `op` carries the DELETE bit.
constexpr bool has_delete(std::uint8_t op) noexcept { return (op & 0x40) != 0; }
}  // namespace operation

/// Reads the primitive encodings from a byte buffer it does not own, checking bounds on every read.
class ByteReader {
public:
    ByteReader(const std::uint8_t* data, std::size_t size) noexcept : data_(data), size_(size) {}

    std::size_t offset() const noexcept { return offset_; }
    bool at_end() const noexcept { return offset_ >= size_; }
    /// The next byte without consuming it; only valid when not at the end.
    std::uint8_t peek() const noexcept { return data_[offset_]; }

    std::uint8_t byte() {
        need(1, "a byte");
        return data_[offset_++];
    }
    bool boolean() { return byte() != 0; }
    std::int8_t int8() { return static_cast<std::int8_t>(byte()); }
    std::uint8_t uint8() { return byte(); }
    std::int16_t int16() { return static_cast<std::int16_t>(little_endian<std::uint16_t>("int16")); }
    std::uint16_t uint16() { return little_endian<std::uint16_t>("uint16"); }
    std::int32_t int32() { return static_cast<std::int32_t>(little_endian<std::uint32_t>("int32")); }
    std::uint32_t uint32() { return little_endian<std::uint32_t>("uint32"); }
    std::int64_t int64() { return static_cast<std::int64_t>(little_endian<std::uint64_t>("int64")); }
    std::uint64_t uint64() { return little_endian<std::uint64_t>("uint64"); }
    float float32() {
        const std::uint32_t bits = little_endian<std::uint32_t>("float32");
        float value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }
    double float64() {
        const std::uint64_t bits = little_endian<std::uint64_t>("float64");
        double value;
        std::memcpy(&value, &bits, sizeof value);
        return value;
    }

    /// The `number` encoding (§8.3). A first byte that starts no number yields 0 and consumes only itself.
    double number() {
        const std::uint8_t prefix = byte();
        if (prefix <= 0x7F) return prefix;
        if (prefix >= 0xE0) return static_cast<std::int8_t>(prefix);
        switch (prefix) {
            case 0xCA: return float32();
            case 0xCB: return float64();
            case 0xCC: return uint8();
            case 0xCD: return uint16();
            case 0xCE: return uint32();
            case 0xCF: {
                const double low = uint32();
                return static_cast<double>(uint32()) * 4294967296.0 + low;
            }
            case 0xD0: return int8();
            case 0xD1: return int16();
            case 0xD2: return int32();
            case 0xD3: {
                const double low = uint32();
                return static_cast<double>(int32()) * 4294967296.0 + low;
            }
            default: return 0;
        }
    }

    /// A `number` that must be a non-negative integer: a refId, a collection index or a type id.
    std::size_t index() {
        const std::size_t start = offset_;
        const double value = number();
        if (!(value >= 0) || value > 9007199254740992.0 || std::floor(value) != value) {
            throw DecodeError("expected a non-negative integer index", start);
        }
        return static_cast<std::size_t>(value);
    }

    /// The string encoding (§8.4); rejects invalid UTF-8.
    std::string string() {
        const std::size_t start = offset_;
        const std::uint8_t prefix = byte();
        std::size_t length;
        if (prefix < 0xC0) {
            length = prefix & 0x1F;
        } else if (prefix == 0xD9) {
            length = uint8();
        } else if (prefix == 0xDA) {
            length = uint16();
        } else if (prefix == 0xDB) {
            length = uint32();
        } else if (prefix == 0xC0) {
            length = 0;  // MessagePack nil, sent by some encoders for null strings
        } else {
            throw DecodeError("expected a string", start);
        }
        need(length, "string bytes");
        std::string text(reinterpret_cast<const char*>(data_ + offset_), length);
        offset_ += length;
        if (!is_valid_utf8(text)) throw DecodeError("invalid UTF-8 in a string", start);
        return text;
    }

private:
    void need(std::size_t count, const char* what) const {
        if (count > size_ - offset_) throw DecodeError(std::string("truncated: expected ") + what, offset_);
    }

    template <class Unsigned>
    Unsigned little_endian(const char* what) {
        need(sizeof(Unsigned), what);
        Unsigned value = 0;
        for (std::size_t i = 0; i < sizeof(Unsigned); ++i) {
            value |= static_cast<Unsigned>(static_cast<Unsigned>(data_[offset_ + i]) << (8 * i));
        }
        offset_ += sizeof(Unsigned);
        return value;
    }

    static bool is_valid_utf8(const std::string& text) noexcept {
        std::size_t i = 0;
        while (i < text.size()) {
            const auto lead = static_cast<unsigned char>(text[i]);
            std::size_t extra;
            std::uint32_t minimum;
            if (lead < 0x80) { ++i; continue; }
            if ((lead & 0xE0) == 0xC0) { extra = 1; minimum = 0x80; }
            else if ((lead & 0xF0) == 0xE0) { extra = 2; minimum = 0x800; }
            else if ((lead & 0xF8) == 0xF0) { extra = 3; minimum = 0x10000; }
            else return false;
            if (extra > text.size() - i - 1) return false;
            std::uint32_t code = lead & (0x3F >> extra);
            for (std::size_t k = 1; k <= extra; ++k) {
                const auto next = static_cast<unsigned char>(text[i + k]);
                if ((next & 0xC0) != 0x80) return false;
                code = (code << 6) | (next & 0x3F);
            }
            if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return false;
            i += extra + 1;
        }
        return true;
    }

    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t offset_ = 0;
};

}  // namespace colyseus::schema

#endif
