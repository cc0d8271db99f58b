// Third-party Modbus peers on 127.0.0.1 against the simulator
// (`StartDeviceServer`) and against the honeypot serving a clone of it
// (`StartHoneypot`), with the same expectations: pymodbus and mbpoll write
// coils and registers and read them back (also from a new connection) and
// meet the exception the device answers out-of-range reads with, and tshark
// dissects the answers to every function without a warning; nmap's
// modbus-discover prints the same identity block for both. The clone is an
// untrained model with the device rules learned from a boundaries probe of
// the simulator (what `protolm clone` saves before any training): it shows
// what the learned rules, the state overlay and the validity guard give on
// their own. The tools are real; a missing one fails the test
// (scripts/setup.sh installs them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "capture/tcp_conversation_writer.h"
#include "testing/device/served_device.h"
#include "testing/loopback_client.h"
#include "proto/modbus/builders.h"
#include "testing/file_contents.h"
#include "testing/scratch_dir.h"
#include "testing/shell.h"

namespace protolm::device {
namespace {

using protolm::testing::ShellOutput;
using protolm::testing::ToolInstalled;
using ::testing::HasSubstr;

/// Debian's interpreter, where python3-pymodbus lives (a pyenv python3
/// earlier on PATH would not see it).
constexpr const char* kSystemPython = "/usr/bin/python3";

using protolm::testing::Served;

class ModbusInteropTest : public ::testing::TestWithParam<Served> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(device_.Start(GetParam(), "wago-750-881", "modbus", 800));
    port_number_ = device_.port();
    port_ = std::to_string(port_number_);
  }
  protolm::testing::ServedDevice device_;
  uint16_t port_number_ = 0;
  std::string port_;
};

INSTANTIATE_TEST_SUITE_P(SimulatorAndClone, ModbusInteropTest,
                         ::testing::Values(Served::kSimulator, Served::kClone),
                         protolm::testing::ServedName);

TEST_P(ModbusInteropTest, NmapModbusDiscoverPrintsTheDevicesIdentity) {
  ASSERT_TRUE(ToolInstalled("nmap"));
  // "+" runs the script although the port is not 502.
  std::string out = ShellOutput("nmap -Pn -n -sT -p " + port_ +
                                " --script +modbus-discover 127.0.0.1 2>&1");
  // nmap 7.93's whole script block, as the simulator answers it.
  EXPECT_THAT(out, HasSubstr("| modbus-discover: \n"
                             "|   sid 0x1: \n"
                             "|     Slave ID data: WAGO750-881\\xFF\n"
                             "|_    Device identification: WAGO 750-881 "
                             "01.07.16\n"))
      << out;
}

TEST_P(ModbusInteropTest, PymodbusWritesAndReadsBack) {
  ASSERT_TRUE(ToolInstalled(kSystemPython));
  protolm::testing::ScratchDir scratch;
  std::string script = scratch.Path("client.py");
  protolm::testing::WriteFile(script, R"(import sys
from pymodbus.client import ModbusTcpClient
port = int(sys.argv[1])
c = ModbusTcpClient("127.0.0.1", port=port)
assert c.connect()
assert not c.write_registers(300, [11, 22, 33], slave=1).isError()
assert not c.write_register(303, 44, slave=1).isError()
assert not c.write_coils(300, [True, False, True], slave=1).isError()
assert not c.write_coil(303, True, slave=1).isError()
r = c.read_holding_registers(300, 4, slave=1)
print("registers", r.registers)
b = c.read_coils(300, 4, slave=1)
print("coils", b.bits[:4])
e = c.read_holding_registers(2000, 1, slave=1)
print("exception", e.exception_code)
c.close()
d = ModbusTcpClient("127.0.0.1", port=port)
assert d.connect()
print("again", d.read_holding_registers(300, 4, slave=1).registers,
      d.read_coils(300, 4, slave=1).bits[:4])
d.close()
)");
  std::string out = ShellOutput(std::string(kSystemPython) + " " + script +
                                " " + port_ + " 2>&1");
  EXPECT_THAT(out, HasSubstr("registers [11, 22, 33, 44]")) << out;
  EXPECT_THAT(out, HasSubstr("coils [True, False, True, True]")) << out;
  EXPECT_THAT(out, HasSubstr("exception 2")) << out;
  EXPECT_THAT(out,
              HasSubstr("again [11, 22, 33, 44] [True, False, True, True]"))
      << out;
}

TEST_P(ModbusInteropTest, MbpollWritesAndReadsBack) {
  ASSERT_TRUE(ToolInstalled("mbpoll"));
  // -0: addresses start at 0; -1: one poll; -t 4: holding registers, -t 0
  // coils.
  std::string base = "mbpoll -m tcp -a 1 -p " + port_ + " -0 -1 ";
  std::string wrote =
      ShellOutput(base + "-t 4 -r 400 127.0.0.1 1234 5678 2>&1");
  EXPECT_THAT(wrote, HasSubstr("Written 2 references")) << wrote;
  ShellOutput(base + "-t 0 -r 400 127.0.0.1 1 0 1 2>&1");
  std::string regs = ShellOutput(base + "-t 4 -r 400 -c 2 127.0.0.1 2>&1");
  EXPECT_THAT(regs, HasSubstr("[400]: \t1234")) << regs;
  EXPECT_THAT(regs, HasSubstr("[401]: \t5678")) << regs;
  std::string coils = ShellOutput(base + "-t 0 -r 400 -c 3 127.0.0.1 2>&1");
  EXPECT_THAT(coils, HasSubstr("[400]: \t1")) << coils;
  EXPECT_THAT(coils, HasSubstr("[401]: \t0")) << coils;
  EXPECT_THAT(coils, HasSubstr("[402]: \t1")) << coils;
}

TEST_P(ModbusInteropTest, TsharkDissectsTheTrafficWithoutWarnings) {
  ASSERT_TRUE(ToolInstalled("tshark"));
  using namespace modbus;
  std::vector<Request> requests = {ReadCoils(0, 10),
                                   ReadDiscreteInputs(0, 10),
                                   ReadHoldingRegisters(0, 5),
                                   ReadInputRegisters(0, 2),
                                   WriteSingleCoil(5, true),
                                   WriteSingleRegister(5, 77),
                                   ReadExceptionStatus(),
                                   Diagnostics(0, {1, 2}),
                                   GetCommEventCounter(),
                                   GetCommEventLog(),
                                   WriteMultipleCoils(0, {1, 0, 1}),
                                   WriteMultipleRegisters(0, {1, 2}),
                                   ReportServerId(),
                                   ReadFileRecord({{6, 1, 0, 2}}),
                                   WriteFileRecord({{6, 1, 0, {3, 4}}}),
                                   MaskWriteRegister(0, 0xF0F0, 0x0F0F),
                                   ReadWriteMultipleRegisters(0, 2, 2, {9}),
                                   ReadFifoQueue(0),
                                   ReadDeviceIdentification(1, 0),
                                   ReadDeviceIdentification(2, 0),
                                   ReadDeviceIdentification(4, 0x90),
                                   ReadCoils(0, 0),
                                   ReadCoils(5000, 1),
                                   RawRequest(0x63, {})};
  protolm::testing::ScratchDir scratch;
  std::string path = scratch.Path("modbus.pcap");
  auto writer = TcpConversationWriter::Create(path, {"10.0.0.1", 40000},
                                              {"10.0.0.2", 502});
  ASSERT_TRUE(writer.ok()) << writer.status().message();
  testing::LoopbackClient client(port_number_);
  int64_t ts = 1'700'000'000'000'000;
  for (size_t i = 0; i < requests.size(); ++i) {
    auto adu = BuildRequestAdu(static_cast<uint16_t>(i + 1), 1, requests[i]);
    ASSERT_TRUE(adu.ok());
    ASSERT_TRUE(client.Send(*adu));
    auto response = client.ReceiveModbusAdu();
    ASSERT_TRUE(response) << FunctionNameOf(requests[i]);
    ASSERT_TRUE(
        writer->Send(Direction::kClientToServer, ts += 1000, *adu).ok());
    ASSERT_TRUE(
        writer->Send(Direction::kServerToClient, ts += 1000, *response).ok());
  }
  ASSERT_TRUE(writer->Close(ts += 1000).ok());
  std::string verbose = ShellOutput("tshark -r " + path + " -V 2>&1");
  EXPECT_THAT(verbose, HasSubstr("Modbus/TCP"));
  EXPECT_THAT(verbose, HasSubstr("Illegal data address"));
  EXPECT_EQ(verbose.find("Malformed"), std::string::npos) << verbose;
  std::string expert =
      ShellOutput("tshark -r " + path + " -q -z expert,warn 2>&1");
  EXPECT_EQ(expert.find("Warning"), std::string::npos) << expert;
  EXPECT_EQ(expert.find("Error"), std::string::npos) << expert;
}

}  // namespace
}  // namespace protolm::device
