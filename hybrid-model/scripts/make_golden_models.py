#!/usr/bin/env python3
"""Golden fixtures for the Java model: tiny random Mamba2ForCausalLM models and their outputs from
Hugging Face transformers.

Run on a machine with PyTorch and transformers, from the repository root:
    python3 hybrid-model/scripts/make_golden_models.py --out OUT
For each model OUT/<name>/ holds config.json + model.safetensors as save_pretrained writes them (one also
in the state-spaces layout: config.json + pytorch_model.bin), and golden.safetensors with, per prompt i:
tokens_i (prompt then a greedy 32-token continuation by generate(), which decodes step by step with the
cache), prefill_logits_i (the logits of one forward over the prompt) and full_logits_i (one forward over
prompt + continuation, no cache), all in fp32, computed in double-checked fp32 on the GPU (TF32 off).
"""
import argparse
import json
import math
import os

import torch
from safetensors.torch import save_file
from transformers import Mamba2Config, Mamba2ForCausalLM

PROMPTS = [[7], [3, 14, 15, 92, 65, 35, 89], [(i * 37 + 11) % 500 + 1 for i in range(37)]]
CONTINUATION = 32

MODELS = {
    # name: (state_size, n_groups, tie, chunk_size, state_spaces_copy)
    "mamba2-tiny-s16-tied": (16, 1, True, 16, True),
    "mamba2-tiny-s64-untied": (64, 1, False, 16, False),
    "mamba2-tiny-s16-g2": (16, 2, True, 8, False),
}


def randomise(model, gen):
    """Weights large enough that every layer matters (the default init leaves the logits near zero)."""
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("A_log"):
                p.copy_(torch.empty_like(p).uniform_(math.log(1), math.log(16), generator=gen))
            elif name.endswith("dt_bias"):
                dt = torch.empty_like(p).uniform_(math.log(1e-3), math.log(1e-1), generator=gen).exp()
                p.copy_(dt + torch.log(-torch.expm1(-dt)))
            elif name.endswith(".D"):
                p.copy_(torch.empty_like(p).uniform_(0.5, 1.5, generator=gen))
            elif "norm" in name:
                p.copy_(1 + 0.1 * torch.randn(p.shape, generator=gen))
            elif "embeddings" in name:
                p.copy_(torch.randn(p.shape, generator=gen))
            elif p.dim() >= 2:
                fan_in = p.shape[1] * (p.shape[2] if p.dim() == 3 else 1)
                p.copy_(torch.randn(p.shape, generator=gen) / math.sqrt(fan_in))
            else:
                p.copy_(0.1 * torch.randn(p.shape, generator=gen))


def state_spaces_copy(model, cfg, path):
    """The same weights as mamba_ssm's MambaLMHeadModel stores them (its names, its config.json)."""
    os.makedirs(path, exist_ok=True)
    sd = {}
    for k, v in model.state_dict().items():
        sd[k.replace("backbone.embeddings.", "backbone.embedding.")] = v.detach().cpu().clone()
    sd.setdefault("lm_head.weight", sd["backbone.embedding.weight"])
    torch.save(sd, os.path.join(path, "pytorch_model.bin"))
    json.dump({"d_model": cfg.hidden_size, "d_intermediate": 0, "n_layer": cfg.num_hidden_layers, "vocab_size": cfg.vocab_size,
               "ssm_cfg": {"layer": "Mamba2", "d_state": cfg.state_size, "d_conv": cfg.conv_kernel, "expand": cfg.expand,
                           "headdim": cfg.head_dim, "ngroups": cfg.n_groups, "chunk_size": cfg.chunk_size},
               "attn_layer_idx": [], "attn_cfg": {}, "rms_norm": True, "residual_in_fp32": True, "fused_add_norm": True,
               "pad_vocab_size_multiple": 1, "tie_embeddings": cfg.tie_word_embeddings},
              open(os.path.join(path, "config.json"), "w"), indent=1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    a = p.parse_args()
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    summary = {}
    for seed, (name, (state, groups, tie, chunk, ss)) in enumerate(MODELS.items()):
        gen = torch.Generator().manual_seed(100 + seed)
        cfg = Mamba2Config(vocab_size=512, hidden_size=64, state_size=state, num_heads=8, head_dim=16, n_groups=groups,
                           expand=2, conv_kernel=4, chunk_size=chunk, num_hidden_layers=2, use_bias=False,
                           use_conv_bias=True, residual_in_fp32=True, layer_norm_epsilon=1e-5,
                           tie_word_embeddings=tie, bos_token_id=0, eos_token_id=0, pad_token_id=0)
        model = Mamba2ForCausalLM(cfg)
        randomise(model, gen)
        if tie:
            model.tie_weights()
        model = model.to(dev).float().eval()
        out = os.path.join(a.out, name)
        model.save_pretrained(out, safe_serialization=True)
        if ss:
            state_spaces_copy(model, cfg, out + "-ss")
        tensors = {}
        with torch.no_grad():
            for i, prompt in enumerate(PROMPTS):
                x = torch.tensor([prompt], device=dev)
                prefill = model(x).logits[0].float()
                gen_ids = model.generate(x, max_new_tokens=CONTINUATION, do_sample=False, min_new_tokens=CONTINUATION,
                                         eos_token_id=None, pad_token_id=0)
                full = model(gen_ids).logits[0].float()
                tensors[f"tokens_{i}"] = gen_ids[0].to(torch.int32).cpu()
                tensors[f"prefill_logits_{i}"] = prefill.cpu().contiguous()
                tensors[f"full_logits_{i}"] = full.cpu().contiguous()
                # the greedy continuation must agree with the no-cache forward (else the fixture is ambiguous)
                greedy_full = full[len(prompt) - 1:-1].argmax(-1).cpu()
                agree = bool((greedy_full == gen_ids[0, len(prompt):].cpu()).all())
                summary[f"{name}/{i}"] = {"prompt_len": len(prompt), "continuation_agrees_with_full_forward": agree,
                                          "max_abs_logit": float(prefill.abs().max())}
        save_file(tensors, os.path.join(out, "golden.safetensors"))
    summary["torch"] = torch.__version__
    import transformers
    summary["transformers"] = transformers.__version__
    json.dump(summary, open(os.path.join(a.out, "summary.json"), "w"), indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
