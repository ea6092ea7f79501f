package dev.mamba2j.tornado.driver.cuda;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Bindings to the CUDA driver API in {@code libcuda.so.1}: one method handle per entry point and a
 * checked Java method per call. Versioned names are bound the way {@code cuda.h} maps the plain
 * ones ({@code cuMemAlloc} is {@code cuMemAlloc_v2} …). Handles (contexts, modules, functions,
 * streams, events) are {@link MemorySegment} addresses; device pointers are {@code long}s and
 * devices {@code int}s, as in the C API. Every failing call throws {@link CudaException}.
 */
final class CudaApi {
    static final String DEFAULT_LIBRARY = "libcuda.so.1";

    // CUdevice_attribute values from cuda.h
    static final int ATTR_MAX_THREADS_PER_BLOCK = 1;
    static final int ATTR_MAX_SHARED_MEMORY_PER_BLOCK = 8;
    static final int ATTR_CLOCK_RATE_KHZ = 13;
    static final int ATTR_MULTIPROCESSOR_COUNT = 16;
    static final int ATTR_GLOBAL_MEMORY_BUS_WIDTH = 37;
    static final int ATTR_COMPUTE_CAPABILITY_MAJOR = 75;
    static final int ATTR_COMPUTE_CAPABILITY_MINOR = 76;
    static final int ATTR_MAX_SHARED_MEMORY_PER_BLOCK_OPTIN = 97;

    // CUfunction_attribute values from cuda.h
    static final int FUNC_ATTR_MAX_DYNAMIC_SHARED_SIZE_BYTES = 8;

    // CUjit_option values from cuda.h
    static final int JIT_INFO_LOG_BUFFER = 3;
    static final int JIT_INFO_LOG_BUFFER_SIZE_BYTES = 4;
    static final int JIT_ERROR_LOG_BUFFER = 5;
    static final int JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;
    static final int JIT_LOG_VERBOSE = 12;

    /** CUstreamCaptureMode: only this thread's unsafe calls are refused while a stream is captured. */
    static final int STREAM_CAPTURE_MODE_THREAD_LOCAL = 1;

    static final int CUDA_ERROR_NO_DEVICE = 100;
    static final int CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED = 712;

    private static final Linker LINKER = Linker.nativeLinker();

    private final SymbolLookup lib;
    private final MethodHandle getErrorName, getErrorString, init, driverGetVersion, deviceGetCount, deviceGet,
            deviceGetName, deviceGetAttribute, deviceTotalMem, primaryCtxRetain, primaryCtxRelease, ctxSetCurrent,
            memGetInfo, memAlloc, memFree, memcpyHtoDAsync, memcpyDtoHAsync, memHostRegister, memHostUnregister,
            moduleLoadDataEx, moduleGetFunction, moduleUnload, funcSetAttribute, launchKernel, streamCreate, streamSynchronize,
            streamDestroy, eventCreate, eventRecord, eventSynchronize, eventElapsedTime, eventDestroy;
    /** Stream capture into graphs and their replay; null where the driver has none (see {@link #hasGraphs}). */
    private final MethodHandle streamBeginCapture, streamEndCapture, graphInstantiate, graphLaunch, graphExecDestroy, graphDestroy;

    private CudaApi(SymbolLookup lib) {
        this.lib = lib;
        getErrorName = bind(fn(JAVA_INT, ADDRESS), "cuGetErrorName");
        getErrorString = bind(fn(JAVA_INT, ADDRESS), "cuGetErrorString");
        init = bind(fn(JAVA_INT), "cuInit");
        driverGetVersion = bind(fn(ADDRESS), "cuDriverGetVersion");
        deviceGetCount = bind(fn(ADDRESS), "cuDeviceGetCount");
        deviceGet = bind(fn(ADDRESS, JAVA_INT), "cuDeviceGet");
        deviceGetName = bind(fn(ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetName");
        deviceGetAttribute = bind(fn(ADDRESS, JAVA_INT, JAVA_INT), "cuDeviceGetAttribute");
        deviceTotalMem = bind(fn(ADDRESS, JAVA_INT), "cuDeviceTotalMem_v2");
        primaryCtxRetain = bind(fn(ADDRESS, JAVA_INT), "cuDevicePrimaryCtxRetain");
        primaryCtxRelease = bind(fn(JAVA_INT), "cuDevicePrimaryCtxRelease_v2");
        ctxSetCurrent = bind(fn(ADDRESS), "cuCtxSetCurrent");
        memGetInfo = bind(fn(ADDRESS, ADDRESS), "cuMemGetInfo_v2");
        memAlloc = bind(fn(ADDRESS, JAVA_LONG), "cuMemAlloc_v2");
        memFree = bind(fn(JAVA_LONG), "cuMemFree_v2");
        memcpyHtoDAsync = bind(fn(JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS), "cuMemcpyHtoDAsync_v2");
        memcpyDtoHAsync = bind(fn(ADDRESS, JAVA_LONG, JAVA_LONG, ADDRESS), "cuMemcpyDtoHAsync_v2");
        memHostRegister = bind(fn(ADDRESS, JAVA_LONG, JAVA_INT), "cuMemHostRegister_v2");
        memHostUnregister = bind(fn(ADDRESS), "cuMemHostUnregister");
        moduleLoadDataEx = bind(fn(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS), "cuModuleLoadDataEx");
        moduleGetFunction = bind(fn(ADDRESS, ADDRESS, ADDRESS), "cuModuleGetFunction");
        moduleUnload = bind(fn(ADDRESS), "cuModuleUnload");
        funcSetAttribute = bind(fn(ADDRESS, JAVA_INT, JAVA_INT), "cuFuncSetAttribute");
        launchKernel = bind(fn(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                ADDRESS, ADDRESS, ADDRESS), "cuLaunchKernel");
        streamCreate = bind(fn(ADDRESS, JAVA_INT), "cuStreamCreate");
        streamSynchronize = bind(fn(ADDRESS), "cuStreamSynchronize");
        streamDestroy = bind(fn(ADDRESS), "cuStreamDestroy_v2");
        eventCreate = bind(fn(ADDRESS, JAVA_INT), "cuEventCreate");
        eventRecord = bind(fn(ADDRESS, ADDRESS), "cuEventRecord");
        eventSynchronize = bind(fn(ADDRESS), "cuEventSynchronize");
        // cuda.h 13 maps cuEventElapsedTime to _v2 (same signature); older drivers only have the plain name
        eventElapsedTime = bind(fn(ADDRESS, ADDRESS, ADDRESS), "cuEventElapsedTime_v2", "cuEventElapsedTime");
        eventDestroy = bind(fn(ADDRESS), "cuEventDestroy_v2");
        streamBeginCapture = bindIfPresent(fn(ADDRESS, JAVA_INT), "cuStreamBeginCapture_v2");
        streamEndCapture = bindIfPresent(fn(ADDRESS, ADDRESS), "cuStreamEndCapture");
        graphInstantiate = bindIfPresent(fn(ADDRESS, ADDRESS, JAVA_LONG), "cuGraphInstantiateWithFlags");
        graphLaunch = bindIfPresent(fn(ADDRESS, ADDRESS), "cuGraphLaunch");
        graphExecDestroy = bindIfPresent(fn(ADDRESS), "cuGraphExecDestroy");
        graphDestroy = bindIfPresent(fn(ADDRESS), "cuGraphDestroy");
    }

    /**
     * Opens the library and binds every entry point. Throws {@link IllegalArgumentException} when
     * the library cannot be opened and {@link UnsatisfiedLinkError} when an entry point is missing.
     */
    static CudaApi load(String library) {
        return new CudaApi(SymbolLookup.libraryLookup(library, Arena.global()));
    }

    private static FunctionDescriptor fn(MemoryLayout... args) {
        return FunctionDescriptor.of(JAVA_INT, args);
    }

    private MethodHandle bindIfPresent(FunctionDescriptor fd, String name) {
        return lib.find(name).map(symbol -> LINKER.downcallHandle(symbol, fd)).orElse(null);
    }

    private MethodHandle bind(FunctionDescriptor fd, String... names) {
        for (String n : names) {
            var symbol = lib.find(n);
            if (symbol.isPresent()) return LINKER.downcallHandle(symbol.get(), fd);
        }
        throw new UnsatisfiedLinkError("the CUDA driver library has no " + String.join(" or ", names)
                + " (driver too old?)");
    }

    // ---- errors ----

    /** The symbolic name of a {@code CUresult}, e.g. {@code CUDA_ERROR_INVALID_PTX}. */
    String errorName(int code) {
        return errorText(getErrorName, code, "CUDA_ERROR_" + code);
    }

    /** The driver's description of a {@code CUresult}. */
    String errorString(int code) {
        return errorText(getErrorString, code, "");
    }

    private static String errorText(MethodHandle h, int code, String fallback) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            int rc = (int) h.invokeExact(code, out);
            MemorySegment str = out.get(ADDRESS, 0);
            if (rc != 0 || str.equals(MemorySegment.NULL)) return fallback;
            return str.reinterpret(4096).getString(0);
        } catch (Throwable t) {
            return fallback;
        }
    }

    void check(String call, int rc) {
        if (rc != 0) throw new CudaException(call, rc, errorName(rc), errorString(rc));
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    // ---- initialisation and devices ----

    void init() {
        try { check("cuInit", (int) init.invokeExact(0)); } catch (Throwable t) { throw rethrow(t); }
    }

    /** E.g. 13000 for CUDA 13.0. */
    int driverVersion() {
        return intOut("cuDriverGetVersion", out -> (int) driverGetVersion.invokeExact(out));
    }

    int deviceCount() {
        return intOut("cuDeviceGetCount", out -> (int) deviceGetCount.invokeExact(out));
    }

    int device(int ordinal) {
        return intOut("cuDeviceGet", out -> (int) deviceGet.invokeExact(out, ordinal));
    }

    String deviceName(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment buf = a.allocate(256);
            check("cuDeviceGetName", (int) deviceGetName.invokeExact(buf, 256, device));
            return buf.getString(0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    int deviceAttribute(int attribute, int device) {
        return intOut("cuDeviceGetAttribute(" + attribute + ")",
                out -> (int) deviceGetAttribute.invokeExact(out, attribute, device));
    }

    long deviceTotalMem(int device) {
        return longOut("cuDeviceTotalMem_v2", out -> (int) deviceTotalMem.invokeExact(out, device));
    }

    // ---- contexts ----

    MemorySegment primaryCtxRetain(int device) {
        return addressOut("cuDevicePrimaryCtxRetain", out -> (int) primaryCtxRetain.invokeExact(out, device));
    }

    void primaryCtxRelease(int device) {
        try { check("cuDevicePrimaryCtxRelease_v2", (int) primaryCtxRelease.invokeExact(device)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void ctxSetCurrent(MemorySegment ctx) {
        try { check("cuCtxSetCurrent", (int) ctxSetCurrent.invokeExact(ctx)); } catch (Throwable t) { throw rethrow(t); }
    }

    /** {@code {free, total}} bytes of the current context's device. */
    long[] memGetInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment free = a.allocate(JAVA_LONG), total = a.allocate(JAVA_LONG);
            check("cuMemGetInfo_v2", (int) memGetInfo.invokeExact(free, total));
            return new long[] {free.get(JAVA_LONG, 0), total.get(JAVA_LONG, 0)};
        } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- memory ----

    long memAlloc(long bytes) {
        return longOut("cuMemAlloc_v2", out -> (int) memAlloc.invokeExact(out, bytes));
    }

    void memFree(long devicePtr) {
        try { check("cuMemFree_v2", (int) memFree.invokeExact(devicePtr)); } catch (Throwable t) { throw rethrow(t); }
    }

    void memcpyHtoDAsync(long dst, MemorySegment src, long bytes, MemorySegment stream) {
        try { check("cuMemcpyHtoDAsync_v2", (int) memcpyHtoDAsync.invokeExact(dst, src, bytes, stream)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void memcpyDtoHAsync(MemorySegment dst, long src, long bytes, MemorySegment stream) {
        try { check("cuMemcpyDtoHAsync_v2", (int) memcpyDtoHAsync.invokeExact(dst, src, bytes, stream)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    /** Page-locks host memory; returns the raw result so callers can treat "already registered" as benign. */
    int memHostRegister(MemorySegment host, long bytes, int flags) {
        try { return (int) memHostRegister.invokeExact(host, bytes, flags); } catch (Throwable t) { throw rethrow(t); }
    }

    void memHostUnregister(MemorySegment host) {
        try { check("cuMemHostUnregister", (int) memHostUnregister.invokeExact(host)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    // ---- modules and launches ----

    /** Raw result: the caller reads the JIT logs before deciding how to report a failure. */
    int moduleLoadDataEx(MemorySegment moduleOut, MemorySegment image, int numOptions,
                         MemorySegment options, MemorySegment optionValues) {
        try { return (int) moduleLoadDataEx.invokeExact(moduleOut, image, numOptions, options, optionValues); }
        catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment moduleGetFunction(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment cname = a.allocateFrom(name);
            return addressOut("cuModuleGetFunction(" + name + ")",
                    out -> (int) moduleGetFunction.invokeExact(out, module, cname));
        }
    }

    void moduleUnload(MemorySegment module) {
        try { check("cuModuleUnload", (int) moduleUnload.invokeExact(module)); } catch (Throwable t) { throw rethrow(t); }
    }

    void funcSetAttribute(MemorySegment function, int attribute, int value) {
        try { check("cuFuncSetAttribute", (int) funcSetAttribute.invokeExact(function, attribute, value)); } catch (Throwable t) { throw rethrow(t); }
    }

    void launchKernel(MemorySegment function, int[] blocks, int[] threads, int sharedBytes,
                      MemorySegment stream, MemorySegment kernelParams) {
        try {
            check("cuLaunchKernel", (int) launchKernel.invokeExact(function, blocks[0], blocks[1], blocks[2],
                    threads[0], threads[1], threads[2], sharedBytes, stream, kernelParams, MemorySegment.NULL));
        } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- streams and events ----

    MemorySegment streamCreate(int flags) {
        return addressOut("cuStreamCreate", out -> (int) streamCreate.invokeExact(out, flags));
    }

    void streamSynchronize(MemorySegment stream) {
        try { check("cuStreamSynchronize", (int) streamSynchronize.invokeExact(stream)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    void streamDestroy(MemorySegment stream) {
        try { check("cuStreamDestroy_v2", (int) streamDestroy.invokeExact(stream)); } catch (Throwable t) { throw rethrow(t); }
    }

    MemorySegment eventCreate(int flags) {
        return addressOut("cuEventCreate", out -> (int) eventCreate.invokeExact(out, flags));
    }

    void eventRecord(MemorySegment event, MemorySegment stream) {
        try { check("cuEventRecord", (int) eventRecord.invokeExact(event, stream)); } catch (Throwable t) { throw rethrow(t); }
    }

    void eventSynchronize(MemorySegment event) {
        try { check("cuEventSynchronize", (int) eventSynchronize.invokeExact(event)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    float eventElapsedMillis(MemorySegment start, MemorySegment end) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ms = a.allocate(JAVA_FLOAT);
            check("cuEventElapsedTime", (int) eventElapsedTime.invokeExact(ms, start, end));
            return ms.get(JAVA_FLOAT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    void eventDestroy(MemorySegment event) {
        try { check("cuEventDestroy_v2", (int) eventDestroy.invokeExact(event)); } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- out-parameter helpers ----

    @FunctionalInterface
    private interface Call { int invoke(MemorySegment out) throws Throwable; }

    private int intOut(String name, Call call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            check(name, call.invoke(out));
            return out.get(JAVA_INT, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    private long longOut(String name, Call call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            check(name, call.invoke(out));
            return out.get(JAVA_LONG, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }

    // ---- graphs: launches captured from a stream, replayed as one ----

    /** Whether the driver captures streams into graphs (CUDA 11.4 and later). */
    boolean hasGraphs() {
        return streamBeginCapture != null && streamEndCapture != null && graphInstantiate != null && graphLaunch != null
                && graphExecDestroy != null && graphDestroy != null;
    }

    void streamBeginCapture(MemorySegment stream) {
        try { check("cuStreamBeginCapture_v2", (int) streamBeginCapture.invokeExact(stream, STREAM_CAPTURE_MODE_THREAD_LOCAL)); }
        catch (Throwable t) { throw rethrow(t); }
    }

    /** Ends the capture; returns the captured graph. */
    MemorySegment streamEndCapture(MemorySegment stream) {
        return addressOut("cuStreamEndCapture", out -> (int) streamEndCapture.invokeExact(stream, out));
    }

    /** An executable graph of {@code graph}. */
    MemorySegment graphInstantiate(MemorySegment graph) {
        return addressOut("cuGraphInstantiateWithFlags", out -> (int) graphInstantiate.invokeExact(out, graph, 0L));
    }

    void graphLaunch(MemorySegment exec, MemorySegment stream) {
        try { check("cuGraphLaunch", (int) graphLaunch.invokeExact(exec, stream)); } catch (Throwable t) { throw rethrow(t); }
    }

    void graphExecDestroy(MemorySegment exec) {
        try { check("cuGraphExecDestroy", (int) graphExecDestroy.invokeExact(exec)); } catch (Throwable t) { throw rethrow(t); }
    }

    void graphDestroy(MemorySegment graph) {
        try { check("cuGraphDestroy", (int) graphDestroy.invokeExact(graph)); } catch (Throwable t) { throw rethrow(t); }
    }

    private MemorySegment addressOut(String name, Call call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(ADDRESS);
            check(name, call.invoke(out));
            return out.get(ADDRESS, 0);
        } catch (Throwable t) { throw rethrow(t); }
    }
}
