#!/usr/bin/env python3
"""Golden fixtures for the Java hybrid models: tiny random BambaForCausalLM models (Mamba-2 and attention
layers, a gated MLP in every layer) and their outputs from Hugging Face transformers.

Run on a machine with PyTorch and transformers (5.x), from the repository root, no network needed:
    python3 hybrid-model/scripts/make_golden_hybrid.py --out OUT
then copy OUT/* into hybrid-model/src/test/resources/golden/.

For each model OUT/<name>/ holds config.json + model.safetensors as save_pretrained writes them (the
rotary factor written out explicitly), and golden.safetensors with, per prompt i: tokens_i (prompt then a
greedy 32-token continuation by generate(), which decodes step by step with the hybrid cache),
prefill_logits_i (one forward over the prompt) and full_logits_i (one forward over prompt + continuation,
no cache), all fp32 (TF32 off). "bamba-tiny" is also written in mamba_ssm's MambaLMHeadModel layout
(OUT/bamba-tiny-ss: config.json + pytorch_model.bin): attention q/k/v packed into mixer.in_proj as MHA
packs them, the MLP's up and gate packed into mlp.fc1 as GatedMLP packs them ([y, gate], y * silu(gate)).
The conversion holds for this model because it has one SSM group (mamba_ssm normalises the gated norm per
group, transformers over all channels), an MLP width that is a multiple of 128 (GatedMLP rounds up to it),
no MLP biases (GatedMLP has none) and norm epsilons of 1e-5 (mamba_ssm's fixed value).
"""
import argparse
import json
import math
import os

import torch
from safetensors.torch import save_file
from transformers import BambaConfig, BambaForCausalLM

PROMPTS = [[7], [3, 14, 15, 92, 65, 35, 89], [(i * 37 + 11) % 500 + 1 for i in range(37)]]
CONTINUATION = 32

MODELS = {
    # name: (BambaConfig arguments beyond COMMON, state_spaces_copy)
    "bamba-tiny": (dict(num_hidden_layers=4, attn_layer_indices=[1, 3], num_attention_heads=4, num_key_value_heads=1,
                        attention_bias=False, mlp_bias=False, tie_word_embeddings=False, rope_theta=10000.0), True),
    "bamba-tiny-bias-tied": (dict(num_hidden_layers=3, attn_layer_indices=[0], num_attention_heads=4, num_key_value_heads=2,
                                  attention_bias=True, mlp_bias=True, tie_word_embeddings=True, rope_theta=500.0), False),
}
COMMON = dict(vocab_size=512, hidden_size=64, intermediate_size=128, hidden_act="silu", rms_norm_eps=1e-5,
              max_position_embeddings=256, mamba_n_heads=8, mamba_d_head="auto", mamba_n_groups=1, mamba_d_state=16,
              mamba_d_conv=4, mamba_expand=2, mamba_chunk_size=16, mamba_conv_bias=True, mamba_proj_bias=False,
              bos_token_id=0, eos_token_id=0, pad_token_id=0)


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
            elif "embed_tokens" in name:
                p.copy_(torch.randn(p.shape, generator=gen))
            elif p.dim() >= 2:
                fan_in = p.shape[1] * (p.shape[2] if p.dim() == 3 else 1)
                p.copy_(torch.randn(p.shape, generator=gen) / math.sqrt(fan_in))
            else:
                p.copy_(0.1 * torch.randn(p.shape, generator=gen))


def eager(cfg):
    """The model with the plain attention (the reference softmax), whichever way this transformers sets it."""
    try:
        return BambaForCausalLM._from_config(cfg, attn_implementation="eager")
    except (TypeError, AttributeError):
        cfg._attn_implementation = "eager"
        return BambaForCausalLM(cfg)


def rotary(model, cfg, theta):
    """The rotary dims the model really uses, from its inv_freq, checked against base theta (so the fixture says what ran)."""
    inv = model.model.rotary_emb.inv_freq.detach().double().cpu()
    dim = 2 * inv.numel()
    expected = 1.0 / (theta ** (torch.arange(0, dim, 2, dtype=torch.float64) / dim))
    assert torch.allclose(inv, expected, rtol=1e-5), f"inv_freq {inv} is not base {theta} over {dim} dims"
    return dim, theta


def state_spaces_copy(model, cfg, rot_dim, theta, path):
    """The same weights as mamba_ssm's MambaLMHeadModel stores them (its names, its config.json)."""
    os.makedirs(path, exist_ok=True)
    src = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
    sd = {"backbone.embedding.weight": src["model.embed_tokens.weight"],
          "backbone.norm_f.weight": src["model.final_layernorm.weight"],
          "lm_head.weight": src.get("lm_head.weight", src["model.embed_tokens.weight"])}
    for i in range(cfg.num_hidden_layers):
        p, q = f"model.layers.{i}.", f"backbone.layers.{i}."
        sd[q + "norm.weight"] = src[p + "input_layernorm.weight"]
        sd[q + "norm2.weight"] = src[p + "pre_ff_layernorm.weight"]
        if i in cfg.attn_layer_indices:
            a = p + "self_attn."
            sd[q + "mixer.in_proj.weight"] = torch.cat([src[a + "q_proj.weight"], src[a + "k_proj.weight"], src[a + "v_proj.weight"]])
            sd[q + "mixer.out_proj.weight"] = src[a + "o_proj.weight"]
        else:
            for k in ["in_proj.weight", "conv1d.weight", "conv1d.bias", "dt_bias", "A_log", "D", "norm.weight", "out_proj.weight"]:
                sd[q + "mixer." + k] = src[p + "mamba." + k]
        f = p + "feed_forward."
        sd[q + "mlp.fc1.weight"] = torch.cat([src[f + "up_proj.weight"], src[f + "gate_proj.weight"]])
        sd[q + "mlp.fc2.weight"] = src[f + "down_proj.weight"]
    torch.save(sd, os.path.join(path, "pytorch_model.bin"))
    head_dim = cfg.hidden_size // cfg.num_attention_heads
    json.dump({"d_model": cfg.hidden_size, "d_intermediate": cfg.intermediate_size, "n_layer": cfg.num_hidden_layers,
               "vocab_size": cfg.vocab_size,
               "ssm_cfg": {"layer": "Mamba2", "d_state": cfg.mamba_d_state, "d_conv": cfg.mamba_d_conv, "expand": cfg.mamba_expand,
                           "headdim": cfg.mamba_d_head, "ngroups": cfg.mamba_n_groups, "chunk_size": cfg.mamba_chunk_size},
               "attn_layer_idx": list(cfg.attn_layer_indices),
               "attn_cfg": {"causal": True, "num_heads": cfg.num_attention_heads, "num_heads_kv": cfg.num_key_value_heads,
                            "head_dim": head_dim, "rotary_emb_dim": rot_dim, "rotary_emb_base": theta,
                            "qkv_proj_bias": False, "out_proj_bias": False},
               "rms_norm": True, "residual_in_fp32": True, "fused_add_norm": True, "pad_vocab_size_multiple": 1,
               "tie_embeddings": cfg.tie_word_embeddings},
              open(os.path.join(path, "config.json"), "w"), indent=1)


def explicit_rotary(out, rot_dim, theta, head_dim):
    """Writes the rotary factor and base the model used into its config.json, so the reader need not guess."""
    path = os.path.join(out, "config.json")
    c = json.load(open(path))
    c["partial_rotary_factor"] = rot_dim / head_dim
    rp = c.get("rope_parameters")
    if isinstance(rp, dict):
        rp["rope_theta"] = theta
        rp.pop("partial_rotary_factor", None)
    else:
        c["rope_theta"] = theta
    json.dump(c, open(path, "w"), indent=2)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    a = p.parse_args()
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    summary = {}
    for seed, (name, (extra, ss)) in enumerate(MODELS.items()):
        gen = torch.Generator().manual_seed(200 + seed)
        cfg = BambaConfig(**COMMON, **extra)
        rp = getattr(cfg, "rope_parameters", None)
        if isinstance(rp, dict):  # transformers 5 keeps the base here; make sure it is the one asked for
            rp["rope_theta"] = extra["rope_theta"]
        model = eager(cfg)
        randomise(model, gen)
        if cfg.tie_word_embeddings:
            model.tie_weights()
        model = model.to(dev).float().eval()
        rot_dim, theta = rotary(model, cfg, extra["rope_theta"])
        head_dim = cfg.hidden_size // cfg.num_attention_heads
        out = os.path.join(a.out, name)
        model.save_pretrained(out, safe_serialization=True)
        explicit_rotary(out, rot_dim, theta, head_dim)
        if ss:
            state_spaces_copy(model, cfg, rot_dim, theta, out + "-ss")
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
                greedy_full = full[len(prompt) - 1:-1].argmax(-1).cpu()
                agree = bool((greedy_full == gen_ids[0, len(prompt):].cpu()).all())
                summary[f"{name}/{i}"] = {"prompt_len": len(prompt), "continuation_agrees_with_full_forward": agree,
                                          "max_abs_logit": float(prefill.abs().max()),
                                          "prefill_vs_full_max_diff": float((full[:len(prompt)] - prefill).abs().max())}
        summary[name] = {"rotary_dim": rot_dim, "rope_theta": theta, "head_dim": head_dim}
        save_file(tensors, os.path.join(out, "golden.safetensors"))
    summary["torch"] = torch.__version__
    import transformers
    summary["transformers"] = transformers.__version__
    json.dump(summary, open(os.path.join(a.out, "summary-hybrid.json"), "w"), indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
