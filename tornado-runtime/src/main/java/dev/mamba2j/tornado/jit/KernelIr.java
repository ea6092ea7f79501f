package dev.mamba2j.tornado.jit;

import dev.mamba2j.tornado.jit.pass.ArrayParams;
import dev.mamba2j.tornado.ir.Function;

import java.util.List;
import java.util.Map;

/**
 * What the JIT produces for a kernel method, its arguments and a printer's target: the optimised,
 * lowered IR the printer turns into device code.
 *
 * @param function      the kernel with helpers inlined, specialised values folded in, optimised, lowered
 * @param specialised   Java parameter index -> the constant folded into this IR
 * @param groupMultiple the launch's work-group size must be a multiple of this (32 for kernels that call
 *                      localGemm, else 1)
 * @param checkSites    in checked mode, what each bounds or residency check guards ("load of x"), by check number; else empty
 * @param arrays        the array parameters' names and which ones the kernel may write
 */
public record KernelIr(Function function, Map<Integer, Object> specialised, int groupMultiple, List<String> checkSites, ArrayParams arrays) {}
