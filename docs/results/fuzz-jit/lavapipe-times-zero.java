// lavapipe (Mesa 22.3.6, LLVM 15.0.6, vulkan:0) folds x·0 to +0 and −0 + 0 to −0, against IEEE 754 and Java.
// The SPIR-V the JIT prints for ops() is what it should be: OpFMul %x %float_0 and OpFAdd %x %float_0, each
// decorated NoContraction (spirv-val accepts it). Declaring the SignedZeroInfNanPreserve execution mode
// (SPV_KHR_float_controls, widths 32 and 64; lavapipe reports shaderSignedZeroInfNanPreserveFloat32/64 = true)
// changes none of the results. PoCL and the JVM device agree with Java on all of them.
//
//   (saved as TimesZero.java) javac -cp benchmarks.jar TimesZero.java
//   java --enable-native-access=ALL-UNNAMED -Dmamba2j.drivers=vulkan,jvm -cp .:benchmarks.jar TimesZero vulkan:0
//
//   f          f·0: device / Java      (f·f + 1)·0            f − f                  f + 0
//   Infinity   00000000 / ffc00000     00000000 / ffc00000    ffc00000 (agrees)      agrees
//   1.0E30     agrees                  00000000 / ffc00000    agrees                 agrees
//   -1.0       00000000 / 80000000     agrees                 agrees                 agrees
//   -0.0       00000000 / 80000000     agrees                 agrees                 80000000 / 00000000
//   NaN        00000000 / 7fc00000     00000000 / 7fc00000    agrees                 agrees
//
// The JIT fuzzer's value findings on lavapipe are of this kind (an infinity or a zero where Java has NaN,
// a zero of the other sign): k18 of seed 7, shrunk, computes (MAX·f² + f) − (f² + 1)·⌊1e−30⌋, whose last
// product is ∞·0 = NaN in Java for a large f.
import dev.mamba2j.tornado.api.*;
import dev.mamba2j.tornado.api.arrays.FloatArray;
import static dev.mamba2j.tornado.api.DataTransferMode.EVERY_EXECUTION;

public class TimesZero {
    @Kernel public static void ops(KernelContext ctx, FloatArray a, FloatArray out) {
        int i = ctx.globalIdx;
        float f = a.get(i);
        out.set(i * 4, f * 0f);          // inf·0 = NaN, −1·0 = −0
        out.set(i * 4 + 1, (f * f + 1f) * 0f);
        out.set(i * 4 + 2, f - f);       // inf − inf = NaN
        out.set(i * 4 + 3, f + 0f);      // −0 + 0 = +0; Java keeps x + (−0) only
    }
    public static void main(String[] args) {
        float[] in = {Float.POSITIVE_INFINITY, 1e30f, -1f, -0f, Float.NaN, 2f, 3f, 4f};
        FloatArray a = FloatArray.fromArray(in), out = new FloatArray(in.length * 4);
        TaskGraph g = new TaskGraph("g").transferToDevice(EVERY_EXECUTION, a)
                .task("t", TimesZero::ops, new KernelContext(), a, out).transferToHost(EVERY_EXECUTION, out);
        new ExecutionPlan(g.snapshot()).withDevice(Devices.get(args[0])).withGrid("g.t", WorkerGrid.of1D(in.length).setLocalWork(in.length)).execute();
        for (int i = 0; i < in.length; i++) {
            float f = in[i];
            float[] java = {f * 0f, (f * f + 1f) * 0f, f - f, f + 0f};
            StringBuilder sb = new StringBuilder("f=" + f + ":");
            for (int k = 0; k < 4; k++) {
                float d = out.get(i * 4 + k);
                sb.append(String.format(" [%d] dev %08x java %08x%s", k, Float.floatToRawIntBits(d), Float.floatToRawIntBits(java[k]),
                        Float.floatToRawIntBits(d) == Float.floatToRawIntBits(java[k]) ? "" : " DIFF"));
            }
            System.out.println(sb);
        }
    }
}
