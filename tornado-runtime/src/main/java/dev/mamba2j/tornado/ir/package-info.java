/**
 * The JIT's intermediate representation: what the front end produces and every printer consumes.
 *
 * <p>A {@link dev.mamba2j.tornado.ir.Function} is a kernel with its helpers inlined: its Java
 * {@link dev.mamba2j.tornado.ir.Param}s and a list of {@link dev.mamba2j.tornado.ir.Block}s,
 * the first being the entry (never a branch target). A block is straight-line
 * {@link dev.mamba2j.tornado.ir.Instr}s and one {@link dev.mamba2j.tornado.ir.Terminator}
 * (jump, conditional branch on a BOOL, integer switch, return); control flow is unstructured, so a
 * printer emits labels and gotos/branches in list order, and a jump to the next block may be omitted.
 *
 * <p>Values are typed {@link dev.mamba2j.tornado.ir.Var}s (not SSA: a variable may be assigned
 * in many places; declare each once per kernel, {@link dev.mamba2j.tornado.ir.Function#locals()})
 * and {@link dev.mamba2j.tornado.ir.Const}s. Arithmetic, comparison and conversion follow Java's
 * semantics (see {@link dev.mamba2j.tornado.ir.BinOp}, {@link dev.mamba2j.tornado.ir.MathFn} and
 * {@link dev.mamba2j.tornado.ir.Instr.Convert}) until the function is lowered.
 *
 * <p>Lowering (the JIT's last step, for the {@link dev.mamba2j.tornado.ir.MathTarget} a printer
 * describes) writes Java's rules out in plain IR, so that a printer maps each operation to the
 * target's own and holds no Java rule. Afterwards ({@link dev.mamba2j.tornado.ir.Function#loweredFor()}):
 * integer DIV/REM never see a divisor of 0 or -1 and shifts never a count outside the type's width,
 * so they are the target's division and shifts; a float-to-integer Convert is the target's saturating
 * truncation (NaN unspecified); floating MIN/MAX are IEEE minNum/maxNum; POW is the target's pow;
 * integer ABS is gone; only math functions and floating REM that the target has remain, the rest being
 * the device math library's Java, inlined. Everything else keeps its meaning.
 *
 * <p>Memory is arrays ({@link dev.mamba2j.tornado.ir.ArrayRef}) in an address space:
 * GLOBAL (kernel parameters), LOCAL (work-group) and PRIVATE (per work-item). LOCAL and PRIVATE
 * arrays come from an {@link dev.mamba2j.tornado.ir.Instr.Alloc} with a constant size after the
 * passes; a printer declares them at kernel scope. Element types HALF and BF16 are storage only:
 * loads widen to FLOAT and stores round to nearest even, as HalfArray and BFloat16Array do.
 *
 * <p>The device signature is {@link dev.mamba2j.tornado.ir.Function#deviceParams()}, in the
 * order of {@code CompiledKernel.params()}.
 *
 * <p>After the passes (what printers get): every Alloc size is a Const; Length remains
 * only for GLOBAL arrays; branch and switch operands are not constants; no block is unreachable;
 * an AtomicAdd whose old value is unused has a null destination; specialised scalars are no longer
 * parameters (their variables are assigned constants in the entry block, then folded away).
 */
package dev.mamba2j.tornado.ir;
