//===- RISCVTestVectors.h - Encodings shared by decoder and disassembler tests ===//
//
// Defined in RISCVDecoderTest.cpp, which documents how they were produced
// (assembled by riscv64-linux-gnu-as, text from objdump).
//
//===----------------------------------------------------------------------===//
#ifndef DBT_TEST_UNIT_RUNTIME_RISCVTESTVECTORS_H
#define DBT_TEST_UNIT_RUNTIME_RISCVTESTVECTORS_H

#include <cstddef>
#include <cstdint>

namespace dbt::riscv::testvectors {

struct Vector32 {
  uint64_t Pc;
  uint32_t Raw;
  const char *Text;
};
struct VectorC {
  uint64_t Pc;
  uint16_t Raw;
  uint32_t Expansion;
  const char *Text;
};

extern const Vector32 Vectors32[];
extern const size_t NumVectors32;
extern const VectorC VectorsC[];
extern const size_t NumVectorsC;

} // namespace dbt::riscv::testvectors

#endif
