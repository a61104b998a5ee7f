# A minimal RV32 program (exit(0)); dbt-run runs 64-bit guests only.
        .globl _start
_start: li a7, 93
        li a0, 0
        ecall
