package dev.mamba2j.model.generate;

import dev.mamba2j.model.Mamba2Model;
import dev.mamba2j.model.config.ModelConfig;
import dev.mamba2j.model.layers.Activations;
import dev.mamba2j.model.layers.Caches;
import dev.mamba2j.model.layers.DeviceGraph;
import dev.mamba2j.model.layers.HybridActivations;
import dev.mamba2j.model.layers.KvCache;
import dev.mamba2j.model.layers.Prompt;
import dev.mamba2j.model.layers.Sampler;
import dev.mamba2j.tornado.api.Device;
import dev.mamba2j.tornado.api.ExecutionPlan;
import dev.mamba2j.tornado.api.ExecutionProfile;
import dev.mamba2j.tornado.api.ExecutionResult;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import dev.mamba2j.tornado.api.arrays.NativeArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.FIRST_EXECUTION;
import static dev.mamba2j.tornado.api.DataTransferMode.UNDER_DEMAND;

/**
 * One execution plan for a model and a batch shape (the prompts' lengths), with three graphs sharing
 * its device buffers: the weights' upload (run once, by the constructor, which also builds every
 * kernel), the prompts' forward, and one decoding step. Weights, activations, conv and SSM states stay
 * on the device; per step the host sends one random number per sequence (sampling) and gets back the
 * tokens, and the logits only when asked.
 */
public final class ModelPlan implements AutoCloseable {
    private static final int UPLOAD = 0, PREFILL = 1, DECODE = 2;
    /** Tokens a plan built without a context can decode past its longest prompt (attention layers' cache). */
    public static final int DEFAULT_NEW_TOKENS = 256;

    private final Mamba2Model model;
    private final Prompt prompt;
    private final Activations prefillAct;
    private final Caches caches;
    private final KvCache kv;
    private final int[] positions;
    private final FloatArray allLogits;
    private final ExecutionPlan plan;
    private final SplittableRandom random;
    private final Sampler sampler;
    private final int tasksPerStep;
    private ExecutionResult last;
    private boolean prefilled;

    /**
     * @param lengths      the prompts' token counts
     * @param prefillLogits keep the logits of every prompt row (for checks); else only each sequence's last
     */
    public ModelPlan(Mamba2Model model, Device device, int[] lengths, Sampler sampler, boolean prefillLogits) {
        this(model, device, lengths, sampler, prefillLogits, java.util.Arrays.stream(lengths).max().orElse(0) + DEFAULT_NEW_TOKENS);
    }

    /**
     * @param context tokens per sequence, prompt and generated ones together, that the attention layers'
     *                KV cache holds (sized from it on the device; unused by a model without attention)
     */
    public ModelPlan(Mamba2Model model, Device device, int[] lengths, Sampler sampler, boolean prefillLogits, int context) {
        this.model = model;
        this.sampler = sampler;
        ModelConfig c = model.config();
        dev.mamba2j.ssd.device.SsdTasks.checkDevice(c.ssm().chunkSize(), device);
        prompt = Prompt.of(c, lengths, c.ssm().chunkSize());
        prefillAct = Activations.of(c, prompt.rows());
        caches = Caches.of(c, lengths.length);
        int longest = java.util.Arrays.stream(lengths).max().orElse(0);
        if (context < longest)
            throw new IllegalArgumentException("context " + context + " is shorter than the longest prompt (" + longest + " tokens): the KV cache cannot hold it");
        kv = KvCache.of(c, lengths.length, context, model.bf16Weights()); // the KV cache stored like the weights
        positions = lengths.clone();
        HybridActivations prefillH = HybridActivations.of(c, prompt.rows()), stepH = HybridActivations.of(c, lengths.length);
        allLogits = prefillLogits ? new FloatArray(Math.multiplyExact(prompt.rows(), c.paddedVocab())) : new FloatArray(1);
        Activations stepAct = Activations.of(c, lengths.length);
        random = new SplittableRandom(sampler.seed());

        DeviceGraph upload = new DeviceGraph("upload", device);
        upload.tasks().transferToDevice(FIRST_EXECUTION, model.weights().toArray(NativeArray[]::new))
                .transferToDevice(FIRST_EXECUTION, prompt.seqStart(), prompt.seqIdx(), prompt.lastRow(), prompt.zeroConv());
        if (kv.present()) upload.tasks().transferToDevice(FIRST_EXECUTION, kv.constants().toArray(NativeArray[]::new));

        DeviceGraph prefill = new DeviceGraph("prefill", device);
        prefill.tasks().transferToDevice(EVERY_EXECUTION, prefillAct.tokens(), caches.uniforms());
        model.prefill(prefill, prompt, prefillAct, prefillH, caches, kv, sampler, Activations.floats(lengths.length, c.hiddenSize()),
                prefillLogits ? allLogits : null);
        prefill.tasks().transferToHost(EVERY_EXECUTION, caches.next()).transferToHost(UNDER_DEMAND, caches.logits(), allLogits);

        DeviceGraph decode = new DeviceGraph("decode", device);
        decode.tasks().transferToDevice(EVERY_EXECUTION, caches.uniforms());
        if (kv.present()) decode.tasks().transferToDevice(EVERY_EXECUTION, kv.positions());
        model.decode(decode, stepAct, stepH, caches, kv, sampler);
        decode.tasks().transferToHost(EVERY_EXECUTION, caches.next()).transferToHost(UNDER_DEMAND, caches.logits());
        tasksPerStep = decode.taskCount();

        plan = new ExecutionPlan(upload.tasks().snapshot(), prefill.tasks().snapshot(), decode.tasks().snapshot()).withDevice(device);
        prefill.applyGrids(plan);
        decode.applyGrids(plan);
        plan.withGraph(UPLOAD).execute();
    }

    /** The prompts' forward; returns each sequence's first generated token. */
    public int[] prefill(int[][] prompts) {
        if (prompts.length != prompt.batch()) throw new IllegalArgumentException("this plan takes " + prompt.batch() + " prompts, got " + prompts.length);
        int vocab = model.config().vocabSize();
        for (int s = 0, at = 0; s < prompts.length; s++) {
            int expected = prompt.seqStart().get(s + 1) - prompt.seqStart().get(s);
            if (prompts[s].length != expected)
                throw new IllegalArgumentException("prompt " + s + " has " + prompts[s].length + " tokens; this plan was built for " + expected);
            for (int t : prompts[s]) {
                if (t < 0 || t >= vocab) throw new IllegalArgumentException("prompt " + s + " holds token id " + t + ", outside the vocabulary [0, " + vocab + ")");
                prefillAct.tokens().set(at++, t);
            }
        }
        drawUniforms();
        last = plan.withReplay(false).withGraph(PREFILL).execute();
        prefilled = true;
        for (int s = 0; s < positions.length; s++) positions[s] = prompt.seqStart().get(s + 1) - prompt.seqStart().get(s);
        return tokens();
    }

    /**
     * One decoding step from the tokens last returned; returns the next ones. From the third step on, the
     * step's launches are replayed from a recording where the device can (a CUDA graph): a step is hundreds
     * of short kernels, and launching each costs the host more than the device takes to run it.
     */
    public int[] step() {
        return step(true);
    }

    /** One decoding step launched kernel by kernel, so that {@link #lastProfile()} has each task's device time. */
    public int[] profiledStep() {
        return step(false);
    }

    private int[] step(boolean replay) {
        if (!prefilled) throw new IllegalStateException("prefill the prompts before decoding");
        if (kv.present())
            for (int s = 0; s < positions.length; s++) {
                if (positions[s] >= kv.context())
                    throw new IllegalStateException("the KV cache is full: sequence " + s + " has reached the plan's context of " + kv.context()
                            + " tokens; build the plan with a larger context");
                kv.positions().set(s, positions[s]);
            }
        drawUniforms();
        last = plan.withReplay(replay).withGraph(DECODE).execute();
        for (int s = 0; s < positions.length; s++) positions[s]++;
        return tokens();
    }

    /** The last forward's logits, (batch, padded vocab): of each sequence's last prompt row after a prefill. */
    public float[] logits() {
        last.transferToHost(caches.logits());
        return caches.logits().toHeapArray();
    }

    /** The logits of every prompt row (rows, padded vocab), when the plan was built to keep them. */
    public float[] prefillLogits() {
        if (allLogits.getSize() == 1) throw new IllegalStateException("this plan was built without prefillLogits");
        last.transferToHost(allLogits);
        return allLogits.toHeapArray();
    }

    /** The profile of the last prefill or step (device time per task, copies; replayed steps: their time as a whole). */
    public ExecutionProfile lastProfile() { return last.profile(); }

    /** Device bytes of the attention layers' KV caches (0 without attention layers). */
    public long kvCacheBytes() { return kv.cacheBytes(); }

    /** Tokens per sequence the KV cache holds. */
    public int context() { return kv.context(); }

    /** Kernel launches per decoding step. */
    public int tasksPerStep() { return tasksPerStep; }


    @Override public void close() { plan.close(); }

    private void drawUniforms() {
        if (sampler.greedy()) return;
        for (int s = 0; s < caches.batch(); s++) caches.uniforms().set(s, (float) random.nextDouble());
    }

    private int[] tokens() {
        int[] out = new int[caches.batch()];
        MemorySegment.copy(caches.next().getSegment(), ValueLayout.JAVA_INT, 0, out, 0, out.length);
        return out;
    }
}
