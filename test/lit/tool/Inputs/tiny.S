# A tiny guest for the -d tests: a handful of blocks with distinctive
# instructions (a load, a store, lui, mulw, a branch) and two ecalls.
        .option norelax
        .data
value:  .dword  0x1122334455667788
        .dword  0
msg:    .ascii  "tiny!\n"
        .text
        .globl  _start
_start:
        lla     s0, value
        ld      a1, 0(s0)
        lui     a2, 0x12345
        mulw    a3, a1, a2
        sd      a3, 8(s0)
        li      t0, 3
1:      addi    t0, t0, -1
        bnez    t0, 1b
        li      a0, 1
        lla     a1, msg
        li      a2, 6
        li      a7, 64
        ecall
        li      a0, 0
        li      a7, 94
        ecall
