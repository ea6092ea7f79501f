#!/usr/bin/env python3
"""PyTorch's side of attention-bench: torch.nn.functional.scaled_dot_product_attention on the GPU at the shapes
the Java command measures, timed with CUDA events (median of the repeats after warm-up), written as CSV.

    python3 benchmarks/scripts/attention_sdpa.py --out results/attention-bench/sdpa.csv

Prefill: causal attention over --tokens tokens per call split into sequences of each length, q, k, v
(batch, heads, L, head_dim) in bf16 (SDPA picks its flash kernel); FLOP/s of the causal half, as the Java
command counts them. Decoding: one query per sequence over a full cache of each context with
--decode-kv-heads key/value heads (grouped-query: enable_gqa), K+V bytes read per second.
"""
import argparse
import csv
import os
import statistics

import torch
import torch.nn.functional as F


def timed(fn, warmup, repeats):
    for _ in range(warmup):
        fn()
    torch.cuda.synchronize()
    times = []
    for _ in range(repeats):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(end))
    return statistics.median(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--heads", type=int, default=32)
    p.add_argument("--head-dim", type=int, default=128)
    p.add_argument("--prefill-kv-heads", type=int, default=32)
    p.add_argument("--decode-kv-heads", type=int, default=8)
    p.add_argument("--tokens", type=int, default=65536)
    p.add_argument("--lengths", default="512,1024,2048,4096,8192,16384")
    p.add_argument("--contexts", default="2048,8192,32768")
    p.add_argument("--batches", default="1,32")
    p.add_argument("--dtype", default="bfloat16", choices=["bfloat16", "float16", "float32"])
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--out", default="results/attention-bench/sdpa.csv")
    a = p.parse_args()
    dt = getattr(torch, a.dtype)
    dev = torch.device("cuda")
    h, d = a.heads, a.head_dim
    rows = []
    for length in [int(x) for x in a.lengths.split(",")]:
        batch = max(1, a.tokens // length)
        q = torch.randn(batch, h, length, d, device=dev, dtype=dt)
        k = torch.randn(batch, a.prefill_kv_heads, length, d, device=dev, dtype=dt)
        v = torch.randn_like(k)
        gqa = a.prefill_kv_heads != h
        ms = timed(lambda: F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=gqa), a.warmup, a.repeats)
        flops = 4.0 * batch * h * d * length * (length + 1) / 2
        rows.append(dict(phase="prefill", seq_len=length, batch=batch, kv_heads=a.prefill_kv_heads, ms=ms,
                         tflops=flops / (ms / 1e3) / 1e12, tokens_per_s=batch * length / (ms / 1e3)))
        print(f"prefill L {length:6d} x {batch:3d}: {ms:9.3f} ms {rows[-1]['tflops']:7.1f} TFLOP/s")
        del q, k, v
    for context in [int(x) for x in a.contexts.split(",")]:
        for batch in [int(x) for x in a.batches.split(",")]:
            q = torch.randn(batch, h, 1, d, device=dev, dtype=dt)
            k = torch.randn(batch, a.decode_kv_heads, context, d, device=dev, dtype=dt)
            v = torch.randn_like(k)
            gqa = a.decode_kv_heads != h
            ms = timed(lambda: F.scaled_dot_product_attention(q, k, v, enable_gqa=gqa), a.warmup, a.repeats)
            bytes_read = 2.0 * k.numel() * k.element_size()
            rows.append(dict(phase="decode", context=context, batch=batch, kv_heads=a.decode_kv_heads, ms=ms,
                             gb_per_s=bytes_read / (ms / 1e3) / 1e9))
            print(f"decode context {context:6d} batch {batch:3d}: {ms:8.4f} ms  K+V at {rows[-1]['gb_per_s']:6.0f} GB/s")
            del q, k, v
    os.makedirs(os.path.dirname(a.out) or ".", exist_ok=True)
    cols = []
    for r in rows:
        cols += [c for c in r if c not in cols]
    with open(a.out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} rows in {a.out} (torch {torch.__version__}, {torch.cuda.get_device_name()}, {a.dtype})")


if __name__ == "__main__":
    main()
