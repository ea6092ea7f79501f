package dev.mamba2j.tornado.jit.pass;

import dev.mamba2j.tornado.ir.ArrayRef;
import dev.mamba2j.tornado.ir.BinOp;
import dev.mamba2j.tornado.ir.Block;
import dev.mamba2j.tornado.ir.CmpOp;
import dev.mamba2j.tornado.ir.Const;
import dev.mamba2j.tornado.ir.Function;
import dev.mamba2j.tornado.ir.Instr;
import dev.mamba2j.tornado.ir.Param;
import dev.mamba2j.tornado.ir.Space;
import dev.mamba2j.tornado.ir.Terminator;
import dev.mamba2j.tornado.ir.Type;
import dev.mamba2j.tornado.ir.Var;

import java.util.ArrayList;
import java.util.List;

/**
 * Checked mode's residency checks, added after {@link BoundsChecks}: a load from an array parameter the
 * kernel never writes reports an error when the runtime has marked that array as never sent to the
 * device nor written by an earlier task. Which arrays those are is known only when the plan runs (a
 * graph may be executed alone, a copy may be FIRST_EXECUTION), so the runtime passes it per launch in
 * slot {@link #MASK_SLOT} of the error buffer, bit i for Java parameter i; and the check sits at the
 * load itself, so that an array behind a flag the task turns off (an unused gate) is never reported.
 *
 * <p>Each check reads the mask and tests its bit where it stands, keeping nothing of it in a variable
 * from the kernel's start: with flags computed once in the entry block, PoCL 3.1 ran the bf16 SSD's
 * per-sequence states (a kernel that returns early, uniformly, before its barrier) with a flag for an
 * array the mask did not name read as set, so checked mode reported reads of arrays an earlier task had
 * written. A load of one slot that every work-item reads stays in cache.
 *
 * <p>Arrays the kernel may write are not checked: a work-item may read back what it wrote, which only
 * shadow memory per element could tell from reading garbage. Parameters past Java index 30 are not
 * checked (the mask is an int).
 */
public final class ResidencyChecks {
    /** The error buffer's slot the runtime writes the mask into. */
    public static final int MASK_SLOT = 15;
    /** Highest Java index the mask covers. */
    public static final int MAX_INDEX = 30;
    /** How the check sites of this pass start, so the runtime can tell a residency error from a bounds error. */
    public static final String SITE_PREFIX = "read of never-sent ";

    private ResidencyChecks() {}

    /**
     * Adds the checks to {@code f}, which {@link BoundsChecks} has given its error buffer; appends one
     * description per check to {@code sites} ("read of never-sent x", x the parameter's Java name).
     */
    public static void apply(Function f, ArrayParams arrays, List<String> sites) {
        ArrayRef errors = null;
        for (Param p : f.params()) if (p.javaIndex() == BoundsChecks.ERRORS_INDEX) errors = p.array();
        if (errors == null) throw new IllegalStateException("residency checks need the error buffer of the bounds checks");
        int maxBlock = 0;
        for (Block b : f.blocks()) maxBlock = Math.max(maxBlock, b.id() + 1);
        int[] next = {f.nextVarId(), maxBlock};
        boolean any = false;
        List<Block> out = new ArrayList<>();
        for (Block original : f.blocks()) {
            Block cur = new Block(original.id());
            out.add(cur);
            for (Instr i : original.instrs()) {
                if (!(i instanceof Instr.Load load) || !checked(load.array(), errors, arrays)) {
                    cur.instrs().add(i);
                    continue;
                }
                int param = load.array().javaIndex();
                any = true;
                Var flag = unsentFlag(cur.instrs(), next, errors, param);
                int site = sites.size();
                sites.add(SITE_PREFIX + arrays.name(param));
                Block report = new Block(next[1]++), rest = new Block(next[1]++);
                cur.setTerm(new Terminator.Branch(flag, report.id(), rest.id()));
                BoundsChecks.report(report.instrs(), next, errors, site, load.index(), Const.of(param));
                report.setTerm(new Terminator.Jump(rest.id()));
                out.add(report);
                out.add(rest);
                cur = rest;
                cur.instrs().add(i);
            }
            cur.setTerm(original.term());
        }
        if (!any) return;
        f.blocks().clear();
        f.blocks().addAll(out);
    }

    private static boolean checked(ArrayRef a, ArrayRef errors, ArrayParams arrays) {
        return a.space() == Space.GLOBAL && !a.equals(errors) && a.javaIndex() >= 0 && a.javaIndex() <= MAX_INDEX
                && arrays.names().containsKey(a.javaIndex()) && !arrays.mayWrite(a.javaIndex());
    }

    /** Appended to {@code at}, just before the check's branch: whether bit {@code param} of the mask is set. */
    private static Var unsentFlag(List<Instr> at, int[] next, ArrayRef errors, int param) {
        Var mask = BoundsChecks.var(next, Type.INT, "residency_mask");
        at.add(new Instr.Load(mask, errors, Const.of(MASK_SLOT)));
        Var shifted = BoundsChecks.var(next, Type.INT, "mask_shifted"), bit = BoundsChecks.var(next, Type.INT, "mask_bit");
        Var flag = BoundsChecks.var(next, Type.BOOL, "unsent");
        at.add(new Instr.Binary(shifted, BinOp.USHR, mask, Const.of(param)));
        at.add(new Instr.Binary(bit, BinOp.AND, shifted, Const.of(1)));
        at.add(new Instr.Compare(flag, CmpOp.NE, bit, Const.of(0)));
        return flag;
    }
}
