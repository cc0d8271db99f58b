// Writing and reading .plm checkpoints (see checkpoint.h for the layout).
#include "lm/engine/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace protolm::lm {
namespace {

constexpr std::array<uint8_t, 8> kMagic = {'P', 'R', 'O', 'T',
                                           'O', 'L', 'M', 0x1a};
constexpr size_t kPreambleSize = 16;  // magic, version, header length
constexpr size_t kTensorAlignment = 64;

constexpr std::array<uint32_t, 256> MakeCrcTable() {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = MakeCrcTable();

size_t AlignUp(size_t n) {
  return (n + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
}

std::string DumpJson(const nlohmann::json& json) {
  // Replace invalid UTF-8 in user strings rather than throwing.
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json ProvenanceToJson(const Provenance& p) {
  return nlohmann::json{{"protocol", p.protocol},
                        {"profile", p.profile},
                        {"dataset_sha256", p.dataset_sha256},
                        {"dataset_records", p.dataset_records},
                        {"train_seconds", p.train_seconds},
                        {"created_utc", p.created_utc},
                        {"seed", p.seed},
                        {"metrics", p.metrics},
                        {"extra", p.extra}};
}

// Reads an optional string/number field; a present field of the wrong type is
// an error.
Status ReadString(const nlohmann::json& object, const char* key,
                  std::string* out) {
  auto it = object.find(key);
  if (it == object.end()) return Status::Ok();
  if (!it->is_string()) {
    return Malformed(std::string("provenance \"") + key + "\" is not a string");
  }
  *out = it->get<std::string>();
  return Status::Ok();
}

Status ReadUnsigned(const nlohmann::json& object, const char* key,
                    uint64_t* out) {
  auto it = object.find(key);
  if (it == object.end()) return Status::Ok();
  if (!it->is_number_unsigned()) {
    return Malformed(std::string("provenance \"") + key +
                     "\" is not a non-negative integer");
  }
  *out = it->get<uint64_t>();
  return Status::Ok();
}

Result<Provenance> ProvenanceFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Malformed("\"provenance\" is not an object");
  Provenance p;
  RETURN_IF_ERROR(ReadString(json, "protocol", &p.protocol));
  RETURN_IF_ERROR(ReadString(json, "profile", &p.profile));
  RETURN_IF_ERROR(ReadString(json, "dataset_sha256", &p.dataset_sha256));
  RETURN_IF_ERROR(ReadString(json, "created_utc", &p.created_utc));
  uint64_t records = 0;
  RETURN_IF_ERROR(ReadUnsigned(json, "dataset_records", &records));
  p.dataset_records = static_cast<size_t>(records);
  RETURN_IF_ERROR(ReadUnsigned(json, "seed", &p.seed));
  if (auto it = json.find("train_seconds"); it != json.end()) {
    if (!it->is_number()) {
      return Malformed("provenance \"train_seconds\" is not a number");
    }
    p.train_seconds = it->get<double>();
  }
  if (auto it = json.find("metrics"); it != json.end()) p.metrics = *it;
  if (auto it = json.find("extra"); it != json.end()) p.extra = *it;
  return p;
}

void AppendU32Le(uint32_t v, Bytes* out) {
  for (int i = 0; i < 4; ++i)
    out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void AppendFloats(const std::vector<float>& data, Bytes* out) {
  size_t at = out->size();
  out->resize(at + data.size() * sizeof(float));
  if constexpr (std::endian::native == std::endian::little) {
    if (!data.empty())
      std::memcpy(out->data() + at, data.data(), data.size() * 4);
  } else {
    for (float f : data) {
      uint32_t bits = std::bit_cast<uint32_t>(f);
      for (int i = 0; i < 4; ++i)
        (*out)[at++] = static_cast<uint8_t>(bits >> (8 * i));
    }
  }
}

void ReadFloats(ByteView bytes, std::vector<float>* out) {
  out->resize(bytes.size() / sizeof(float));
  if constexpr (std::endian::native == std::endian::little) {
    if (!bytes.empty()) std::memcpy(out->data(), bytes.data(), bytes.size());
  } else {
    ByteReader reader(bytes);
    for (float& f : *out) f = std::bit_cast<float>(*reader.U32Le());
  }
}

// The tensors of the header, checked against the expected list and the data
// section's size, then copied out of it.
Result<Weights> ReadTensors(const nlohmann::json& header,
                            const ModelConfig& config, ByteView data) {
  auto it = header.find("tensors");
  if (it == header.end() || !it->is_array()) {
    return Malformed("header has no \"tensors\" array");
  }
  const nlohmann::json& tensors = *it;
  auto expected = ExpectedShapes(config);
  if (tensors.size() != expected.size()) {
    return Malformed("header lists " + std::to_string(tensors.size()) +
                     " tensors; a " + config.arch + " of this config has " +
                     std::to_string(expected.size()));
  }
  Weights weights;
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& [name, shape] = expected[i];
    const nlohmann::json& entry = tensors[i];
    std::string where = "tensor " + std::to_string(i);
    if (!entry.is_object()) return Malformed(where + " is not an object");
    auto n = entry.find("name");
    if (n == entry.end() || !n->is_string() || n->get<std::string>() != name) {
      return Malformed(where + " should be named " + name);
    }
    where = "tensor " + name;
    auto s = entry.find("shape");
    if (s == entry.end() || !s->is_array()) {
      return Malformed(where + " has no shape");
    }
    std::vector<int64_t> file_shape;
    for (const auto& dim : *s) {
      if (!dim.is_number_integer()) {
        return Malformed(where + " has a non-integer dimension");
      }
      file_shape.push_back(dim.get<int64_t>());
    }
    if (file_shape != shape) {
      return Malformed(where + " has shape " + ShapeToString(file_shape) +
                       ", expected " + ShapeToString(shape));
    }
    auto o = entry.find("offset");
    auto c = entry.find("count");
    if (o == entry.end() || !o->is_number_unsigned() || c == entry.end() ||
        !c->is_number_unsigned()) {
      return Malformed(where + " has no offset or count");
    }
    uint64_t offset = o->get<uint64_t>(), count = c->get<uint64_t>();
    uint64_t expected_count = 1;
    for (int64_t dim : shape) expected_count *= static_cast<uint64_t>(dim);
    if (count != expected_count) {
      return Malformed(where + " has count " + std::to_string(count) +
                       ", its shape needs " + std::to_string(expected_count));
    }
    if (offset % kTensorAlignment != 0 || offset > data.size() ||
        count > (data.size() - offset) / sizeof(float)) {
      return Malformed(where + " at offset " + std::to_string(offset) +
                       " runs past the data section (" +
                       std::to_string(data.size()) + " bytes)");
    }
    Tensor tensor;
    tensor.shape = shape;
    ReadFloats(data.subspan(offset, count * sizeof(float)), &tensor.data);
    weights.emplace(name, std::move(tensor));
  }
  return weights;
}

Result<Checkpoint> ParseChecked(ByteView bytes) {
  ByteReader reader(bytes.first(bytes.size() - 4));  // without the CRC
  reader.Skip(kPreambleSize - 4);
  uint32_t header_length = *reader.U32Le();
  auto header_bytes = reader.Take(header_length);
  if (!header_bytes) {
    return Malformed("header length " + std::to_string(header_length) +
                     " runs past the end of the file");
  }
  nlohmann::json header = nlohmann::json::parse(
      header_bytes->begin(), header_bytes->end(), nullptr, false);
  if (header.is_discarded() || !header.is_object()) {
    return Malformed("the header is not a JSON object");
  }
  auto config_json = header.find("config");
  if (config_json == header.end()) return Malformed("header has no \"config\"");
  ASSIGN_OR_RETURN(ModelConfig config, ConfigFromJson(*config_json));
  Checkpoint checkpoint;
  checkpoint.config = config;
  auto provenance = header.find("provenance");
  if (provenance != header.end()) {
    ASSIGN_OR_RETURN(checkpoint.provenance, ProvenanceFromJson(*provenance));
  }
  ASSIGN_OR_RETURN(checkpoint.weights,
                   ReadTensors(header, config, reader.TakeRest()));
  return checkpoint;
}

}  // namespace

uint32_t Crc32(ByteView bytes) {
  uint32_t c = 0xFFFFFFFFu;
  for (uint8_t b : bytes) c = kCrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

Result<Bytes> SerializeCheckpoint(const Checkpoint& checkpoint) {
  RETURN_IF_ERROR(CheckWeights(checkpoint.config, checkpoint.weights));
  nlohmann::json tensors = nlohmann::json::array();
  size_t offset = 0;
  auto expected = ExpectedShapes(checkpoint.config);
  for (const auto& [name, shape] : expected) {
    size_t count = checkpoint.weights.at(name).data.size();
    tensors.push_back({{"name", name},
                       {"shape", shape},
                       {"offset", offset},
                       {"count", count}});
    offset = AlignUp(offset + count * sizeof(float));
  }
  nlohmann::json header = {
      {"config", ConfigToJson(checkpoint.config)},
      {"provenance", ProvenanceToJson(checkpoint.provenance)},
      {"tensors", tensors}};
  std::string header_text = DumpJson(header);

  Bytes out(kMagic.begin(), kMagic.end());
  out.reserve(kPreambleSize + header_text.size() + offset + 4);
  AppendU32Le(kCheckpointFormatVersion, &out);
  AppendU32Le(static_cast<uint32_t>(header_text.size()), &out);
  out.insert(out.end(), header_text.begin(), header_text.end());
  size_t data_start = out.size();
  for (const auto& [name, shape] : expected) {
    out.resize(data_start + AlignUp(out.size() - data_start), 0);
    AppendFloats(checkpoint.weights.at(name).data, &out);
  }
  AppendU32Le(Crc32(out), &out);
  return out;
}

Status SaveCheckpoint(const std::string& path, const Checkpoint& checkpoint) {
  ASSIGN_OR_RETURN(Bytes bytes, SerializeCheckpoint(checkpoint));
  static std::atomic<uint64_t> counter{0};
  std::string temp = path + ".tmp." + std::to_string(getpid()) + "." +
                     std::to_string(counter.fetch_add(1));
  int fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return IoError(path + ": cannot create " + temp + ": " + strerror(errno));
  }
  size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      std::string reason = strerror(errno);
      close(fd);
      unlink(temp.c_str());
      return IoError(path + ": write failed: " + reason);
    }
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    std::string reason = strerror(errno);
    unlink(temp.c_str());
    return IoError(path + ": write failed: " + reason);
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    std::string reason = strerror(errno);
    unlink(temp.c_str());
    return IoError(path + ": cannot rename " + temp + " into place: " + reason);
  }
  return Status::Ok();
}

Result<Checkpoint> LoadCheckpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return NotFound(path + ": no such model file");
    return IoError(path + ": cannot open: " + strerror(errno));
  }
  Bytes bytes((std::istreambuf_iterator<char>(in)),
              std::istreambuf_iterator<char>());
  if (in.bad()) return IoError(path + ": read failed");
  return LoadCheckpointFromBytes(bytes, path);
}

Result<Checkpoint> LoadCheckpointFromBytes(ByteView bytes,
                                           std::string_view origin) {
  std::string name(origin);
  ByteReader reader(bytes);
  auto magic = reader.Take(kMagic.size());
  if (!magic || !std::equal(magic->begin(), magic->end(), kMagic.begin())) {
    return Malformed(name + ": not a protolm model (bad magic)");
  }
  auto version = reader.U32Le();
  if (version && *version != kCheckpointFormatVersion) {
    return Unsupported(name + ": format version " + std::to_string(*version) +
                       " is not supported; this build reads version " +
                       std::to_string(kCheckpointFormatVersion));
  }
  Status corrupt =
      Malformed(name + ": checksum mismatch: the file is corrupt or truncated");
  if (bytes.size() < kPreambleSize + 4) return corrupt;
  ByteReader crc_reader(bytes.last(4));
  if (*crc_reader.U32Le() != Crc32(bytes.first(bytes.size() - 4))) {
    return corrupt;
  }
  Result<Checkpoint> checkpoint = ParseChecked(bytes);
  if (!checkpoint.ok()) return checkpoint.status().WithContext(name);
  return checkpoint;
}

}  // namespace protolm::lm
