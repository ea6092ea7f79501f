"""Writes the small torch.save fixtures the weights tests read.

Run from the repository root with Debian's torch (apt-get install python3-torch):
    /usr/bin/python3 hybrid-model/scripts/make_torch_fixtures.py hybrid-model/src/test/resources/torch

Values are small integers and simple fractions, exact in every dtype, so the tests can rebuild them.
"""
import collections
import os
import pickle
import sys
import zipfile

import torch

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def ramp(n, dtype, scale=0.25):
    return (torch.arange(n, dtype=torch.float32) * scale - 1.0).to(dtype)


# Plain state dict: F32, BF16, F16, a slice at a non-zero storage offset (torch.save keeps the
# whole storage), two tensors sharing one storage, a Parameter, and a tensor of size 0.
base = ramp(24, torch.float32)
shared = ramp(12, torch.bfloat16)
sd = collections.OrderedDict()
sd["f32"] = ramp(6, torch.float32).reshape(2, 3)
sd["bf16"] = ramp(8, torch.bfloat16).reshape(2, 2, 2)
sd["f16"] = ramp(5, torch.float16)
sd["offset"] = base[10:18].view(2, 4)        # storage offset 10 into 24 elements
sd["shared_a"] = shared[:6].view(3, 2)       # offset 0 of the shared storage
sd["shared_b"] = shared[6:]                  # offset 6 of the same storage
sd["param"] = torch.nn.Parameter(ramp(4, torch.float32, 0.5))
sd["empty"] = torch.zeros(0, 3)
torch.save(sd, os.path.join(out, "state_dict.bin"))

# The same tensors nested as a training checkpoint would hold them.
torch.save({"model": sd, "epoch": 3}, os.path.join(out, "nested.bin"))

# A module's own state_dict(): its OrderedDict carries a _metadata attribute (a BUILD in the pickle).
torch.manual_seed(0)
torch.save(torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.LayerNorm(3)).state_dict(),
           os.path.join(out, "module.bin"))

# A transposed (non-contiguous) tensor: must be refused by name.
torch.save({"ok": torch.ones(2), "transposed": ramp(6, torch.float32).reshape(2, 3).t()},
           os.path.join(out, "noncontiguous.bin"))

# A state dict holding an integer tensor: its dtype must be named on conversion.
torch.save({"ids": torch.arange(4, dtype=torch.int64)}, os.path.join(out, "int64.bin"))


def entry(name, method):
    # A fixed timestamp keeps the fixtures byte-identical from run to run.
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = method
    return info


# A torch.save-shaped archive whose data.pkl asks for os.system: never to be run.
class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


with zipfile.ZipFile(os.path.join(out, "evil.bin"), "w", zipfile.ZIP_STORED) as z:
    z.writestr(entry("evil/data.pkl", zipfile.ZIP_STORED), pickle.dumps({"w": Evil()}, protocol=2))
    z.writestr(entry("evil/version", zipfile.ZIP_STORED), "3\n")

# The state dict again with every entry deflated, as a zip tool might rewrite it.
with zipfile.ZipFile(os.path.join(out, "state_dict.bin")) as src, \
        zipfile.ZipFile(os.path.join(out, "deflated.bin"), "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        dst.writestr(entry(info.filename.replace("state_dict/", "deflated/"), zipfile.ZIP_DEFLATED), src.read(info.filename))

# A tiny state-spaces MambaLMHeadModel folder: config.json and a pytorch_model.bin with mamba_ssm's
# tensor names and shapes (written by hand: mamba_ssm itself needs CUDA). lm_head.weight is the
# embedding itself, as tie_weights makes it, so torch.save stores one storage for both.
import json

tiny = os.path.join(out, "tiny-state-spaces")
os.makedirs(tiny, exist_ok=True)
d_model, n_layer, d_state, headdim, ngroups, d_conv = 8, 2, 4, 4, 2, 4
d_inner = 2 * d_model
nheads = d_inner // headdim
conv_dim = d_inner + 2 * ngroups * d_state
vocab = 16  # 10 rounded up to pad_vocab_size_multiple 16
config = {"d_model": d_model, "d_intermediate": 0, "n_layer": n_layer, "vocab_size": 10,
          "ssm_cfg": {"layer": "Mamba2", "d_state": d_state, "headdim": headdim, "ngroups": ngroups},
          "attn_layer_idx": [], "attn_cfg": {}, "rms_norm": True, "residual_in_fp32": True,
          "fused_add_norm": True, "pad_vocab_size_multiple": 16, "tie_embeddings": True}
with open(os.path.join(tiny, "config.json"), "w") as f:
    json.dump(config, f)
emb = ramp(vocab * d_model, torch.bfloat16, 1 / 64).reshape(vocab, d_model)
w = collections.OrderedDict()
w["backbone.embedding.weight"] = emb
for i in range(n_layer):
    p = f"backbone.layers.{i}."
    w[p + "mixer.dt_bias"] = ramp(nheads, torch.float32)
    w[p + "mixer.A_log"] = ramp(nheads, torch.float32)
    w[p + "mixer.D"] = torch.ones(nheads)
    w[p + "mixer.in_proj.weight"] = ramp((2 * d_inner + 2 * ngroups * d_state + nheads) * d_model, torch.bfloat16, 1 / 256) \
        .reshape(-1, d_model)
    w[p + "mixer.conv1d.weight"] = ramp(conv_dim * d_conv, torch.bfloat16, 1 / 64).reshape(conv_dim, 1, d_conv)
    w[p + "mixer.conv1d.bias"] = torch.zeros(conv_dim, dtype=torch.bfloat16)
    w[p + "mixer.norm.weight"] = torch.ones(d_inner, dtype=torch.bfloat16)
    w[p + "mixer.out_proj.weight"] = ramp(d_model * d_inner, torch.bfloat16, 1 / 128).reshape(d_model, d_inner)
    w[p + "norm.weight"] = torch.ones(d_model)
w["backbone.norm_f.weight"] = torch.ones(d_model)
w["lm_head.weight"] = emb
torch.save(w, os.path.join(tiny, "pytorch_model.bin"))
