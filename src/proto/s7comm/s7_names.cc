// Name tables for S7comm codes (see s7_names.h).
#include "proto/s7comm/s7_names.h"

#include <cstdio>

namespace protolm::s7comm {
namespace {

struct NamedCode {
  uint8_t code;
  const char* name;
};

template <size_t N>
const char* Lookup(const NamedCode (&table)[N], uint8_t code) {
  for (const NamedCode& entry : table)
    if (entry.code == code) return entry.name;
  return nullptr;
}

template <size_t N>
std::string NameOr(const NamedCode (&table)[N], uint8_t code,
                   const char* prefix) {
  if (const char* name = Lookup(table, code)) return name;
  return std::string(prefix) + HexText(code, 2);
}

constexpr NamedCode kRosctrs[] = {
    {0x01, "job"}, {0x02, "ack"}, {0x03, "ack_data"}, {0x07, "userdata"}};

constexpr NamedCode kFunctions[] = {
    {0x00, "cpu_services"},   {0x04, "read_var"},
    {0x05, "write_var"},      {0x1a, "request_download"},
    {0x1b, "download_block"}, {0x1c, "download_ended"},
    {0x1d, "start_upload"},   {0x1e, "upload"},
    {0x1f, "end_upload"},     {0x28, "plc_control"},
    {0x29, "plc_stop"},       {0xf0, "setup_communication"}};

constexpr NamedCode kAreas[] = {{0x03, "system_info"},
                                {0x05, "system_flags"},
                                {0x06, "analog_inputs"},
                                {0x07, "analog_outputs"},
                                {0x1c, "c"},
                                {0x1d, "t"},
                                {0x1e, "iec_c"},
                                {0x1f, "iec_t"},
                                {0x80, "p"},
                                {0x81, "i"},
                                {0x82, "q"},
                                {0x83, "m"},
                                {0x84, "db"},
                                {0x85, "di"},
                                {0x86, "l"},
                                {0x87, "v"}};

constexpr NamedCode kItemTypes[] = {
    {0x01, "bit"},           {0x02, "byte"},      {0x03, "char"},
    {0x04, "word"},          {0x05, "int"},       {0x06, "dword"},
    {0x07, "dint"},          {0x08, "real"},      {0x09, "date"},
    {0x0a, "tod"},           {0x0b, "time"},      {0x0c, "s5time"},
    {0x0f, "date_and_time"}, {0x1c, "counter"},   {0x1d, "timer"},
    {0x1e, "iec_counter"},   {0x1f, "iec_timer"}, {0x20, "hs_counter"}};

constexpr NamedCode kDataTypes[] = {{0x00, "null"},        {0x03, "bit"},
                                    {0x04, "byte"},        {0x05, "integer"},
                                    {0x06, "dinteger"},    {0x07, "real"},
                                    {0x09, "octet_string"}};

constexpr NamedCode kReturnCodes[] = {{0x00, "reserved"},
                                      {0x01, "hardware_fault"},
                                      {0x03, "access_denied"},
                                      {0x05, "address_out_of_range"},
                                      {0x06, "data_type_not_supported"},
                                      {0x07, "data_type_inconsistent"},
                                      {0x0a, "object_does_not_exist"},
                                      {0xff, "success"}};

constexpr NamedCode kUserdataTypes[] = {
    {0x0, "push"}, {0x4, "request"}, {0x8, "response"}};

constexpr NamedCode kUserdataGroups[] = {{0x0, "mode_transition"},
                                         {0x1, "programmer"},
                                         {0x2, "cyclic_data"},
                                         {0x3, "block_functions"},
                                         {0x4, "cpu_functions"},
                                         {0x5, "security"},
                                         {0x6, "pbc"},
                                         {0x7, "time_functions"},
                                         {0xf, "nc_programming"}};

// Subfunctions of programmer commands (group 1), as Wireshark names them.
constexpr NamedCode kProgrammerFunctions[] = {
    {0x01, "block_status"},    {0x02, "variable_status"},
    {0x03, "output_istack"},   {0x04, "output_bstack"},
    {0x05, "output_lstack"},   {0x06, "time_measurement"},
    {0x07, "force_selection"}, {0x08, "modify_variable"},
    {0x09, "force"},           {0x0a, "breakpoint"},
    {0x0b, "exit_hold"},       {0x0c, "memory_reset"},
    {0x0d, "disable_job"},     {0x0e, "enable_job"},
    {0x0f, "delete_job"},      {0x10, "read_job_list"},
    {0x11, "read_job"},        {0x12, "replace_job"},
    {0x13, "block_status_v2"}, {0x16, "flash_led"}};

constexpr NamedCode kCyclicFunctions[] = {{0x01, "cyclic_memory"},
                                          {0x04, "cyclic_unsubscribe"}};

constexpr NamedCode kBlockFunctions[] = {{0x01, "list_blocks"},
                                         {0x02, "list_blocks_of_type"},
                                         {0x03, "get_block_info"}};

constexpr NamedCode kCpuFunctions[] = {{0x01, "szl_read"},
                                       {0x02, "message_service"},
                                       {0x03, "diagnostic_message"},
                                       {0x05, "alarm8_indication"},
                                       {0x06, "notify_indication"},
                                       {0x07, "alarm8_lock"},
                                       {0x08, "alarm8_unlock"},
                                       {0x09, "scan_indication"},
                                       {0x0b, "alarm_ack"},
                                       {0x0c, "alarm_ack_indication"},
                                       {0x0d, "alarm_lock_indication"},
                                       {0x0e, "alarm_unlock_indication"},
                                       {0x11, "alarm_sq_indication"},
                                       {0x12, "alarm_s_indication"},
                                       {0x13, "alarm_query"},
                                       {0x16, "notify8_indication"}};

constexpr NamedCode kSecurityFunctions[] = {{0x01, "plc_password"},
                                            {0x02, "clean_session_password"}};

constexpr NamedCode kTimeFunctions[] = {
    {0x01, "read_clock"}, {0x02, "set_clock"}, {0x03, "read_clock_following"}};

}  // namespace

std::string HexText(uint64_t value, int digits) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "0x%0*llx", digits,
                static_cast<unsigned long long>(value));
  return buffer;
}

std::string RosctrName(uint8_t rosctr) {
  return NameOr(kRosctrs, rosctr, "rosctr_");
}
std::string FunctionName(uint8_t function) {
  return NameOr(kFunctions, function, "unknown_function_");
}
std::string AreaName(uint8_t area) { return NameOr(kAreas, area, "area_"); }
std::string ItemTypeName(uint8_t type) {
  return NameOr(kItemTypes, type, "type_");
}
std::string DataTypeName(uint8_t type) {
  return NameOr(kDataTypes, type, "type_");
}
std::string ReturnCodeName(uint8_t code) {
  return NameOr(kReturnCodes, code, "return_code_");
}
std::string UserdataTypeName(uint8_t type) {
  return NameOr(kUserdataTypes, type, "type_");
}
std::string UserdataGroupName(uint8_t group) {
  return NameOr(kUserdataGroups, group, "group_");
}

std::string UserdataFunctionName(uint8_t group, uint8_t subfunction) {
  const char* name = nullptr;
  switch (static_cast<UserdataGroup>(group)) {
    case UserdataGroup::kProgrammer:
      name = Lookup(kProgrammerFunctions, subfunction);
      break;
    case UserdataGroup::kCyclicData:
      name = Lookup(kCyclicFunctions, subfunction);
      break;
    case UserdataGroup::kBlockFunctions:
      name = Lookup(kBlockFunctions, subfunction);
      break;
    case UserdataGroup::kCpuFunctions:
      name = Lookup(kCpuFunctions, subfunction);
      break;
    case UserdataGroup::kSecurity:
      name = Lookup(kSecurityFunctions, subfunction);
      break;
    case UserdataGroup::kTimeFunctions:
      name = Lookup(kTimeFunctions, subfunction);
      break;
    default:
      break;
  }
  if (name != nullptr) return name;
  return "userdata_g" + std::to_string(group) + "_sf" +
         std::to_string(subfunction);
}

}  // namespace protolm::s7comm
