// Cross-check against NLTK: for a set of RFC sentences, NLTK's CCG chart
// parser (python3-nltk), given protolm's lexicon exported to NLTK's format,
// must find the same set of distinct logical forms as protolm's parser. The
// test needs /usr/bin/python3 with nltk (Debian package python3-nltk) and
// fails when it is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "spec/analysis/sentence_parser.h"
#include "spec/analysis/spec_analyzer.h"
#include "spec/ccg/nltk_export.h"
#include "testing/file_contents.h"
#include "testing/run_program.h"
#include "testing/scratch_dir.h"

namespace protolm::spec {
namespace {

// Short sentences (NLTK enumerates every derivation) from RFC 792, 1112,
// 1059 and 5880, covering assignment, modals, conditions, coordination,
// prepositions, possessives, relative clauses, advice and the progressive.
const std::vector<std::string> kSentences = {
    "The checksum is zero.",
    "For computing the checksum, the checksum field should be zero.",
    "Code 0 may be received from a gateway.",
    "The gateway must discard the datagram and may return a message.",
    "If code = 0, the identifier must be zero.",
    "The address of the source is the destination of the reply.",
    "The data received in the echo message must be returned.",
    "The pointer identifies the octet where the error was detected.",
    "The source network and address from the original datagram's data.",
    "This checksum may be replaced in the future.",
    "The Version field is set to 1.",
    "If the Your Discriminator field is nonzero, the packet must be discarded.",
    // A noun modifier never composes into the verb phrase (one form, not a
    // second with a bare "field" as the subject of "must be zero").
    "The field in the header is reserved and must be zero.",
    "The host is sending traffic but the gateway may discard it.",
};

TEST(NltkCrossCheckTest, SameDistinctLogicalFormsAsNltk) {
  testing::CommandResult probe =
      testing::RunCommand({"/usr/bin/python3", "-c", "import nltk.ccg"});
  ASSERT_EQ(probe.exit_code, 0)
      << "python3-nltk is missing: apt-get install python3-nltk\n"
      << probe.err;
  Result<SpecAnalyzer> analyzer = SpecAnalyzer::CreateDefault();
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().message();
  TermDictionary terms = analyzer->terms();
  terms.Add("Your Discriminator");
  Result<SentenceParser> parser =
      SentenceParser::Create(analyzer->lexicon(), terms);
  ASSERT_TRUE(parser.ok());

  std::vector<ccg::LexicalEntry> noun_phrases;
  std::string sentence_lines;
  std::map<size_t, std::set<std::string>> ours;
  for (size_t i = 0; i < kSentences.size(); ++i) {
    std::vector<LabelledToken> tokens = parser->Label(kSentences[i]);
    std::vector<std::vector<ccg::LexicalItem>> items = parser->Items(tokens);
    for (size_t t = 0; t < tokens.size(); ++t) {
      sentence_lines += (t ? " " : "") + ccg::NltkWord(tokens[t].text);
      if (tokens[t].kind != TokenKind::kWord) {
        noun_phrases.push_back(ccg::LexicalEntry{tokens[t].text,
                                                 items[t][0].category,
                                                 items[t][0].semantics, "", 0});
      }
    }
    sentence_lines += "\n";
    ccg::ChartResult r = ccg::ParseChart(items, analyzer->lexicon().start(),
                                         SentenceParser::DefaultOptions());
    ASSERT_FALSE(r.truncated) << kSentences[i];
    for (const ccg::TermPtr& f : r.forms)
      ours[i].insert(ccg::ToNltkExpression(f));
  }
  Result<std::string> exported =
      ccg::ExportNltkLexicon(analyzer->lexicon(), noun_phrases);
  ASSERT_TRUE(exported.ok()) << exported.status().message();

  testing::ScratchDir dir;
  testing::WriteFile(dir.Path("lexicon.txt"), *exported);
  testing::WriteFile(dir.Path("sentences.txt"), sentence_lines);
  testing::CommandResult nltk =
      testing::RunCommand({"/usr/bin/python3",
                           std::string(PROTOLM_SOURCE_DIR) +
                               "/src/spec/analysis/testdata/nltk_ccg_forms.py",
                           dir.Path("lexicon.txt"), dir.Path("sentences.txt")});
  ASSERT_EQ(nltk.exit_code, 0) << nltk.err;
  const std::string& output = nltk.out;

  std::map<size_t, std::set<std::string>> theirs;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    theirs[std::stoul(line.substr(0, tab))].insert(line.substr(tab + 1));
  }
  size_t sentences_with_forms = 0;
  for (size_t i = 0; i < kSentences.size(); ++i) {
    EXPECT_EQ(ours[i], theirs[i]) << kSentences[i];
    sentences_with_forms += !ours[i].empty();
  }
  EXPECT_GE(sentences_with_forms, kSentences.size() - 2);
}

}  // namespace
}  // namespace protolm::spec
