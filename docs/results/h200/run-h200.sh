#!/usr/bin/env bash
# The H200 session of this folder's results, run on the GPU machine from the repository root, carrying
# .device/ as packed here by docs/results/h200/pack.sh:
#   bash docs/results/h200/run-h200.sh OUT_DIR
# Only NVIDIA's OpenCL platform is visible (PoCL's ICD file is removed) and the suites run on the GPU
# devices alone (MAMBA2J_DRIVERS=cuda,opencl; the JVM-device runs are CI's). Each step has a time limit.
# With SHORT=1 the steps get less time and the sweep runs through CUDA only (for a shorter run).
set -uo pipefail
out=${1:?output folder}
short=${SHORT:-0}
lim() { if [ "$short" = 1 ]; then echo "$2"; else echo "$1"; fi; }
mkdir -p "$out"
bash .device/setup.sh > "$out/machine.txt" 2>&1
rm -f /etc/OpenCL/vendors/*pocl* 2>/dev/null
# ... which has not kept PoCL out before: name NVIDIA's ICD library alone to the loader as well
nv_icd=$(cat /etc/OpenCL/vendors/nvidia.icd 2>/dev/null) && [ -n "$nv_icd" ] && export OCL_ICD_FILENAMES="$nv_icd"
export PATH="/usr/local/cuda/bin:$PATH"
J=".device/java --enable-native-access=ALL-UNNAMED -Xmx48g"
export LD_PRELOAD="$(dirname "$(readlink -f .device/java)")/../lib/libjsig.so"
{ nvidia-smi; ptxas --version; python3 -c 'import torch, transformers; print(torch.__version__, transformers.__version__)'; } >> "$out/machine.txt" 2>&1
# ONLY="suites-model hf-bench ..." runs just the steps named (a second run finishing what a first did not).
step() { local name=$1 limit=$2; shift 2; [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]] && return 0; echo "== $name ($(date +%T))"; timeout "$limit" "$@" > "$out/$name.txt" 2>&1; echo "   exit $? after $SECONDS s"; tail -4 "$out/$name.txt"; }

# 1. The suites on cuda:0 and NVIDIA OpenCL (tests that name the JVM device are left to CI): the model, its layers
#    and the SSD first, then the runtime's conformance suite and drivers.
suite() { local name=$1 limit=$2; shift 2
  step "$name" "$limit" env MAMBA2J_DRIVERS=cuda,opencl JAVA="$PWD/.device/java" .device/bundle/run-tests.sh --details=tree \
      --reports-dir "$out/reports-$name" --exclude-classname '.*(DevicesTest|PlanErrorsTest|TransferConformanceTest)' "$@"; }
suite suites-model $(lim 150 120) --include-package dev.mamba2j.verification --include-package dev.mamba2j.kernels
suite suites-runtime $(lim 150 120) --include-package dev.mamba2j.tornado
# 2. The language model against transformers, side by side (bf16, random weights, 130M and 2.7B shapes).
step model-bench-cuda $(lim 95 80) $J -cp '.device/lib/*' dev.mamba2j.bench.Main model-bench --device cuda:0 --out "$out/bench"
step hf-bench $(lim 105 85) python3 hybrid-model/scripts/hf_bench.py --out "$out/bench/hf-bench.json"
# (the 2.7B decode at batch 32 alone: the full hf-bench does not reach it within its limit)
step hf-bench-2.7b-b32 90 python3 hybrid-model/scripts/hf_bench.py --shapes 2.7b --prefill-batch "" --decode-batch 32 \
    --out "$out/bench/hf-bench-2.7b-b32.json"
# 3. The SSD sweep at d_state 64 (65,536 tokens per call) through both paths, against the earlier figures.
paths="cuda:0 opencl:nvidia"; [ "$short" = 1 ] && paths="cuda:0"
for p in $paths; do for d in fp32 bf16; do
  step "sweep-${p%%:*}-$d" 25 $J -cp '.device/lib/*' dev.mamba2j.bench.Main sweep --device "$p" --dtype "$d" --d-state 64 \
      -L 2048,16384 --repeats 20 --no-progress --out "$out/sweep-${p%%:*}-$d"
done; done
# 4. Reliability (ONLY="reliability" for all of it, about 30 minutes, or its steps by name): the soak on both paths, the
#    JIT fuzzer on both paths (and ptxas), a sample of the model-file fuzzer, and compute-sanitizer's memcheck, racecheck
#    and synccheck over the SSD, scan and attention suites. Not part of a plain run. FUZZ_N, SANITIZE_CLASSES and the
#    *_LIMIT variables make a shorter run.
rel() { [[ " ${ONLY:-} " == *" reliability "* ]] && ONLY="$1" step "$@" || { [ -n "${ONLY:-}" ] && step "$@"; }; }
for p in cuda:0 opencl:nvidia; do
  rel "soak-${p%%:*}" ${SOAK_LIMIT:-300} .device/java --enable-native-access=ALL-UNNAMED -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp '.device/lib/*' \
      dev.mamba2j.bench.Main soak --device "$p" --out "$out/soak-${p%%:*}"
done
# seed 500: the kernels that disagree on PoCL (k221, k309, k321, k461) and the one ptxas crashes on (k579) are among its first 600
rel fuzz-jit ${FUZZ_LIMIT:-600} $J -cp '.device/lib/*' dev.mamba2j.bench.Main fuzz-jit -n ${FUZZ_N:-600} --seed 500 --device cuda:0,opencl:nvidia --out "$out/fuzz-jit"
rel fuzz-files 120 $J -cp '.device/lib/*' dev.mamba2j.bench.Main fuzz-files -n 10000 --seed 1 --out /tmp/fuzz-files
for tool in memcheck racecheck synccheck; do
  rel "sanitizer-$tool" ${SANITIZE_LIMIT:-420} compute-sanitizer --tool "$tool" --target-processes all --print-limit 50 env MAMBA2J_DRIVERS=cuda \
      JAVA="$PWD/.device/java" .device/bundle/run-tests.sh --details=summary --reports-dir "$out/reports-sanitizer-$tool" \
      --include-classname "${SANITIZE_CLASSES:-.*(DeviceSsdTest|DeviceSelectiveScanTest|DeviceAttentionTest)}"
done
# Everything in one file (what comes back is a few files at most), the suites' summaries on the output.
grep -h -E "tests (successful|failed|skipped)" "$out"/suites-*.txt
tar czf /tmp/results.tgz -C "$out" . && rm -rf "${out:?}"/* && mv /tmp/results.tgz "$out/" && echo "packed $(du -sh "$out/results.tgz" | cut -f1)"
