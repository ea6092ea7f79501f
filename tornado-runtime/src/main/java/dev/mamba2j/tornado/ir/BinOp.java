package dev.mamba2j.tornado.ir;

/**
 * Binary arithmetic with Java semantics: INT/LONG wrap around; shift counts are masked (31 / 63);
 * SHR is arithmetic, USHR logical. Integer DIV/REM by zero give 0 (devices have no exceptions) and
 * MIN_VALUE / -1 gives MIN_VALUE (REM gives 0) as in Java. Floating REM is C's fmod, which is Java's %.
 */
public enum BinOp { ADD, SUB, MUL, DIV, REM, AND, OR, XOR, SHL, SHR, USHR }
