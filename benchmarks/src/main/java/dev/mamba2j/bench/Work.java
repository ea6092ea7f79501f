package dev.mamba2j.bench;

/**
 * Bytes moved and floating-point operations of one call, the numerators of achieved GB/s and
 * TFLOP/s and of the time floors (bytes / peak bandwidth, FLOPs / peak FLOP rate).
 *
 * <p>SSD forward, per call, with T = batch·L tokens, H heads, P headdim, G groups, N d_state, Q
 * chunk size, K = batch·⌈L/Q⌉ chunks and e bytes per element:
 * <pre>
 *   bytes = e·( T·H·P      x read
 *             + T·H        dt read
 *             + 2·T·G·N    B and C read
 *             + T·H·P      y written
 *             + batch·H·P·N final states written )
 *   FLOPs = 2·T·Q·G·N      C·Bᵀ within each chunk (Q×Q per chunk and group, dense)
 *         + 2·T·Q·H·P      (L ∘ C·Bᵀ)·X within each chunk (dense)
 *         + 2·T·H·P·N      chunk states: Bᵀ·(decay·dt·x)
 *         + 2·K·H·P·N      state passing: decay·previous + chunk state
 *         + 2·T·H·P·N      state to output: C·previous state
 * </pre>
 * The bytes are the compulsory traffic: intermediate tensors (chunk states, C·Bᵀ, cumsums) are
 * not counted, so a kernel set that spills them to memory stays below the bandwidth floor. The
 * FLOPs count the chunked algorithm's matrix products as dense, the way its GEMM formulation does;
 * kernels that skip the causal upper triangle do about half of the first two terms, so their
 * achieved TFLOP/s is an "effective" rate. Element-wise terms (exp, cumsum, D·x) are left out.
 *
 * <p>Mamba-1 fused selective scan, T tokens, D channels, N d_state: bytes = 4·(3·T·D + 2·T·G·N +
 * batch·D·N) (u, delta read, y written, B, C read, last state), FLOPs = 6·T·D·N (exp argument,
 * state update fma, output fma). Causal attention, H heads of P: FLOPs = 2·2·batch·H·P·L·(L+1)/2
 * (q·kᵀ and p·v over the causal triangle), bytes = 4·4·T·H·P (q, k, v read, o written).
 */
record Work(double bytes, double flops) {

    static Work ssd(long batch, long len, long heads, long headDim, long groups, long dState, long chunk, int elementBytes) {
        double t = (double) batch * len;
        double chunks = batch * ((len + chunk - 1) / chunk);
        double bytes = elementBytes * (2 * t * heads * headDim + t * heads + 2 * t * groups * dState
                + (double) batch * heads * headDim * dState);
        double flops = 2 * t * chunk * groups * dState
                + 2 * t * chunk * heads * headDim
                + 2 * t * heads * headDim * dState
                + 2 * chunks * heads * headDim * dState
                + 2 * t * heads * headDim * dState;
        return new Work(bytes, flops);
    }

    static Work selectiveScan(long batch, long len, long channels, long groups, long dState) {
        double t = (double) batch * len;
        return new Work(4 * (3 * t * channels + 2 * t * groups * dState + (double) batch * channels * dState),
                6 * t * channels * dState);
    }

    static Work attention(long batch, long len, long heads, long headDim) {
        double t = (double) batch * len;
        return new Work(4 * 4 * t * heads * headDim, 4.0 * batch * heads * headDim * len * (len + 1) / 2.0);
    }

    /** Achieved GB/s (10⁹ bytes per second) at this time. */
    double gbPerSecond(double nanos) { return bytes / nanos; }

    /** Achieved TFLOP/s at this time. */
    double tflopPerSecond(double nanos) { return flops / nanos / 1e3; }

    /** The bandwidth floor in ms, or NaN without a peak. */
    double bandwidthFloorMs(double peakGbPerSecond) { return peakGbPerSecond > 0 ? bytes / peakGbPerSecond / 1e6 : Double.NaN; }

    /** The compute floor in ms, or NaN without a peak. */
    double computeFloorMs(double peakTflopPerSecond) {
        return peakTflopPerSecond > 0 ? flops / (peakTflopPerSecond * 1e3) / 1e6 : Double.NaN;
    }
}
