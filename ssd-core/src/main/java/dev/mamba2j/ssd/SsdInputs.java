package dev.mamba2j.ssd;

/**
 * The inputs of one SSD forward pass, with the shapes of the reference implementation.
 *
 * <p>All tensors are row-major {@code float[]} arrays; the arrays are used as given (not copied),
 * so they must not change while a forward pass reads them.
 *
 * <table>
 *   <caption>Tensors</caption>
 *   <tr><th>name</th><th>shape</th><th></th></tr>
 *   <tr><td>x</td><td>(batch, L, heads, headdim)</td><td>required</td></tr>
 *   <tr><td>dt</td><td>(batch, L, heads)</td><td>required, finite</td></tr>
 *   <tr><td>A</td><td>(heads)</td><td>required, finite</td></tr>
 *   <tr><td>B, C</td><td>(batch, L, groups, d_state)</td><td>required; head h uses group h / (heads / groups)</td></tr>
 *   <tr><td>D</td><td>(heads) or (heads, headdim)</td><td>optional skip connection</td></tr>
 *   <tr><td>z</td><td>(batch, L, heads, headdim)</td><td>optional gate</td></tr>
 *   <tr><td>dt_bias</td><td>(heads)</td><td>optional</td></tr>
 *   <tr><td>initial_states</td><td>(batch, heads, headdim, d_state)</td><td>optional</td></tr>
 *   <tr><td>seq_idx</td><td>(batch, L) int</td><td>optional, non-decreasing per row</td></tr>
 *   <tr><td>cu_seqlens</td><td>(nseq + 1) int</td><td>optional, batch must be 1</td></tr>
 *   <tr><td>sequence initial states</td><td>(nseq, heads, headdim, d_state)</td><td>optional, only with cu_seqlens</td></tr>
 * </table>
 *
 * <h2>Semantics</h2>
 * For head {@code h} (group {@code g = h / (heads / groups)}) and token {@code t}:
 * <ol>
 *   <li>Effective step: {@code dt' = dt[t,h] + dt_bias[h]} (bias 0 when absent); if dt_softplus,
 *       {@code dt' = softplus(dt') = log(1 + exp(dt'))}; if a dt_limit {@code (min, max)} is set,
 *       {@code dt' = clamp(dt', min, max)}. Without a limit no clamp is applied.</li>
 *   <li>State {@code h_t} of shape (headdim, d_state):
 *       {@code h_t = exp(dt'·A[h]) · h_{t-1} + dt' · x[t,h,:] ⊗ B[t,g,:]}.</li>
 *   <li>Output {@code y[t,h,:] = h_t · C[t,g,:] + D·x[t,h,:]}, then, if z is given,
 *       {@code y ← y · silu(z[t,h,:])} with {@code silu(v) = v / (1 + exp(-v))}.</li>
 * </ol>
 * A <em>sequence</em> is a run of tokens that share one state. Without seq_idx or cu_seqlens each
 * batch row is one sequence. With seq_idx, a new sequence starts wherever the value changes
 * along a row. With cu_seqlens, sequence {@code i} is tokens {@code [cu[i], cu[i+1])} (empty
 * sequences are allowed). At the first token of a sequence, {@code h_{t-1}} is replaced by that
 * sequence's initial state: {@code initial_states[b]} for the first sequence of row {@code b},
 * the per-sequence initial state {@code i} when those are given, zero otherwise. So the initial
 * state is decayed by the first token's {@code exp(dt'·A)}, and no state flows between sequences.
 *
 * <p>{@code chunk_size} (default 256) only chooses how the chunked algorithm cuts the sequences;
 * the mathematical result does not depend on it.
 */
public final class SsdInputs {

    /** Chunk size used when none is given. */
    public static final int DEFAULT_CHUNK_SIZE = 256;

    private final SsdShape shape;
    private final float[] x, dt, a, b, c, d, z, dtBias, initialStates, sequenceInitialStates;
    private final boolean dtSoftplus;
    private final float dtMin, dtMax;
    private final boolean hasDtLimit;
    private final int[] seqIdx, cuSeqlens;
    private final int chunkSize;

    private SsdInputs(Builder in) {
        shape = in.shape;
        x = in.x;
        dt = in.dt;
        a = in.a;
        b = in.b;
        c = in.c;
        d = in.d;
        z = in.z;
        dtBias = in.dtBias;
        dtSoftplus = in.dtSoftplus;
        hasDtLimit = in.hasDtLimit;
        dtMin = in.dtMin;
        dtMax = in.dtMax;
        initialStates = in.initialStates;
        sequenceInitialStates = in.sequenceInitialStates;
        seqIdx = in.seqIdx;
        cuSeqlens = in.cuSeqlens;
        chunkSize = in.chunkSize;
    }

    public static Builder builder(SsdShape shape) {
        return new Builder(shape);
    }

    /** A builder with the same tensors and options, to change a few of them. */
    public Builder toBuilder() {
        Builder copy = new Builder(shape).x(x).dt(dt).A(a).B(b).C(c).D(d).z(z).dtBias(dtBias)
                .dtSoftplus(dtSoftplus).initialStates(initialStates)
                .sequenceInitialStates(sequenceInitialStates).seqIdx(seqIdx).cuSeqlens(cuSeqlens)
                .chunkSize(chunkSize);
        if (hasDtLimit) {
            copy.dtLimit(dtMin, dtMax);
        }
        return copy;
    }

    public SsdShape shape() { return shape; }
    public float[] x() { return x; }
    public float[] dt() { return dt; }
    public float[] A() { return a; }
    public float[] B() { return b; }
    public float[] C() { return c; }
    /** D of shape (heads) or (heads, headdim), or null. */
    public float[] D() { return d; }
    /** True when D has one value per (head, channel) rather than one per head. */
    public boolean dPerChannel() { return d != null && d.length != shape.heads(); }
    public float[] z() { return z; }
    public float[] dtBias() { return dtBias; }
    public boolean dtSoftplus() { return dtSoftplus; }
    public boolean hasDtLimit() { return hasDtLimit; }
    public float dtMin() { return dtMin; }
    public float dtMax() { return dtMax; }
    public float[] initialStates() { return initialStates; }
    public float[] sequenceInitialStates() { return sequenceInitialStates; }
    public int[] seqIdx() { return seqIdx; }
    public int[] cuSeqlens() { return cuSeqlens; }
    public int chunkSize() { return chunkSize; }

    /** Number of cu_seqlens sequences, or 0 without cu_seqlens. */
    public int sequenceCount() {
        return cuSeqlens == null ? 0 : cuSeqlens.length - 1;
    }

    /** A short description of the shape and the options set, for logs and test names. */
    public String describe() {
        StringBuilder s = new StringBuilder(shape.toString()).append(" chunk=").append(chunkSize);
        if (d != null) s.append(dPerChannel() ? " D(heads,headdim)" : " D(heads)");
        if (z != null) s.append(" z");
        if (dtBias != null) s.append(" dt_bias");
        if (dtSoftplus) s.append(" softplus");
        if (hasDtLimit) s.append(" dt_limit=(").append(dtMin).append(", ").append(dtMax).append(')');
        if (initialStates != null) s.append(" initial_states");
        if (seqIdx != null) s.append(" seq_idx");
        if (cuSeqlens != null) s.append(" cu_seqlens(nseq=").append(sequenceCount()).append(')');
        if (sequenceInitialStates != null) s.append(" sequence_initial_states");
        return s.toString();
    }

    /** Collects tensors and options; {@link #build()} validates them all. */
    public static final class Builder {
        final SsdShape shape;
        float[] x, dt, a, b, c, d, z, dtBias, initialStates, sequenceInitialStates;
        boolean dtSoftplus;
        boolean hasDtLimit;
        float dtMin = 0f, dtMax = Float.POSITIVE_INFINITY;
        int[] seqIdx, cuSeqlens;
        int chunkSize = DEFAULT_CHUNK_SIZE;

        private Builder(SsdShape shape) {
            if (shape == null) {
                throw new IllegalArgumentException("shape is required");
            }
            this.shape = shape;
        }

        public Builder x(float[] v) { x = v; return this; }
        public Builder dt(float[] v) { dt = v; return this; }
        public Builder A(float[] v) { a = v; return this; }
        public Builder B(float[] v) { b = v; return this; }
        public Builder C(float[] v) { c = v; return this; }
        /** D of shape (heads) or (heads, headdim); null for none. */
        public Builder D(float[] v) { d = v; return this; }
        public Builder z(float[] v) { z = v; return this; }
        public Builder dtBias(float[] v) { dtBias = v; return this; }
        public Builder dtSoftplus(boolean v) { dtSoftplus = v; return this; }
        /** Clamp the effective dt to [min, max] after bias and softplus. */
        public Builder dtLimit(float min, float max) { hasDtLimit = true; dtMin = min; dtMax = max; return this; }
        public Builder initialStates(float[] v) { initialStates = v; return this; }
        /** One initial state per cu_seqlens sequence: (nseq, heads, headdim, d_state). */
        public Builder sequenceInitialStates(float[] v) { sequenceInitialStates = v; return this; }
        public Builder seqIdx(int[] v) { seqIdx = v; return this; }
        public Builder cuSeqlens(int[] v) { cuSeqlens = v; return this; }
        public Builder chunkSize(int v) { chunkSize = v; return this; }

        /** @throws IllegalArgumentException naming the first argument that does not fit */
        public SsdInputs build() {
            InputValidation.check(this);
            return new SsdInputs(this);
        }
    }
}
