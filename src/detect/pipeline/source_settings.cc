// SourceSettings: see source_settings.h.
#include "detect/pipeline/source_settings.h"

#include <array>
#include <regex>

#include "detect/json_fields.h"
#include "trace/logs/log_header.h"
#include "trace/syscalls/syscall_table.h"

namespace protolm::detect {

namespace {

struct KindName {
  SourceKind kind;
  std::string_view name;
  int default_depth;
};

constexpr std::array<KindName, 5> kKinds{{
    {SourceKind::kPcap, "pcap", 2},
    {SourceKind::kSyscalls, "syscalls", 0},
    {SourceKind::kStrace, "strace", 0},
    {SourceKind::kLog, "log", 0},
    {SourceKind::kSequences, "sequences", 0},
}};

constexpr int kMaxDepth = 64;

const KindName& Entry(SourceKind kind) {
  for (const KindName& entry : kKinds) {
    if (entry.kind == kind) return entry;
  }
  return kKinds.back();  // unreachable: every kind is listed
}

// object[key] as a string when present.
Result<std::optional<std::string>> OptionalString(const nlohmann::json& json,
                                                  const char* key) {
  if (!json.contains(key)) return std::optional<std::string>();
  ASSIGN_OR_RETURN(std::string value, ReadString(json, key));
  return std::optional<std::string>(std::move(value));
}

}  // namespace

Result<SourceKind> ParseSourceKind(std::string_view name) {
  for (const KindName& entry : kKinds) {
    if (entry.name == name) return entry.kind;
  }
  return InvalidArgument("unknown source \"" + std::string(name) +
                         "\" (choose " + SourceKindChoices() + ")");
}

std::string_view SourceKindName(SourceKind kind) { return Entry(kind).name; }

std::string SourceKindChoices() {
  std::string choices;
  for (const KindName& entry : kKinds) {
    if (!choices.empty()) choices += '|';
    choices += entry.name;
  }
  return choices;
}

int SourceSettings::EffectiveDepth() const {
  return depth.value_or(Entry(kind).default_depth);
}

Status SourceSettings::Check() const {
  if (depth && (*depth < 0 || *depth > kMaxDepth)) {
    return InvalidArgument("--depth must be 0.." + std::to_string(kMaxDepth));
  }
  if (session) {
    try {
      std::regex compiled(*session, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      return InvalidArgument("--session: not a valid expression: " + *session);
    }
  }
  if (header) {
    auto parsed = LogHeader::Preset(*header);
    if (!parsed.ok() && header->find_first_of("()[]\\^$.*+?|") ==
                            std::string::npos) {
      return parsed.status().WithContext("--header");
    }
    if (!parsed.ok()) {
      RETURN_IF_ERROR(
          LogHeader::FromRegex(*header).status().WithContext("--header"));
    }
  }
  if (syscall_arch && !ParseSyscallArch(*syscall_arch)) {
    return InvalidArgument("--syscall-arch: unknown architecture \"" +
                           *syscall_arch + "\" (x86_64 or i386)");
  }
  return Status::Ok();
}

nlohmann::json SourceSettings::ToJson() const {
  nlohmann::json json{{"kind", SourceKindName(kind)},
                      {"depth", static_cast<uint64_t>(EffectiveDepth())}};
  if (kind == SourceKind::kPcap) json["protocol"] = protocol;
  if (session) json["session"] = *session;
  if (header) json["header"] = *header;
  if (syscall_arch) json["syscall_arch"] = *syscall_arch;
  if (!miner.is_null()) json["miner"] = miner;
  return json;
}

Result<SourceSettings> SourceSettings::FromJson(const nlohmann::json& json) {
  if (!json.is_object()) return Malformed("\"source\" is not an object");
  SourceSettings settings;
  ASSIGN_OR_RETURN(std::string kind, ReadString(json, "kind"));
  auto parsed = ParseSourceKind(kind);
  if (!parsed.ok()) return Malformed("source: " + parsed.status().message());
  settings.kind = *parsed;
  ASSIGN_OR_RETURN(uint64_t depth, ReadUnsigned(json, "depth", 0, kMaxDepth));
  settings.depth = static_cast<int>(depth);
  if (json.contains("protocol")) {
    ASSIGN_OR_RETURN(settings.protocol, ReadString(json, "protocol"));
  }
  ASSIGN_OR_RETURN(settings.session, OptionalString(json, "session"));
  ASSIGN_OR_RETURN(settings.header, OptionalString(json, "header"));
  ASSIGN_OR_RETURN(settings.syscall_arch, OptionalString(json, "syscall_arch"));
  if (json.contains("miner")) {
    ASSIGN_OR_RETURN(const nlohmann::json* miner, ReadObject(json, "miner"));
    settings.miner = *miner;
  }
  Status valid = settings.Check();
  if (!valid.ok()) return Malformed("source: " + valid.message());
  return settings;
}

}  // namespace protolm::detect
