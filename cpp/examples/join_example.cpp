// colyseus_join_example <endpoint> <room> <moves>
//
// Joins (or creates) <room> with the demo room's state (Schemas/MyRoomState.schema), prints `state <json>`
// for the first state, sends <moves> "move" messages {x: 1, y: 1} 50 ms apart, prints `patch <json>` on each
// state change, and once its own player is at x = y = <moves> leaves (consented), prints `left <code>` and
// exits 0. On any error it prints `error: <code> <message>` and exits 1; after 15 s without finishing, 2.
//
// It is also the smallest complete game loop: the client is polled once per frame, and every callback runs
// inside that call, on this thread.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <thread>

#include <colyseus/client.hpp>

#include "MyRoomState.schema.hpp"

namespace {

/// The "move" message: a position delta (`MSGPACK_DEFINE_MAP` sends it as {"x": .., "y": ..}).
struct Move {
    double x = 0;
    double y = 0;
    MSGPACK_DEFINE_MAP(x, y)
};

int usage() {
    std::cerr << "usage: colyseus_join_example <endpoint> <room> <moves>" << std::endl;
    return 64;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) return usage();
    const std::string endpoint = argv[1];
    const std::string room_name = argv[2];
    char* end = nullptr;
    const long moves = std::strtol(argv[3], &end, 10);
    if (*end != '\0' || moves < 0) return usage();

    using Clock = std::chrono::steady_clock;
    const Clock::time_point deadline = Clock::now() + std::chrono::seconds(15);
    int exit_code = -1;
    const auto fail = [&](int code, const std::string& message) {
        std::cout << "error: " << code << " " << message << std::endl;
        exit_code = 1;
    };

    try {
        colyseus::Client client(endpoint);
        std::shared_ptr<colyseus::Room<MyRoomState>> room;
        long sent = 0;
        Clock::time_point next_move;
        bool started = false;
        bool leaving = false;

        client.joinOrCreate<MyRoomState>(room_name, {}, [&](const colyseus::Error& error, std::shared_ptr<colyseus::Room<MyRoomState>> joined) {
            if (error) return fail(error.code, error.message);
            room = joined;
            room->onStateChange = [&](MyRoomState* state, bool isFirstState) {
                std::cout << (isFirstState ? "state " : "patch ") << state->to_json() << std::endl;
                started = true;
                const std::shared_ptr<Player>* self = state->players->find(room->sessionId());
                if (!leaving && self != nullptr && (*self)->x == static_cast<double>(moves) && (*self)->y == static_cast<double>(moves)) {
                    leaving = true;
                    room->leave();
                }
            };
            room->onError = [&](int code, const std::string& message) { fail(code, message); };
            room->onLeave = [&](int code, const std::string& reason) {
                if (!leaving) return fail(code, reason.empty() ? "the room closed" : reason);
                std::cout << "left " << code << std::endl;
                exit_code = 0;
            };
        });

        while (exit_code < 0) {
            client.poll();
            const Clock::time_point now = Clock::now();
            if (now >= deadline) {
                std::cerr << "colyseus_join_example: not finished after 15 s" << std::endl;
                return 2;
            }
            if (started && sent < moves && now >= next_move) {
                room->send("move", Move{1, 1});
                ++sent;
                next_move = now + std::chrono::milliseconds(50);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    } catch (const std::exception& error) {
        fail(0, error.what());
    }
    return exit_code;
}
