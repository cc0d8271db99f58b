// Test support for the load generator: a scripted TCP server on loopback
// (one that never answers, answers garbage, closes after the first request,
// ...) and the in-process device simulator the load tests run against.
// Header-only; tests only.
#pragma once

#include <gtest/gtest.h>

#include <array>
#include <asio.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "device/device_server.h"
#include "device/s7/s7_handler.h"
#include "util/bytes.h"

namespace protolm::loadgen {

/// A server on 127.0.0.1 (an ephemeral port) that hands every chunk a
/// connection reads to `script` and does what it says: send `reply` (if not
/// empty), then close the connection if `close`. Runs on its own thread
/// until destroyed; `script` is called there.
class ScriptedServer {
 public:
  struct Reaction {
    Bytes reply;
    bool close = false;
  };
  using Script = std::function<Reaction(ByteView received)>;

  explicit ScriptedServer(Script script)
      : acceptor_(io_, asio::ip::tcp::endpoint(
                           asio::ip::make_address("127.0.0.1"), 0)),
        script_(std::move(script)) {
    Accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~ScriptedServer() {
    io_.stop();
    thread_.join();
  }
  uint16_t port() const { return acceptor_.local_endpoint().port(); }

 private:
  struct Peer {
    explicit Peer(asio::ip::tcp::socket s) : socket(std::move(s)) {}
    asio::ip::tcp::socket socket;
    std::array<uint8_t, 4096> chunk{};
    Bytes reply;
  };

  void Accept() {
    acceptor_.async_accept(
        [this](const asio::error_code& ec, asio::ip::tcp::socket socket) {
          if (ec) return;
          Read(std::make_shared<Peer>(std::move(socket)));
          Accept();
        });
  }
  void Read(std::shared_ptr<Peer> peer) {
    peer->socket.async_read_some(
        asio::buffer(peer->chunk),
        [this, peer](const asio::error_code& ec, size_t n) {
          if (ec) return;
          Reaction r = script_(ByteView(peer->chunk.data(), n));
          peer->reply = std::move(r.reply);
          const bool close = r.close;
          asio::async_write(
              peer->socket, asio::buffer(peer->reply),
              [this, peer, close](const asio::error_code& wec, size_t) {
                if (wec || close) {
                  asio::error_code ignored;
                  peer->socket.close(ignored);
                  return;
                }
                Read(peer);
              });
        });
  }

  asio::io_context io_;
  asio::ip::tcp::acceptor acceptor_;
  Script script_;
  std::thread thread_;
};

/// The simulator of `protocol` on an ephemeral loopback port: the built-in
/// wago-750-881 (Modbus) or s7-315-2pn (S7), with simulated time standing
/// still, so equal requests get equal answers. Null (and a test failure)
/// when it cannot start.
inline std::unique_ptr<device::DeviceServer> ServeSimulator(
    const std::string& protocol) {
  const bool s7 = protocol == "s7comm";
  auto profile = device::BuiltinProfile(s7 ? "s7-315-2pn" : "wago-750-881");
  EXPECT_TRUE(profile.ok()) << profile.status().message();
  if (!profile.ok()) return nullptr;
  device::ServeOptions options;
  options.time_rate = 0;
  options = device::s7::ServeOnly(protocol, options);
  auto server = device::StartDeviceServer(*profile, options);
  EXPECT_TRUE(server.ok()) << server.status().message();
  return server.ok() ? std::move(server).value() : nullptr;
}

}  // namespace protolm::loadgen
