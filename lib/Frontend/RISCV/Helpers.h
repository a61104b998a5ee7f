//===- Helpers.h - Runtime helpers called by lifted RISC-V code -*- C++ -*-===//
//
// C declarations of every helper listed in Helpers.def (the runtime takes
// their addresses by name for the translator), plus the host FP-environment
// primitives the helpers and FpEnvironment.cpp share. No LLVM.
//
// Type mapping from Helpers.def: i32 -> uint32_t, i64 -> uint64_t,
// f32 -> float, f64 -> double, ptr -> CpuState *.
//
// Rounding-mode arguments (Rm) take the instruction's rm field: 0 RNE,
// 1 RTZ, 2 RDN, 3 RUP, 4 RMM, 7 DYN (the host's current mode, which follows
// frm). Every FP helper adds exactly the RISC-V exception flags of its
// operation to the live host flags, returns NaN results as the canonical NaN
// and leaves the rest of the environment (rounding mode, other flags) as it
// found it.
//
//===----------------------------------------------------------------------===//
#ifndef DBT_LIB_FRONTEND_RISCV_HELPERS_H
#define DBT_LIB_FRONTEND_RISCV_HELPERS_H

#include "dbt/Frontend/RISCV/CpuState.h"

#include <cstdint>

#if defined(__x86_64__)
#define DBT_HOSTFP_MXCSR 1
#else
#include <cfenv>
#endif

extern "C" {

// ---- CSRs (HelpersCsr.cpp) --------------------------------------------------
/// Reads a user-mode CSR: fflags/frm/fcsr from the live FP environment and
/// Cpu->Frm, cycle/time/instret from monotonic host counters. CSRs the lifter
/// does not accept never get here; anything else reads as 0.
uint64_t dbt_rv_csr_read(dbt::riscv::CpuState *Cpu, uint32_t Csr);
/// Writes fflags/frm/fcsr (the live host environment and Cpu->FFlags/Frm);
/// frm keeps the written 3-bit value, the host runs RMM and invalid modes as
/// RNE. Writes to anything else are ignored.
void dbt_rv_csr_write(dbt::riscv::CpuState *Cpu, uint32_t Csr, uint64_t Value);

// ---- Arithmetic with an explicit rounding mode (HelpersFloat.cpp) -----------
float dbt_rv_fadd_s(float A, float B, uint32_t Rm);
float dbt_rv_fsub_s(float A, float B, uint32_t Rm);
float dbt_rv_fmul_s(float A, float B, uint32_t Rm);
float dbt_rv_fdiv_s(float A, float B, uint32_t Rm);
float dbt_rv_fsqrt_s(float A, uint32_t Rm);
/// A * B + C with one rounding; the lifter negates operands for fmsub,
/// fnmsub and fnmadd. Sets NV for inf * 0 even when C is a quiet NaN.
float dbt_rv_fmadd_s(float A, float B, float C, uint32_t Rm);
double dbt_rv_fadd_d(double A, double B, uint32_t Rm);
double dbt_rv_fsub_d(double A, double B, uint32_t Rm);
double dbt_rv_fmul_d(double A, double B, uint32_t Rm);
double dbt_rv_fdiv_d(double A, double B, uint32_t Rm);
double dbt_rv_fsqrt_d(double A, uint32_t Rm);
double dbt_rv_fmadd_d(double A, double B, double C, uint32_t Rm);

// ---- Conversions (HelpersFloat.cpp) -----------------------------------------
/// fcvt.{w,wu,l,lu}.{s,d}: Kind is the instruction's rs2 field (0 w, 1 wu,
/// 2 l, 3 lu). Returns the value as rd receives it (32-bit results
/// sign-extended); NaN and out-of-range inputs saturate and set only NV.
uint64_t dbt_rv_fcvt_int_s(float A, uint32_t Rm, uint32_t Kind);
uint64_t dbt_rv_fcvt_int_d(double A, uint32_t Rm, uint32_t Kind);
/// fcvt.{s,d}.{l,lu}; the w/wu forms pass the value extended to 64 bits.
float dbt_rv_fcvt_s_l(uint64_t V, uint32_t Rm);
float dbt_rv_fcvt_s_lu(uint64_t V, uint32_t Rm);
double dbt_rv_fcvt_d_l(uint64_t V, uint32_t Rm);
double dbt_rv_fcvt_d_lu(uint64_t V, uint32_t Rm);
/// fcvt.s.d.
float dbt_rv_fcvt_s_d(double A, uint32_t Rm);

} // extern "C"

namespace dbt::riscv {

/// Exact software rounding, exposed for the unit tests that check it against
/// the host in the four modes the host has. Operands are raw IEEE bits
/// (binary32 in the low half when !IsDouble) of finite, non-zero values
/// (C of fma may be zero); Flags accumulates NX, UF and OF.
namespace softfp {
enum class Op { Add, Mul, Div, Fma };
uint64_t arith(Op O, bool IsDouble, uint64_t A, uint64_t B, uint64_t C, unsigned Rm,
               uint32_t &Flags);
} // namespace softfp

/// The host FP environment seen as the guest's: flags as fflags bits,
/// rounding as a RISC-V rm (RMM and invalid modes run as RNE on the host).
namespace hostfp {

/// x86 MXCSR flag bits (IE DE ZE OE UE PE) -> fflags (also used by the
/// lifter, for the code it generates); the denormal-operand flag has no
/// RISC-V twin.
constexpr uint32_t flagsFromMxcsrBits(uint32_t Csr) {
  return ((Csr & 0x01) << 4) | ((Csr & 0x04) << 1) | ((Csr & 0x08) >> 1) | ((Csr & 0x10) >> 3) |
         ((Csr & 0x20) >> 5);
}
constexpr uint32_t mxcsrFromFflagsBits(uint32_t F) {
  return ((F & NV) >> 4) | ((F & DZ) >> 1) | ((F & OF) << 1) | ((F & UF) << 3) | ((F & NX) << 5);
}

#if DBT_HOSTFP_MXCSR
// MXCSR: exception flags in bits 5:0 (IE DE ZE OE UE PE), rounding control in
// bits 14:13 (0 nearest, 1 down, 2 up, 3 toward zero).
inline constexpr uint32_t MxcsrFlagMask = 0x3f;
inline constexpr uint32_t MxcsrRcMask = 0x6000;

inline uint32_t readMxcsr() {
  uint32_t V;
  asm volatile("stmxcsr %0" : "=m"(V));
  return V;
}
inline void writeMxcsr(uint32_t V) {
  asm volatile("ldmxcsr %0" : : "m"(V));
}

inline uint32_t flagsFromMxcsr(uint32_t Csr) {
  return flagsFromMxcsrBits(Csr);
}
inline uint32_t mxcsrFromFlags(uint32_t F) {
  return mxcsrFromFflagsBits(F);
}
inline uint32_t mxcsrRounding(uint32_t Rm) {
  // RNE, RTZ, RDN, RUP; everything else runs as RNE.
  static constexpr uint32_t Rc[4] = {0x0000, 0x6000, 0x2000, 0x4000};
  return Rm < 4 ? Rc[Rm] : 0;
}
inline uint32_t rmFromMxcsr(uint32_t Csr) {
  static constexpr uint8_t Rm[4] = {0 /*RNE*/, 2 /*RDN*/, 3 /*RUP*/, 1 /*RTZ*/};
  return Rm[(Csr >> 13) & 3];
}

inline uint32_t flags() {
  return flagsFromMxcsr(readMxcsr());
}
inline void setFlags(uint32_t F) {
  writeMxcsr((readMxcsr() & ~MxcsrFlagMask) | mxcsrFromFlags(F));
}
inline void raise(uint32_t F) {
  if (F) writeMxcsr(readMxcsr() | mxcsrFromFlags(F));
}
inline uint32_t rounding() {
  return rmFromMxcsr(readMxcsr());
}
inline void setRounding(uint32_t Rm) {
  writeMxcsr((readMxcsr() & ~MxcsrRcMask) | mxcsrRounding(Rm));
}
/// Rounding := Rm and flags := F in one write.
inline void load(uint32_t Rm, uint32_t F) {
  writeMxcsr((readMxcsr() & ~(MxcsrRcMask | MxcsrFlagMask)) | mxcsrRounding(Rm) |
             mxcsrFromFlags(F));
}
/// Returns the flags and resets the environment to RNE with no flags.
inline uint32_t reset() {
  uint32_t Csr = readMxcsr();
  uint32_t Clean = Csr & ~(MxcsrRcMask | MxcsrFlagMask);
  if (Csr != Clean) writeMxcsr(Clean);
  return flagsFromMxcsr(Csr);
}

#else // Portable <fenv.h> fallback.

inline uint32_t flags() {
  int E = std::fetestexcept(FE_ALL_EXCEPT);
  return (E & FE_INVALID ? NV : 0) | (E & FE_DIVBYZERO ? DZ : 0) | (E & FE_OVERFLOW ? OF : 0) |
         (E & FE_UNDERFLOW ? UF : 0) | (E & FE_INEXACT ? NX : 0);
}
inline int feFromFlags(uint32_t F) {
  return (F & NV ? FE_INVALID : 0) | (F & DZ ? FE_DIVBYZERO : 0) | (F & OF ? FE_OVERFLOW : 0) |
         (F & UF ? FE_UNDERFLOW : 0) | (F & NX ? FE_INEXACT : 0);
}
inline void setFlags(uint32_t F) {
  std::feclearexcept(FE_ALL_EXCEPT);
  std::feraiseexcept(feFromFlags(F));
}
inline void raise(uint32_t F) {
  if (F) std::feraiseexcept(feFromFlags(F));
}
inline uint32_t rounding() {
  switch (std::fegetround()) {
  case FE_TOWARDZERO:
    return 1;
  case FE_DOWNWARD:
    return 2;
  case FE_UPWARD:
    return 3;
  default:
    return 0;
  }
}
inline void setRounding(uint32_t Rm) {
  static constexpr int Modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};
  std::fesetround(Rm < 4 ? Modes[Rm] : FE_TONEAREST);
}
inline void load(uint32_t Rm, uint32_t F) {
  setRounding(Rm);
  setFlags(F);
}
inline uint32_t reset() {
  uint32_t F = flags();
  std::feclearexcept(FE_ALL_EXCEPT);
  std::fesetround(FE_TONEAREST);
  return F;
}
#endif

} // namespace hostfp
} // namespace dbt::riscv

#endif
