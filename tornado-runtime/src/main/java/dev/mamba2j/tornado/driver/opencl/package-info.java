/**
 * The OpenCL driver: any vendor's ICD (NVIDIA, AMD, Intel, PoCL on CPUs, FPGA runtimes) through
 * FFM downcalls into {@code libOpenCL.so.1}; no JNI, no native code of its own.
 *
 * <pre>{@code
 * ComputeDevice dev = new OpenClDriver().devices().getFirst();      // or via ServiceLoader<Driver>
 * try (DeviceSession s = dev.open()) {
 *     DeviceBuffer a = s.allocate(bytes);
 *     s.write(a, hostSegment, bytes);
 *     LoadedKernel k = s.load(compiledKernel);                       // OPENCL_C, or SPIRV where the device takes IL
 *     long ns = s.launch(k, List.of(new KernelArg.Buffer(a), new KernelArg.Int(n)),
 *                        WorkerGrid.of1D(n).setLocalWork(128));      // kernel device time
 *     s.read(hostSegment, a, bytes);
 * }                                                                  // releases every OpenCL object
 * }</pre>
 *
 * System properties: {@code mamba2j.opencl.library} (path or name of the OpenCL library),
 * {@code mamba2j.opencl.buildOptions} (options for every {@code clBuildProgram}).
 */
package dev.mamba2j.tornado.driver.opencl;
