package dev.mamba2j.tornado.api;

/** The kinds of driver, in the order the default device choice prefers them. */
public enum Backend { CUDA, OPENCL, VULKAN, JVM }
