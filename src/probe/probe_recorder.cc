// Dataset records and pcap of a probe (see probe_recorder.h).
#include "probe/probe_recorder.h"

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "trace/exchange_writer.h"

namespace protolm::probe {

Result<std::unique_ptr<ProbeRecorder>> ProbeRecorder::Open(
    const Codec& codec, const std::string& dataset_path,
    const std::string& pcap_path, size_t context) {
  std::FILE* out =
      dataset_path == "-" ? stdout : std::fopen(dataset_path.c_str(), "w");
  if (out == nullptr)
    return IoError(dataset_path +
                   ": cannot open for writing: " + std::strerror(errno));
  std::unique_ptr<ProbeRecorder> r(
      new ProbeRecorder(codec, out, dataset_path != "-", context));
  r->dataset_path_ = dataset_path;
  r->pcap_path_ = pcap_path;
  return r;
}

ProbeRecorder::ProbeRecorder(const Codec& codec, std::FILE* out, bool owned,
                             size_t context)
    : codec_(codec), out_(out), owned_(owned), context_(context) {
  session_.protocol = std::string(codec.name());
}

ProbeRecorder::~ProbeRecorder() {
  if (owned_ && out_ != nullptr) std::fclose(out_);
}

Status ProbeRecorder::BeginSession(const TcpEndpoint& client,
                                   const TcpEndpoint& server) {
  ++session_.id;
  session_.client = Endpoint{client.ip, client.port};
  session_.server = Endpoint{server.ip, server.port};
  session_.saw_handshake = true;
  index_in_session_ = 0;
  if (!pcap_path_.empty() && !pcap_) {
    ASSIGN_OR_RETURN(TcpConversationWriter w,
                     TcpConversationWriter::Create(pcap_path_, client, server));
    pcap_.emplace(std::move(w));
  }
  return Status::Ok();
}

Message ProbeRecorder::MessageOf(ByteView bytes, Direction dir,
                                 int64_t time_us) const {
  Message m;
  m.session_id = session_.id;
  m.time_us = time_us;
  m.direction = dir;
  m.bytes.assign(bytes.begin(), bytes.end());
  Inspection i = codec_.Inspect(bytes, dir);
  m.dissection.info = std::move(i.info);
  m.dissection.status = std::move(i.status);
  return m;
}

Status ProbeRecorder::Record(ByteView request, int64_t request_us,
                             ByteView response, int64_t response_us) {
  Exchange e;
  e.session_id = session_.id;
  e.index = index_in_session_++;
  e.request = MessageOf(request, Direction::kClientToServer, request_us);
  e.function = e.request->dissection.info.function;
  e.control = !e.request->dissection.info.application_pdu;
  if (response.empty()) {
    e.status = ExchangeStatus::kUnanswered;
  } else {
    e.response = MessageOf(response, Direction::kServerToClient, response_us);
    e.status = e.response->dissection.info.exception
                   ? ExchangeStatus::kException
                   : ExchangeStatus::kNormal;
  }
  if (pcap_) {
    RETURN_IF_ERROR(
        pcap_->Send(Direction::kClientToServer, request_us, request));
    RETURN_IF_ERROR(
        pcap_->Send(Direction::kServerToClient, response_us, response));
  }

  nlohmann::json j = ExchangeToJson(e, session_);
  j["id"] = std::to_string(next_id_++);
  const std::string request_hex = ToHex(request);
  const std::string response_hex = ToHex(response);
  if (context_ > 0) {
    nlohmann::json context = nlohmann::json::array();
    for (const auto& [req, resp] : history_)
      context.push_back({{"request", req}, {"response", resp}});
    j["context"] = std::move(context);
  }
  const std::string line = j.dump() + "\n";
  if (std::fwrite(line.data(), 1, line.size(), out_) != line.size())
    return IoError(dataset_path_ + ": write failed: " + std::strerror(errno));

  if (e.control) {
    ++tally_.control;
    return Status::Ok();
  }
  ++tally_.exchanges;
  tally_.exceptions += e.status == ExchangeStatus::kException;
  tally_.unanswered += e.status == ExchangeStatus::kUnanswered;
  if (context_ > 0) {
    history_.emplace_back(request_hex, response_hex);
    if (history_.size() > context_) history_.pop_front();
  }
  return Status::Ok();
}

Status ProbeRecorder::Close(int64_t now_us) {
  Status pcap_status = pcap_ ? pcap_->Close(now_us) : Status::Ok();
  pcap_.reset();
  int rc = owned_ ? std::fclose(out_) : std::fflush(out_);
  if (owned_) out_ = nullptr;
  if (rc != 0)
    return IoError(dataset_path_ + ": write failed: " + std::strerror(errno));
  return pcap_status;
}

}  // namespace protolm::probe
