// Test support for the log readers: loghub's structured CSVs (the content
// and the true template of each line) and the grouping accuracy of mined
// templates against them. Used only by *_test.cc files of trace/logs.
#pragma once

#include <cstdint>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace protolm::testing {

/// The fields of one CSV line (RFC 4180 quotes, no line breaks in fields).
inline std::vector<std::string> CsvFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

struct LabelledLine {
  std::string content;
  std::string event_id;  // the true template ("E10")
};

/// The `Content` and `EventId` columns of a loghub *_structured.csv.
inline std::vector<LabelledLine> ReadStructuredCsv(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = CsvFields(line);
  size_t content = 0, event_id = 0;
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == "Content") content = i;
    if (header[i] == "EventId") event_id = i;
  }
  std::vector<LabelledLine> lines;
  while (std::getline(in, line)) {
    std::vector<std::string> fields = CsvFields(line);
    if (fields.size() == header.size())
      lines.push_back({fields[content], fields[event_id]});
  }
  return lines;
}

/// loghub's grouping accuracy: the share of lines whose mined group holds
/// exactly the lines of their true group.
template <typename Truth, typename Mined>
double GroupingAccuracy(const std::vector<Truth>& truth,
                        const std::vector<Mined>& mined) {
  std::map<Mined, std::map<Truth, size_t>> overlap;
  std::map<Truth, size_t> truth_sizes;
  for (size_t i = 0; i < truth.size(); ++i) {
    ++overlap[mined[i]][truth[i]];
    ++truth_sizes[truth[i]];
  }
  size_t correct = 0;
  for (const auto& [group, truths] : overlap) {
    if (truths.size() != 1) continue;
    const auto& [label, size] = *truths.begin();
    if (truth_sizes[label] == size) correct += size;
  }
  return truth.empty() ? 0 : static_cast<double>(correct) / truth.size();
}

}  // namespace protolm::testing
