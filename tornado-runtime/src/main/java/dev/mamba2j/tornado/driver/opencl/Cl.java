package dev.mamba2j.tornado.driver.opencl;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcalls into the OpenCL ICD loader, through the 1.2 entry points so that every vendor's
 * loader (NVIDIA's, PoCL's, ocl-icd) has them. Each wrapper checks the status and throws
 * {@link OpenClException} naming the call. Handles are zero-length segments holding the
 * native pointer; size_t is a Java long (64-bit hosts only).
 */
final class Cl {
    static final int PLATFORM_VERSION = 0x0901, PLATFORM_NAME = 0x0902, PLATFORM_VENDOR = 0x0903;
    static final long DEVICE_TYPE_ALL = 0xFFFFFFFFL;
    static final long DEVICE_TYPE_CPU = 1 << 1, DEVICE_TYPE_GPU = 1 << 2, DEVICE_TYPE_ACCELERATOR = 1 << 3;
    static final int DEVICE_TYPE = 0x1000, DEVICE_MAX_COMPUTE_UNITS = 0x1002, DEVICE_MAX_WORK_GROUP_SIZE = 0x1004,
            DEVICE_GLOBAL_MEM_SIZE = 0x101F, DEVICE_LOCAL_MEM_SIZE = 0x1023, DEVICE_NAME = 0x102B,
            DEVICE_VENDOR = 0x102C, DRIVER_VERSION = 0x102D, DEVICE_VERSION = 0x102F,
            DEVICE_OPENCL_C_VERSION = 0x103D, DEVICE_IL_VERSION = 0x105B,
            DEVICE_SINGLE_FP_CONFIG = 0x101B, FP_CORRECTLY_ROUNDED_DIVIDE_SQRT = 1 << 7, DEVICE_EXTENSIONS = 0x1030,
            DEVICE_COMPUTE_CAPABILITY_MAJOR_NV = 0x4000;
    static final long CONTEXT_PLATFORM = 0x1084;
    static final long QUEUE_PROFILING_ENABLE = 1 << 1;
    static final long MEM_READ_WRITE = 1;
    static final int PROGRAM_BUILD_LOG = 0x1183, PROGRAM_BINARY_SIZES = 0x1165, PROGRAM_BINARIES = 0x1166;
    static final int PROFILING_COMMAND_START = 0x1282, PROFILING_COMMAND_END = 0x1283;
    static final int DEVICE_NOT_FOUND = -1, PLATFORM_NOT_FOUND_KHR = -1001;

    static final MemorySegment NULL = MemorySegment.NULL;

    private static final Loaded LOADED = load();

    private record Loaded(Cl cl, String failure) {}

    /** The bindings; throws if the library could not be loaded. */
    static Cl get() {
        if (LOADED.cl == null) throw new OpenClException(LOADED.failure);
        return LOADED.cl;
    }

    /** Why the library could not be loaded, or null. */
    static String loadFailure() { return LOADED.failure; }

    private static Loaded load() {
        if (ADDRESS.byteSize() != 8) return new Loaded(null, "OpenCL driver needs a 64-bit JVM");
        String override = System.getProperty("mamba2j.opencl.library");
        List<String> names = override != null ? List.of(override)
                : List.of("libOpenCL.so.1", "libOpenCL.so", "OpenCL.dll",
                          "/System/Library/Frameworks/OpenCL.framework/OpenCL");
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            try {
                return new Loaded(new Cl(SymbolLookup.libraryLookup(name, Arena.global())), null);
            } catch (RuntimeException | LinkageError e) {
                errors.add(name + ": " + e.getMessage());
            }
        }
        return new Loaded(null, "OpenCL library not loadable (" + String.join("; ", errors) + ")");
    }

    private final MethodHandle getPlatformIDs, getPlatformInfo, getDeviceIDs, getDeviceInfo,
            createContext, createCommandQueue, createBuffer, enqueueWriteBuffer, enqueueReadBuffer,
            createProgramWithSource, createProgramWithIL, buildProgram, getProgramBuildInfo, getProgramInfo,
            createKernel, setKernelArg, enqueueNDRangeKernel, waitForEvents, getEventProfilingInfo,
            finish, releaseMemObject, releaseKernel, releaseProgram, releaseCommandQueue,
            releaseContext, releaseEvent;

    private Cl(SymbolLookup lib) {
        var a = ADDRESS;
        var i = JAVA_INT;
        var l = JAVA_LONG;
        var info = FunctionDescriptor.of(i, a, i, l, a, a);
        var enqueueCopy = FunctionDescriptor.of(i, a, a, i, l, l, a, i, a, a);
        var release = FunctionDescriptor.of(i, a);
        var critical = Linker.Option.critical(false);
        getPlatformIDs = bind(lib, "clGetPlatformIDs", FunctionDescriptor.of(i, i, a, a));
        getPlatformInfo = bind(lib, "clGetPlatformInfo", info);
        getDeviceIDs = bind(lib, "clGetDeviceIDs", FunctionDescriptor.of(i, a, l, i, a, a));
        getDeviceInfo = bind(lib, "clGetDeviceInfo", info);
        createContext = bind(lib, "clCreateContext", FunctionDescriptor.of(a, a, i, a, a, a, a));
        createCommandQueue = bind(lib, "clCreateCommandQueue", FunctionDescriptor.of(a, a, a, l, a));
        createBuffer = bind(lib, "clCreateBuffer", FunctionDescriptor.of(a, a, l, l, a, a));
        enqueueWriteBuffer = bind(lib, "clEnqueueWriteBuffer", enqueueCopy);
        enqueueReadBuffer = bind(lib, "clEnqueueReadBuffer", enqueueCopy);
        createProgramWithSource = bind(lib, "clCreateProgramWithSource", FunctionDescriptor.of(a, a, i, a, a, a));
        // OpenCL 2.1; older loaders lack it, and then only SPIR-V loading is refused.
        createProgramWithIL = lib.find("clCreateProgramWithIL")
                .map(s -> Linker.nativeLinker().downcallHandle(s, FunctionDescriptor.of(a, a, a, l, a)))
                .orElse(null);
        buildProgram = bind(lib, "clBuildProgram", FunctionDescriptor.of(i, a, i, a, a, a, a));
        getProgramBuildInfo = bind(lib, "clGetProgramBuildInfo", FunctionDescriptor.of(i, a, a, i, l, a, a));
        getProgramInfo = bind(lib, "clGetProgramInfo", info);
        createKernel = bind(lib, "clCreateKernel", FunctionDescriptor.of(a, a, a, a));
        // Short, non-blocking calls on the launch path: skip the thread-state transition.
        setKernelArg = bind(lib, "clSetKernelArg", FunctionDescriptor.of(i, a, i, l, a), critical);
        enqueueNDRangeKernel = bind(lib, "clEnqueueNDRangeKernel", FunctionDescriptor.of(i, a, a, i, a, a, a, i, a, a));
        waitForEvents = bind(lib, "clWaitForEvents", FunctionDescriptor.of(i, i, a));
        getEventProfilingInfo = bind(lib, "clGetEventProfilingInfo", info, critical);
        finish = bind(lib, "clFinish", release);
        releaseMemObject = bind(lib, "clReleaseMemObject", release);
        releaseKernel = bind(lib, "clReleaseKernel", release);
        releaseProgram = bind(lib, "clReleaseProgram", release);
        releaseCommandQueue = bind(lib, "clReleaseCommandQueue", release);
        releaseContext = bind(lib, "clReleaseContext", release);
        releaseEvent = bind(lib, "clReleaseEvent", release);
    }

    private static MethodHandle bind(SymbolLookup lib, String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no symbol " + name));
        return Linker.nativeLinker().downcallHandle(symbol, fd, options);
    }

    static void check(String call, int status) {
        if (status != 0) throw new OpenClException(call, status, null);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    /** Reads the errcode_ret slot of a create call and returns the handle. */
    private static MemorySegment created(String call, MemorySegment handle, MemorySegment err) {
        check(call, err.get(JAVA_INT, 0));
        return handle;
    }

    /** Returns the platform count; {@code out} may be NULL to only count. */
    int getPlatformIDs(int n, MemorySegment out, MemorySegment count) {
        try {
            int st = (int) getPlatformIDs.invokeExact(n, out, count);
            if (st == PLATFORM_NOT_FOUND_KHR) return 0;
            check("clGetPlatformIDs", st);
            return count.get(JAVA_INT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    void getPlatformInfo(MemorySegment platform, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        try { check("clGetPlatformInfo", (int) getPlatformInfo.invokeExact(platform, param, size, value, sizeRet)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    /** Returns the device count; a platform without devices of the type gives 0, not an error. */
    int getDeviceIDs(MemorySegment platform, long type, int n, MemorySegment out, MemorySegment count) {
        try {
            int st = (int) getDeviceIDs.invokeExact(platform, type, n, out, count);
            if (st == DEVICE_NOT_FOUND) return 0;
            check("clGetDeviceIDs", st);
            return count.get(JAVA_INT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    /** Returns the status rather than throwing: optional queries (IL version) fail on old devices. */
    int getDeviceInfo(MemorySegment device, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        try { return (int) getDeviceInfo.invokeExact(device, param, size, value, sizeRet); }
        catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment createContext(MemorySegment props, int n, MemorySegment devices, MemorySegment err) {
        try { return created("clCreateContext", (MemorySegment) createContext.invokeExact(props, n, devices, NULL, NULL, err), err); }
        catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment createCommandQueue(MemorySegment context, MemorySegment device, long props, MemorySegment err) {
        try { return created("clCreateCommandQueue", (MemorySegment) createCommandQueue.invokeExact(context, device, props, err), err); }
        catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment createBuffer(MemorySegment context, long flags, long size, MemorySegment err) {
        try { return created("clCreateBuffer", (MemorySegment) createBuffer.invokeExact(context, flags, size, NULL, err), err); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void enqueueWriteBuffer(MemorySegment queue, MemorySegment mem, long offset, long bytes, MemorySegment src, MemorySegment event) {
        try { check("clEnqueueWriteBuffer", (int) enqueueWriteBuffer.invokeExact(queue, mem, 1, offset, bytes, src, 0, NULL, event)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void enqueueReadBuffer(MemorySegment queue, MemorySegment mem, long offset, long bytes, MemorySegment dst, MemorySegment event) {
        try { check("clEnqueueReadBuffer", (int) enqueueReadBuffer.invokeExact(queue, mem, 1, offset, bytes, dst, 0, NULL, event)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment createProgramWithSource(MemorySegment context, MemorySegment strings, MemorySegment lengths, MemorySegment err) {
        try { return created("clCreateProgramWithSource", (MemorySegment) createProgramWithSource.invokeExact(context, 1, strings, lengths, err), err); }
        catch (Throwable t) { throw rethrow(t); }
    }

    boolean hasCreateProgramWithIL() { return createProgramWithIL != null; }

    MemorySegment createProgramWithIL(MemorySegment context, MemorySegment il, long length, MemorySegment err) {
        try { return created("clCreateProgramWithIL", (MemorySegment) createProgramWithIL.invokeExact(context, il, length, err), err); }
        catch (Throwable t) { throw rethrow(t); }
    }

    /** Returns the status: a build failure is reported together with the log by the caller. */
    int buildProgram(MemorySegment program, MemorySegment devices, MemorySegment options) {
        try { return (int) buildProgram.invokeExact(program, 1, devices, options, NULL, NULL); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void getProgramBuildInfo(MemorySegment program, MemorySegment device, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        try { check("clGetProgramBuildInfo", (int) getProgramBuildInfo.invokeExact(program, device, param, size, value, sizeRet)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void getProgramInfo(MemorySegment program, int param, long size, MemorySegment value, MemorySegment sizeRet) {
        try { check("clGetProgramInfo", (int) getProgramInfo.invokeExact(program, param, size, value, sizeRet)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment createKernel(MemorySegment program, MemorySegment name, MemorySegment err) {
        try { return created("clCreateKernel", (MemorySegment) createKernel.invokeExact(program, name, err), err); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void setKernelArg(MemorySegment kernel, int index, long size, MemorySegment value) {
        try {
            int st = (int) setKernelArg.invokeExact(kernel, index, size, value);
            if (st != 0) throw new OpenClException("clSetKernelArg", st, "argument " + index + " (" + size + " bytes)");
        } catch (Throwable t) { throw rethrow(t); }
    }

    void enqueueNDRangeKernel(MemorySegment queue, MemorySegment kernel, int dims, MemorySegment global, MemorySegment local, MemorySegment event) {
        try { check("clEnqueueNDRangeKernel", (int) enqueueNDRangeKernel.invokeExact(queue, kernel, dims, NULL, global, local, 0, NULL, event)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void waitForEvents(int n, MemorySegment events) {
        try { check("clWaitForEvents", (int) waitForEvents.invokeExact(n, events)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void getEventProfilingInfo(MemorySegment event, int param, MemorySegment value) {
        try { check("clGetEventProfilingInfo", (int) getEventProfilingInfo.invokeExact(event, param, 8L, value, NULL)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void finish(MemorySegment queue) { call1("clFinish", finish, queue); }

    void releaseMemObject(MemorySegment h) { call1("clReleaseMemObject", releaseMemObject, h); }

    void releaseKernel(MemorySegment h) { call1("clReleaseKernel", releaseKernel, h); }

    void releaseProgram(MemorySegment h) { call1("clReleaseProgram", releaseProgram, h); }

    void releaseCommandQueue(MemorySegment h) { call1("clReleaseCommandQueue", releaseCommandQueue, h); }

    void releaseContext(MemorySegment h) { call1("clReleaseContext", releaseContext, h); }

    void releaseEvent(MemorySegment h) { call1("clReleaseEvent", releaseEvent, h); }

    private static void call1(String call, MethodHandle h, MemorySegment arg) {
        try { check(call, (int) h.invokeExact(arg)); }
        catch (Throwable t) { throw rethrow(t); }
    }
}
