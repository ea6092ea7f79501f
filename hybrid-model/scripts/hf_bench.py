#!/usr/bin/env python3
"""Hugging Face transformers' Mamba2ForCausalLM with random weights of the state-spaces Mamba-2 shapes,
timed as mamba2j's `model-bench` command times itself: prefill tokens/s (one forward over the prompts,
logits of the last token only) and decode tokens/s (greedy generate() steps with the cache).

Run on the GPU, right after `model-bench` on the same machine, from the repository root:
    python3 hybrid-model/scripts/hf_bench.py --out OUT/hf-bench.json [--shapes 130m,2.7b]
Without mamba_ssm and causal_conv1d installed, transformers runs its PyTorch reference path; the
output records which path ran.
"""
import argparse
import json
import statistics
import time

import torch
import transformers
from transformers import Mamba2Config, Mamba2ForCausalLM

SHAPES = {"130m": (768, 24), "370m": (1024, 48), "780m": (1536, 48), "1.3b": (2048, 48), "2.7b": (2560, 64)}


def timed(fn, repeats):
    fn()  # warm-up
    torch.cuda.synchronize()
    out = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        out.append(time.perf_counter() - t)
    return statistics.median(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--shapes", default="130m,2.7b")
    p.add_argument("--prefill-len", type=int, default=2048)
    p.add_argument("--prefill-batch", default="1,8")
    p.add_argument("--decode-batch", default="1,32")
    p.add_argument("--steps", type=int, default=32)
    p.add_argument("--repeats", type=int, default=3)
    a = p.parse_args()
    rows = []
    torch.manual_seed(0)
    for shape in a.shapes.split(","):
        d_model, layers = SHAPES[shape]
        cfg = Mamba2Config(vocab_size=50288, hidden_size=d_model, state_size=128, num_heads=2 * d_model // 64, head_dim=64,
                           n_groups=1, expand=2, conv_kernel=4, chunk_size=256, num_hidden_layers=layers,
                           tie_word_embeddings=True, use_bias=False, use_conv_bias=True, residual_in_fp32=True)
        with torch.device("cuda"):
            model = Mamba2ForCausalLM(cfg).to(torch.bfloat16).eval()
        params = sum(x.numel() for x in model.parameters())
        print(f"{shape}: {params:,} parameters", flush=True)
        with torch.no_grad():
            for b in [int(v) for v in a.prefill_batch.split(",") if v]:  # "" skips the phase
                ids = torch.randint(0, 50277, (b, a.prefill_len), device="cuda")

                def prefill():
                    try:
                        model(ids, use_cache=False, logits_to_keep=1)
                    except TypeError:
                        model(ids, use_cache=False)
                try:
                    s = timed(prefill, a.repeats)
                except torch.OutOfMemoryError as e:
                    rows.append({"shape": shape, "phase": "prefill", "batch": b, "tokens": a.prefill_len, "error": "out of memory"})
                    print(f"  prefill {b} x {a.prefill_len}: out of memory ({str(e).splitlines()[0]})", flush=True)
                    torch.cuda.empty_cache()
                    continue
                rows.append({"shape": shape, "phase": "prefill", "batch": b, "tokens": a.prefill_len, "ms": s * 1e3,
                             "tokens_per_s": b * a.prefill_len / s})
                print(f"  prefill {b} x {a.prefill_len}: {s * 1e3:.1f} ms, {b * a.prefill_len / s:.0f} tokens/s", flush=True)
            for b in [int(v) for v in a.decode_batch.split(",") if v]:
                ids = torch.randint(0, 50277, (b, 16), device="cuda")

                def gen(n):
                    return lambda: model.generate(ids, max_new_tokens=n, min_new_tokens=n, do_sample=False,
                                                  eos_token_id=None, pad_token_id=0)
                try:
                    one = timed(gen(1), a.repeats)
                    many = timed(gen(1 + a.steps), a.repeats)
                except torch.OutOfMemoryError as e:
                    rows.append({"shape": shape, "phase": "decode", "batch": b, "error": "out of memory"})
                    print(f"  decode batch {b}: out of memory ({str(e).splitlines()[0]})", flush=True)
                    torch.cuda.empty_cache()
                    continue
                step = (many - one) / a.steps
                rows.append({"shape": shape, "phase": "decode", "batch": b, "ms": step * 1e3, "tokens_per_s": b / step})
                print(f"  decode batch {b}: {step * 1e3:.3f} ms per step, {b / step:.1f} tokens/s", flush=True)
        del model
        torch.cuda.empty_cache()
    from transformers.models.mamba2 import modeling_mamba2 as mm
    meta = {"transformers": transformers.__version__, "torch": torch.__version__, "device": torch.cuda.get_device_name(),
            "dtype": "bf16", "fast_path": bool(getattr(mm, "is_fast_path_available", False)),
            "timing": "host wall time with torch.cuda.synchronize; prefill: one forward, logits of the last token; "
                      "decode: (generate(1 + steps) - generate(1)) / steps; medians of the repeats after one warm-up"}
    json.dump({"meta": meta, "rows": rows}, open(a.out, "w"), indent=1)


if __name__ == "__main__":
    main()
