package dev.mamba2j.tornado.driver.opencl;

import dev.mamba2j.tornado.emit.KernelCode;
import dev.mamba2j.tornado.emit.KernelDump;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Creates and builds a cl_program from OpenCL C text or SPIR-V. A failed build throws with
 * the compiler's log, the entry name and the head of the source, since that is all a user
 * needs to see which generated kernel broke and why.
 */
final class ClProgramBuilder {
    private static final int SOURCE_LINES_SHOWN = 25;

    private ClProgramBuilder() {}

    /** The user's options for every build, e.g. {@code -cl-fast-relaxed-math}; empty by default. */
    static String userOptions() { return System.getProperty("mamba2j.opencl.buildOptions", ""); }

    /**
     * Returns a built program with the code's build options; the caller owns (and releases) it. If the
     * driver refuses them and the code has fallback options (the portable version of a vendor
     * extension, such as localGemm's inline PTX), it builds again with those and a line on stderr says so.
     */
    static MemorySegment build(Cl cl, MemorySegment context, OpenClDevice device, MemorySegment deviceList,
                               KernelCode code) {
        if (code.fallbackOptions() == null) return build(cl, context, device, deviceList, code, code.buildOptions());
        try {
            return build(cl, context, device, deviceList, code, code.buildOptions());
        } catch (OpenClException e) {
            System.err.println("mamba2j: " + device.id() + " refused " + code.entryName() + " built with '" + code.buildOptions()
                    + "'; building it with '" + code.fallbackOptions() + "' instead. " + e.getMessage().lines().limit(12).toList());
            return build(cl, context, device, deviceList, code, code.fallbackOptions());
        }
    }

    private static MemorySegment build(Cl cl, MemorySegment context, OpenClDevice device, MemorySegment deviceList,
                                       KernelCode code, String options) {
        MemorySegment program;
        try (Arena a = Arena.ofConfined()) {
            program = create(cl, context, device, code, a);
            int status = cl.buildProgram(program, deviceList, a.allocateFrom(options));
            if (status != 0) {
                String log;
                try {
                    log = ClInfo.buildLog(cl, program, device.device());
                } catch (OpenClException e) {
                    log = "(no build log: " + e.getMessage() + ")";
                }
                cl.releaseProgram(program);
                throw new OpenClException("clBuildProgram", status, "kernel " + code.entryName() + " on "
                        + device.id() + " (" + device.name() + ")\nbuild log:\n" + log + "\n" + head(code));
            }
            dumpBinary(cl, program, code, a);
        }
        return program;
    }

    /**
     * With -Dmamba2j.dumpKernels=DIR, writes the built program as the driver returns it (PTX for
     * NVIDIA's OpenCL), next to the source the JIT dumps, to compare the two compilers' output.
     */
    private static void dumpBinary(Cl cl, MemorySegment program, KernelCode code, Arena a) {
        if (KernelDump.directory() == null) return;
        MemorySegment size = a.allocate(JAVA_LONG);
        cl.getProgramInfo(program, Cl.PROGRAM_BINARY_SIZES, 8, size, Cl.NULL);
        long n = size.get(JAVA_LONG, 0);
        if (n <= 0) return;
        MemorySegment binary = a.allocate(n), pointers = a.allocateFrom(ADDRESS, binary);
        cl.getProgramInfo(program, Cl.PROGRAM_BINARIES, ADDRESS.byteSize(), pointers, Cl.NULL);
        String name = code.entryName() + "_" + Integer.toHexString(code.text() == null ? 0 : code.text().hashCode()) + ".clbin";
        KernelDump.write(name, binary.toArray(JAVA_BYTE));
    }

    private static MemorySegment create(Cl cl, MemorySegment context, OpenClDevice device, KernelCode code, Arena a) {
        MemorySegment err = a.allocate(JAVA_INT);
        switch (code.language()) {
            case OPENCL_C -> {
                if (code.text() == null) throw new IllegalArgumentException("OpenCL C kernel " + code.entryName() + " has no text");
                MemorySegment text = a.allocateFrom(code.text());
                MemorySegment strings = a.allocateFrom(ADDRESS, text);
                MemorySegment lengths = a.allocateFrom(JAVA_LONG, text.byteSize() - 1);
                return cl.createProgramWithSource(context, strings, lengths, err);
            }
            case SPIRV -> {
                if (code.binary() == null) throw new IllegalArgumentException("SPIR-V kernel " + code.entryName() + " has no binary");
                if (!device.takesSpirv())
                    throw new OpenClException("device " + device.id() + " (" + device.name()
                            + ") reports no SPIR-V in CL_DEVICE_IL_VERSION; load kernel " + code.entryName() + " as OpenCL C instead");
                if (!cl.hasCreateProgramWithIL())
                    throw new OpenClException("the OpenCL library has no clCreateProgramWithIL (pre-2.1 ICD loader); cannot load SPIR-V kernel " + code.entryName());
                MemorySegment il = a.allocateFrom(JAVA_BYTE, code.binary());
                return cl.createProgramWithIL(context, il, il.byteSize(), err);
            }
            default -> throw new IllegalArgumentException("OpenCL cannot load " + code.language() + " (kernel " + code.entryName() + ")");
        }
    }

    /** The first lines of the source, numbered like compiler diagnostics. */
    private static String head(KernelCode code) {
        if (code.text() == null) return "(binary " + code.language() + ", " + code.binary().length + " bytes)";
        String[] lines = code.text().stripTrailing().split("\n", -1);
        StringBuilder sb = new StringBuilder("source:\n");
        int shown = Math.min(lines.length, SOURCE_LINES_SHOWN);
        for (int i = 0; i < shown; i++) sb.append(String.format("%4d| %s%n", i + 1, lines[i]));
        if (shown < lines.length) sb.append("     … ").append(lines.length - shown).append(" more lines\n");
        return sb.toString();
    }
}
