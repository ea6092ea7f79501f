#!/usr/bin/env python3
"""Trains the small Mamba-2 language model that ships with mamba2j (hybrid-model/models/kjv-mamba2-4m).

Run on a CUDA machine with PyTorch, transformers and tokenizers installed, from the repository root:
    python3 hybrid-model/scripts/train_small_model.py --corpus .train/kjv.txt --out OUT [--seconds 420]
The corpus is one text per line (hybrid-model/scripts/prepare_corpus.py makes it from Debian's KJV Bible).
Writes OUT/model/ (config.json, model.safetensors, tokenizer.json), OUT/train_log.json (losses, the
validation loss beside a unigram baseline, samples) and OUT/tokenizer_golden.json (token ids from the
tokenizers library, for the Java tokenizer's tests).
"""
import argparse
import json
import math
import os
import random
import time

import torch
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
from transformers import Mamba2Config, Mamba2ForCausalLM

EOS = "<|endoftext|>"
GOLDEN_TEXTS = [
    "", " ", "In the beginning God created the heaven and the earth.",
    "And God said, Let there be light: and there was light.\n",
    "  two spaces,\ttab and\nnewline\n\n", "Unicode: café naïve coöperate — “quotes” ‘single’ ÆØÅ",
    "CJK 中文字 and emoji 🙂🚀 and combining e\u0301", "digits 12345 3.14159 2026-12-03",
    "Contractions: don't, I'm, we'll, they've, he'd, it's", "<|endoftext|>Hello<|endoftext|>",
    "The LORD is my shepherd; I shall not want." * 5,
]


def parse():
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seconds", type=float, default=420, help="training time budget")
    p.add_argument("--vocab", type=int, default=4096)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=6)
    p.add_argument("--state", type=int, default=64)
    p.add_argument("--head-dim", type=int, default=32)
    p.add_argument("--seq", type=int, default=256)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--seed", type=int, default=1234)
    p.add_argument("--val-every", type=int, default=50, help="steps between validations; the best weights are kept")
    return p.parse_args()


def train_tokenizer(lines, vocab):
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(vocab_size=vocab, special_tokens=[EOS], initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(lines, trainer=trainer)
    return tok


def main():
    a = parse()
    random.seed(a.seed)
    torch.manual_seed(a.seed)
    os.makedirs(os.path.join(a.out, "model"), exist_ok=True)
    lines = [l.rstrip("\n") for l in open(a.corpus, encoding="utf-8") if l.strip()]
    split = int(len(lines) * 0.95)  # the last 5% (most of Revelation's neighbours) is held out
    train_lines, val_lines = lines[:split], lines[split:]

    tok = train_tokenizer(train_lines, a.vocab)
    tok.save(os.path.join(a.out, "model", "tokenizer.json"))
    eos = tok.token_to_id(EOS)
    golden = [{"text": t, "ids": tok.encode(t).ids, "decoded": tok.decode(tok.encode(t).ids, skip_special_tokens=False)}
              for t in GOLDEN_TEXTS]
    json.dump({"tokenizer": "tokenizer.json", "library": "tokenizers", "cases": golden},
              open(os.path.join(a.out, "tokenizer_golden.json"), "w"), ensure_ascii=False, indent=1)

    def ids(ls):
        out = []
        for enc in tok.encode_batch(ls):
            out.extend(enc.ids + [eos])
        return torch.tensor(out, dtype=torch.long)

    train_ids, val_ids = ids(train_lines), ids(val_lines)
    # unigram baseline: cross-entropy on the validation text of add-one-smoothed training token frequencies
    counts = torch.bincount(train_ids, minlength=a.vocab).double() + 1
    unigram = float(-(counts / counts.sum()).log()[val_ids].mean())

    cfg = Mamba2Config(vocab_size=a.vocab, hidden_size=a.hidden, state_size=a.state, num_heads=2 * a.hidden // a.head_dim,
                       head_dim=a.head_dim, n_groups=1, expand=2, conv_kernel=4, chunk_size=64,
                       num_hidden_layers=a.layers, use_bias=False, use_conv_bias=True, residual_in_fp32=True,
                       layer_norm_epsilon=1e-5, tie_word_embeddings=True, bos_token_id=eos, eos_token_id=eos,
                       pad_token_id=eos)
    dev = torch.device("cuda")
    model = Mamba2ForCausalLM(cfg).to(dev)
    params = sum(p.numel() for p in model.parameters())
    print(f"parameters {params}, train tokens {len(train_ids)}, val tokens {len(val_ids)}, unigram {unigram:.3f}", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, betas=(0.9, 0.95), weight_decay=0.1)
    train_gpu = train_ids.to(dev)

    def batch():
        starts = torch.randint(0, len(train_gpu) - a.seq - 1, (a.batch,), device=dev)
        rows = starts[:, None] + torch.arange(a.seq + 1, device=dev)[None, :]
        return train_gpu[rows]

    @torch.no_grad()
    def causal_leak():
        """Largest change of a position's logits when a later token changes: 0 for a causal forward."""
        x = train_gpu[:129][None, :128].clone()
        before = model(x, use_cache=False).logits.float()
        x[0, 100:] = (x[0, 100:] + 1) % a.vocab
        after = model(x, use_cache=False).logits.float()
        return float((after[0, :100] - before[0, :100]).abs().max())

    @torch.no_grad()
    def validate():
        v = val_ids.to(dev)
        n = (len(v) - 1) // a.seq
        x = v[: n * a.seq + 1]
        total, count = 0.0, 0
        for i in range(0, n, 32):
            rows = torch.stack([x[j * a.seq:(j + 1) * a.seq + 1] for j in range(i, min(n, i + 32))])
            with torch.autocast("cuda", dtype=torch.bfloat16):
                logits = model(rows[:, :-1], use_cache=False).logits.float()
            total += float(torch.nn.functional.cross_entropy(logits.reshape(-1, a.vocab), rows[:, 1:].reshape(-1), reduction="sum"))
            count += rows[:, 1:].numel()
        return total / count

    # The model has no dropout, so it trains in eval mode: the same forward path as validation and generation
    # (in training mode transformers takes a fused path whose reference fallback is used without mamba_ssm).
    model.eval()
    log = {"losses": [], "validation": [], "causal_leak_eval": causal_leak()}
    model.train()
    log["causal_leak_train_mode"] = causal_leak()
    model.eval()
    print(f"causal leak: eval {log['causal_leak_eval']:.2e}, train mode {log['causal_leak_train_mode']:.2e}", flush=True)
    best, best_state = float("inf"), None
    t0, step, warmup = time.time(), 0, 100
    est_steps = None
    while True:
        elapsed = time.time() - t0
        if elapsed > a.seconds:
            break
        if step == 50:
            est_steps = int(a.seconds / (elapsed / 50))
        total = est_steps or 10_000
        lr = a.lr * min(1.0, (step + 1) / warmup) * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, step / total))))
        for g in opt.param_groups:
            g["lr"] = lr
        xy = batch()
        with torch.autocast("cuda", dtype=torch.bfloat16):
            logits = model(xy[:, :-1], use_cache=False).logits.float()
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, a.vocab), xy[:, 1:].reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 0:
            log["losses"].append([step, round(time.time() - t0, 1), float(loss.detach())])
            print(f"step {step} t {time.time() - t0:.0f}s loss {float(loss):.3f} lr {lr:.2e}", flush=True)
        if step % a.val_every == 0 and step > 0:
            v = validate()
            log["validation"].append([step, v])
            print(f"step {step} validation {v:.3f}", flush=True)
            if v < best:
                best, best_state = v, {k: t.detach().clone() for k, t in model.state_dict().items()}
        step += 1
    v = validate()
    log["validation"].append([step, v])
    if v < best:
        best, best_state = v, None
    if best_state is not None:
        model.load_state_dict(best_state)
    val = validate()
    samples = []
    for prompt in ["In the beginning", "And Jesus said unto them,", "The LORD is my shepherd"]:
        x = torch.tensor([tok.encode(prompt).ids], device=dev)
        out = model.generate(x, max_new_tokens=40, do_sample=False)
        samples.append({"prompt": prompt, "greedy": tok.decode(out[0].tolist())})
    print(json.dumps(samples, indent=1), flush=True)
    model.float().save_pretrained(os.path.join(a.out, "model"), safe_serialization=True)
    log.update({"parameters": params, "steps": step, "seconds": round(time.time() - t0, 1), "train_tokens": len(train_ids),
                "val_tokens": len(val_ids), "val_loss": val, "val_ppl": math.exp(val), "unigram_val_loss": unigram,
                "unigram_ppl": math.exp(unigram), "samples": samples, "config": cfg.to_dict(),
                "torch": torch.__version__, "device": torch.cuda.get_device_name()})
    json.dump(log, open(os.path.join(a.out, "train_log.json"), "w"), indent=1, default=str)
    print(f"validation loss {val:.3f} (ppl {math.exp(val):.1f}); unigram {unigram:.3f} (ppl {math.exp(unigram):.1f})")


if __name__ == "__main__":
    main()
