// Colyseus C++ client: the type of a room message, a string or an integer (PROTOCOL.md §4.2).
#ifndef COLYSEUS_CLIENT_MESSAGE_TYPE_HPP
#define COLYSEUS_CLIENT_MESSAGE_TYPE_HPP

#include <string>
#include <type_traits>
#include <utility>

namespace colyseus {

/// A message type: `"move"` or `7`. Empty strings are refused when sending (the reference cannot read them).
class MessageType {
public:
    MessageType(const char* text) : text_(text), is_string_(true) {}
    MessageType(std::string text) : text_(std::move(text)), is_string_(true) {}
    template <class Integer, std::enable_if_t<std::is_integral_v<Integer> && !std::is_same_v<Integer, bool>, int> = 0>
    MessageType(Integer number) : number_(static_cast<long long>(number)), is_string_(false) {}

    bool is_string() const noexcept { return is_string_; }
    /// The string type (empty for an integer type).
    const std::string& text() const noexcept { return text_; }
    /// The integer type (0 for a string type).
    long long number() const noexcept { return number_; }

    /// The type as the server prints it: the string itself, or the number.
    std::string description() const { return is_string_ ? text_ : std::to_string(number_); }

    friend bool operator==(const MessageType& left, const MessageType& right) {
        return left.is_string_ == right.is_string_ && left.text_ == right.text_ && left.number_ == right.number_;
    }
    friend bool operator!=(const MessageType& left, const MessageType& right) { return !(left == right); }
    friend bool operator<(const MessageType& left, const MessageType& right) {
        if (left.is_string_ != right.is_string_) return !left.is_string_;
        return left.is_string_ ? left.text_ < right.text_ : left.number_ < right.number_;
    }

private:
    std::string text_;
    long long number_ = 0;
    bool is_string_;
};

}  // namespace colyseus

#endif
