//===- GuestBuffer.cpp - Lock/unlock of guest memory for syscalls ---------===//
//
// GuestBuffer: a direct host pointer when the guest range is one host piece,
// otherwise a bounce buffer filled from and written back to the guest.
//
//===----------------------------------------------------------------------===//
#include "dbt/AddressSpace/AddressSpace.h"

namespace dbt {

GuestBuffer::GuestBuffer(AddressSpace &AS, uint64_t Addr, size_t Length, Access Dir)
    : AS(AS), Addr(Addr), Length(Length), Dir(Dir), Produced(Length) {
  int Prot = ((Dir & In) ? ProtRead : 0) | ((Dir & Out) ? ProtWrite : 0);
  if (Length == 0) {
    // Callers pass data() straight to host calls, which dislike nullptr
    // even for zero bytes.
    static uint8_t Empty;
    Data = &Empty;
    Ok = true;
    return;
  }
  std::vector<struct iovec> Pieces;
  if (AS.hostPieces(Addr, Length, Prot, Pieces) < 0) return;
  if (Pieces.size() == 1) {
    Data = Pieces.front().iov_base;
    Ok = true;
    return;
  }
  Bounce.resize(Length);
  // An output-only buffer still starts as the guest's bytes when they are
  // readable, so writing back bytes the syscall never produced is harmless.
  if ((Dir & In) || AS.isAccessible(Addr, Length, ProtRead))
    if (AS.copyFromGuest(Bounce.data(), Addr, Length) < 0) return;
  Data = Bounce.data();
  Ok = true;
}

GuestBuffer::~GuestBuffer() {
  if (Ok && !Bounce.empty() && (Dir & Out) && Produced)
    AS.copyToGuest(Addr, Bounce.data(), Produced);
}

} // namespace dbt
