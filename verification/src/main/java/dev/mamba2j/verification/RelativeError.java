package dev.mamba2j.verification;

/**
 * ‖out − ref‖₂ / ‖ref‖₂. A non-finite value on either side gives NaN, and NaN is never below
 * any threshold. When the reference is all zeros the error is 0 for an exact match, else infinite.
 */
public final class RelativeError {

    private RelativeError() {}

    public static double of(float[] out, double[] ref) {
        double[] widened = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            widened[i] = out[i];
        }
        return of(widened, ref);
    }

    public static double of(float[] out, float[] ref) {
        double[] widened = new double[ref.length];
        for (int i = 0; i < ref.length; i++) {
            widened[i] = ref[i];
        }
        return of(out, widened);
    }

    public static double of(double[] out, double[] ref) {
        if (out.length != ref.length) {
            throw new IllegalArgumentException("cannot compare " + out.length + " values with " + ref.length);
        }
        double diff = 0, norm = 0;
        for (int i = 0; i < ref.length; i++) {
            if (!Double.isFinite(out[i]) || !Double.isFinite(ref[i])) {
                return Double.NaN;
            }
            double d = out[i] - ref[i];
            diff += d * d;
            norm += ref[i] * ref[i];
        }
        if (norm == 0) {
            return diff == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(diff / norm);
    }

    /** True only for a number strictly below the threshold; false for NaN. */
    public static boolean isBelow(double error, double threshold) {
        return error < threshold;
    }
}
