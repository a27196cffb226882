#include "support/demo_server.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace test {

namespace {

/// A demo-server process; stopped (SIGTERM, then waited for) when the test process ends.
class DemoServer {
public:
    DemoServer() {
        const std::string path = COLYSEUS_DEMO_SERVER_PATH;
        if (access(path.c_str(), X_OK) != 0) {
            throw std::runtime_error("no demo-server at " + path +
                                     ": build it with `swift build --product demo-server`, or configure with -DCOLYSEUS_DEMO_SERVER=<path>");
        }
        char log_path[] = "/tmp/colyseus-demo-server-XXXXXX";
        const int log = mkstemp(log_path);
        if (log < 0) throw std::runtime_error("cannot create the demo server's log file");
        log_path_ = log_path;
        pid_ = fork();
        if (pid_ < 0) throw std::runtime_error("cannot start the demo server");
        if (pid_ == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive the tests
            dup2(log, STDOUT_FILENO);
            dup2(log, STDERR_FILENO);
            execl(path.c_str(), path.c_str(), "--host", "127.0.0.1", "--port", "0", "--log-level", "warning", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(log);
        const std::regex listening("demo-server listening on http://127\\.0\\.0\\.1:([0-9]+)");
        for (int attempt = 0; attempt < 1500 && port_ == 0; ++attempt) {
            std::ifstream file(log_path_);
            std::stringstream text;
            text << file.rdbuf();
            std::smatch match;
            const std::string output = text.str();
            if (std::regex_search(output, match, listening)) port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
            int status = 0;
            if (port_ == 0 && waitpid(pid_, &status, WNOHANG) == pid_) throw std::runtime_error("the demo server exited: " + output);
            if (port_ == 0) usleep(10000);
        }
        if (port_ == 0) throw std::runtime_error("the demo server did not listen within 15 s");
    }

    ~DemoServer() {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
        std::remove(log_path_.c_str());
    }

    std::uint16_t port() const { return port_; }

private:
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    std::string log_path_;
};

}  // namespace

std::uint16_t demo_server_port() {
    static DemoServer server;
    return server.port();
}

std::string unique_name(const std::string& prefix) {
    static std::atomic<int> counter{0};
    return prefix + "-" + std::to_string(getpid()) + "-" + std::to_string(++counter);
}

}  // namespace test
