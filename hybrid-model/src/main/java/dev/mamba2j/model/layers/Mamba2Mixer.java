package dev.mamba2j.model.layers;

import dev.mamba2j.kernels.nn.CausalConv1d;
import dev.mamba2j.kernels.nn.Columns;
import dev.mamba2j.kernels.nn.GatedRmsNorm;
import dev.mamba2j.kernels.nn.KernelMath;
import dev.mamba2j.kernels.ssd.ChunkScan;
import dev.mamba2j.kernels.ssd.SsdStepKernel;
import dev.mamba2j.model.config.SsmConfig;
import dev.mamba2j.ssd.device.SsdTasks;
import dev.mamba2j.tornado.api.KernelContext;
import dev.mamba2j.tornado.api.WorkerGrid;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.IntArray;

/**
 * The Mamba-2 mixer of one layer: in_proj → [z, xBC, dt]; causal depthwise conv1d + SiLU over xBC →
 * x, B, C; the SSD (chunked over a prompt, one recurrent step per decoded token) with dt = softplus(dt +
 * dt_bias) clamped to the dt limit, A = −exp(A_log) and D; the gated RMSNorm of y · silu(z); out_proj.
 *
 * @param a          A = −exp(A_log) (heads)
 * @param d          D, (heads) or (intermediate) when each channel has its own
 * @param normGroup  channels the gated norm normalises together
 */
public record Mamba2Mixer(SsmConfig s, Linear inProj, FloatArray convWeight, FloatArray convBias, FloatArray dtBias,
                          FloatArray a, FloatArray d, FloatArray normWeight, int normGroup, Linear outProj) {
    private static final FloatArray NONE = new FloatArray(1);

    /** Over a packed prompt batch: the chunked SSD, leaving the conv and SSM states of each sequence in {@code conv}, {@code ssm}. */
    public void prefill(DeviceGraph g, String p, Activations act, Prompt prompt, FloatArray conv, FloatArray ssm) {
        int rows = act.rows();
        inProj.add(g, p + "inProj", act.normed(), act.proj(), rows);
        convolution(g, p, act, prompt.seqStart(), prompt.zeroConv(), conv, prompt.batch(), true);
        dt(g, p, act);
        SsdTasks.Io io = SsdTasks.Io.fp32(act.x(), act.dt(), a, act.b(), act.c(), d, NONE, dtBias, NONE, prompt.seqIdx(),
                prompt.seqStart(), act.y(), prompt.ssdFinal(), ssm);
        prompt.ssd().add(g.tasks(), p, io, g.ssdTiling());
        prompt.ssd().grids(g.ssdTiling()).forEach((task, grid) -> g.grid(p + task, grid));
        gatedNormAndOut(g, p, act);
    }

    /** One token per sequence: the recurrent step, advancing {@code conv} and {@code ssm} in place. */
    public void step(DeviceGraph g, String p, Activations act, FloatArray conv, FloatArray ssm) {
        int batch = act.rows();
        inProj.add(g, p + "inProj", act.normed(), act.proj(), batch);
        convolution(g, p, act, null, null, conv, batch, false);
        int dMode = d.getSize() == s.numHeads() ? ChunkScan.D_PER_HEAD : ChunkScan.D_PER_CHANNEL;
        int dtOffset = s.intermediate() + s.convDim(); // dt read in place from in_proj's output
        g.tasks().task(p + "ssd", SsdStepKernel::step, new KernelContext(), act.x(), act.proj(), a, act.b(), act.c(), d, NONE, dtBias, ssm,
                act.y(), s.numHeads(), s.headDim(), s.nGroups(), s.stateSize(), batch * s.numHeads(), s.inProjSize(), dtOffset,
                SsdStepKernel.lanes(s.stateSize()), dMode, false, true, (float) s.dtMin(), (float) s.dtMax());
        g.grid(p + "ssd", WorkerGrid.of1D(SsdStepKernel.GROUP * SsdStepKernel.groups(batch * s.numHeads(), s.headDim(), s.stateSize()))
                .setLocalWork(SsdStepKernel.GROUP));
        gatedNormAndOut(g, p, act);
    }

    /** xBC columns of in_proj's output → x, B, C (conv + SiLU); prefill also writes each sequence's final conv state. */
    private void convolution(DeviceGraph g, String p, Activations act, IntArray seqStart, FloatArray zeroState, FloatArray state,
                             int batch, boolean prefill) {
        int channels = s.convDim(), k = s.convKernel(), inner = s.intermediate(), bc = s.nGroups() * s.stateSize();
        boolean hasBias = convBias != null;
        FloatArray bias = hasBias ? convBias : NONE;
        KernelContext ctx = new KernelContext();
        int local = Math.min(channels, 64);
        if (prefill) {
            g.tasks().task(p + "conv", CausalConv1d::prefill, ctx, act.proj(), convWeight, bias, hasBias, zeroState, seqStart, act.x(),
                    act.b(), act.c(), batch, s.inProjSize(), inner, inner, bc, k);
            g.grid(p + "conv", WorkerGrid.of2D(channels, act.rows()).setLocalWork(local, 1));
            g.tasks().task(p + "convState", CausalConv1d::prefillState, ctx, act.proj(), zeroState, seqStart, state, batch,
                    s.inProjSize(), inner, channels, k);
            g.grid(p + "convState", WorkerGrid.of2D(channels, batch).setLocalWork(local, 1));
        } else {
            g.tasks().task(p + "conv", CausalConv1d::step, ctx, act.proj(), convWeight, bias, hasBias, state, act.x(), act.b(), act.c(),
                    batch, s.inProjSize(), inner, inner, bc, k);
            g.grid(p + "conv", WorkerGrid.of2D(channels, batch).setLocalWork(local, 1));
        }
    }

    /** The dt columns of in_proj's output, (rows, heads). */
    private void dt(DeviceGraph g, String p, Activations act) {
        int heads = s.numHeads();
        g.tasks().task(p + "dt", Columns::copy, new KernelContext(), act.proj(), act.dt(), act.rows(), heads, s.inProjSize(),
                s.intermediate() + s.convDim());
        g.grid(p + "dt", WorkerGrid.of2D(heads, act.rows()).setLocalWork(Math.min(heads, 64), 1));
    }

    /** y → rmsnorm(y · silu(z)) · w (z read in place from in_proj's output) → out_proj into the hidden state. */
    private void gatedNormAndOut(DeviceGraph g, String p, Activations act) {
        int inner = s.intermediate();
        g.tasks().task(p + "norm", GatedRmsNorm::gatedNorm, new KernelContext(), act.y(), act.proj(), normWeight, act.gated(), inner,
                normGroup, s.inProjSize(), 0, (float) s.gatedNormEps());
        g.grid(p + "norm", WorkerGrid.of1D(KernelMath.GROUP * act.rows() * (inner / normGroup)).setLocalWork(KernelMath.GROUP));
        outProj.add(g, p + "outProj", act.gated(), act.hidden(), act.rows());
    }
}
