// Tests of field tree lookup, abstraction and rendering.
#include "proto/field_tree.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "proto/field_bounds.h"

namespace protolm {
namespace {

Field SampleTree() {
  Field root;
  root.name = "modbus.req";
  Field& mbap = root.AddText("mbap", "", 0, 7);
  mbap.AddNumber("trans_id", 1, 0, 2);
  mbap.AddNumber("unit_id", 17, 6, 1, 3);
  root.AddNumber("function_code", 3, 7, 1, 2);
  root.AddNumber("address", 0, 8, 2, 3);
  root.AddNumber("quantity", 2, 10, 2, 3);
  return root;
}

TEST(FieldTree, AbstractsByDepth) {
  Field root = SampleTree();
  EXPECT_EQ(Abstract(root, 1), "modbus.req");
  EXPECT_EQ(Abstract(root, 2), "modbus.req function_code=3");
  EXPECT_EQ(Abstract(root, 3),
            "modbus.req unit_id=17 function_code=3 address=0 quantity=2");
}

TEST(FieldTree, FieldsWithinTheMessage) {
  Field root = SampleTree();
  EXPECT_TRUE(FieldsWithin(root, 12));
  EXPECT_FALSE(FieldsWithin(root, 11));  // quantity ends at byte 12
  root.AddNumber("huge", 0, 4, SIZE_MAX);
  EXPECT_FALSE(FieldsWithin(root, 1000));  // no overflow of offset + length
}

TEST(FieldTree, FindsByNameAndPath) {
  Field root = SampleTree();
  EXPECT_EQ(root.NumberAt("unit_id"), 17);
  EXPECT_EQ(root.NumberAt("mbap.trans_id"), 1);
  EXPECT_EQ(root.Find("mbap.function_code"), nullptr);
  EXPECT_EQ(root.NumberAt("missing"), std::nullopt);
  EXPECT_EQ(root.NumberAt("mbap"), std::nullopt);  // not a number
}

TEST(FieldTree, RendersTextAndJson) {
  Field root = SampleTree();
  std::string text = RenderTree(root);
  EXPECT_NE(text.find("modbus.req [0+0]\n  mbap [0+7]\n    trans_id = 1 [0+2]"),
            std::string::npos)
      << text;
  nlohmann::json j = TreeToJson(root);
  EXPECT_EQ(j["children"][1]["name"], "function_code");
  EXPECT_EQ(j["children"][1]["number"], 3);
  EXPECT_EQ(j["children"][0]["children"][1]["offset"], 6);
}

}  // namespace
}  // namespace protolm
