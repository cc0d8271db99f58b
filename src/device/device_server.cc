// The device server (device_server.h): the profile's protocol handlers on a
// net::FramedServer, with simulated time advanced before each request and on
// a periodic tick.
#include "device/device_server.h"

#include "device/device_state.h"
#include "device/modbus_handler.h"
#include "proto/modbus/modbus_codec.h"
#include "proto/s7comm/s7comm_codec.h"
#include "net/framed_server.h"

namespace protolm::device {
namespace {

using Clock = std::chrono::steady_clock;

/// How often processes advance without requests (wall time).
constexpr auto kTickPeriod = std::chrono::milliseconds(100);

class Server : public DeviceServer {
 public:
  Server(const ServeOptions& options, std::unique_ptr<DeviceState> state)
      : bind_address_(options.bind_address),
        state_(std::move(state)),
        start_(Clock::now()),
        net_(NetOptions(options)) {}

  Status Listen(const std::string& protocol, uint16_t port,
                std::unique_ptr<net::ProtocolHandler> handler,
                uint16_t& bound) {
    ASSIGN_OR_RETURN(bound, net_.Listen(protocol, bind_address_, port,
                                        std::move(handler)));
    return Status::Ok();
  }
  void Start() { net_.Start(); }

  uint16_t modbus_port() const override { return modbus_port_; }
  uint16_t s7_port() const override { return s7_port_; }
  size_t connection_count() const override { return net_.connection_count(); }
  void Stop() override { net_.Stop(); }
  void RunUntilSignal() override { net_.RunUntilSignal(); }

  uint16_t modbus_port_ = 0;
  uint16_t s7_port_ = 0;

 private:
  /// The network options; one server thread, so handlers, sessions and the
  /// device state need no locks.
  net::ServerOptions NetOptions(const ServeOptions& options) {
    net::ServerOptions net;
    net.limits = options.limits;
    net.threads = 1;
    net.log = options.log;
    net.tick_period = kTickPeriod;
    const double rate = options.time_rate;
    net.on_tick = [this, rate] {
      std::chrono::duration<double> wall = Clock::now() - start_;
      state_->AdvanceTo(wall.count() * rate);
    };
    return net;
  }

  std::string bind_address_;
  std::unique_ptr<DeviceState> state_;
  Clock::time_point start_;
  net::FramedServer net_;  // last: stops (joins its thread) before the state goes
};

}  // namespace

uint16_t DeviceServer::PortOf(std::string_view protocol) const {
  if (protocol == modbus::kProtocolName) return modbus_port();
  if (protocol == s7comm::kProtocolName) return s7_port();
  return 0;
}

Result<std::unique_ptr<DeviceServer>> StartDeviceServer(
    const DeviceProfile& profile, const ServeOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<DeviceState> state,
                   DeviceState::Create(profile));
  DeviceState& state_ref = *state;
  auto server = std::make_unique<Server>(options, std::move(state));
  bool any = false;
  if (profile.modbus.enabled && options.modbus_port) {
    ASSIGN_OR_RETURN(auto handler, NewModbusHandler(profile, state_ref));
    RETURN_IF_ERROR(server->Listen(std::string(modbus::kProtocolName),
                                   *options.modbus_port,
                                   std::move(handler), server->modbus_port_));
    any = true;
  }
  if (profile.s7.enabled && options.s7_port && options.s7_handler) {
    ASSIGN_OR_RETURN(auto handler, options.s7_handler(profile, state_ref));
    RETURN_IF_ERROR(server->Listen(std::string(s7comm::kProtocolName),
                                   *options.s7_port,
                                   std::move(handler), server->s7_port_));
    any = true;
  }
  if (!any) {
    return InvalidArgument("profile " + profile.name +
                           " has nothing to serve with these options (Modbus "
                           "needs a \"modbus\" section, S7 an \"s7\" section "
                           "and the S7 handler)");
  }
  server->Start();
  return std::unique_ptr<DeviceServer>(std::move(server));
}

}  // namespace protolm::device
