package dev.mamba2j.tornado.api;

/** A kernel uses a construct the JIT does not translate; the message says where and what. */
public class KernelCompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelCompilationException(String message) { super(message); }
}
