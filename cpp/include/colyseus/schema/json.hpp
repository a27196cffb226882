// Colyseus schema C++ runtime: a small JSON writer for decoded states (debugging, tests, tools).
#ifndef COLYSEUS_SCHEMA_JSON_HPP
#define COLYSEUS_SCHEMA_JSON_HPP

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace colyseus::schema {

/// Builds compact JSON text. States follow the conventions of the reference vectors: unset
/// optional fields are omitted, `bigint64`/`biguint64` are `"<n>n"` strings, negative zero is `"-0"`,
/// sets and collections are arrays.
class JsonWriter {
public:
    void begin_object() { open('{'); }
    void end_object() { close('}'); }
    void begin_array() { open('['); }
    void end_array() { close(']'); }

    /// Writes an object member's key; the next value is its value.
    void key(const std::string& name) {
        separate();
        write_string(name);
        text_ += ':';
        after_key_ = true;
    }

    void value(const std::string& text) { separate(); write_string(text); }
    void value(bool flag) { separate(); text_ += flag ? "true" : "false"; }
    void value(std::int64_t number) { separate(); text_ += std::to_string(number); }
    void value(std::uint64_t number) { separate(); text_ += std::to_string(number); }
    void value(double number) {
        separate();
        if (number == 0 && std::signbit(number)) {
            text_ += "\"-0\"";
        } else if (std::isfinite(number)) {
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%.17g", number);
            text_ += buffer;
        } else {
            text_ += "null";
        }
    }
    /// A 64-bit integer of a `bigint64`/`biguint64` field, written as `"<n>n"` like the vectors.
    template <class Integer>
    void bigint(Integer number) { separate(); text_ += '"' + std::to_string(number) + "n\""; }

    /// The text written so far.
    const std::string& text() const noexcept { return text_; }

private:
    void open(char bracket) {
        separate();
        text_ += bracket;
        first_.push_back(true);
    }
    void close(char bracket) {
        text_ += bracket;
        first_.pop_back();
    }
    void separate() {
        if (after_key_) { after_key_ = false; return; }
        if (first_.empty()) return;
        if (!first_.back()) text_ += ',';
        first_.back() = false;
    }
    void write_string(const std::string& text) {
        text_ += '"';
        for (const char character : text) {
            const auto byte = static_cast<unsigned char>(character);
            switch (character) {
                case '"': text_ += "\\\""; break;
                case '\\': text_ += "\\\\"; break;
                case '\n': text_ += "\\n"; break;
                case '\r': text_ += "\\r"; break;
                case '\t': text_ += "\\t"; break;
                default:
                    if (byte < 0x20) {
                        char buffer[8];
                        std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(byte));
                        text_ += buffer;
                    } else {
                        text_ += character;
                    }
            }
        }
        text_ += '"';
    }

    std::string text_;
    std::vector<bool> first_;
    bool after_key_ = false;
};

}  // namespace colyseus::schema

#endif
