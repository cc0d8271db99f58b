// Learning, storing and loading what an S7 clone knows (s7_knowledge.h).
#include "proto/s7comm/s7_knowledge.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "proto/answer_table_json.h"
#include "proto/s7comm/learned_s7_areas.h"
#include "proto/s7comm/s7_identity_answers.h"

namespace protolm::s7comm {
namespace {

constexpr const char* kAnswersKey = "s7_identity_answers";
constexpr const char* kS7AreasKey = "s7_areas";

/// [[area code, db, size], ...]
nlohmann::json AreasToJson(const std::vector<S7AreaSize>& areas) {
  nlohmann::json list = nlohmann::json::array();
  for (const S7AreaSize& a : areas)
    list.push_back({static_cast<unsigned>(a.area), a.db, a.size});
  return list;
}

Result<std::vector<S7AreaSize>> AreasFromJson(const nlohmann::json& json) {
  const auto refuse = [] {
    return Malformed(std::string("\"") + kS7AreasKey +
                     "\" is not a list of [area, db, size]");
  };
  if (!json.is_array()) return refuse();
  std::vector<S7AreaSize> areas;
  for (const auto& a : json) {
    if (!a.is_array() || a.size() != 3 || !a[0].is_number_unsigned() ||
        !a[1].is_number_unsigned() || !a[2].is_number_unsigned() ||
        a[0].get<uint64_t>() > 0xFF || a[1].get<uint64_t>() > 0xFFFF ||
        a[2].get<uint64_t>() > 0xFFFFFFFF)
      return refuse();
    areas.push_back({static_cast<Area>(a[0].get<uint8_t>()),
                     a[1].get<uint16_t>(), a[2].get<uint32_t>()});
  }
  return areas;
}

}  // namespace

void S7Knowledge::Store(nlohmann::json* extra) const {
  if (rules.device_known) (*extra)[kS7AreasKey] = AreasToJson(rules.areas);
  if (!rules.identity_answers.empty())
    (*extra)[kAnswersKey] = AnswerTableToJson(rules.identity_answers);
}

std::unique_ptr<S7Knowledge> LearnS7Device(
    std::span<const ByteExchange> training, std::string* summary) {
  auto known = std::make_unique<S7Knowledge>();
  S7Rules& rules = known->rules;
  rules.identity_answers = LearnS7IdentityAnswers(training);
  const LearnedS7Areas areas = LearnS7Areas(training);
  if (areas.usable()) {
    rules.device_known = true;
    rules.areas = areas.areas;
  }
  if (summary != nullptr) {
    *summary = fmt::format(
        "device rules learned from {} exchanges: {} memory areas explain {} "
        "of {} item return codes{}; {} identity answers (connection, setup "
        "and SZL answers the PLC repeated unchanged) are sent as the PLC sent "
        "them",
        training.size(), areas.areas.size(), areas.explained, areas.items,
        areas.usable() ? "" : " (not used)", rules.identity_answers.size());
  }
  return known;
}

Result<std::unique_ptr<S7Knowledge>> S7KnowledgeFromProvenance(
    const nlohmann::json& extra) {
  if (!extra.is_object() ||
      (!extra.contains(kS7AreasKey) && !extra.contains(kAnswersKey)))
    return std::unique_ptr<S7Knowledge>();
  auto known = std::make_unique<S7Knowledge>();
  if (extra.contains(kS7AreasKey)) {
    ASSIGN_OR_RETURN(known->rules.areas, AreasFromJson(extra[kS7AreasKey]));
    known->rules.device_known = true;
  }
  if (extra.contains(kAnswersKey)) {
    ASSIGN_OR_RETURN(known->rules.identity_answers,
                     AnswerTableFromJson(extra[kAnswersKey], kAnswersKey));
  }
  return known;
}

}  // namespace protolm::s7comm
