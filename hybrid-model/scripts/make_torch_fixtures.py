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

# A transposed (non-contiguous) tensor: must be refused by name.
torch.save({"ok": torch.ones(2), "transposed": ramp(6, torch.float32).reshape(2, 3).t()},
           os.path.join(out, "noncontiguous.bin"))

# A state dict holding an integer tensor: its dtype must be named on conversion.
torch.save({"ids": torch.arange(4, dtype=torch.int64)}, os.path.join(out, "int64.bin"))


# A torch.save-shaped archive whose data.pkl asks for os.system: never to be run.
class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


with zipfile.ZipFile(os.path.join(out, "evil.bin"), "w", zipfile.ZIP_STORED) as z:
    z.writestr("evil/data.pkl", pickle.dumps({"w": Evil()}, protocol=2))
    z.writestr("evil/version", "3\n")

# The state dict again with every entry deflated, as a zip tool might rewrite it.
with zipfile.ZipFile(os.path.join(out, "state_dict.bin")) as src, \
        zipfile.ZipFile(os.path.join(out, "deflated.bin"), "w", zipfile.ZIP_DEFLATED) as dst:
    for info in src.infolist():
        dst.writestr(info.filename.replace("state_dict/", "deflated/"), src.read(info.filename))
