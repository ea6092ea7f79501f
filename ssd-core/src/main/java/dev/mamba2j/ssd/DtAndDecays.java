package dev.mamba2j.ssd;

/**
 * Step 0: the effective step {@code dt'} (bias, softplus, limit), {@code dA = dt'·A} per token,
 * and its running sum inside each chunk, {@code dACum[t] = dA[start] + ... + dA[t]}.
 * Outputs have layout (batch, heads, L). One work item per (chunk, head).
 */
final class DtAndDecays {

    private DtAndDecays() {}

    static void run(ChunkPlan plan, SsdShape s, float[] dt, float[] a, float[] dtBias, boolean softplus,
                    boolean limit, float dtMin, float dtMax,
                    float[] dtOut, float[] dA, float[] dACum) {
        int heads = s.heads();
        int len = s.seqLen();
        Parallel.forEach(plan.count * heads, item -> {
            int k = item / heads;
            int h = item % heads;
            int b = plan.row[k];
            int lane = (b * heads + h) * len;
            float sum = 0f;
            for (int t = plan.start[k]; t < plan.end[k]; t++) {
                float v = dt[(b * len + t) * heads + h];
                if (dtBias != null) {
                    v += dtBias[h];
                }
                if (softplus) {
                    v = softplus(v);
                }
                if (limit) {
                    v = Math.min(Math.max(v, dtMin), dtMax);
                }
                float step = v * a[h];
                sum += step;
                dtOut[lane + t] = v;
                dA[lane + t] = step;
                dACum[lane + t] = sum;
            }
        });
    }

    /** log(1 + e^v); above 20 the correction is below float resolution, and e^v could overflow. */
    static float softplus(float v) {
        return v > 20f ? v : (float) Math.log1p(Math.exp(v));
    }
}
