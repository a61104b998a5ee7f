//===- LiftFloat.cpp - F and D extensions ---------------------------------===//
//
// Owns the lifting of RV64 F/D. The host FP environment is the guest's while
// translated code runs (rounding = frm, sticky flags = fflags), so the
// common case, a dynamic rounding mode, is one LLVM constrained operation
// ("round.dynamic", "fpexcept.strict": never folded, reordered or deleted,
// and the host hardware raises the flags), plus a NaN check. What x86 does
// differently is patched around it:
//  - NaN results become the canonical NaN; frm = RMM has no host mode. Both
//    go to one cold block per operation that calls the helper of the same
//    operation (the flags of an RMM result equal those of the RNE result the
//    host already raised, so recomputing is harmless).
//  - Static rounding modes call helpers for arithmetic; conversions to
//    integers round inline (roundsd modes) and saturate like RISC-V.
//  - fmin/fmax, comparisons, sign injection, fclass and moves are inline.
// NaN-boxing is the RegionLifter's getF32/setF32.
//
//===----------------------------------------------------------------------===//

#include "Helpers.h"
#include "Lifter.h"

#include "dbt/Frontend/RISCV/CpuState.h"

#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/IntrinsicsX86.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/TargetParser/Triple.h"

#include <cstddef>

using namespace llvm;

namespace dbt::riscv {

namespace {

class FpLifter {
public:
  explicit FpLifter(RegionLifter &L) : L(L), B(L.builder()), I(L.insn()), Ctx(L.context()) {}

  bool lift();

private:
  // ---- Types, constants, registers --------------------------------------
  Type *fpTy(bool D) { return D ? B.getDoubleTy() : B.getFloatTy(); }
  IntegerType *bitsTy(bool D) { return D ? B.getInt64Ty() : B.getInt32Ty(); }
  Value *canonicalNaN(bool D) {
    return D ? ConstantFP::get(Ctx, APFloat(APFloat::IEEEdouble(), APInt(64, 0x7ff8000000000000)))
             : ConstantFP::get(Ctx, APFloat(APFloat::IEEEsingle(), APInt(32, 0x7fc00000)));
  }
  Value *getF(bool D, unsigned R) { return D ? L.getF64(R) : L.getF32(R); }
  void setF(bool D, unsigned R, Value *V) { D ? L.setF64(R, V) : L.setF32(R, V); }
  /// Sets a single's register from its 32 bits, NaN-boxed.
  void setBoxedBits32(unsigned R, Value *Bits32) {
    L.setFBits(R,
               B.CreateOr(B.CreateZExt(Bits32, B.getInt64Ty()), B.getInt64(0xffffffff00000000ull)));
  }
  /// The value's bits (unboxed for singles, so an unboxed input reads as
  /// the canonical NaN).
  Value *getBits(bool D, unsigned R) {
    return D ? L.getFBits(R) : B.CreateBitCast(L.getF32(R), B.getInt32Ty());
  }
  void setBits(bool D, unsigned R, Value *V) { D ? L.setFBits(R, V) : setBoxedBits32(R, V); }
  Value *addr() { return B.CreateAdd(L.getX(I.Rs1), B.getInt64(uint64_t(I.Imm))); }

  // ---- Building blocks ---------------------------------------------------
  Value *constrained(Intrinsic::ID Id, ArrayRef<Type *> Tys, ArrayRef<Value *> Args) {
    Function *Fn = Intrinsic::getDeclaration(&L.module(), Id, Tys);
    return B.CreateConstrainedFPCall(Fn, Args);
  }
  Value *helper(Helper H, ArrayRef<Value *> Args) {
    CallInst *CI = L.callHelper(H, Args);
    // Helpers touch nothing but the FP environment: the guest state may stay
    // in registers across them, and frm loads are not clobbered.
    CI->setMemoryEffects(MemoryEffects::inaccessibleMemOnly());
    CI->setDoesNotThrow();
    return CI;
  }
  /// frm as the guest last wrote it (3 bits).
  Value *loadFrm() {
    return B.CreateLoad(B.getInt32Ty(), L.cpuField(offsetof(CpuState, Frm)), "frm");
  }
  /// i1: frm is not a mode the host runs: RMM, or invalid (5-7).
  Value *frmIsSpecial(Value *Frm) { return B.CreateICmpUGT(Frm, B.getInt32(RUP)); }
  /// A dynamic rounding mode with an invalid frm is an illegal instruction.
  /// It needs a side exit that does not end the guest block; the RegionLifter
  /// may not offer one yet, in which case invalid modes run as RNE.
  void exitIfFrmInvalid(Value *Frm) { sideExit(L, B.CreateICmpUGT(Frm, B.getInt32(RMM))); }
  template <typename LifterT> static void sideExit(LifterT &Lifter, Value *Cond) {
    if constexpr (requires { Lifter.exitIf(Cond, ExitReason::IllegalInstruction, uint64_t(0)); })
      Lifter.exitIf(Cond, ExitReason::IllegalInstruction, Lifter.pc());
  }
  /// A dynamic-mode operation: Inline() runs in the host mode; frm = RMM
  /// (no host mode) computes with Slow(RMM) instead, in a cold block that
  /// also rejects invalid modes first, before any flag is raised.
  template <typename InlineFn, typename SlowFn> Value *dynamic(InlineFn Inline, SlowFn Slow) {
    Value *Frm = loadFrm();
    return branch(
        frmIsSpecial(Frm),
        [&] {
          exitIfFrmInvalid(Frm);
          return Slow(RMM);
        },
        Inline, /*ThenUnlikely=*/true);
  }
  Value *isNaN(Value *V) { return B.CreateFCmpUNO(V, V); }
  /// i1: Bits (of a D or S value) is a negative number, not a NaN.
  Value *isNegativeNumber(bool D, Value *Bits) {
    uint64_t Abs = D ? 0x7fffffffffffffffull : 0x7fffffffull;
    uint64_t Inf = D ? 0x7ff0000000000000ull : 0x7f800000ull;
    Value *Neg = B.CreateICmpSLT(Bits, ConstantInt::get(Bits->getType(), 0));
    Value *NotNaN = B.CreateICmpULE(B.CreateAnd(Bits, ConstantInt::get(Bits->getType(), Abs)),
                                    ConstantInt::get(Bits->getType(), Inf));
    return B.CreateAnd(Neg, NotNaN);
  }

  /// Continues in fresh blocks: if Cond, the value of Slow(), else Fast.
  /// Fast must already be computed; Slow is emitted in a cold block.
  template <typename SlowFn> Value *coldIf(Value *Cond, Value *Fast, SlowFn Slow) {
    BasicBlock *FastBB = B.GetInsertBlock();
    Function *Fn = FastBB->getParent();
    BasicBlock *SlowBB = BasicBlock::Create(Ctx, "fp.slow", Fn);
    BasicBlock *Join = BasicBlock::Create(Ctx, "fp.join", Fn);
    B.CreateCondBr(Cond, SlowBB, Join, MDBuilder(Ctx).createUnlikelyBranchWeights());
    B.SetInsertPoint(SlowBB);
    Value *SlowV = Slow();
    BasicBlock *SlowEnd = B.GetInsertBlock();
    B.CreateBr(Join);
    B.SetInsertPoint(Join);
    PHINode *Phi = B.CreatePHI(Fast->getType(), 2);
    Phi->addIncoming(Fast, FastBB);
    Phi->addIncoming(SlowV, SlowEnd);
    return Phi;
  }
  /// Two-way split computing both sides lazily: Cond ? Then() : Else().
  template <typename ThenFn, typename ElseFn>
  Value *branch(Value *Cond, ThenFn Then, ElseFn Else, bool ThenUnlikely) {
    Function *Fn = B.GetInsertBlock()->getParent();
    BasicBlock *ThenBB = BasicBlock::Create(Ctx, "fp.then", Fn);
    BasicBlock *ElseBB = BasicBlock::Create(Ctx, "fp.else", Fn);
    BasicBlock *Join = BasicBlock::Create(Ctx, "fp.join", Fn);
    MDBuilder MDB(Ctx);
    B.CreateCondBr(Cond, ThenBB, ElseBB,
                   ThenUnlikely ? MDB.createUnlikelyBranchWeights()
                                : MDB.createLikelyBranchWeights());
    B.SetInsertPoint(ThenBB);
    Value *ThenV = Then();
    BasicBlock *ThenEnd = B.GetInsertBlock();
    B.CreateBr(Join);
    B.SetInsertPoint(ElseBB);
    Value *ElseV = Else();
    BasicBlock *ElseEnd = B.GetInsertBlock();
    B.CreateBr(Join);
    B.SetInsertPoint(Join);
    PHINode *Phi = B.CreatePHI(ThenV->getType(), 2);
    Phi->addIncoming(ThenV, ThenEnd);
    Phi->addIncoming(ElseV, ElseEnd);
    return Phi;
  }

  /// A rounded operation: inline in the dynamic mode, where a NaN result
  /// goes to a cold block that recomputes it with the helper (canonical NaN,
  /// x86's missing NV for inf * 0 + qNaN); a helper call for a static mode
  /// and for frm = RMM.
  template <typename InlineFn>
  Value *rounded(Helper H, SmallVector<Value *, 4> Operands, InlineFn Inline) {
    auto Slow = [&](unsigned Rm) {
      SmallVector<Value *, 4> Args(Operands);
      Args.push_back(B.getInt32(Rm));
      return helper(H, Args);
    };
    if (I.Rm != DYN) return Slow(I.Rm);
    return dynamic(
        [&] {
          Value *Fast = Inline();
          return coldIf(isNaN(Fast), Fast, [&] { return Slow(DYN); });
        },
        Slow);
  }

  // ---- Instruction classes -----------------------------------------------
  void liftBinary(bool D, Helper H, llvm::Instruction::BinaryOps Op);
  void liftSqrt(bool D);
  void liftFma(bool D, bool NegProduct, bool NegAddend);
  void liftSignInjection(bool D, unsigned Kind);
  void liftMinMax(bool D, bool IsMax);
  void liftCompare(bool D, CmpInst::Predicate P, bool Signaling);
  void liftClass(bool D);
  void liftToInt(bool D, unsigned Kind);
  Value *toIntInline(bool D, unsigned Kind, Value *X, unsigned Rm);
  Value *roundToIntegral(bool D, Value *X, unsigned Rm);
  void liftFromInt(bool D, unsigned Kind);
  void liftNarrow();
  void liftWiden();

  RegionLifter &L;
  IRBuilder<> &B;
  const Instruction &I;
  LLVMContext &Ctx;
};

// ---- Arithmetic ----------------------------------------------------------------

void FpLifter::liftBinary(bool D, Helper H, llvm::Instruction::BinaryOps Op) {
  Value *A = getF(D, I.Rs1), *Bv = getF(D, I.Rs2);
  Value *R = rounded(H, {A, Bv}, [&]() -> Value * {
    switch (Op) {
    case llvm::Instruction::FAdd:
      return B.CreateFAdd(A, Bv);
    case llvm::Instruction::FSub:
      return B.CreateFSub(A, Bv);
    case llvm::Instruction::FMul:
      return B.CreateFMul(A, Bv);
    default:
      return B.CreateFDiv(A, Bv);
    }
  });
  setF(D, I.Rd, R);
}

void FpLifter::liftSqrt(bool D) {
  Value *A = getF(D, I.Rs1);
  Value *R = rounded(D ? Helper::dbt_rv_fsqrt_d : Helper::dbt_rv_fsqrt_s, {A}, [&] {
    return constrained(Intrinsic::experimental_constrained_sqrt, {fpTy(D)}, {A});
  });
  setF(D, I.Rd, R);
}

void FpLifter::liftFma(bool D, bool NegProduct, bool NegAddend) {
  // fmsub = a*b - c, fnmsub = -(a*b) + c, fnmadd = -(a*b) - c: negating an
  // operand is exact and flag-free, and keeps the single rounding.
  Value *A = getF(D, I.Rs1), *Bv = getF(D, I.Rs2), *C = getF(D, I.Rs3);
  if (NegProduct) A = B.CreateFNeg(A);
  if (NegAddend) C = B.CreateFNeg(C);
  // The cold path also raises NV for inf * 0 + qNaN, which x86 does not.
  Value *R = rounded(D ? Helper::dbt_rv_fmadd_d : Helper::dbt_rv_fmadd_s, {A, Bv, C}, [&] {
    return constrained(Intrinsic::experimental_constrained_fma, {fpTy(D)}, {A, Bv, C});
  });
  setF(D, I.Rd, R);
}

// ---- Sign injection, min/max, comparisons, classification ---------------------

void FpLifter::liftSignInjection(bool D, unsigned Kind) {
  Value *A = getBits(D, I.Rs1), *Bv = getBits(D, I.Rs2);
  Constant *Sign = ConstantInt::get(bitsTy(D), D ? 0x8000000000000000ull : 0x80000000ull);
  Value *R;
  if (Kind == 2) { // fsgnjx
    R = B.CreateXor(A, B.CreateAnd(Bv, Sign));
  } else {
    Value *S = Kind == 1 ? B.CreateNot(Bv) : Bv;
    R = B.CreateOr(B.CreateAnd(A, ConstantExpr::getNot(Sign)), B.CreateAnd(S, Sign));
  }
  setBits(D, I.Rd, R);
}

void FpLifter::liftMinMax(bool D, bool IsMax) {
  // minimumNumber/maximumNumber (RISC-V F 2.2): a NaN operand yields the
  // other one, -0 < +0, two NaNs the canonical NaN. Quiet comparisons raise
  // NV exactly for signalling NaN operands.
  Value *A = getF(D, I.Rs1), *Bv = getF(D, I.Rs2);
  Value *Less = IsMax ? B.CreateFCmpOGT(A, Bv) : B.CreateFCmpOLT(A, Bv);
  Value *Equal = B.CreateFCmpOEQ(A, Bv);
  Value *BIsNaN = isNaN(Bv);
  // Equal values differ at most in the sign of zero: OR of the bits picks
  // -0 for min, AND picks +0 for max.
  Value *ABits = B.CreateBitCast(A, bitsTy(D)), *BBits = B.CreateBitCast(Bv, bitsTy(D));
  Value *Tie =
      B.CreateBitCast(IsMax ? B.CreateAnd(ABits, BBits) : B.CreateOr(ABits, BBits), fpTy(D));
  // Neither ordered-less nor equal: B wins unless B is the NaN.
  Value *R = B.CreateSelect(Less, A, B.CreateSelect(Equal, Tie, B.CreateSelect(BIsNaN, A, Bv)));
  R = B.CreateSelect(isNaN(R), canonicalNaN(D), R);
  setF(D, I.Rd, R);
}

void FpLifter::liftCompare(bool D, CmpInst::Predicate P, bool Signaling) {
  Value *A = getF(D, I.Rs1), *Bv = getF(D, I.Rs2);
  Value *C = Signaling ? B.CreateFCmpS(P, A, Bv) : B.CreateFCmp(P, A, Bv);
  L.setX(I.Rd, B.CreateZExt(C, B.getInt64Ty()));
}

void FpLifter::liftClass(bool D) {
  // Bit index: 0 -inf, 1 -normal, 2 -subnormal, 3 -0, 4 +0, 5 +subnormal,
  // 6 +normal, 7 +inf, 8 sNaN, 9 qNaN.
  Value *Bits = getBits(D, I.Rs1);
  Type *T = bitsTy(D);
  unsigned FracBits = D ? 52 : 23;
  uint64_t ExpMax = D ? 0x7ff : 0xff;
  auto C = [&](uint64_t V) { return ConstantInt::get(T, V); };
  Value *Neg = B.CreateICmpSLT(Bits, C(0));
  Value *Exp = B.CreateAnd(B.CreateLShr(Bits, FracBits), C(ExpMax));
  Value *Frac = B.CreateAnd(Bits, C((uint64_t(1) << FracBits) - 1));
  Value *FracZero = B.CreateICmpEQ(Frac, C(0));
  Value *Quiet = B.CreateICmpNE(B.CreateAnd(Bits, C(uint64_t(1) << (FracBits - 1))), C(0));
  auto Sel = [&](Value *Cond, unsigned IfTrue, unsigned IfFalse) {
    return B.CreateSelect(Cond, B.getInt64(IfTrue), B.getInt64(IfFalse));
  };
  auto SelV = [&](Value *Cond, Value *IfTrue, Value *IfFalse) {
    return B.CreateSelect(Cond, IfTrue, IfFalse);
  };
  Value *Special = SelV(FracZero, Sel(Neg, 0, 7), Sel(Quiet, 9, 8));
  Value *Low = SelV(FracZero, Sel(Neg, 3, 4), Sel(Neg, 2, 5));
  Value *Normal = Sel(Neg, 1, 6);
  Value *Index =
      SelV(B.CreateICmpEQ(Exp, C(ExpMax)), Special, SelV(B.CreateICmpEQ(Exp, C(0)), Low, Normal));
  L.setX(I.Rd, B.CreateShl(B.getInt64(1), Index));
}

// ---- Conversions -------------------------------------------------------------------

/// fcvt.{w,wu,l,lu}.{s,d} in a host-available mode, saturating like RISC-V;
/// the result as rd receives it. The value is first rounded to an integer
/// without flags (roundsd), so the truncating conversions that follow raise
/// NV alone for out-of-range inputs. NX comes from a "probe" conversion of
/// the original value, which raises NX exactly when it has a fraction, or of
/// 2^64 (NV only) when the result is out of range: never both.
Value *FpLifter::toIntInline(bool D, unsigned Kind, Value *X, unsigned Rm) {
  bool Signed = !(Kind & 1), Is64 = Kind & 2;
  Type *I64 = B.getInt64Ty(), *I32 = B.getInt32Ty();
  Value *Neg = isNegativeNumber(D, B.CreateBitCast(X, bitsTy(D)));
  auto C64 = [&](uint64_t V) { return B.getInt64(V); };
  auto FpC = [&](double V) { return ConstantFP::get(fpTy(D), V); };

  // Signed results the host converts to directly (x86 gives the minimum for
  // NaN and every out-of-range input): only the maximum needs fixing. A
  // non-integral single, or double for 64-bit results, is always in range.
  if (Signed && (Is64 || !D || Rm == RTZ)) {
    IntegerType *ResTy = Is64 ? B.getInt64Ty() : B.getInt32Ty();
    unsigned W = ResTy->getBitWidth();
    auto Fixup = [&](Value *R) {
      Value *Min = ConstantInt::get(ResTy, APInt::getSignedMinValue(W));
      Value *Max = ConstantInt::get(ResTy, APInt::getSignedMaxValue(W));
      Value *R2 = B.CreateSelect(B.CreateAnd(B.CreateICmpEQ(R, Min), B.CreateNot(Neg)), Max, R);
      return Is64 ? R2 : B.CreateSExt(R2, I64);
    };
    if (Rm == RTZ) return Fixup(B.CreateFPToSI(X, ResTy));
    Value *R = B.CreateFPToSI(roundToIntegral(D, X, Rm), ResTy);
    B.CreateFPToSI(X, ResTy); // the probe: NX for a fraction, NV again if out of range
    return Fixup(R);
  }

  Value *Y = roundToIntegral(D, X, Rm);
  if (!Is64) {
    // 32-bit results through a 64-bit conversion of the integral value, and
    // the range check on its result (NaN and huge values give INT64_MIN).
    Value *R64 = B.CreateFPToSI(Y, I64);
    Value *Invalid = Signed ? B.CreateICmpNE(B.CreateSExt(B.CreateTrunc(R64, I32), I64), R64)
                            : B.CreateICmpUGT(R64, C64(0xffffffff));
    B.CreateFPToSI(B.CreateSelect(Invalid, FpC(0x1p64), X), I64);
    Value *Sat = Signed ? B.CreateSelect(Neg, C64(0xffffffff80000000ull), C64(0x7fffffff))
                        : B.CreateSelect(Neg, C64(0), C64(0xffffffffffffffffull));
    return B.CreateSelect(Invalid, Sat, B.CreateSExt(B.CreateTrunc(R64, I32), I64));
  }

  // lu: in range is [-0, 2^64) after rounding; 2^63 and up converts with
  // the top bit taken off (exactly: such values are integers).
  Value *InRange = B.CreateAnd(B.CreateFCmpOGE(Y, FpC(0.0)), B.CreateFCmpOLT(Y, FpC(0x1p64)));
  Value *Big = B.CreateFCmpOGE(Y, FpC(0x1p63));
  Value *Safe = B.CreateSelect(InRange, Y, FpC(0.0));
  Value *Low = B.CreateFSub(Safe, B.CreateSelect(Big, FpC(0x1p63), FpC(0.0)));
  Value *R = B.CreateXor(B.CreateFPToSI(Low, I64), B.CreateShl(B.CreateZExt(Big, I64), 63));
  // The probe: x itself below 2^63 (NX for a fraction), 0 above (an
  // integer), 2^64 when out of range (NV).
  Value *Probe = B.CreateSelect(InRange, B.CreateSelect(Big, FpC(0.0), X), FpC(0x1p64));
  B.CreateFPToSI(Probe, I64);
  return B.CreateSelect(InRange, R, B.CreateSelect(Neg, C64(0), C64(0xffffffffffffffffull)));
}

Value *FpLifter::roundToIntegral(bool D, Value *X, unsigned Rm) {
  Intrinsic::ID Id;
  switch (Rm) {
  case RNE:
    Id = Intrinsic::experimental_constrained_roundeven;
    break;
  case RTZ:
    Id = Intrinsic::experimental_constrained_trunc;
    break;
  case RDN:
    Id = Intrinsic::experimental_constrained_floor;
    break;
  case RUP:
    Id = Intrinsic::experimental_constrained_ceil;
    break;
  default: // the dynamic mode
    Id = Intrinsic::experimental_constrained_nearbyint;
    break;
  }
  return constrained(Id, {fpTy(D)}, {X});
}

void FpLifter::liftToInt(bool D, unsigned Kind) {
  Value *X = getF(D, I.Rs1);
  Helper H = D ? Helper::dbt_rv_fcvt_int_d : Helper::dbt_rv_fcvt_int_s;
  auto ViaHelper = [&](unsigned Rm) { return helper(H, {X, B.getInt32(Rm), B.getInt32(Kind)}); };
  Value *R;
  if (I.Rm == RMM)
    R = ViaHelper(RMM);
  else if (I.Rm == DYN)
    R = dynamic([&] { return toIntInline(D, Kind, X, DYN); }, ViaHelper);
  else
    R = toIntInline(D, Kind, X, I.Rm);
  L.setX(I.Rd, R);
}

void FpLifter::liftFromInt(bool D, unsigned Kind) {
  bool Signed = !(Kind & 1), Is64 = Kind & 2;
  Value *V = L.getX(I.Rs1);
  if (!Is64) {
    V = B.CreateTrunc(V, B.getInt32Ty());
    V = Signed ? B.CreateSExt(V, B.getInt64Ty()) : B.CreateZExt(V, B.getInt64Ty());
  }
  auto Inline = [&]() -> Value * {
    // 32-bit sources were extended: an unsigned one is now a non-negative
    // signed 64-bit value, converted exactly as such.
    if (Signed || !Is64) return B.CreateSIToFP(V, fpTy(D));
    return B.CreateUIToFP(V, fpTy(D));
  };
  // int32 -> double is always exact.
  if (D && !Is64) {
    if (I.Rm == DYN) exitIfFrmInvalid(loadFrm());
    setF(D, I.Rd, Inline());
    return;
  }
  Helper H = D ? (Signed ? Helper::dbt_rv_fcvt_d_l : Helper::dbt_rv_fcvt_d_lu)
               : (Signed ? Helper::dbt_rv_fcvt_s_l : Helper::dbt_rv_fcvt_s_lu);
  Value *R;
  if (I.Rm == DYN) {
    R = dynamic(Inline, [&](unsigned Rm) { return helper(H, {V, B.getInt32(Rm)}); });
  } else {
    // Values the format holds exactly need no rounding mode at all (glibc's
    // floor/ceil/round convert back that way).
    uint64_t Limit = uint64_t(1) << (D ? 53 : 24);
    Value *Exact = Signed
                       ? B.CreateICmpULE(B.CreateAdd(V, B.getInt64(Limit)), B.getInt64(2 * Limit))
                       : B.CreateICmpULE(V, B.getInt64(Limit));
    R = branch(
        Exact, Inline,
        [&] {
          return helper(H, {V, B.getInt32(I.Rm)});
        },
        /*ThenUnlikely=*/false);
  }
  setF(D, I.Rd, R);
}

void FpLifter::liftNarrow() {
  Value *X = L.getF64(I.Rs1);
  Value *R =
      rounded(Helper::dbt_rv_fcvt_s_d, {X}, [&] { return B.CreateFPTrunc(X, B.getFloatTy()); });
  L.setF32(I.Rd, R);
}

void FpLifter::liftWiden() {
  // Exact: only a NaN needs care (sNaN raises NV in the conversion).
  if (I.Rm == DYN) exitIfFrmInvalid(loadFrm());
  Value *R = B.CreateFPExt(L.getF32(I.Rs1), B.getDoubleTy());
  L.setF64(I.Rd, B.CreateSelect(isNaN(R), canonicalNaN(true), R));
}

// ---- Dispatch ------------------------------------------------------------------------

bool isFloatOpcode(Opcode Op) {
  switch (Op) {
#define FP_CASE(E) case Opcode::E:
    FP_CASE(FLW)
    FP_CASE(FSW) FP_CASE(FMADD_S) FP_CASE(FMSUB_S) FP_CASE(FNMSUB_S) FP_CASE(FNMADD_S)
        FP_CASE(FADD_S) FP_CASE(FSUB_S) FP_CASE(FMUL_S) FP_CASE(FDIV_S) FP_CASE(FSQRT_S)
            FP_CASE(FSGNJ_S) FP_CASE(FSGNJN_S) FP_CASE(FSGNJX_S) FP_CASE(FMIN_S) FP_CASE(FMAX_S)
                FP_CASE(FCVT_W_S) FP_CASE(FCVT_WU_S) FP_CASE(FCVT_L_S) FP_CASE(FCVT_LU_S)
                    FP_CASE(FMV_X_W) FP_CASE(FCLASS_S) FP_CASE(FEQ_S) FP_CASE(FLT_S) FP_CASE(FLE_S)
                        FP_CASE(FCVT_S_W) FP_CASE(FCVT_S_WU) FP_CASE(FCVT_S_L) FP_CASE(FCVT_S_LU)
                            FP_CASE(FMV_W_X) FP_CASE(FLD) FP_CASE(FSD) FP_CASE(FMADD_D)
                                FP_CASE(FMSUB_D) FP_CASE(FNMSUB_D) FP_CASE(FNMADD_D) FP_CASE(FADD_D)
                                    FP_CASE(FSUB_D) FP_CASE(FMUL_D) FP_CASE(FDIV_D) FP_CASE(FSQRT_D)
                                        FP_CASE(FSGNJ_D) FP_CASE(FSGNJN_D) FP_CASE(FSGNJX_D)
                                            FP_CASE(FMIN_D) FP_CASE(FMAX_D) FP_CASE(FCVT_S_D)
                                                FP_CASE(FCVT_D_S) FP_CASE(FEQ_D) FP_CASE(FLT_D)
                                                    FP_CASE(FLE_D) FP_CASE(FCLASS_D)
                                                        FP_CASE(FCVT_W_D) FP_CASE(FCVT_WU_D)
                                                            FP_CASE(FCVT_L_D) FP_CASE(FCVT_LU_D)
                                                                FP_CASE(FCVT_D_W) FP_CASE(FCVT_D_WU)
                                                                    FP_CASE(FCVT_D_L)
                                                                        FP_CASE(FCVT_D_LU)
                                                                            FP_CASE(FMV_X_D)
                                                                                FP_CASE(FMV_D_X)
#undef FP_CASE
                                                                                    return true;
  default:
    return false;
  }
}

/// Instructions whose funct3 is a rounding mode.
bool hasRoundingMode(Opcode Op) {
  switch (Op) {
  case Opcode::FLW:
  case Opcode::FSW:
  case Opcode::FLD:
  case Opcode::FSD:
  case Opcode::FSGNJ_S:
  case Opcode::FSGNJN_S:
  case Opcode::FSGNJX_S:
  case Opcode::FSGNJ_D:
  case Opcode::FSGNJN_D:
  case Opcode::FSGNJX_D:
  case Opcode::FMIN_S:
  case Opcode::FMAX_S:
  case Opcode::FMIN_D:
  case Opcode::FMAX_D:
  case Opcode::FEQ_S:
  case Opcode::FLT_S:
  case Opcode::FLE_S:
  case Opcode::FEQ_D:
  case Opcode::FLT_D:
  case Opcode::FLE_D:
  case Opcode::FCLASS_S:
  case Opcode::FCLASS_D:
  case Opcode::FMV_X_W:
  case Opcode::FMV_W_X:
  case Opcode::FMV_X_D:
  case Opcode::FMV_D_X:
    return false;
  default:
    return true;
  }
}

bool FpLifter::lift() {
  Opcode Op = I.Op;
  // rm 5 and 6 are reserved: an illegal instruction.
  if (hasRoundingMode(Op) && (I.Rm == 5 || I.Rm == 6)) return false;

  // Every FP operation in the region is constrained, so the function is too.
  B.GetInsertBlock()->getParent()->addFnAttr(Attribute::StrictFP);
  IRBuilderBase::FastMathFlagGuard Guard(B);
  B.setIsFPConstrained(true);
  B.setDefaultConstrainedExcept(fp::ebStrict);
  B.setDefaultConstrainedRounding(llvm::RoundingMode::Dynamic);

  switch (Op) {
  case Opcode::FLW:
    setBoxedBits32(I.Rd, L.load(addr(), 32));
    return true;
  case Opcode::FLD:
    L.setFBits(I.Rd, L.load(addr(), 64));
    return true;
  case Opcode::FSW: {
    Value *A = addr();
    L.store(A, B.CreateTrunc(L.getFBits(I.Rs2), B.getInt32Ty()));
    return true;
  }
  case Opcode::FSD: {
    Value *A = addr();
    L.store(A, L.getFBits(I.Rs2));
    return true;
  }

  case Opcode::FADD_S:
    liftBinary(false, Helper::dbt_rv_fadd_s, llvm::Instruction::FAdd);
    return true;
  case Opcode::FSUB_S:
    liftBinary(false, Helper::dbt_rv_fsub_s, llvm::Instruction::FSub);
    return true;
  case Opcode::FMUL_S:
    liftBinary(false, Helper::dbt_rv_fmul_s, llvm::Instruction::FMul);
    return true;
  case Opcode::FDIV_S:
    liftBinary(false, Helper::dbt_rv_fdiv_s, llvm::Instruction::FDiv);
    return true;
  case Opcode::FADD_D:
    liftBinary(true, Helper::dbt_rv_fadd_d, llvm::Instruction::FAdd);
    return true;
  case Opcode::FSUB_D:
    liftBinary(true, Helper::dbt_rv_fsub_d, llvm::Instruction::FSub);
    return true;
  case Opcode::FMUL_D:
    liftBinary(true, Helper::dbt_rv_fmul_d, llvm::Instruction::FMul);
    return true;
  case Opcode::FDIV_D:
    liftBinary(true, Helper::dbt_rv_fdiv_d, llvm::Instruction::FDiv);
    return true;
  case Opcode::FSQRT_S:
    liftSqrt(false);
    return true;
  case Opcode::FSQRT_D:
    liftSqrt(true);
    return true;

  case Opcode::FMADD_S:
    liftFma(false, false, false);
    return true;
  case Opcode::FMSUB_S:
    liftFma(false, false, true);
    return true;
  case Opcode::FNMSUB_S:
    liftFma(false, true, false);
    return true;
  case Opcode::FNMADD_S:
    liftFma(false, true, true);
    return true;
  case Opcode::FMADD_D:
    liftFma(true, false, false);
    return true;
  case Opcode::FMSUB_D:
    liftFma(true, false, true);
    return true;
  case Opcode::FNMSUB_D:
    liftFma(true, true, false);
    return true;
  case Opcode::FNMADD_D:
    liftFma(true, true, true);
    return true;

  case Opcode::FSGNJ_S:
    liftSignInjection(false, 0);
    return true;
  case Opcode::FSGNJN_S:
    liftSignInjection(false, 1);
    return true;
  case Opcode::FSGNJX_S:
    liftSignInjection(false, 2);
    return true;
  case Opcode::FSGNJ_D:
    liftSignInjection(true, 0);
    return true;
  case Opcode::FSGNJN_D:
    liftSignInjection(true, 1);
    return true;
  case Opcode::FSGNJX_D:
    liftSignInjection(true, 2);
    return true;
  case Opcode::FMIN_S:
    liftMinMax(false, false);
    return true;
  case Opcode::FMAX_S:
    liftMinMax(false, true);
    return true;
  case Opcode::FMIN_D:
    liftMinMax(true, false);
    return true;
  case Opcode::FMAX_D:
    liftMinMax(true, true);
    return true;

  case Opcode::FEQ_S:
    liftCompare(false, CmpInst::FCMP_OEQ, false);
    return true;
  case Opcode::FLT_S:
    liftCompare(false, CmpInst::FCMP_OLT, true);
    return true;
  case Opcode::FLE_S:
    liftCompare(false, CmpInst::FCMP_OLE, true);
    return true;
  case Opcode::FEQ_D:
    liftCompare(true, CmpInst::FCMP_OEQ, false);
    return true;
  case Opcode::FLT_D:
    liftCompare(true, CmpInst::FCMP_OLT, true);
    return true;
  case Opcode::FLE_D:
    liftCompare(true, CmpInst::FCMP_OLE, true);
    return true;
  case Opcode::FCLASS_S:
    liftClass(false);
    return true;
  case Opcode::FCLASS_D:
    liftClass(true);
    return true;

  case Opcode::FCVT_W_S:
    liftToInt(false, 0);
    return true;
  case Opcode::FCVT_WU_S:
    liftToInt(false, 1);
    return true;
  case Opcode::FCVT_L_S:
    liftToInt(false, 2);
    return true;
  case Opcode::FCVT_LU_S:
    liftToInt(false, 3);
    return true;
  case Opcode::FCVT_W_D:
    liftToInt(true, 0);
    return true;
  case Opcode::FCVT_WU_D:
    liftToInt(true, 1);
    return true;
  case Opcode::FCVT_L_D:
    liftToInt(true, 2);
    return true;
  case Opcode::FCVT_LU_D:
    liftToInt(true, 3);
    return true;
  case Opcode::FCVT_S_W:
    liftFromInt(false, 0);
    return true;
  case Opcode::FCVT_S_WU:
    liftFromInt(false, 1);
    return true;
  case Opcode::FCVT_S_L:
    liftFromInt(false, 2);
    return true;
  case Opcode::FCVT_S_LU:
    liftFromInt(false, 3);
    return true;
  case Opcode::FCVT_D_W:
    liftFromInt(true, 0);
    return true;
  case Opcode::FCVT_D_WU:
    liftFromInt(true, 1);
    return true;
  case Opcode::FCVT_D_L:
    liftFromInt(true, 2);
    return true;
  case Opcode::FCVT_D_LU:
    liftFromInt(true, 3);
    return true;
  case Opcode::FCVT_S_D:
    liftNarrow();
    return true;
  case Opcode::FCVT_D_S:
    liftWiden();
    return true;

  case Opcode::FMV_X_W:
    // The raw low half, no unboxing check.
    L.setXSext32(I.Rd, B.CreateTrunc(L.getFBits(I.Rs1), B.getInt32Ty()));
    return true;
  case Opcode::FMV_W_X:
    setBoxedBits32(I.Rd, B.CreateTrunc(L.getX(I.Rs1), B.getInt32Ty()));
    return true;
  case Opcode::FMV_X_D:
    L.setX(I.Rd, L.getFBits(I.Rs1));
    return true;
  case Opcode::FMV_D_X:
    L.setFBits(I.Rd, L.getX(I.Rs1));
    return true;
  default:
    return false;
  }
}

// ---- Inline FP CSR access ------------------------------------------------------------

/// The host's MXCSR, when the module targets x86-64 (callers fall back to
/// the helpers otherwise). stmxcsr/ldmxcsr have side effects, so code
/// generation keeps them in order with the strict FP operations around them.
class Mxcsr {
public:
  explicit Mxcsr(IRBuilder<> &B) : B(B) {
    Module *M = B.GetInsertBlock()->getModule();
    Available = Triple(M->getTargetTriple()).getArch() == Triple::x86_64;
  }
  bool available() const { return Available; }

  Value *read() {
    Value *Slot = slot();
    B.CreateCall(
        Intrinsic::getDeclaration(B.GetInsertBlock()->getModule(), Intrinsic::x86_sse_stmxcsr),
        {Slot});
    return B.CreateLoad(B.getInt32Ty(), Slot);
  }
  void write(Value *V) {
    Value *Slot = slot();
    B.CreateStore(V, Slot);
    CallInst *CI = B.CreateCall(
        Intrinsic::getDeclaration(B.GetInsertBlock()->getModule(), Intrinsic::x86_sse_ldmxcsr),
        {Slot});
    // It touches the FP environment only (the declaration claims all of
    // memory), so guest state such as frm stays in registers across it.
    CI->setMemoryEffects(MemoryEffects::argMemOnly(ModRefInfo::Ref) |
                         MemoryEffects::inaccessibleMemOnly());
  }

  /// MXCSR flag bits (IE DE ZE OE UE PE) <-> fflags (NV DZ OF UF NX), by
  /// table: two instructions instead of a dozen shifts and masks. The
  /// denormal flag has no RISC-V twin.
  Value *toFflags(Value *Csr) {
    return lookup(
        "dbt.rv.mxcsr_to_fflags", 64, [](unsigned C) { return hostfp::flagsFromMxcsrBits(C); },
        B.CreateAnd(Csr, B.getInt32(0x3f)));
  }
  Value *fromFflags(Value *F) {
    return lookup(
        "dbt.rv.fflags_to_mxcsr", 32, [](unsigned F) { return hostfp::mxcsrFromFflagsBits(F); },
        B.CreateAnd(F, B.getInt32(0x1f)));
  }
  /// The rounding-control bits for a RISC-V rm (RMM and invalid run RNE).
  Value *roundingFor(Value *Rm) {
    // 2-bit RC per rm: RNE 0, RTZ 3, RDN 1, RUP 2, others 0.
    Value *Rc = B.CreateAnd(B.CreateLShr(B.getInt32(0x9c), B.CreateShl(Rm, 1)), B.getInt32(3));
    return B.CreateShl(Rc, 13);
  }

private:
  /// Table[Index] from a constant i8 table shared by the module.
  template <typename FnT> Value *lookup(StringRef Name, unsigned Size, FnT Entry, Value *Index) {
    Module *M = B.GetInsertBlock()->getModule();
    auto *Ty = ArrayType::get(B.getInt8Ty(), Size);
    GlobalVariable *G = M->getNamedGlobal(Name);
    if (!G) {
      SmallVector<Constant *, 64> Elts;
      for (unsigned I = 0; I < Size; ++I) Elts.push_back(B.getInt8(uint8_t(Entry(I))));
      G = new GlobalVariable(*M, Ty, /*isConstant=*/true, GlobalValue::PrivateLinkage,
                             ConstantArray::get(Ty, Elts), Name);
      G->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    }
    Value *P = B.CreateInBoundsGEP(Ty, G, {B.getInt32(0), Index});
    return B.CreateZExt(B.CreateLoad(B.getInt8Ty(), P), B.getInt32Ty());
  }

  Value *slot() {
    Function *F = B.GetInsertBlock()->getParent();
    IRBuilder<> EB(&F->getEntryBlock(), F->getEntryBlock().getFirstInsertionPt());
    return EB.CreateAlloca(B.getInt32Ty(), nullptr, "mxcsr");
  }

  IRBuilder<> &B;
  bool Available;
};

} // namespace

Value *emitFpCsrRead(IRBuilder<> &B, Value *Cpu, unsigned Csr) {
  auto Frm = [&] {
    Value *P = B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Cpu, offsetof(CpuState, Frm));
    return B.CreateAnd(B.CreateLoad(B.getInt32Ty(), P), B.getInt32(7));
  };
  Mxcsr X(B);
  switch (Csr) {
  case CSR_FRM:
    return B.CreateZExt(Frm(), B.getInt64Ty());
  case CSR_FFLAGS:
    if (!X.available()) return nullptr;
    return B.CreateZExt(X.toFflags(X.read()), B.getInt64Ty());
  case CSR_FCSR:
    if (!X.available()) return nullptr;
    return B.CreateZExt(B.CreateOr(B.CreateShl(Frm(), 5), X.toFflags(X.read())), B.getInt64Ty());
  default:
    return nullptr;
  }
}

bool emitFpCsrWrite(IRBuilder<> &B, Value *Cpu, unsigned Csr, Value *V64) {
  Mxcsr X(B);
  if (!X.available() || (Csr != CSR_FFLAGS && Csr != CSR_FRM && Csr != CSR_FCSR)) return false;
  Value *V = B.CreateTrunc(V64, B.getInt32Ty());
  Value *Old = X.read();
  Value *Csr32 = Old;
  // As dbt_rv_csr_write: CpuState mirrors what was written, so leaving guest
  // code (which ORs the host flags in) does not resurrect cleared flags.
  if (Csr != CSR_FRM) {
    Value *Flags = B.CreateAnd(V, B.getInt32(0x1f));
    B.CreateStore(Flags,
                  B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Cpu, offsetof(CpuState, FFlags)));
    Csr32 = B.CreateOr(B.CreateAnd(Csr32, B.getInt32(~0x3fu)), X.fromFflags(Flags));
  }
  if (Csr != CSR_FFLAGS) {
    Value *Rm = B.CreateAnd(Csr == CSR_FCSR ? B.CreateLShr(V, 5) : V, B.getInt32(7));
    B.CreateStore(Rm, B.CreateConstInBoundsGEP1_64(B.getInt8Ty(), Cpu, offsetof(CpuState, Frm)));
    Csr32 = B.CreateOr(B.CreateAnd(Csr32, B.getInt32(~0x6000u)), X.roundingFor(Rm));
  }
  // ldmxcsr is slow, and restoring the flags around a signalling compare
  // (GCC's quiet-compare idiom: frflags; flt; fsflags) usually changes
  // nothing.
  BasicBlock *Cur = B.GetInsertBlock();
  BasicBlock *Write = BasicBlock::Create(B.getContext(), "mxcsr.write", Cur->getParent());
  BasicBlock *Done = BasicBlock::Create(B.getContext(), "mxcsr.done", Cur->getParent());
  B.CreateCondBr(B.CreateICmpNE(Csr32, Old), Write, Done);
  B.SetInsertPoint(Write);
  X.write(Csr32);
  B.CreateBr(Done);
  B.SetInsertPoint(Done);
  return true;
}

bool liftFloat(RegionLifter &L) {
  if (!isFloatOpcode(L.insn().Op)) return false;
  return FpLifter(L).lift();
}

} // namespace dbt::riscv
