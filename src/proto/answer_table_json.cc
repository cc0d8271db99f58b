// Tables of learned answers as JSON (see answer_table_json.h).
#include "proto/answer_table_json.h"

#include <string>

namespace protolm {

nlohmann::json AnswerTableToJson(const std::map<Bytes, Bytes>& table) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [asked, answer] : table)
    list.push_back({ToHex(asked), ToHex(answer)});
  return list;
}

Result<std::map<Bytes, Bytes>> AnswerTableFromJson(const nlohmann::json& json,
                                                   std::string_view what) {
  const auto refuse = [what] {
    return Malformed("\"" + std::string(what) +
                     "\" is not a list of [request, answer] hex pairs");
  };
  if (!json.is_array()) return refuse();
  std::map<Bytes, Bytes> table;
  for (const auto& pair : json) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() ||
        !pair[1].is_string())
      return refuse();
    auto asked = FromHex(pair[0].get<std::string>());
    auto answer = FromHex(pair[1].get<std::string>());
    if (!asked.ok() || !answer.ok()) return refuse();
    table[*asked] = *answer;
  }
  return table;
}

}  // namespace protolm
