package dev.mamba2j.tornado.emit.ptx;

/**
 * What a PTX module for one device declares: {@code .target sm_XY} and the {@code .version} of
 * the PTX ISA. The version is the lowest that is at least {@link #BASELINE} (so the printer may
 * use everything up to it: bf16 conversions, {@code tanh.approx}, …) and that the target needs,
 * and it must not exceed what the installed driver's JIT accepts. Tables follow the PTX ISA
 * release notes and were checked against {@code ptxas} 13.0.
 *
 * @param ccMajor compute capability, e.g. 9 for sm_90
 * @param ccMinor e.g. 0 for sm_90
 * @param isa     PTX ISA version times ten, e.g. 80 for 8.0
 */
public record PtxTarget(int ccMajor, int ccMinor, int isa) {
    /** PTX ISA 8.0 (CUDA 12.0): what the emitter is written against. */
    public static final int BASELINE = 80;

    /** The target for a device of compute capability {@code ccMajor.ccMinor} under a driver of {@code driverVersion} (e.g. 13000). */
    public static PtxTarget forDevice(int ccMajor, int ccMinor, int driverVersion) {
        int driverMax = maxIsaOfDriver(driverVersion);
        int needed = minIsaOfTarget(ccMajor, ccMinor);
        if (needed < 0) needed = driverMax; // a GPU newer than this table: the newest the driver has
        int isa = Math.max(needed, Math.min(BASELINE, driverMax));
        if (isa > driverMax)
            throw new IllegalStateException("sm_" + ccMajor + ccMinor + " needs PTX ISA " + isa / 10 + "." + isa % 10
                    + " but the CUDA driver (" + driverVersion + ") accepts at most " + driverMax / 10 + "." + driverMax % 10);
        return new PtxTarget(ccMajor, ccMinor, isa);
    }

    /** {@code sm_90} etc. */
    public String sm() { return "sm_" + ccMajor + ccMinor; }

    /** {@code 8.0} etc. */
    public String isaVersion() { return isa / 10 + "." + isa % 10; }

    /** The directives every module starts with. */
    public String header() {
        return ".version " + isaVersion() + "\n.target " + sm() + "\n.address_size 64\n";
    }

    /** The newest PTX ISA the JIT of a driver of this CUDA version accepts. */
    static int maxIsaOfDriver(int driverVersion) {
        int major = driverVersion / 1000, minor = driverVersion % 1000 / 10;
        if (major >= 13) return 90;
        if (major == 12) return switch (minor) {
            case 0, 1, 2, 3, 4 -> 80 + minor;
            case 5, 6 -> 85;
            case 7 -> 86;
            case 8 -> 87;
            default -> 88;
        };
        if (major == 11) return 70 + Math.min(minor, 8);
        throw new IllegalStateException("CUDA driver " + driverVersion + " is too old (11.0 or newer needed)");
    }

    /** The first PTX ISA that knows the target, or -1 when the table does not know it. */
    static int minIsaOfTarget(int ccMajor, int ccMinor) {
        return switch (ccMajor * 10 + ccMinor) {
            case 70 -> 60;
            case 72 -> 61;
            case 75 -> 63;
            case 80 -> 70;
            case 86 -> 71;
            case 87 -> 74;
            case 89, 90 -> 78;
            case 100, 101 -> 86;
            case 120 -> 87;
            case 103, 121 -> 88;
            case 110 -> 90;
            default -> -1;
        };
    }
}
