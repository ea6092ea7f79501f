#!/usr/bin/env bash
# The checks of one short GPU session, run from the repository root carrying .device/ (packed by pack.sh) and
# .gl/ (see run-vulkan.sh):
#   bash docs/results/h200/run-checks-h200.sh OUT_DIR
# 1. the conformance, SSD and residency suites in checked mode on cuda:0 and NVIDIA's OpenCL, and on NVIDIA's Vulkan;
# 2. what checked mode costs on the SSD sweep (CUDA, fp32, d_state 64, 65,536 tokens);
# 3. the JIT fuzzer's seed 500 again on both paths (its NVIDIA OpenCL findings were the integer-abs lowering);
# 4. compute-sanitizer's memcheck, racecheck and synccheck over the SSD and attention suites (CUDA);
# 5. the soak on CUDA.
# Each step has a time limit; ONLY="suites sweep ..." runs just the steps named.
set -uo pipefail
out=${1:?output folder}
mkdir -p "$out"
bash .device/setup.sh > "$out/machine.txt" 2>&1
rm -f /etc/OpenCL/vendors/*pocl* 2>/dev/null
nv_icd=$(cat /etc/OpenCL/vendors/nvidia.icd 2>/dev/null) && [ -n "$nv_icd" ] && export OCL_ICD_FILENAMES="$nv_icd"
if [ -d .gl ]; then for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
export VK_ICD_FILENAMES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json PATH="/usr/local/cuda/bin:$PATH"
J=".device/java --enable-native-access=ALL-UNNAMED -Xmx48g"
export LD_PRELOAD="$(dirname "$(readlink -f .device/java)")/../lib/libjsig.so"
step() { local name=$1 limit=$2; shift 2; [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]] && return 0; echo "== $name ($(date +%T))"; timeout "$limit" "$@" > "$out/$name.txt" 2>&1; echo "   exit $? after $SECONDS s"; tail -4 "$out/$name.txt"; }
tests() { local name=$1 limit=$2 drivers=$3; shift 3
  step "$name" "$limit" env MAMBA2J_DRIVERS="$drivers" JAVA_TOOL_OPTIONS="-Dmamba2j.checked=true" JAVA="$PWD/.device/java" \
      .device/bundle/run-tests.sh --details=tree --reports-dir "$out/reports-$name" "$@"; }
ssd='DeviceSsdTest|DeviceSsdBf16Test|SsdTilingsTest|PrefillThenDecodeTest'
conf='ElementwiseConformanceTest|KernelShapesConformanceTest|LocalGemmConformanceTest|ParallelLoopConformanceTest|ResidencyTest|CheckedBoundsTest'
tests suites-checked 130 cuda,opencl --include-classname ".*($ssd|$conf|DeviceAttentionTest)"
tests suites-vulkan 70 vulkan --include-classname ".*($ssd|$conf|VulkanDriverTest|SpirvJavaSemanticsTest)"
for c in false true; do
  step "sweep-checked-$c" 35 $J -Dmamba2j.checked=$c -cp '.device/lib/*' dev.mamba2j.bench.Main sweep --device cuda:0 --dtype fp32 \
      --d-state 64 -L 2048,16384 --repeats 20 --no-progress --out "$out/sweep-checked-$c"
done
step fuzz-jit 100 $J -cp '.device/lib/*' dev.mamba2j.bench.Main fuzz-jit -n 300 --seed 500 --device cuda:0,opencl:nvidia --out "$out/fuzz-jit"
for t in memcheck:70:"$ssd|DeviceAttentionTest" racecheck:40:DeviceSsdTest synccheck:30:DeviceSsdTest; do
  IFS=: read -r tool limit classes <<< "$t"
  step "sanitizer-$tool" "$limit" compute-sanitizer --tool "$tool" --target-processes all --print-limit 50 env MAMBA2J_DRIVERS=cuda \
      JAVA="$PWD/.device/java" .device/bundle/run-tests.sh --details=summary --reports-dir "$out/reports-sanitizer-$tool" \
      --include-classname ".*($classes)"
done
step soak-cuda ${SOAK_LIMIT:-60} .device/java --enable-native-access=ALL-UNNAMED -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp '.device/lib/*' \
    dev.mamba2j.bench.Main soak --device cuda:0 --out "$out/soak-cuda"
grep -h -E "tests (successful|failed|skipped)" "$out"/suites-*.txt
tar czf /tmp/results-checks.tgz -C "$out" . && rm -rf "${out:?}"/* && mv /tmp/results-checks.tgz "$out/" && echo "packed $(du -sh "$out/results-checks.tgz" | cut -f1)"
