//===- SyscallsNet.cpp - Sockets ------------------------------------------===//
//
// Socket calls pass through: socket addresses, socket options, msghdr and
// cmsghdr have the same layout on riscv64 and x86-64 (generic 64-bit), and
// so do the SOCK_* and MSG_* values. Data goes through host iovecs built
// from guest memory, as for read and write.
//
//===----------------------------------------------------------------------===//

#include "Runtime/Linux/SyscallsInternal.h"

#include <algorithm>
#include <climits>
#include <sys/socket.h>
#include <unistd.h>

namespace dbt::linux {

using namespace target;

namespace {

constexpr uint32_t MaxSockaddr = sizeof(struct sockaddr_storage);
constexpr uint64_t MaxControl = 64 * 1024;
constexpr uint64_t MaxOption = 64 * 1024;

int64_t readSockaddr(Process &P, uint64_t Addr, uint32_t Len,
                     struct sockaddr_storage &Out) {
  if (Len > MaxSockaddr)
    return -EINVAL;
  int64_t R = P.AS.copyFromGuest(&Out, Addr, Len);
  return R < 0 ? R : 0;
}

/// accept/getsockname/getpeername/recvfrom: writes the address the host
/// produced, truncated to the guest's buffer, and its real length.
int64_t writeSockaddr(Process &P, uint64_t Addr, uint64_t LenAddr,
                      uint32_t GuestLen, const struct sockaddr_storage &S,
                      socklen_t Len) {
  if (int64_t R = P.AS.copyToGuest(Addr, &S, std::min<uint32_t>(GuestLen, Len));
      R < 0)
    return R;
  return writeGuest(P.AS, LenAddr, static_cast<uint32_t>(Len));
}

/// The three calls that return a peer or local address.
template <typename Fn>
int64_t addressCall(Process &P, const SyscallArgs &A, Fn Call) {
  struct sockaddr_storage S = {};
  socklen_t Len = 0;
  uint32_t GuestLen = 0;
  if (A[1]) {
    if (int64_t R = readGuest(P.AS, A[2], GuestLen); R < 0)
      return R;
    if (static_cast<int32_t>(GuestLen) < 0)
      return -EINVAL;
    Len = sizeof(S);
  }
  int64_t Result =
      hostResult(Call(A[1] ? reinterpret_cast<struct sockaddr *>(&S) : nullptr,
                      A[1] ? &Len : nullptr));
  if (Result < 0 || !A[1])
    return Result;
  if (int64_t R = writeSockaddr(P, A[1], A[2], GuestLen, S, Len); R < 0)
    return R;
  return Result;
}

int64_t sendOrRecvMsg(Process &P, int Fd, uint64_t MsgAddr, int Flags,
                      bool Send) {
  target::MsgHdr G;
  if (int64_t R = readGuest(P.AS, MsgAddr, G); R < 0)
    return R;
  struct sockaddr_storage Name = {};
  std::vector<uint8_t> Control;
  std::vector<struct iovec> Iov;
  struct msghdr H = {};
  if (G.Name) {
    if (G.NameLen > MaxSockaddr && Send)
      return -EINVAL;
    if (Send)
      if (int64_t R = readSockaddr(P, G.Name, G.NameLen, Name); R < 0)
        return R;
    H.msg_name = &Name;
    H.msg_namelen = Send ? G.NameLen : sizeof(Name);
  }
  if (int64_t R = guestIovecsToHost(P.AS, G.Iov, G.IovLen,
                                    Send ? ProtRead : ProtWrite, Iov);
      R < 0)
    return R;
  H.msg_iov = Iov.data();
  H.msg_iovlen = Iov.size();
  if (G.Control && G.ControlLen) {
    Control.resize(std::min(G.ControlLen, MaxControl));
    if (Send)
      if (int64_t R = P.AS.copyFromGuest(Control.data(), G.Control,
                                         Control.size());
          R < 0)
        return R;
    H.msg_control = Control.data();
    H.msg_controllen = Control.size();
  }
  ssize_t N = Send ? ::sendmsg(Fd, &H, Flags) : ::recvmsg(Fd, &H, Flags);
  if (N < 0)
    return hostErrno();
  if (!Send) {
    if (G.Name) {
      if (int64_t R = P.AS.copyToGuest(
              G.Name, &Name, std::min<uint32_t>(G.NameLen, H.msg_namelen));
          R < 0)
        return R;
      G.NameLen = H.msg_namelen;
    }
    if (H.msg_controllen)
      if (int64_t R = P.AS.copyToGuest(G.Control, Control.data(),
                                       H.msg_controllen);
          R < 0)
        return R;
    G.ControlLen = H.msg_controllen;
    G.Flags = H.msg_flags;
    if (int64_t R = writeGuest(P.AS, MsgAddr, G); R < 0)
      return R;
  }
  return N;
}

} // namespace

int64_t sysSocket(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::socket(A.i32(0), A.i32(1), A.i32(2)));
}

int64_t sysSocketpair(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  int Fds[2];
  if (::socketpair(A.i32(0), A.i32(1), A.i32(2), Fds) < 0)
    return hostErrno();
  int32_t Guest[2] = {Fds[0], Fds[1]};
  if (int64_t R = writeGuest(P.AS, A[3], Guest); R < 0) {
    ::close(Fds[0]);
    ::close(Fds[1]);
    return R;
  }
  return 0;
}

int64_t sysBind(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct sockaddr_storage S;
  if (int64_t R = readSockaddr(P, A[1], A.u32(2), S); R < 0)
    return R;
  return hostResult(
      ::bind(A.i32(0), reinterpret_cast<struct sockaddr *>(&S), A.u32(2)));
}

int64_t sysConnect(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct sockaddr_storage S;
  if (int64_t R = readSockaddr(P, A[1], A.u32(2), S); R < 0)
    return R;
  return hostResult(
      ::connect(A.i32(0), reinterpret_cast<struct sockaddr *>(&S), A.u32(2)));
}

int64_t sysListen(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::listen(A.i32(0), A.i32(1)));
}

int64_t sysAccept(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return addressCall(P, A, [&](struct sockaddr *S, socklen_t *L) {
    return ::accept(A.i32(0), S, L);
  });
}

int64_t sysAccept4(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return addressCall(P, A, [&](struct sockaddr *S, socklen_t *L) {
    return ::accept4(A.i32(0), S, L, openFlagsToHost(A.u32(3)));
  });
}

int64_t sysGetsockname(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return addressCall(P, A, [&](struct sockaddr *S, socklen_t *L) {
    return ::getsockname(A.i32(0), S, L);
  });
}

int64_t sysGetpeername(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return addressCall(P, A, [&](struct sockaddr *S, socklen_t *L) {
    return ::getpeername(A.i32(0), S, L);
  });
}

int64_t sysSendto(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct sockaddr_storage S;
  struct msghdr H = {};
  if (A[4]) {
    if (int64_t R = readSockaddr(P, A[4], A.u32(5), S); R < 0)
      return R;
    H.msg_name = &S;
    H.msg_namelen = A.u32(5);
  }
  std::vector<struct iovec> Iov;
  if (A[2])
    if (int64_t R = P.AS.hostPieces(A[1], A[2], ProtRead, Iov); R < 0)
      return R;
  H.msg_iov = Iov.data();
  H.msg_iovlen = std::min<size_t>(Iov.size(), IOV_MAX);
  return hostResult(::sendmsg(A.i32(0), &H, A.i32(3)));
}

int64_t sysRecvfrom(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  struct sockaddr_storage S = {};
  struct msghdr H = {};
  uint32_t GuestLen = 0;
  if (A[4]) {
    if (int64_t R = readGuest(P.AS, A[5], GuestLen); R < 0)
      return R;
    H.msg_name = &S;
    H.msg_namelen = sizeof(S);
  }
  std::vector<struct iovec> Iov;
  if (A[2])
    if (int64_t R = P.AS.hostPieces(A[1], A[2], ProtWrite, Iov); R < 0)
      return R;
  H.msg_iov = Iov.data();
  H.msg_iovlen = std::min<size_t>(Iov.size(), IOV_MAX);
  ssize_t N = ::recvmsg(A.i32(0), &H, A.i32(3));
  if (N < 0)
    return hostErrno();
  if (A[4])
    if (int64_t R = writeSockaddr(P, A[4], A[5], GuestLen, S, H.msg_namelen);
        R < 0)
      return R;
  return N;
}

int64_t sysSetsockopt(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint32_t Len = A.u32(4);
  if (Len > MaxOption)
    return -EINVAL;
  std::vector<uint8_t> Value(Len);
  if (Len)
    if (int64_t R = P.AS.copyFromGuest(Value.data(), A[3], Len); R < 0)
      return R;
  return hostResult(::setsockopt(A.i32(0), A.i32(1), A.i32(2),
                                 A[3] ? Value.data() : nullptr, Len));
}

int64_t sysGetsockopt(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  uint32_t GuestLen;
  if (int64_t R = readGuest(P.AS, A[4], GuestLen); R < 0)
    return R;
  if (static_cast<int32_t>(GuestLen) < 0)
    return -EINVAL;
  socklen_t Len = std::min<uint32_t>(GuestLen, MaxOption);
  std::vector<uint8_t> Value(Len);
  if (::getsockopt(A.i32(0), A.i32(1), A.i32(2), Value.data(), &Len) < 0)
    return hostErrno();
  if (int64_t R = P.AS.copyToGuest(A[3], Value.data(),
                                   std::min<uint32_t>(Len, GuestLen));
      R < 0)
    return R;
  return writeGuest(P.AS, A[4], static_cast<uint32_t>(Len));
}

int64_t sysShutdown(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return hostResult(::shutdown(A.i32(0), A.i32(1)));
}

int64_t sysSendmsg(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return sendOrRecvMsg(P, A.i32(0), A[1], A.i32(2), /*Send=*/true);
}

int64_t sysRecvmsg(Process &P, riscv::CpuState &, const SyscallArgs &A) {
  return sendOrRecvMsg(P, A.i32(0), A[1], A.i32(2), /*Send=*/false);
}

} // namespace dbt::linux
