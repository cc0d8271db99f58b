// SourceSettings: how `detect` turns its inputs into traces — the trace
// source, its abstraction depth and options — kept with the model so that
// scoring tokenises exactly as training did.
//
// Kinds: pcap (a capture; --protocol a codec or auto; depth = the field-tree
// depth of the tokens), syscalls (ADFA-LD files or directories, or a UNM
// `PID NUMBER` file: a file whose first non-blank line has exactly two words
// is UNM; --syscall-arch names the numbers), strace (strace -f -tt output;
// depth 0 the call, 1 the abstracted call), log (text lines through the
// template miner; --session REGEX groups lines, else windows; --header a
// preset or an expression; depth 0 template ids, 1 template texts) and
// sequences (DeepLog: a trace per line). For logs the trained template miner
// is part of the settings: scoring matches against it and learns nothing.
// JSON (the model file's "source"): {"kind", "depth", "protocol",
// "session", "header", "syscall_arch", "miner"}; absent members are unset.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace protolm::detect {

enum class SourceKind { kPcap, kSyscalls, kStrace, kLog, kSequences };

/// "pcap", "syscalls", ...; InvalidArgument naming the choices otherwise.
Result<SourceKind> ParseSourceKind(std::string_view name);
std::string_view SourceKindName(SourceKind kind);
/// "pcap|syscalls|strace|log|sequences", for help texts.
std::string SourceKindChoices();

struct SourceSettings {
  SourceSettings() = default;
  explicit SourceSettings(SourceKind kind_, std::optional<int> depth_ = {})
      : kind(kind_), depth(depth_) {}

  SourceKind kind = SourceKind::kSequences;
  /// Token depth; each kind's default when unset (pcap 2, others 0).
  std::optional<int> depth;
  std::string protocol = "auto";         // pcap
  std::optional<std::string> session;    // log: session expression
  std::optional<std::string> header;     // log: preset name or expression
  std::optional<std::string> syscall_arch;  // syscalls: x86_64, i386
  /// log: the template miner's state after training (LogTemplateMiner
  /// JSON); null before training.
  nlohmann::json miner;

  /// The depth in effect: `depth` or the kind's default.
  int EffectiveDepth() const;
  /// InvalidArgument for settings that cannot work (a bad expression, an
  /// unknown architecture or header preset, a negative depth).
  Status Check() const;

  nlohmann::json ToJson() const;
  /// Malformed for anything ToJson does not write (an untrusted file).
  static Result<SourceSettings> FromJson(const nlohmann::json& json);
};

}  // namespace protolm::detect
