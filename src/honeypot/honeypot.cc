// Serving cloned devices (honeypot.h).
#include "honeypot/honeypot.h"

#include "honeypot/served_model.h"

namespace protolm::honeypot {
namespace {

/// The first port the protocol's codec is served on by default.
uint16_t WellKnownPort(const Protocol& protocol) {
  const auto ports = protocol.codec().well_known_ports();
  return ports.empty() ? 0 : ports.front();
}

class RunningHoneypot : public Honeypot {
 public:
  explicit RunningHoneypot(const HoneypotOptions& options)
      : server_(NetOptions(options)) {}
  ~RunningHoneypot() override { server_.Stop(); }

  Status Add(const ListenerSpec& spec, const CloneHandlerOptions& clone) {
    ASSIGN_OR_RETURN(std::unique_ptr<ServedModel> model,
                     LoadServedModel(spec.model_path));
    const std::string protocol(model->protocol->name());
    uint16_t port = spec.port ? *spec.port : WellKnownPort(*model->protocol);
    ASSIGN_OR_RETURN(uint16_t bound,
                     server_.Listen(protocol, spec.address, port,
                                    NewCloneHandler(*model, clone)));
    listeners_.push_back(ServedListener{spec.model_path, protocol,
                                        model->profile, spec.address, bound});
    models_.push_back(std::move(model));
    return Status::Ok();
  }
  void Start() { server_.Start(); }

  const std::vector<ServedListener>& listeners() const override {
    return listeners_;
  }
  size_t connection_count() const override {
    return server_.connection_count();
  }
  void Stop() override { server_.Stop(); }
  void RunUntilSignal() override { server_.RunUntilSignal(); }

 private:
  static net::ServerOptions NetOptions(const HoneypotOptions& options) {
    net::ServerOptions net;
    net.limits = options.limits;
    net.threads = options.threads;
    net.observer = options.observer;
    net.log = options.log;
    return net;
  }

  // The models outlive the server, whose handlers refer to them.
  std::vector<std::unique_ptr<ServedModel>> models_;
  std::vector<ServedListener> listeners_;
  net::FramedServer server_;
};

}  // namespace

Result<std::unique_ptr<Honeypot>> StartHoneypot(const HoneypotOptions& options) {
  if (options.listeners.empty())
    return InvalidArgument("nothing to serve: give at least one --model");
  auto honeypot = std::make_unique<RunningHoneypot>(options);
  for (const ListenerSpec& spec : options.listeners)
    RETURN_IF_ERROR(honeypot->Add(spec, options.clone));
  honeypot->Start();
  return std::unique_ptr<Honeypot>(std::move(honeypot));
}

}  // namespace protolm::honeypot
