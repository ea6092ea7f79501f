#!/usr/bin/env bash
# The hybrid models' session on the GPU machine, run from the repository root, carrying .device/ as packed
# here by docs/results/h200/pack.sh (as run-h200.sh does):
#   bash docs/results/h200/run-attention-h200.sh OUT_DIR
# 1. the golden hybrid fixtures from transformers (hybrid-model/scripts/make_golden_hybrid.py), copied into
#    this checkout's golden folder so that 2. the attention, hybrid-model and golden suites check them on
#    cuda:0 and NVIDIA's OpenCL; 3. attention-bench on both paths and PyTorch's SDPA at the same shapes;
#    4. model-bench of the hybrid 2.7B shape beside the pure one, and at an 8K-token context.
# OUT_DIR/golden-hybrid holds the fixtures to commit under hybrid-model/src/test/resources/golden/.
# 5. study's length panel (SSD, Mamba-1 scan and the tiled attention against L: the crossover).
# ONLY="golden suites ..." runs just the steps named; SUITES_LIMIT, ATT_LIMIT, SDPA_LIMIT, HYBRID_LIMIT and STUDY_LIMIT (seconds) bound the
# benchmarks; ATT_TILES (e.g. 64x64,16x32) has attention-bench time those prefill tiles on cuda:0 instead of the device's choice.
set -uo pipefail
out=${1:?output folder}
mkdir -p "$out"
bash .device/setup.sh > "$out/machine.txt" 2>&1
rm -f /etc/OpenCL/vendors/*pocl* 2>/dev/null
# NVIDIA's OpenCL only (the machine's PoCL is not one of the paths measured here)
nv_icd=$(cat /etc/OpenCL/vendors/nvidia.icd 2>/dev/null) && [ -n "$nv_icd" ] && export OCL_ICD_FILENAMES="$nv_icd"
export PATH="/usr/local/cuda/bin:$PATH"
J=".device/java --enable-native-access=ALL-UNNAMED -Xmx96g"
export LD_PRELOAD="$(dirname "$(readlink -f .device/java)")/../lib/libjsig.so"
{ nvidia-smi; ptxas --version; python3 -c 'import torch, transformers; print(torch.__version__, transformers.__version__)'; } >> "$out/machine.txt" 2>&1
step() { local name=$1 limit=$2; shift 2; [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]] && return 0; echo "== $name ($(date +%T))"; timeout "$limit" "$@" > "$out/$name.txt" 2>&1; echo "   exit $? after $SECONDS s"; tail -4 "$out/$name.txt"; }

step golden 300 python3 hybrid-model/scripts/make_golden_hybrid.py --out "$out/golden-hybrid"
[ -d "$out/golden-hybrid/bamba-tiny" ] && cp -r "$out"/golden-hybrid/bamba-* hybrid-model/src/test/resources/golden/
step suites ${SUITES_LIMIT:-240} env MAMBA2J_DRIVERS=cuda,opencl JAVA="$PWD/.device/java" .device/bundle/run-tests.sh --details=tree --reports-dir "$out/reports" \
    --include-classname '.*(AttentionKernelsTest|AttentionPtxAssemblyTest|HybridModelTest|HybridConfigTest|GoldenModelTest|Mamba2ReferenceTest|LargeLocalMemoryTest|PtxPrinterTest|PtxPrinterGpuTest|SquaredReluTest|DivergentBarrierConformanceTest)'
for p in cuda:0 opencl:nvidia; do
  tiles=(); [ "$p" = cuda:0 ] && [ -n "${ATT_TILES:-}" ] && tiles=(--tiles "$ATT_TILES")
  step "attention-bench-${p%%:*}" ${ATT_LIMIT:-300} $J -cp '.device/lib/*' dev.mamba2j.bench.Main attention-bench --device "$p" "${tiles[@]}" --out "$out/attention-${p%%:*}"
done
step attention-sdpa ${SDPA_LIMIT:-180} python3 benchmarks/scripts/attention_sdpa.py --out "$out/attention-cuda/sdpa.csv"
step model-bench-hybrid ${HYBRID_LIMIT:-240} $J -cp '.device/lib/*' dev.mamba2j.bench.Main model-bench --device cuda:0 --shapes 2.7b,hybrid-2.7b --out "$out/model-bench"
step model-bench-hybrid-8k 240 $J -cp '.device/lib/*' dev.mamba2j.bench.Main model-bench --device cuda:0 --shapes hybrid-2.7b --prefill-batch 1 \
    --decode-batch 1,8 --decode-prompt 8192 --out "$out/model-bench-8k"
step study ${STUDY_LIMIT:-300} $J -cp '.device/lib/*' dev.mamba2j.bench.Main study --device cuda:0 --panel length --max-seconds 20 --no-progress \
    --lengths "${STUDY_LENGTHS:-512,1024,2048,4096,8192,16384,32768,65536,131072}" --out "$out/study"
grep -h -E "tests (successful|failed|skipped)" "$out"/suites.txt
tar czf /tmp/results.tgz -C "$out" . && rm -rf "${out:?}"/* && mv /tmp/results.tgz "$out/" && echo "packed $(du -sh "$out/results.tgz" | cut -f1)"
