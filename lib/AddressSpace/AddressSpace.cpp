//===- AddressSpace.cpp - Memory modes and the address-space factory ------===//
//
// Names of the memory modes and the one place that turns a chosen mode into
// an AddressSpace implementation.
//
//===----------------------------------------------------------------------===//
#include "dbt/AddressSpace/AddressSpace.h"

#include "ReservedAddressSpace.h"

namespace dbt {

const char *memoryModeName(MemoryMode M) {
  switch (M) {
  case MemoryMode::Reserved:
    return "reserved";
  case MemoryMode::Unreserved:
    return "unreserved";
  case MemoryMode::SoftMmu:
    return "softmmu";
  }
  return "unknown";
}

bool parseMemoryMode(const std::string &Name, MemoryMode &Out) {
  for (MemoryMode M : {MemoryMode::Reserved, MemoryMode::Unreserved, MemoryMode::SoftMmu}) {
    if (Name == memoryModeName(M)) {
      Out = M;
      return true;
    }
  }
  return false;
}

std::unique_ptr<AddressSpace> createAddressSpace(const AddressSpaceOptions &Options,
                                                 std::string &Error) {
  switch (Options.Mode) {
  case MemoryMode::Reserved:
    return ReservedAddressSpace::create(Options, Error);
  case MemoryMode::Unreserved:
  case MemoryMode::SoftMmu:
    break;
  }
  Error = std::string("memory mode '") + memoryModeName(Options.Mode) +
          "' is not implemented yet";
  return nullptr;
}

} // namespace dbt
