package dev.mamba2j.verification.nn;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

import dev.mamba2j.kernels.nn.CausalConv1d;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;
import dev.mamba2j.verification.RandomSsdInputs;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mixer's causal conv1d + SiLU on every device, against double: packed sequences of different lengths
 * (one shorter than the kernel, one empty), k = 4 and 2, n_groups 1 and 2, with and without bias and
 * initial state; and the state handoff: prefill, then decode steps (or a second prefill from the first's
 * final state), equals one longer prefill.
 */
class CausalConv1dTest {
    /** Layer sizes: the xBC channels are dInner + 2·groups·dState, read from in_proj's output [z, xBC, dt]. */
    record Shape(int dInner, int groups, int dState, int k, int heads) {
        int bcWidth() { return groups * dState; }
        int channels() { return dInner + 2 * bcWidth(); }
        int projStride() { return dInner + channels() + heads; }
        int xbcOffset() { return dInner; }

        @Override public String toString() { return "dInner=" + dInner + " groups=" + groups + " dState=" + dState + " k=" + k; }
    }

    static Stream<Arguments> prefillCases() {
        Shape[] shapes = {new Shape(24, 1, 8, 4, 3), new Shape(40, 2, 5, 2, 5), new Shape(16, 2, 16, 4, 2)};
        int[][] lengths = {{5}, {1, 7, 0, 12}, {40, 3}};
        return NnDevices.ids().flatMap(d -> Arrays.stream(shapes).flatMap(s -> Arrays.stream(lengths)
                .flatMap(len -> Stream.of(false, true).map(extras -> Arguments.of(d, s, len, extras)))));
    }

    @ParameterizedTest(name = "{0} {1} lengths={2} bias+initial state={3}")
    @MethodSource("prefillCases")
    void prefillMatchesTheReference(String device, Shape s, int[] lengths, boolean extras) {
        RandomSsdInputs r = new RandomSsdInputs(Arrays.hashCode(lengths) * 31L + s.channels() + s.k() + (extras ? 1 : 0));
        int[] seqStart = starts(lengths);
        int tokens = seqStart[lengths.length];
        LayerReference.ConvInput in = input(r, s, tokens, extras);
        float[] initial = extras ? r.normal((long) lengths.length * s.channels() * (s.k() - 1)) : null;
        float[][] got = prefill(device, s, in, initial, seqStart);
        LayerReference.Conv ref = LayerReference.causalConv1d(in, initial, seqStart);
        assertSplit(device, s, got, ref.out());
        NnDevices.assertClose(device + " final state", got[3], ref.state(), NnDevices.FP32_TOLERANCE);
    }

    static Stream<Arguments> handoffCases() {
        return NnDevices.ids().flatMap(d -> Stream.of(new Shape(24, 1, 8, 4, 3), new Shape(20, 2, 6, 2, 4)).map(s -> Arguments.of(d, s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("handoffCases")
    void prefillThenStepsEqualsOneLongerPrefill(String device, Shape s) {
        RandomSsdInputs r = new RandomSsdInputs(s.channels() * 17L + s.k());
        int[] prompt = {6, 1, 3}, full = {9, 4, 6}; // three decode steps after the prompt
        int batch = prompt.length, steps = 3, stride = s.projStride(), off = s.xbcOffset(), c = s.channels();
        int[] fullStart = starts(full);
        LayerReference.ConvInput all = input(r, s, fullStart[batch], true);
        float[] initial = r.normal((long) batch * c * (s.k() - 1));
        LayerReference.Conv ref = LayerReference.causalConv1d(all, initial, fullStart);

        // The prompt's rows of in_proj's output, packed, then a prefill of them.
        int[] promptStart = starts(prompt);
        float[] promptProj = new float[promptStart[batch] * stride];
        for (int b = 0; b < batch; b++)
            System.arraycopy(all.proj(), fullStart[b] * stride, promptProj, promptStart[b] * stride, prompt[b] * stride);
        float[][] first = prefill(device, s, withProj(all, promptProj), initial, promptStart);
        float[] state = first[3];

        // The rest, one token per sequence per step, against the long prefill's rows.
        for (int step = 0; step < steps; step++) {
            float[] rows = new float[batch * stride];
            int[] at = new int[batch];
            for (int b = 0; b < batch; b++) {
                at[b] = fullStart[b] + prompt[b] + step;
                System.arraycopy(all.proj(), at[b] * stride, rows, b * stride, stride);
            }
            float[][] got = step(device, s, withProj(all, rows), state);
            state = got[3];
            double[] expected = new double[batch * c];
            for (int b = 0; b < batch; b++) System.arraycopy(ref.out(), at[b] * c, expected, b * c, c);
            assertSplit(device + " step " + step, s, got, expected);
        }
        NnDevices.assertClose(device + " state after the steps", state, ref.state(), NnDevices.FP32_TOLERANCE);

        // The same continuation as a second prefill, from the first one's final state.
        int[] restStart = starts(new int[] {steps, steps, steps});
        float[] restProj = new float[batch * steps * stride];
        for (int b = 0; b < batch; b++)
            System.arraycopy(all.proj(), (fullStart[b] + prompt[b]) * stride, restProj, b * steps * stride, steps * stride);
        float[][] second = prefill(device, s, withProj(all, restProj), first[3], restStart);
        NnDevices.assertClose(device + " state after a second prefill", second[3], ref.state(), NnDevices.FP32_TOLERANCE);
    }

    /** x, B, C and the final state from the device. */
    private static float[][] prefill(String device, Shape s, LayerReference.ConvInput in, float[] initial, int[] seqStart) {
        int batch = seqStart.length - 1, tokens = seqStart[batch], c = s.channels(), k = s.k();
        FloatArray proj = FloatArray.fromArray(in.proj()), w = FloatArray.fromArray(in.weight());
        FloatArray bias = in.bias() == null ? new FloatArray(1) : FloatArray.fromArray(in.bias());
        FloatArray init = initial == null ? new FloatArray(batch * c * (k - 1)) : FloatArray.fromArray(initial);
        IntArray starts = IntArray.fromArray(seqStart);
        FloatArray x = poisoned(tokens * s.dInner()), b = poisoned(tokens * s.bcWidth()), cc = poisoned(tokens * s.bcWidth());
        FloatArray state = poisoned(batch * c * (k - 1));
        NnDevices.run(device, NnDevices.graph(proj, w, bias, init, starts, x, b, cc)
                .task("t", CausalConv1d::prefill, new KernelContext(), proj, w, bias, in.bias() != null, init, starts, x, b, cc,
                        batch, s.projStride(), s.xbcOffset(), s.dInner(), s.bcWidth(), k)
                .transferToHost(EVERY_EXECUTION, x, b, cc), WorkerGrid.of2D(c, Math.max(tokens, 1)).setLocalWork(32, 1));
        NnDevices.run(device, NnDevices.graph(proj, init, starts, state)
                .task("t", CausalConv1d::prefillState, new KernelContext(), proj, init, starts, state, batch, s.projStride(),
                        s.xbcOffset(), c, k)
                .transferToHost(EVERY_EXECUTION, state), WorkerGrid.of2D(c, batch).setLocalWork(32, 1));
        return new float[][] {x.toHeapArray(), b.toHeapArray(), cc.toHeapArray(), state.toHeapArray()};
    }

    /** One decode step: x, B, C and the shifted state. */
    private static float[][] step(String device, Shape s, LayerReference.ConvInput in, float[] stateIn) {
        int c = s.channels(), batch = stateIn.length / (c * (s.k() - 1));
        FloatArray proj = FloatArray.fromArray(in.proj()), w = FloatArray.fromArray(in.weight());
        FloatArray bias = FloatArray.fromArray(in.bias()), state = FloatArray.fromArray(stateIn);
        FloatArray x = poisoned(batch * s.dInner()), b = poisoned(batch * s.bcWidth()), cc = poisoned(batch * s.bcWidth());
        NnDevices.run(device, NnDevices.graph(proj, w, bias, state, x, b, cc)
                .task("t", CausalConv1d::step, new KernelContext(), proj, w, bias, true, state, x, b, cc, batch, s.projStride(),
                        s.xbcOffset(), s.dInner(), s.bcWidth(), s.k())
                .transferToHost(EVERY_EXECUTION, x, b, cc, state), WorkerGrid.of2D(c, batch).setLocalWork(32, 1));
        return new float[][] {x.toHeapArray(), b.toHeapArray(), cc.toHeapArray(), state.toHeapArray()};
    }

    /** The device's x, B, C against the reference's (tokens, channels) outputs split the same way. */
    private static void assertSplit(String what, Shape s, float[][] got, double[] out) {
        int c = s.channels();
        NnDevices.assertClose(what + " x", got[0], LayerReference.columns(out, c, 0, s.dInner()), NnDevices.FP32_TOLERANCE);
        NnDevices.assertClose(what + " B", got[1], LayerReference.columns(out, c, s.dInner(), s.bcWidth()), NnDevices.FP32_TOLERANCE);
        NnDevices.assertClose(what + " C", got[2], LayerReference.columns(out, c, s.dInner() + s.bcWidth(), s.bcWidth()),
                NnDevices.FP32_TOLERANCE);
    }

    private static LayerReference.ConvInput input(RandomSsdInputs r, Shape s, int tokens, boolean bias) {
        return new LayerReference.ConvInput(r.normal((long) tokens * s.projStride()), s.projStride(), s.xbcOffset(), s.channels(),
                r.normal((long) s.channels() * s.k()), bias ? r.normal(s.channels()) : null, s.k());
    }

    private static LayerReference.ConvInput withProj(LayerReference.ConvInput in, float[] proj) {
        return new LayerReference.ConvInput(proj, in.projStride(), in.xbcOffset(), in.channels(), in.weight(), in.bias(), in.k());
    }

    private static int[] starts(int[] lengths) {
        int[] s = new int[lengths.length + 1];
        for (int i = 0; i < lengths.length; i++) s[i + 1] = s[i] + lengths[i];
        return s;
    }

    private static FloatArray poisoned(int n) {
        FloatArray a = new FloatArray(n);
        a.init(Float.NaN);
        return a;
    }
}
