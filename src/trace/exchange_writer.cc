// JSONL and CSV exchange writers (see exchange_writer.h).
#include "trace/exchange_writer.h"

#include <cerrno>
#include <cstring>

#include <nlohmann/json.hpp>

namespace protolm {

Result<DatasetFormat> ParseDatasetFormat(const std::string& name) {
  if (name == "jsonl") return DatasetFormat::kJsonl;
  if (name == "csv") return DatasetFormat::kCsv;
  return InvalidArgument("unknown dataset format '" + name +
                         "' (use jsonl or csv)");
}

namespace {

bool IsMalformed(const Exchange& e) {
  return (e.request && !e.request->dissection.status.ok()) ||
         (e.response && !e.response->dissection.status.ok());
}

std::string HexOf(const std::optional<Message>& m) {
  return m ? ToHex(m->bytes) : std::string();
}

/// A stdio file (or stdout) that remembers the first write error.
class OutputFile {
 public:
  static Result<OutputFile> Open(const std::string& path) {
    if (path == "-") return OutputFile(stdout, path, false);
    FILE* f = std::fopen(path.c_str(), "w");
    if (f == nullptr)
      return IoError(path + ": cannot open for writing: " + std::strerror(errno));
    return OutputFile(f, path, true);
  }
  OutputFile(OutputFile&& o) noexcept
      : file_(o.file_), path_(std::move(o.path_)), owned_(o.owned_) {
    o.file_ = nullptr;
  }
  ~OutputFile() {
    if (owned_ && file_ != nullptr) std::fclose(file_);
  }

  Status Put(const std::string& line) {
    if (std::fwrite(line.data(), 1, line.size(), file_) != line.size())
      return IoError(path_ + ": write failed: " + std::strerror(errno));
    return Status::Ok();
  }

  Status Close() {
    int rc = owned_ ? std::fclose(file_) : std::fflush(file_);
    file_ = owned_ ? nullptr : file_;
    if (rc != 0) return IoError(path_ + ": write failed: " + std::strerror(errno));
    return Status::Ok();
  }

 private:
  OutputFile(FILE* f, std::string path, bool owned)
      : file_(f), path_(std::move(path)), owned_(owned) {}
  FILE* file_;
  std::string path_;
  bool owned_;
};

class JsonlWriter : public ExchangeWriter {
 public:
  explicit JsonlWriter(OutputFile out) : out_(std::move(out)) {}
  Status Write(const Exchange& e, const Session& s) override {
    return out_.Put(ExchangeToJson(e, s).dump() + "\n");
  }
  Status Close() override { return out_.Close(); }

 private:
  OutputFile out_;
};

/// Quotes a CSV field when it holds a comma, quote or newline (RFC 4180).
std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

class CsvWriter : public ExchangeWriter {
 public:
  explicit CsvWriter(OutputFile out) : out_(std::move(out)) {}
  Status Write(const Exchange& e, const Session& s) override {
    if (!header_written_) {
      RETURN_IF_ERROR(
          out_.Put("request,response,session,index,protocol,function,status\n"));
      header_written_ = true;
    }
    return out_.Put(HexOf(e.request) + "," + HexOf(e.response) + "," +
                    std::to_string(e.session_id) + "," +
                    std::to_string(e.index) + "," + CsvField(s.protocol) +
                    "," + CsvField(e.function) + "," +
                    ExchangeStatusName(e.status) + "\n");
  }
  Status Close() override { return out_.Close(); }

 private:
  OutputFile out_;
  bool header_written_ = false;
};

}  // namespace

nlohmann::json ExchangeToJson(const Exchange& e, const Session& s) {
  nlohmann::json j = {
      {"session", e.session_id},
      {"index", e.index},
      {"protocol", s.protocol},
      {"function", e.function},
      {"status", ExchangeStatusName(e.status)},
      {"control", e.control},
      {"malformed", IsMalformed(e)},
      {"client", s.client.ToString()},
      {"server", s.server.ToString()},
  };
  j["request"] = e.request ? nlohmann::json(ToHex(e.request->bytes)) : nullptr;
  j["response"] = e.response ? nlohmann::json(ToHex(e.response->bytes)) : nullptr;
  j["request_time_us"] = e.request ? nlohmann::json(e.request->time_us) : nullptr;
  j["response_time_us"] =
      e.response ? nlohmann::json(e.response->time_us) : nullptr;
  return j;
}

Result<std::unique_ptr<ExchangeWriter>> OpenExchangeWriter(
    DatasetFormat format, const std::string& path) {
  ASSIGN_OR_RETURN(OutputFile out, OutputFile::Open(path));
  if (format == DatasetFormat::kCsv)
    return std::unique_ptr<ExchangeWriter>(new CsvWriter(std::move(out)));
  return std::unique_ptr<ExchangeWriter>(new JsonlWriter(std::move(out)));
}

}  // namespace protolm
