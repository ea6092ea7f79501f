#!/usr/bin/env bash
# Decode-step figures on the GPU machine (from the repository root, .device/ carried): model-bench's decode
# rows, then, where Nsight Compute is installed, each kernel's device time over one 2.7B decoding step
# launched kernel by kernel (ncu replays each kernel alone: no launch gaps in its figures).
#   bash docs/results/h200/profile-decode.sh OUT_DIR
set -uo pipefail
out=${1:?output folder}; mkdir -p "$out"
bash .device/setup.sh > "$out/machine.txt" 2>&1
export PATH="/usr/local/cuda/bin:$PATH"
J=".device/java --enable-native-access=ALL-UNNAMED -Xmx48g"
export LD_PRELOAD="$(dirname "$(readlink -f .device/java)")/../lib/libjsig.so"
timeout 150 $J -cp '.device/lib/*' dev.mamba2j.bench.Main model-bench --device cuda:0 --prefill-len 16 --prefill-batch 1 \
    --decode-batch 1,32 --out "$out/bench" > "$out/model-bench-decode.txt" 2>&1
tail -8 "$out/model-bench-decode.txt"
if command -v ncu >/dev/null; then
  # the upload, a 16-token prefill and the first (kernel by kernel) decoding step come first: skip past them
  timeout 240 ncu --metrics gpu__time_duration.sum --csv --launch-skip "${SKIP:-1100}" --launch-count "${COUNT:-400}" \
      $J -cp '.device/lib/*' dev.mamba2j.bench.Main model-bench --device cuda:0 --shapes 2.7b --prefill-len 16 --prefill-batch 1 \
      --decode-batch 1 --steps 2 --repeats 1 --out "$out/ncu-bench" > "$out/ncu-decode.csv" 2> "$out/ncu.err"
  echo "ncu exit $?: $(grep -c gpu__time_duration "$out/ncu-decode.csv") kernels"
else echo "no ncu on this machine"; fi
