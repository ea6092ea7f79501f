#!/usr/bin/env python3
"""Golden fixtures for the Java hybrid models: tiny random NemotronHForCausalLM models (Mamba-2, attention
and MLP blocks as the layer pattern says) and their outputs from Hugging Face transformers.

Run on a machine with PyTorch and a transformers that has nemotron_h, from the repository root, no network:
    python3 hybrid-model/scripts/make_golden_nemotron_h.py --out OUT
then copy OUT/nemotron-h-* into hybrid-model/src/test/resources/golden/.

Each OUT/<name>/ holds config.json + model.safetensors as save_pretrained writes them, and golden.safetensors
laid out as make_golden_hybrid.py lays it out (tokens_i, prefill_logits_i, full_logits_i; fp32, TF32 off).
The models differ where the reader and the loader could go wrong: one SSM group or two (the gated norm is
per group), GQA ratios, biases, the pattern given as a string or as a list.
"""
import argparse
import json
import os

import torch
from safetensors.torch import save_file
from transformers import NemotronHConfig, NemotronHForCausalLM

from make_golden_hybrid import CONTINUATION, PROMPTS, randomise

MODELS = {
    # name: NemotronHConfig arguments beyond COMMON
    "nemotron-h-tiny": dict(hybrid_override_pattern="M-M*-M-", n_groups=2, num_attention_heads=4, num_key_value_heads=1,
                            mlp_bias=False, use_bias=False),
    "nemotron-h-tiny-bias": dict(hybrid_override_pattern="*-MM-", n_groups=1, num_attention_heads=4, num_key_value_heads=4,
                                 mlp_bias=True, use_bias=True),
}
COMMON = dict(vocab_size=512, hidden_size=64, intermediate_size=96, mlp_hidden_act="relu2", head_dim=16,
              mamba_num_heads=8, mamba_head_dim=16, ssm_state_size=16, conv_kernel=4, chunk_size=16, use_conv_bias=True,
              mamba_hidden_act="silu", layer_norm_epsilon=1e-5, tie_word_embeddings=False, attention_bias=False,
              use_mamba_kernels=False, bos_token_id=0, eos_token_id=0, pad_token_id=0)


def eager(cfg):
    try:
        return NemotronHForCausalLM._from_config(cfg, attn_implementation="eager")
    except (TypeError, AttributeError):
        cfg._attn_implementation = "eager"
        return NemotronHForCausalLM(cfg)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    a = p.parse_args()
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    summary = {}
    for seed, (name, extra) in enumerate(MODELS.items()):
        gen = torch.Generator().manual_seed(300 + seed)
        cfg = NemotronHConfig(**COMMON, **extra)
        model = eager(cfg)
        randomise(model, gen)
        with torch.no_grad():  # the embedding at unit scale, as in the Bamba fixtures
            emb = model.get_input_embeddings().weight
            emb.copy_(torch.randn(emb.shape, generator=gen))
        model = model.to(dev).float().eval()
        out = os.path.join(a.out, name)
        model.save_pretrained(out, safe_serialization=True)
        tensors = {}
        with torch.no_grad():
            for i, prompt in enumerate(PROMPTS):
                x = torch.tensor([prompt], device=dev)
                prefill = model(x, logits_to_keep=0).logits[0].float()
                gen_ids = model.generate(x, max_new_tokens=CONTINUATION, do_sample=False, min_new_tokens=CONTINUATION,
                                         eos_token_id=None, pad_token_id=0)
                full = model(gen_ids, logits_to_keep=0).logits[0].float()
                tensors[f"tokens_{i}"] = gen_ids[0].to(torch.int32).cpu()
                tensors[f"prefill_logits_{i}"] = prefill.cpu().contiguous()
                tensors[f"full_logits_{i}"] = full.cpu().contiguous()
                greedy_full = full[len(prompt) - 1:-1].argmax(-1).cpu()
                agree = bool((greedy_full == gen_ids[0, len(prompt):].cpu()).all())
                summary[f"{name}/{i}"] = {"prompt_len": len(prompt), "continuation_agrees_with_full_forward": agree,
                                          "max_abs_logit": float(prefill.abs().max()),
                                          "prefill_vs_full_max_diff": float((full[:len(prompt)] - prefill).abs().max())}
        summary[name] = {"layers": list(cfg.layers_block_type) if hasattr(cfg, "layers_block_type") else cfg.hybrid_override_pattern,
                         "tensors": sorted(model.state_dict().keys())[:12]}
        save_file(tensors, os.path.join(out, "golden.safetensors"))
    import transformers
    summary["torch"] = torch.__version__
    summary["transformers"] = transformers.__version__
    json.dump(summary, open(os.path.join(a.out, "summary-nemotron-h.json"), "w"), indent=1)
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
