# A guest with no C at all: _start, raw ecalls, a subroutine printing
# registers in hex, a loop, fence / fence.i, an unknown syscall (ENOSYS),
# and exit_group with status 7. Built with -nostdlib.
        .option norelax
        .data
msg_hello:
        .ascii  "hello from asm\n"
        .set    msg_hello_len, . - msg_hello
msg_bye:
        .ascii  "bye\n"
        .set    msg_bye_len, . - msg_bye
        .bss
hexbuf: .space  32

        .text
        .globl _start
_start:
        la      a0, msg_hello
        li      a1, msg_hello_len
        call    write_str
        # sum 1..1000 in a loop
        li      t0, 1000
        li      s0, 0
1:      add     s0, s0, t0
        addi    t0, t0, -1
        bnez    t0, 1b
        mv      a0, s0
        call    print_hex          # 0x7a314
        # argc is at 0(sp) on entry (sp unchanged so far)
        ld      a0, 0(sp)
        call    print_hex
        fence
        fence   rw, rw
        fence.i
        # an unknown syscall must return -ENOSYS (-38)
        li      a7, 500
        ecall
        call    print_hex
        # getpid succeeds (positive)
        li      a7, 172
        ecall
        sgtz    a0, a0
        call    print_hex
        la      a0, msg_bye
        li      a1, msg_bye_len
        call    write_str
        li      a0, 7
        li      a7, 94             # exit_group
        ecall
        unimp

# write_str(a0 = buffer, a1 = length)
write_str:
        mv      a2, a1
        mv      a1, a0
        li      a0, 1
        li      a7, 64
        ecall
        ret

# print_hex(a0): writes "0x" and 16 hex digits and a newline
print_hex:
        addi    sp, sp, -32
        la      t1, hexbuf
        li      t2, '0'
        sb      t2, 0(t1)
        li      t2, 'x'
        sb      t2, 1(t1)
        li      t3, 60             # shift
        addi    t4, t1, 2
2:      srl     t5, a0, t3
        andi    t5, t5, 15
        li      t6, 10
        blt     t5, t6, 3f
        addi    t5, t5, 'a' - 10 - '0'
3:      addi    t5, t5, '0'
        sb      t5, 0(t4)
        addi    t4, t4, 1
        addi    t3, t3, -4
        bgez    t3, 2b
        li      t2, '\n'
        sb      t2, 0(t4)
        sd      ra, 0(sp)
        mv      a0, t1
        li      a1, 19
        call    write_str
        ld      ra, 0(sp)
        addi    sp, sp, 32
        ret

