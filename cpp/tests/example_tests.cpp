// The join example's contract (command line, output lines, exit status), run as a process.
#include <doctest/doctest.h>

#include <cstdio>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>

#include "support/demo_server.hpp"

namespace {

struct Run {
    int status = -1;
    std::vector<std::string> lines;
};

Run run_example(const std::string& arguments) {
    const std::string command = std::string(COLYSEUS_JOIN_EXAMPLE_PATH) + " " + arguments + " 2>/dev/null";
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    char buffer[4096];
    std::string output;
    while (fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    const int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::istringstream stream(output);
    for (std::string line; std::getline(stream, line);) run.lines.push_back(line);
    return run;
}

}  // namespace

TEST_SUITE("example") {

TEST_CASE("colyseus_join_example moves its player and leaves") {
    const Run run = run_example(test::demo_endpoint() + " my_room 3");
    REQUIRE(run.status == 0);
    REQUIRE(run.lines.size() >= 5);
    const std::regex state(R"re(state \{"players":\{.*"([A-Za-z0-9_-]{9})":\{"x":0,"y":0\}.*\}\})re");
    std::smatch match;
    REQUIRE(std::regex_match(run.lines.front(), match, state));
    const std::string self = match[1];
    for (std::size_t line = 1; line + 1 < run.lines.size(); ++line) CHECK(run.lines[line].rfind("patch {\"players\":", 0) == 0);
    CHECK(run.lines[run.lines.size() - 2].find("\"" + self + "\":{\"x\":3,\"y\":3}") != std::string::npos);
    CHECK(run.lines.back() == "left 4000");
}

TEST_CASE("colyseus_join_example reports errors with the server's code") {
    const Run unknown = run_example(test::demo_endpoint() + " nope 1");
    CHECK(unknown.status == 1);
    CHECK(unknown.lines == std::vector<std::string>{"error: 520 provided room name \"nope\" not defined"});

    const Run zero = run_example(test::demo_endpoint() + " my_room 0");
    CHECK(zero.status == 0);
    CHECK(zero.lines.back() == "left 4000");
}

}  // TEST_SUITE
