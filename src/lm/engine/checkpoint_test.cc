// .plm checkpoints: bit-exact round trip and every refusal of a bad file.
#include "lm/engine/checkpoint.h"

#include <gtest/gtest.h>

#include <bit>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "testing/scratch_dir.h"

namespace protolm::lm {
namespace {

// A model small enough that tests may rewrite its file thousands of times.
ModelConfig MicroConfig() {
  return ModelConfig{"transformer", 8, 1, 2, 16, 8, 8};
}

Checkpoint MakeCheckpoint(const ModelConfig& config) {
  Checkpoint checkpoint;
  checkpoint.config = config;
  checkpoint.weights = RandomWeights(checkpoint.config, 42, 0.5f);
  // Values a text format would lose: negative zero, subnormal, NaN payload.
  checkpoint.weights["head.bias"].data[0] = -0.0f;
  checkpoint.weights["head.bias"].data[1] = 1e-40f;
  checkpoint.weights["head.bias"].data[2] = std::bit_cast<float>(0x7fc12345u);
  Provenance& p = checkpoint.provenance;
  p.protocol = "modbus";
  p.profile = "wago-750";
  p.dataset_sha256 = std::string(64, 'a');
  p.dataset_records = 1600;
  p.train_seconds = 123.456789012345;
  p.created_utc = "2026-11-21T10:00:00Z";
  p.seed = 18446744073709551615ull;
  p.metrics = {{"bca", 0.91}, {"rva", 0.997}};
  p.extra = {{"note", "unit test"}};
  return checkpoint;
}

void ExpectBitIdentical(const Weights& a, const Weights& b) {
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [name, tensor] : a) {
    const Tensor& other = b.at(name);
    EXPECT_EQ(tensor.shape, other.shape) << name;
    ASSERT_EQ(tensor.data.size(), other.data.size()) << name;
    EXPECT_EQ(std::memcmp(tensor.data.data(), other.data.data(),
                          tensor.data.size() * sizeof(float)),
              0)
        << name;
  }
}

Bytes ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return Bytes((std::istreambuf_iterator<char>(in)),
               std::istreambuf_iterator<char>());
}

void WriteFile(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
}

// Rewrites the trailing CRC so a deliberate edit passes the checksum.
void FixCrc(Bytes* bytes) {
  uint32_t crc = Crc32(ByteView(*bytes).first(bytes->size() - 4));
  for (int i = 0; i < 4; ++i) {
    (*bytes)[bytes->size() - 4 + i] = static_cast<uint8_t>(crc >> (8 * i));
  }
}

TEST(Crc32Test, KnownValue) {
  const char* text = "123456789";
  EXPECT_EQ(Crc32(ByteView(reinterpret_cast<const uint8_t*>(text), 9)),
            0xCBF43926u);
}

TEST(CheckpointTest, RoundTripIsBitExact) {
  protolm::testing::ScratchDir dir;
  for (const char* arch : {"transformer", "lstm"}) {
    Checkpoint checkpoint = MakeCheckpoint(*PresetConfig("tiny", arch));
    std::string path = dir.Path(std::string(arch) + ".plm");
    ASSERT_TRUE(SaveCheckpoint(path, checkpoint).ok());
    auto loaded = LoadCheckpoint(path);
    ASSERT_TRUE(loaded.ok()) << loaded.status().message();
    EXPECT_EQ(loaded->config, checkpoint.config);
    EXPECT_EQ(loaded->provenance, checkpoint.provenance);
    ExpectBitIdentical(loaded->weights, checkpoint.weights);
    // Saving again gives the same bytes.
    EXPECT_EQ(*SerializeCheckpoint(*loaded), ReadFile(path));
  }
}

TEST(CheckpointTest, SaveReplacesAtomicallyAndLeavesNoTemporaryFile) {
  protolm::testing::ScratchDir dir;
  std::string path = dir.Path("m.plm");
  WriteFile(path, Bytes{1, 2, 3});
  ASSERT_TRUE(SaveCheckpoint(path, MakeCheckpoint(MicroConfig())).ok());
  EXPECT_TRUE(LoadCheckpoint(path).ok());
  size_t files = 0;
  for ([[maybe_unused]] const auto& entry :
       std::filesystem::directory_iterator(dir.Path(""))) {
    ++files;
  }
  EXPECT_EQ(files, 1u);
  auto refused = SaveCheckpoint(dir.Path("no/such/dir/m.plm"),
                                MakeCheckpoint(MicroConfig()));
  EXPECT_EQ(refused.code(), StatusCode::kIoError);
}

TEST(CheckpointTest, RefusesInvalidWeightsOnSave) {
  Checkpoint checkpoint = MakeCheckpoint(MicroConfig());
  checkpoint.weights.erase("ln_f.bias");
  EXPECT_EQ(SerializeCheckpoint(checkpoint).status().message(),
            "weights: ln_f.bias is missing");
}

class CheckpointRefusalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    bytes_ = *SerializeCheckpoint(MakeCheckpoint(MicroConfig()));
  }
  std::string LoadError(const Bytes& bytes) {
    auto loaded = LoadCheckpointFromBytes(bytes, "x.plm");
    EXPECT_FALSE(loaded.ok());
    return loaded.ok() ? "" : loaded.status().message();
  }
  // Replaces the header JSON (keeping the data section) and fixes the CRC.
  Bytes WithHeader(const nlohmann::json& header) {
    uint32_t old_length = bytes_[12] | bytes_[13] << 8 | bytes_[14] << 16 |
                          static_cast<uint32_t>(bytes_[15]) << 24;
    std::string text = header.dump();
    Bytes out(bytes_.begin(), bytes_.begin() + 12);
    for (int i = 0; i < 4; ++i) out.push_back(uint8_t(text.size() >> (8 * i)));
    out.insert(out.end(), text.begin(), text.end());
    out.insert(out.end(), bytes_.begin() + 16 + old_length, bytes_.end());
    FixCrc(&out);
    return out;
  }
  nlohmann::json Header() {
    uint32_t length = bytes_[12] | bytes_[13] << 8 | bytes_[14] << 16 |
                      static_cast<uint32_t>(bytes_[15]) << 24;
    return nlohmann::json::parse(bytes_.begin() + 16,
                                 bytes_.begin() + 16 + length);
  }
  Bytes bytes_;
};

TEST_F(CheckpointRefusalTest, HeaderWithoutVocabularySizeLoadsAsByteModel) {
  nlohmann::json header = Header();
  ASSERT_EQ(header["config"]["vocab_size"], kVocabSize);
  header["config"].erase("vocab_size");
  auto loaded = LoadCheckpointFromBytes(WithHeader(header), "old.plm");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->config, MicroConfig());
  EXPECT_EQ(loaded->config.vocab_size, 261);
  EXPECT_EQ(loaded->weights.at("head.bias").shape, (std::vector<int64_t>{261}));
}

TEST(CheckpointTest, TokenModelRoundTrips) {
  ModelConfig config = MicroConfig();
  config.arch = "lstm";
  config.vocab_size = 13;
  Checkpoint checkpoint = MakeCheckpoint(config);
  auto bytes = SerializeCheckpoint(checkpoint);
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  auto loaded = LoadCheckpointFromBytes(*bytes, "token.plm");
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  EXPECT_EQ(loaded->config, config);
  EXPECT_EQ(loaded->weights.at("tok_emb").shape, (std::vector<int64_t>{13, 8}));
  ExpectBitIdentical(loaded->weights, checkpoint.weights);
}

TEST_F(CheckpointRefusalTest, BadMagic) {
  Bytes bad = bytes_;
  bad[0] = 'X';
  EXPECT_EQ(LoadError(bad), "x.plm: not a protolm model (bad magic)");
  EXPECT_EQ(LoadError(Bytes{}), "x.plm: not a protolm model (bad magic)");
  EXPECT_EQ(LoadError(Bytes{'P', 'R', 'O'}),
            "x.plm: not a protolm model (bad magic)");
}

TEST_F(CheckpointRefusalTest, OtherVersion) {
  Bytes bad = bytes_;
  bad[8] = 7;
  EXPECT_EQ(LoadError(bad),
            "x.plm: format version 7 is not supported; this build reads "
            "version 1");
}

TEST_F(CheckpointRefusalTest, FlippedByteAnywhereFailsTheChecksum) {
  const std::string expected =
      "x.plm: checksum mismatch: the file is corrupt or truncated";
  // Every byte of the preamble after the version field and of the header
  // (earlier bytes have their own errors), then a sample of the data section.
  for (size_t at = 12; at < bytes_.size(); at += at < 2048 ? 1 : 61) {
    Bytes bad = bytes_;
    bad[at] ^= 0x01;
    ASSERT_EQ(LoadError(bad), expected) << "byte " << at;
  }
  Bytes last = bytes_;
  last.back() ^= 0x80;
  EXPECT_EQ(LoadError(last), expected);
}

TEST_F(CheckpointRefusalTest, Truncated) {
  const std::string expected =
      "x.plm: checksum mismatch: the file is corrupt or truncated";
  for (size_t size : {size_t{12}, size_t{16}, size_t{19}, size_t{100},
                      bytes_.size() / 2, bytes_.size() - 1}) {
    Bytes bad(bytes_.begin(), bytes_.begin() + size);
    EXPECT_EQ(LoadError(bad), expected) << size;
  }
}

TEST_F(CheckpointRefusalTest, WrongShapes) {
  nlohmann::json header = Header();
  header["tensors"][5]["shape"] = {8, 24};
  EXPECT_EQ(LoadError(WithHeader(header)),
            "x.plm: tensor layers.0.attn.qkv.weight has shape [8,24], "
            "expected [24,8]");
  header = Header();
  header["config"]["d_model"] = 16;  // tensors no longer match the config
  EXPECT_EQ(LoadError(WithHeader(header)),
            "x.plm: tensor tok_emb has shape [261,8], expected [261,16]");
  header = Header();
  header["tensors"].erase(3);
  EXPECT_EQ(LoadError(WithHeader(header)),
            "x.plm: header lists 18 tensors; a transformer of this config has "
            "19");
}

TEST_F(CheckpointRefusalTest, BadHeaderAndBounds) {
  nlohmann::json header = Header();
  header["config"]["n_heads"] = 5;
  EXPECT_EQ(LoadError(WithHeader(header)),
            "x.plm: model config: d_model 8 is not a multiple of n_heads 5");
  header = Header();
  header["tensors"].back()["offset"] = 1u << 30;
  EXPECT_EQ(
      LoadError(WithHeader(header)),
      "x.plm: tensor head.bias at offset 1073741824 runs past the data "
      "section (" +
          std::to_string(bytes_.size() - 16 - 4 - Header().dump().size()) +
          " bytes)");
  header = Header();
  header["provenance"]["seed"] = "x";
  EXPECT_EQ(LoadError(WithHeader(header)),
            "x.plm: provenance \"seed\" is not a non-negative integer");
  Bytes not_json = bytes_;
  not_json[16] = '[';
  FixCrc(&not_json);
  EXPECT_EQ(LoadError(not_json), "x.plm: the header is not a JSON object");
}

TEST(CheckpointFileTest, MissingFile) {
  auto loaded = LoadCheckpoint("/nonexistent/dir/m.plm");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.status().message(),
            "/nonexistent/dir/m.plm: no such model file");
}

}  // namespace
}  // namespace protolm::lm
