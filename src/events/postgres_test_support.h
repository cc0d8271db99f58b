// ThrowawayPostgres: a real PostgreSQL server for the event store's tests,
// started in a temporary directory and removed afterwards.
//
// initdb into a ScratchDir, then pg_ctl start on 127.0.0.1 with a free
// ephemeral port and the unix socket in the same directory; fsync off (the
// data are thrown away). initdb refuses to run as root, so when the tests
// run as root (euid 0) the directory is given to the `postgres` user and
// initdb/pg_ctl run as that user through `runuser -u postgres --`. The
// binaries are looked up in /usr/lib/postgresql/<version>/bin (Debian's
// `postgresql` package); when they are missing the test fails naming the
// package: these tests never skip. Header-only: used by tests only. Not
// thread-safe.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "testing/run_program.h"
#include "testing/scratch_dir.h"

namespace protolm::events {

class ThrowawayPostgres {
 public:
  /// Starts the server; on failure the current test fails and url() is "".
  ThrowawayPostgres() {
    std::string bin = FindBinDir();
    if (bin.empty()) {
      ADD_FAILURE() << "PostgreSQL server binaries (initdb, pg_ctl) not found "
                       "under /usr/lib/postgresql/*/bin; install the "
                       "`postgresql` package (scripts/setup.sh)";
      return;
    }
    pg_ctl_ = bin + "/pg_ctl";
    data_ = dir_.Path("data");
    if (geteuid() == 0) {
      passwd* user = getpwnam("postgres");
      if (user == nullptr) {
        ADD_FAILURE() << "running as root needs the `postgres` user (created "
                         "by the `postgresql` package) to run initdb";
        return;
      }
      if (chown(dir_.Path("").c_str(), user->pw_uid, user->pw_gid) != 0) {
        ADD_FAILURE() << "chown " << dir_.Path("") << " to postgres failed";
        return;
      }
      as_postgres_ = {"runuser", "-u", "postgres", "--"};
    }
    port_ = FreePort();
    testing::CommandResult init =
        Run({bin + "/initdb", "-D", data_, "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C", "--no-sync"});
    if (init.exit_code != 0) {
      ADD_FAILURE() << "initdb failed: " << init.err;
      return;
    }
    testing::CommandResult start =
        Run({pg_ctl_, "-D", data_, "-l", dir_.Path("server.log"), "-w", "-t",
             "60", "-o",
             "-p " + std::to_string(port_) + " -k " + dir_.Path("") +
                 " -c listen_addresses=127.0.0.1 -c fsync=off",
             "start"});
    if (start.exit_code != 0) {
      ADD_FAILURE() << "pg_ctl start failed: " << start.out << start.err;
      return;
    }
    started_ = true;
  }

  ~ThrowawayPostgres() {
    if (started_) Run({pg_ctl_, "-D", data_, "-m", "immediate", "-w", "stop"});
  }

  ThrowawayPostgres(const ThrowawayPostgres&) = delete;
  ThrowawayPostgres& operator=(const ThrowawayPostgres&) = delete;

  bool started() const { return started_; }
  uint16_t port() const { return port_; }
  /// "postgresql://postgres@127.0.0.1:PORT/DATABASE".
  std::string Url(const std::string& database) const {
    return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" +
           database;
  }

 private:
  static std::string FindBinDir() {
    std::error_code ec;
    std::string found;
    for (const auto& entry :
         std::filesystem::directory_iterator("/usr/lib/postgresql", ec))
      if (std::filesystem::exists(entry.path() / "bin" / "initdb"))
        found = (entry.path() / "bin").string();  // the last (newest) wins
    return found;
  }

  /// A port the kernel just had free: bind port 0, read it, close.
  static uint16_t FreePort() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof(addr);
    uint16_t port = 0;
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0 &&
        getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
      port = ntohs(addr.sin_port);
    close(fd);
    return port;
  }

  testing::CommandResult Run(std::vector<std::string> argv) const {
    std::vector<std::string> full = as_postgres_;
    full.insert(full.end(), argv.begin(), argv.end());
    return testing::RunCommand(full);
  }

  testing::ScratchDir dir_;
  std::string data_;
  std::string pg_ctl_;
  std::vector<std::string> as_postgres_;
  uint16_t port_ = 0;
  bool started_ = false;
};

}  // namespace protolm::events
