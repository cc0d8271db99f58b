// Field tree building, lookup, abstraction and rendering (see field_tree.h).
#include "proto/field_tree.h"

#include <nlohmann/json.hpp>

namespace protolm {

Field& Field::Add(Field child) {
  children.push_back(std::move(child));
  return children.back();
}

Field& Field::AddNumber(std::string child_name, int64_t n, size_t at,
                        size_t len, int lvl) {
  Field f;
  f.name = std::move(child_name);
  f.value = std::to_string(n);
  f.number = n;
  f.offset = at;
  f.length = len;
  f.level = lvl;
  return Add(std::move(f));
}

Field& Field::AddText(std::string child_name, std::string text, size_t at,
                      size_t len, int lvl) {
  Field f;
  f.name = std::move(child_name);
  f.value = std::move(text);
  f.offset = at;
  f.length = len;
  f.level = lvl;
  return Add(std::move(f));
}

namespace {

const Field* FindByName(const Field& f, std::string_view name) {
  for (const Field& c : f.children) {
    if (c.name == name) return &c;
    if (const Field* hit = FindByName(c, name)) return hit;
  }
  return nullptr;
}

void AppendTokens(const Field& f, int depth, std::string& out) {
  for (const Field& c : f.children) {
    if (c.level >= 1 && c.level <= depth) {
      out += ' ';
      out += c.name;
      out += '=';
      out += c.value;
    }
    AppendTokens(c, depth, out);
  }
}

void Render(const Field& f, int indent, std::string& out) {
  out.append(static_cast<size_t>(indent) * 2, ' ');
  out += f.name;
  if (!f.value.empty()) out += " = " + f.value;
  out += " [" + std::to_string(f.offset) + "+" + std::to_string(f.length) +
         "]\n";
  for (const Field& c : f.children) Render(c, indent + 1, out);
}

}  // namespace

const Field* Field::Find(std::string_view path) const {
  const Field* at = this;
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string_view head = path.substr(0, dot);
    at = FindByName(*at, head);
    if (at == nullptr) return nullptr;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return at;
}

std::optional<int64_t> Field::NumberAt(std::string_view path) const {
  const Field* f = Find(path);
  if (f == nullptr) return std::nullopt;
  return f->number;
}

std::string Abstract(const Field& root, int depth) {
  std::string out = root.name;
  AppendTokens(root, depth, out);
  return out;
}

std::string RenderTree(const Field& root) {
  std::string out;
  Render(root, 0, out);
  return out;
}

nlohmann::json TreeToJson(const Field& root) {
  nlohmann::json j = {{"name", root.name},
                      {"value", root.value},
                      {"offset", root.offset},
                      {"length", root.length}};
  if (root.number) j["number"] = *root.number;
  if (!root.children.empty()) {
    nlohmann::json kids = nlohmann::json::array();
    for (const Field& c : root.children) kids.push_back(TreeToJson(c));
    j["children"] = std::move(kids);
  }
  return j;
}

}  // namespace protolm
