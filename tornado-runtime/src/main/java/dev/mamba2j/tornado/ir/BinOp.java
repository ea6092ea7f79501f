package dev.mamba2j.tornado.ir;

/**
 * Binary arithmetic. INT/LONG ADD, SUB and MUL wrap around; AND, OR and XOR also apply to BOOL;
 * floating operations round to nearest even and floating REM is Java's % (C's fmod, exact).
 *
 * <p>Before lowering, integer DIV/REM and the shifts are Java's: DIV truncates, x / 0 and x % 0
 * give 0 (Java throws; devices define them), MIN_VALUE / -1 is MIN_VALUE and MIN_VALUE % -1 is 0;
 * shift counts are masked to 5 (INT) or 6 (LONG) bits; SHR is arithmetic, USHR logical.
 *
 * <p>After lowering ({@link Function#loweredFor()}) they are the target's plain operations: a
 * division's divisor is never 0 or -1 and a shift's count is within [0, 31] or [0, 63] (the lowering
 * guards and masks them), which is where the target's and Java's results agree, so a printer maps
 * them to the target's division and shifts as they are. Floating REM remains only where the target
 * has it ({@link MathTarget#floatingRem()}).
 */
public enum BinOp { ADD, SUB, MUL, DIV, REM, AND, OR, XOR, SHL, SHR, USHR }
