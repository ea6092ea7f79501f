#!/usr/bin/env bash
# The Vulkan session on the GPU machine, run from the repository root, carrying .device/ as packed by
# docs/results/h200/pack.sh and .gl/: Debian's Vulkan loader and GL dispatch libraries as .deb files
# (libvulkan1 libegl1 libglvnd0 libopengl0 libgl1 libglx0 libgles2, fetched with `apt-get download`):
#   bash docs/results/h200/run-vulkan.sh OUT_DIR
# The GPU machine has neither the loader nor libglvnd, without which NVIDIA's Vulkan driver
# (libGLX_nvidia.so.0) does not load: vkCreateInstance then fails with VK_ERROR_INCOMPATIBLE_DRIVER.
# The driver's json is the one under /usr/local/nvidia when present. The suites run on the Vulkan
# device alone (MAMBA2J_DRIVERS=vulkan); the SSD sweep and the launch overhead run through Vulkan and
# CUDA side by side. ONLY="devices suites-vulkan ..." runs just the steps named.
set -uo pipefail
out=${1:?output folder}
mkdir -p "$out"
if [ -d .gl ]; then for f in .gl/*.deb; do dpkg -x "$f" /; done; ldconfig; fi
[ -d .device/vulkan ] && export LD_LIBRARY_PATH="$PWD/.device/vulkan${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
icd=${VK_ICD_FILENAMES:-}
for f in /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json /usr/share/vulkan/icd.d/nvidia_icd.x86_64.json; do
  [ -z "$icd" ] && [ -f "$f" ] && icd=$f
done
if [ -z "$icd" ]; then
  lib=$(ldconfig -p | awk '/libGLX_nvidia\.so\.0 /{print $NF; exit}')
  if [ -n "$lib" ]; then
    icd="$PWD/$out/nvidia_icd.json"
    printf '{"file_format_version": "1.0.0", "ICD": {"library_path": "%s", "api_version": "1.3.0"}}\n' "$lib" > "$icd"
  fi
fi
[ -n "$icd" ] && export VK_ICD_FILENAMES="$icd"
{ echo "VK_ICD_FILENAMES=${VK_ICD_FILENAMES:-none}"; [ -n "$icd" ] && cat "$icd"; nvidia-smi; ldconfig -p | grep -E 'libvulkan|libGLX|libGLdispatch'; } > "$out/machine.txt" 2>&1
bash .device/setup.sh >> "$out/machine.txt" 2>&1
export PATH="/usr/local/cuda/bin:$PATH"
J=".device/java --enable-native-access=ALL-UNNAMED -Xmx48g"
export LD_PRELOAD="$(dirname "$(readlink -f .device/java)")/../lib/libjsig.so"
step() { local name=$1 limit=$2; shift 2; [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]] && return 0; echo "== $name ($(date +%T))"; timeout "$limit" "$@" > "$out/$name.txt" 2>&1; echo "   exit $? after $SECONDS s"; tail -4 "$out/$name.txt"; }

# 1. The device listing (vulkan:0 should be the H200), then the suites on it: the runtime's conformance
#    suite and driver test, the SSD differential suites (fp32, bf16) and prefill-then-decode.
step devices 60 env MAMBA2J_DRIVERS=vulkan,cuda $J -cp '.device/lib/*' dev.mamba2j.bench.Main devices
step suites-vulkan ${SUITE_LIMIT:-900} env MAMBA2J_DRIVERS=vulkan JAVA="$PWD/.device/java" .device/bundle/run-tests.sh --details=tree \
    --reports-dir "$out/reports-vulkan" --exclude-classname '.*(TransferConformanceTest)' \
    --include-classname '.*(ConformanceTest|VulkanDriverTest|DeviceSsdTest|DeviceSsdBf16Test|SsdTilingsTest|PrefillThenDecodeTest|AttentionKernelsTest|LargeLocalMemoryTest|HybridModelTest|GoldenModelTest|SquaredReluTest)'
# 2. The SSD sweep at d_state 64 through Vulkan and CUDA in one run (target: Vulkan within 1.5x of CUDA), Vulkan
#    with localGemm on the matrix units (VK_KHR_cooperative_matrix, the default where the device has them) and as the
#    portable loop (vulkanloops: -Dmamba2j.vulkan.matrices=false), and the runtime's launch overhead on both. Each Vulkan
#    pipeline's compiler statistics (registers, spills …, where the driver reports them) go to the step's txt file.
sweep() { local name=$1 dev=$2 d=$3 jvm=${4:-} app=${5:-}
  step "$name" ${SWEEP_LIMIT:-600} env MAMBA2J_DRIVERS=vulkan,cuda $J -Dmamba2j.vulkan.shaderStatistics=true $jvm -cp '.device/lib/*' dev.mamba2j.bench.Main sweep --device "$dev" \
      --dtype "$d" --d-state 64 -L 2048,16384 --repeats 20 --no-progress $app --out "$out/$name"; }
for d in fp32 bf16; do
  sweep "sweep-vulkan-$d" vulkan:0 "$d"
  sweep "sweep-vulkanloops-$d" vulkan:0 "$d" -Dmamba2j.vulkan.matrices=false
  sweep "sweep-cuda-$d" cuda:0 "$d"
  # each tiling of the GEMM-shaped kernels (full 36.8 KiB, compact 27.5, small 10.5; sweep --tiles) on both paths, only when
  # ONLY names the step (sweep-vulkansmall-fp32 …): fewer bytes of local memory, more work-groups per multiprocessor
  for t in full compact small; do for p in vulkan cuda; do
    [[ " ${ONLY:-} " == *" sweep-$p$t-$d "* ]] && sweep "sweep-$p$t-$d" $p:0 "$d" "" "--tiles $t"
  done; done
done
for p in vulkan:0 cuda:0; do
  step "overhead-${p%%:*}" ${OVERHEAD_LIMIT:-120} env MAMBA2J_DRIVERS=vulkan,cuda $J -cp '.device/lib/*' dev.mamba2j.bench.Main overhead --device "$p" \
      --out "$out/overhead-${p%%:*}"
done
# The attention kernels through Vulkan with and without the matrix units, and through CUDA, also with localGemm's warp
# tiles spread over four warps (cudaspread: -Dmamba2j.localGemm.spread=4), only when ONLY names them.
for v in attention-vulkan attention-vulkanloops attention-cuda attention-cudaspread; do
  [[ " ${ONLY:-} " == *" $v "* ]] || continue
  p=vulkan:0; [[ $v == attention-cuda* ]] && p=cuda:0
  o=""; [ $v = attention-vulkanloops ] && o=-Dmamba2j.vulkan.matrices=false; [ $v = attention-cudaspread ] && o=-Dmamba2j.localGemm.spread=4
  step "$v" ${ATT_LIMIT:-300} env MAMBA2J_DRIVERS=vulkan,cuda $J $o \
      -cp '.device/lib/*' dev.mamba2j.bench.Main attention-bench --device $p --lengths 512,2048,16384 --out "$out/$v"
done
# 3. The JIT fuzzer through NVIDIA's Vulkan driver (FUZZ_N kernels, seed FUZZ_SEED, 7 as on lavapipe by default; docs/fuzzing.md).
step fuzz-vulkan ${FUZZ_LIMIT:-300} env MAMBA2J_DRIVERS=vulkan,jvm $J -cp '.device/lib/*' dev.mamba2j.bench.Main fuzz-jit -n ${FUZZ_N:-100} \
    --seed ${FUZZ_SEED:-7} --device vulkan:0 --no-ptxas --out "$out/fuzz-vulkan"
grep -h -E "tests (successful|failed|skipped)" "$out"/suites-*.txt
tar czf /tmp/results-vulkan.tgz -C "$out" . && rm -rf "${out:?}"/* && mv /tmp/results-vulkan.tgz "$out/" && echo "packed $(du -sh "$out/results-vulkan.tgz" | cut -f1)"
