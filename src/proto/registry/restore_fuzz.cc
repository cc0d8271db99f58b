// libFuzzer target: putting back a probe write from a hostile device answer.
// The first input byte picks the protocol and the write (a Modbus single or
// multiple coil or register write, an S7 byte or bit write); the rest is the
// answer to the read before it. Whatever the answer, a restore that comes
// back must change exactly the span the write changed, and encode.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include <vector>

#include "proto/modbus/adu.h"
#include "proto/modbus/builders.h"
#include "proto/modbus/modbus_restore.h"
#include "proto/s7comm/message.h"
#include "proto/s7comm/s7_builders.h"
#include "proto/s7comm/s7_restore.h"

namespace {

using namespace protolm;  // NOLINT

void CheckModbus(const modbus::Request& write, ByteView answer) {
  std::optional<modbus::Request> restore = modbus::RestoreWrite(write, answer);
  if (!restore) return;
  if (modbus::ReadBefore(*restore) != modbus::ReadBefore(write)) std::abort();
  if (!modbus::BuildRequestAdu(1, 1, *restore).ok()) std::abort();
}

void CheckS7(const s7comm::S7Pdu& write, ByteView answer) {
  std::optional<s7comm::S7Pdu> restore = s7comm::RestoreWrite(write, answer);
  if (!restore) return;
  if (s7comm::ReadBefore(*restore) != s7comm::ReadBefore(write)) std::abort();
  if (!s7comm::FrameS7Pdu(*restore).ok()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const ByteView answer(data + 1, size - 1);
  using s7comm::AnyPointer;
  using s7comm::ItemType;
  switch (data[0] % 6) {
    case 0:
      CheckModbus(modbus::WriteSingleCoil(7, true), answer);
      break;
    case 1:
      CheckModbus(modbus::WriteMultipleCoils(3, std::vector<bool>(11, true)),
                  answer);
      break;
    case 2:
      CheckModbus(modbus::WriteSingleRegister(100, 5), answer);
      break;
    case 3:
      CheckModbus(modbus::WriteMultipleRegisters(0, {1, 2, 3, 4}), answer);
      break;
    case 4: {
      const AnyPointer bytes{ItemType::kByte, 4, 1, s7comm::Area::kDataBlock,
                             8, 0};
      CheckS7(s7comm::WriteVarJob(0, {bytes}, {s7comm::ByteData({1, 2, 3, 4})}),
              answer);
      break;
    }
    default: {
      const AnyPointer bit{ItemType::kBit, 1, 0, s7comm::Area::kFlags, 2, 3};
      CheckS7(s7comm::WriteVarJob(0, {bit}, {s7comm::BitData(true)}), answer);
      break;
    }
  }
  return 0;
}
