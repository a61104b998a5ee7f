//===- MappingTableTest.cpp - Guest mapping bookkeeping -------------------===//
#include "AddressSpace/MappingTable.h"

#include "dbt/AddressSpace/AddressSpace.h"

#include <gtest/gtest.h>

using namespace dbt;

namespace {

constexpr uint64_t K = 0x1000;

MappingInfo anon(int Prot) {
  MappingInfo I;
  I.Prot = Prot;
  return I;
}

MappingInfo file(int Prot, uint64_t Addr, uint64_t Offset, uint64_t Ino = 7) {
  MappingInfo I;
  I.Prot = Prot;
  I.File = true;
  I.Dev = 1;
  I.Ino = Ino;
  I.OffsetBias = MappingInfo::biasFor(Addr, Offset);
  return I;
}

TEST(MappingTable, EmptyTableIsFree) {
  MappingTable T;
  EXPECT_TRUE(T.empty());
  EXPECT_TRUE(T.isFree(0, UINT64_MAX));
  EXPECT_EQ(T.protAt(0x10000), -1);
  EXPECT_FALSE(T.lookup(0x10000));
  EXPECT_EQ(T.accessibleEnd(0x10000, 0x20000, ProtNone), 0x10000u);
}

TEST(MappingTable, ProtNoneMappingIsStored) {
  // The identity value of the codomain must not be absorbed.
  MappingTable T;
  T.insert(10 * K, 12 * K, anon(ProtNone));
  EXPECT_EQ(T.size(), 1u);
  EXPECT_EQ(T.protAt(10 * K), ProtNone);
  EXPECT_FALSE(T.isFree(11 * K, 13 * K));
  EXPECT_TRUE(T.isAccessible(10 * K, 12 * K, ProtNone));
  EXPECT_FALSE(T.isAccessible(10 * K, 12 * K, ProtRead));
}

TEST(MappingTable, InsertReplacesAndSplits) {
  MappingTable T;
  T.insert(10 * K, 20 * K, anon(ProtRead | ProtWrite));
  T.insert(12 * K, 14 * K, anon(ProtRead));
  auto All = T.all();
  ASSERT_EQ(All.size(), 3u);
  EXPECT_EQ(All[0].Start, 10 * K);
  EXPECT_EQ(All[0].End, 12 * K);
  EXPECT_EQ(All[1].Info.Prot, ProtRead);
  EXPECT_EQ(All[1].Start, 12 * K);
  EXPECT_EQ(All[1].End, 14 * K);
  EXPECT_EQ(All[2].Start, 14 * K);
  EXPECT_EQ(All[2].End, 20 * K);
  EXPECT_EQ(All[2].Info.Prot, ProtRead | ProtWrite);
}

TEST(MappingTable, AdjacentEqualRangesMerge) {
  MappingTable T;
  T.insert(10 * K, 12 * K, anon(ProtRead));
  T.insert(12 * K, 14 * K, anon(ProtRead));
  EXPECT_EQ(T.size(), 1u);
  auto R = T.lookup(13 * K);
  ASSERT_TRUE(R);
  EXPECT_EQ(R->Start, 10 * K);
  EXPECT_EQ(R->End, 14 * K);
  // Different protection: no merge.
  T.insert(14 * K, 15 * K, anon(ProtWrite));
  EXPECT_EQ(T.size(), 2u);
}

TEST(MappingTable, ProtectSplitsThenRemerges) {
  MappingTable T;
  T.insert(10 * K, 20 * K, anon(ProtRead | ProtWrite));
  T.protect(13 * K, 15 * K, ProtRead);
  EXPECT_EQ(T.size(), 3u);
  EXPECT_EQ(T.protAt(13 * K), ProtRead);
  EXPECT_EQ(T.protAt(15 * K), ProtRead | ProtWrite);
  T.protect(13 * K, 15 * K, ProtRead | ProtWrite);
  EXPECT_EQ(T.size(), 1u);
}

TEST(MappingTable, ProtectSkipsHoles) {
  MappingTable T;
  T.insert(10 * K, 12 * K, anon(ProtRead));
  T.insert(14 * K, 16 * K, anon(ProtRead));
  T.protect(8 * K, 20 * K, ProtRead | ProtExec);
  EXPECT_TRUE(T.isFree(12 * K, 14 * K));
  EXPECT_TRUE(T.isFree(8 * K, 10 * K));
  EXPECT_EQ(T.protAt(11 * K), ProtRead | ProtExec);
  EXPECT_EQ(T.protAt(15 * K), ProtRead | ProtExec);
}

TEST(MappingTable, FileOffsetsSurviveSplitsAndMerge) {
  MappingTable T;
  T.insert(10 * K, 20 * K, file(ProtRead, 10 * K, 0x5000));
  EXPECT_EQ(T.lookup(10 * K)->Info.fileOffset(10 * K), 0x5000u);
  EXPECT_EQ(T.lookup(17 * K)->Info.fileOffset(17 * K), 0x5000u + 7 * K);
  T.protect(12 * K, 13 * K, ProtRead | ProtWrite);
  EXPECT_EQ(T.size(), 3u);
  EXPECT_EQ(T.lookup(12 * K)->Info.fileOffset(12 * K), 0x5000u + 2 * K);
  T.protect(12 * K, 13 * K, ProtRead);
  EXPECT_EQ(T.size(), 1u);
  // Two mappings of the same file at non-matching offsets stay apart.
  T.insert(20 * K, 21 * K, file(ProtRead, 20 * K, 0));
  EXPECT_EQ(T.size(), 2u);
  // A different file stays apart even with matching offsets.
  T.insert(20 * K, 21 * K, file(ProtRead, 20 * K, 0x5000 + 10 * K, 8));
  EXPECT_EQ(T.size(), 2u);
  T.insert(20 * K, 21 * K, file(ProtRead, 20 * K, 0x5000 + 10 * K));
  EXPECT_EQ(T.size(), 1u);
}

TEST(MappingTable, EraseMiddleAndEdges) {
  MappingTable T;
  T.insert(10 * K, 20 * K, anon(ProtRead));
  T.erase(12 * K, 13 * K);
  EXPECT_EQ(T.size(), 2u);
  EXPECT_TRUE(T.isFree(12 * K, 13 * K));
  EXPECT_FALSE(T.isFree(11 * K, 13 * K));
  T.erase(0, 11 * K);
  EXPECT_EQ(T.lookup(11 * K)->Start, 11 * K);
  T.erase(5 * K, 50 * K);
  EXPECT_TRUE(T.empty());
}

TEST(MappingTable, RangesAreClipped) {
  MappingTable T;
  T.insert(10 * K, 20 * K, anon(ProtRead));
  T.insert(20 * K, 30 * K, anon(ProtWrite));
  auto R = T.ranges(15 * K, 25 * K);
  ASSERT_EQ(R.size(), 2u);
  EXPECT_EQ(R[0].Start, 15 * K);
  EXPECT_EQ(R[0].End, 20 * K);
  EXPECT_EQ(R[1].Start, 20 * K);
  EXPECT_EQ(R[1].End, 25 * K);
  EXPECT_TRUE(T.ranges(30 * K, 40 * K).empty());
}

TEST(MappingTable, AccessibleEnd) {
  MappingTable T;
  T.insert(10 * K, 12 * K, anon(ProtRead | ProtWrite));
  T.insert(12 * K, 14 * K, anon(ProtRead));
  T.insert(15 * K, 16 * K, anon(ProtRead));
  EXPECT_EQ(T.accessibleEnd(10 * K, 20 * K, ProtRead), 14 * K);
  EXPECT_EQ(T.accessibleEnd(10 * K, 20 * K, ProtWrite), 12 * K);
  EXPECT_EQ(T.accessibleEnd(10 * K + 5, 11 * K, ProtRead), 11 * K);
  EXPECT_EQ(T.accessibleEnd(14 * K, 20 * K, ProtNone), 14 * K);
  EXPECT_TRUE(T.isAccessible(11 * K, 13 * K, ProtRead));
  EXPECT_FALSE(T.isAccessible(11 * K, 13 * K, ProtWrite));
  EXPECT_FALSE(T.isAccessible(13 * K, 15 * K + 1, ProtRead));
}

TEST(MappingTable, MoveKeepsOffsetsAndReplacesDestination) {
  MappingTable T;
  T.insert(10 * K, 14 * K, file(ProtRead, 10 * K, 0x3000));
  T.insert(40 * K, 42 * K, anon(ProtWrite));
  T.move(11 * K, 2 * K, 40 * K);
  EXPECT_TRUE(T.isFree(11 * K, 13 * K));
  auto R = T.lookup(40 * K);
  ASSERT_TRUE(R);
  EXPECT_EQ(R->End, 42 * K);
  EXPECT_TRUE(R->Info.File);
  EXPECT_EQ(R->Info.fileOffset(40 * K), 0x3000u + K);
  EXPECT_EQ(R->Info.fileOffset(41 * K), 0x3000u + 2 * K);
  EXPECT_EQ(T.lookup(13 * K)->Info.fileOffset(13 * K), 0x3000u + 3 * K);
}

TEST(MappingTable, FindFreeTopDown) {
  MappingTable T;
  uint64_t Low = 0x10 * K, High = 0x100 * K;
  EXPECT_EQ(T.findFreeTopDown(Low, High, 4 * K, K), High - 4 * K);
  T.insert(0xF0 * K, 0x200 * K, anon(ProtRead)); // straddles High
  EXPECT_EQ(T.findFreeTopDown(Low, High, 4 * K, K), 0xEC * K);
  T.insert(0xE0 * K, 0xEE * K, anon(ProtRead)); // leaves a 2-page gap
  EXPECT_EQ(T.findFreeTopDown(Low, High, 2 * K, K), 0xEE * K);
  EXPECT_EQ(T.findFreeTopDown(Low, High, 3 * K, K), 0xDD * K);
  // Alignment larger than a page.
  EXPECT_EQ(T.findFreeTopDown(Low, High, K, 0x10 * K), 0xD0 * K);
  // Nothing fits.
  T.insert(Low, 0xE0 * K, anon(ProtRead));
  EXPECT_FALSE(T.findFreeTopDown(Low, High, 3 * K, K));
  EXPECT_EQ(T.findFreeTopDown(Low, High, 2 * K, K), 0xEE * K);
  // Mappings below Low do not matter; the gap reaches down to Low.
  MappingTable U;
  U.insert(0, Low + K, anon(ProtRead));
  EXPECT_EQ(U.findFreeTopDown(Low, Low + 5 * K, 4 * K, K), Low + K);
  EXPECT_FALSE(U.findFreeTopDown(Low, Low + 5 * K, 5 * K, K));
}

TEST(MappingTable, FindFreeBottomUp) {
  MappingTable T;
  uint64_t Low = 0x10 * K, High = 0x100 * K;
  EXPECT_EQ(T.findFreeBottomUp(Low, High, 4 * K, K), Low);
  T.insert(0, 0x12 * K, anon(ProtRead)); // straddles Low
  EXPECT_EQ(T.findFreeBottomUp(Low, High, 4 * K, K), 0x12 * K);
  T.insert(0x14 * K, 0x20 * K, anon(ProtRead));
  EXPECT_EQ(T.findFreeBottomUp(Low, High, 2 * K, K), 0x12 * K);
  EXPECT_EQ(T.findFreeBottomUp(Low, High, 3 * K, K), 0x20 * K);
  EXPECT_EQ(T.findFreeBottomUp(Low, High, K, 0x10 * K), 0x20 * K);
  T.insert(0x20 * K, High, anon(ProtRead));
  EXPECT_FALSE(T.findFreeBottomUp(Low, High, 3 * K, K));
}

} // namespace
