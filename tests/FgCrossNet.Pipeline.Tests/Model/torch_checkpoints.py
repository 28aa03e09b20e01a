"""Writes PyTorch checkpoints for the checkpoint-reading tests, with real PyTorch (Debian's python3-torch, which
environment/setup.sh installs). Only the tests run this; the product never calls Python.

  torch_checkpoints.py small OUTDIR          small legacy-format files (see write_small), each with NAME.json beside it
  torch_checkpoints.py resave IN LEGACY ZIP  IN (a zip-format state dict) saved with a 'module.' prefix, as the
                                             reference saves its nn.DataParallel model, in the legacy and zip formats
  torch_checkpoints.py load FILE             torch.load(FILE), as a user of PyTorch 1.13 would load a file

NAME.json holds what the tensors are, read from the tensors by PyTorch itself:
{key: {"dtype": "float32", "shape": [...], "stride": [...], "values": [...]}} with values flattened in row-major
order (complex numbers as [real, imaginary] pairs).
"""
import collections
import json
import os
import pickle
import struct
import sys

import torch

LEGACY = dict(_use_new_zipfile_serialization=False)
MAGIC_NUMBER = 0x1950a86a20f9469cfc6c
PROTOCOL_VERSION = 1001


def describe(state):
    out = {}
    for key, t in state.items():
        if not isinstance(t, torch.Tensor):
            continue
        if t.is_complex():
            values = torch.view_as_real(t.contiguous()).flatten().double().tolist()
        elif t.is_floating_point():
            values = t.flatten().double().tolist()
        else:
            values = [int(v) for v in t.flatten().long().tolist()]
        out[key] = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "stride": list(t.stride()), "values": values}
    return out


def save(obj, path, described=None, **kwargs):
    torch.save(obj, path, **kwargs)
    if described is not None:
        with open(path + ".json", "w") as f:
            json.dump(describe(described), f)


def dtypes_state():
    torch.manual_seed(0)
    s = collections.OrderedDict()
    s["float32"] = torch.randn(2, 3)
    s["float64"] = torch.randn(4, dtype=torch.float64)
    s["float16"] = torch.randn(3, 2).half()
    s["bfloat16"] = torch.randn(3).bfloat16()
    s["int64"] = torch.tensor([-(2 ** 62) - 3, 2 ** 53 + 1, 0, 7])
    s["int32"] = torch.randint(-2 ** 31, 2 ** 31 - 1, (5,), dtype=torch.int32)
    s["int16"] = torch.randint(-2 ** 15, 2 ** 15 - 1, (2, 2), dtype=torch.int16)
    s["int8"] = torch.randint(-128, 127, (3,), dtype=torch.int8)
    s["uint8"] = torch.randint(0, 256, (2, 2), dtype=torch.uint8)
    s["bool"] = torch.tensor([True, False, True])
    s["complex64"] = torch.randn(2, dtype=torch.complex64)
    return s


def views_state():
    torch.manual_seed(1)
    base = torch.randn(24)
    tied = torch.randn(3, 3)
    s = collections.OrderedDict()
    s["whole"] = base
    s["transposed"] = base[:12].view(3, 4).t()      # stride (1, 4)
    s["offset"] = base[5:11].view(2, 3)             # storage offset 5
    s["every_third"] = base[1::3]                   # offset 1, stride 3
    s["expanded"] = base[:4].view(4, 1).expand(4, 3)  # stride (1, 0)
    s["tied_a"] = tied                              # one tensor under two names
    s["tied_b"] = tied
    s["scalar"] = torch.tensor(5)
    s["empty"] = torch.zeros(0, 3)
    return s


def data_parallel_model(seed):
    torch.manual_seed(seed)
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.ReLU(),
                              torch.nn.Flatten(), torch.nn.Linear(4 * 4 * 4, 5))
    model = torch.nn.DataParallel(net)   # keys start with 'module.', as in the reference's checkpoint
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loss = model(torch.randn(2, 3, 6, 6)).square().mean()
    loss.backward()
    optimizer.step()
    return model, optimizer


class Storage:
    """A storage as PyTorch before 1.6 pickled it from a GPU: a persistent id, its data written after the pickles."""

    def __init__(self, storage_class, key, values, view=None):
        self.storage_class, self.key, self.values, self.view = storage_class, key, values, view


class Tensor:
    def __init__(self, storage, offset, size, stride):
        self.args = (storage, offset, size, stride, False, collections.OrderedDict())

    def __reduce__(self):
        return torch._utils._rebuild_tensor_v2, self.args


class StoragePickler(pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, Storage):
            return ("storage", obj.storage_class, obj.key, "cuda:0", obj.values.numel(), obj.view)
        return None


def write_cuda_legacy(path):
    """The legacy layout as PyTorch 1.0 writes a GPU model's state dict: torch.cuda storage classes, location cuda:0,
    and a storage view (view_metadata (view key, offset, size)), which PyTorch 1.13 can no longer write itself."""
    torch.manual_seed(2)
    root = Storage(torch.cuda.FloatStorage, "94011", torch.randn(20))
    view = Storage(torch.cuda.FloatStorage, "94011", root.values, view=("94012", 8, 6))
    counter = Storage(torch.cuda.LongStorage, "94013", torch.tensor([123456789012]))
    state = collections.OrderedDict()
    state["module.weight"] = Tensor(root, 0, (4, 5), (5, 1))
    state["module.bias"] = Tensor(view, 1, (2, 2), (2, 1))        # elements 9, 10, 11, 12 of the root
    state["module.num_batches_tracked"] = Tensor(counter, 0, (), ())
    with open(path, "wb") as f:
        pickle.dump(MAGIC_NUMBER, f, protocol=2)
        pickle.dump(PROTOCOL_VERSION, f, protocol=2)
        pickle.dump(dict(protocol_version=PROTOCOL_VERSION, little_endian=True, type_sizes=dict(short=2, int=4, long=8)), f, protocol=2)
        StoragePickler(f, protocol=2).dump(state)
        keys = ["94011", "94013"]
        pickle.dump(keys, f, protocol=2)
        for s in (root, counter):
            f.write(struct.pack("<q", s.values.numel()))
            f.write(s.values.numpy().tobytes())
    expected = collections.OrderedDict()
    expected["module.weight"] = root.values.view(4, 5)
    expected["module.bias"] = root.values[9:13].view(2, 2)
    expected["module.num_batches_tracked"] = counter.values.view(())
    with open(path + ".json", "w") as f:
        json.dump(describe(expected), f)


class Payload:
    """What a hostile file carries: unpickling it runs a shell command."""

    def __init__(self, command):
        self.command = command

    def __reduce__(self):
        return os.system, (self.command,)


def write_small(out):
    save(dtypes_state(), os.path.join(out, "dtypes.pth"), dtypes_state(), **LEGACY)
    views = views_state()
    save(views, os.path.join(out, "views.pth"), views, **LEGACY)
    model, optimizer = data_parallel_model(3)
    save(model.state_dict(), os.path.join(out, "dataparallel.pth"), model.state_dict(), **LEGACY)
    checkpoint = {"epoch": 3, "arch": "fgcrossnet", "best_prec1": 0.25, "state_dict": model.state_dict(),
                  "optimizer": optimizer.state_dict()}
    save(checkpoint, os.path.join(out, "training_checkpoint.pth"), model.state_dict(), **LEGACY)
    write_cuda_legacy(os.path.join(out, "cuda.pth"))
    save(torch.nn.Linear(2, 2), os.path.join(out, "whole_model.pth"), **LEGACY)
    # Loading a hostile file NAME with torch.load creates NAME.marker.
    for protocol in (2, 4):
        path = os.path.join(out, f"hostile{protocol}.pth")
        save({"weight": torch.ones(2), "payload": Payload(f"touch {path}.marker")}, path, pickle_protocol=protocol, **LEGACY)
    path = os.path.join(out, "hostile_header.pth")
    with open(path, "wb") as f:   # the payload in the system information, which torch.load unpickles first
        pickle.dump(MAGIC_NUMBER, f, protocol=2)
        pickle.dump(PROTOCOL_VERSION, f, protocol=2)
        pickle.dump(dict(protocol_version=PROTOCOL_VERSION, little_endian=True, payload=Payload(f"touch {path}.marker")), f, protocol=2)
        pickle.dump(collections.OrderedDict(), f, protocol=2)
        pickle.dump([], f, protocol=2)


def resave(source, legacy, zip_format):
    state = torch.load(source, map_location="cpu")
    prefixed = collections.OrderedDict(("module." + k, v) for k, v in state.items())
    save(prefixed, legacy, **LEGACY)
    save(prefixed, zip_format)


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "small":
        write_small(sys.argv[2])
    elif command == "resave":
        resave(*sys.argv[2:5])
    elif command == "load":
        torch.load(sys.argv[2])
    else:
        sys.exit(f"unknown command {command}")
    print("torch", torch.__version__)
