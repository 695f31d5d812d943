#!/usr/bin/python3
"""Times the paper's PyTorch code on its N-MNIST network (T = 30) on the CPU, on real N-MNIST recordings.

    REFERENCE_DIR=<checkout prepared by ../shared/reference-bench/prepare_ref.sh> /usr/bin/python3 \\
        bench/bench_ref_nmnist.py [--data datasets/nmnist-small] [--warmup 2] [--batches 8] [--threads K]
        [--seed 3] [--json FILE] [--torchscript]
    bench/check-nmnist-binning.sh       # checks this binning against SpikeTime4j's, value by value

The network is the reference's networks/n-mnist.yaml (12C5p1-AP2-64C5-AP2-10 on 2x34x34 frames, T = 30,
batch 50, count+ loss with desired 15 / undesired 2 spikes, AdamW lr 5e-4 wd 0.002, adjusted average pooling,
tau_m 8, tau_s 4, tau_grad 3), read by the reference's own network_parser and built by its cnns.Network, with one
change: backend "python" (the reference's own implementation of the neuron loops) instead of "cuda". The rest
follows the reference's main.py, whose functions are called (main.py is imported with stand-ins for the modules
that a CPU box lacks and that this path never calls: tensorboard, sklearn, matplotlib, and the torchvision /
spikingjelly dataset loaders): torch.manual_seed, glv.init, threshold initialisation on the first batch
(glv.init_flag) on the first 50 recordings in the order of the reference's loader, the two AdamW parameter groups, and per batch
  training step: preprocess, forward with labels, get_loss, zero_grad, backward, clip_grad_norm_(1000), step
                 (the body of main.train with amp off, without its readout / accuracy bookkeeping);
  forward:       the forward of that step alone (train mode, with labels; the graph is dropped);
  inference:     eval mode, preprocess, forward under no_grad without labels (what main.test runs).

Input: the training recordings of an N-MNIST folder in the official layout (Train/<digit>/*.bin), each cut into
T frames of event counts the way SpikeTime4j's nmnist preset cuts them (FrameBinning.BY_EVENT_COUNT, which is the
paper's spikingjelly split_by='number'): events in file order, T chunks of floor(E / T) events, the last chunk
taking the rest; per frame, polarity (OFF = 0, ON = 1) and pixel, the number of events, not binarised. The
reference's loader hands main.preprocess [N, T, 2, 34, 34], which it permutes to [T, N, 2, 34, 34]. Batches of 50
come from a seeded shuffle, reshuffled when the recordings run out.

A PyTorch ANN of the same shapes ("ann_twin": Conv2d(2,12,5,padding 1)-ReLU-AvgPool2d(2)-Conv2d(12,64,5)-ReLU-
AvgPool2d(2)-Flatten-Linear(2304,10), one step on the frames summed over T, as `spiketime bench` feeds its stock
DL4J network; softmax cross-entropy, AdamW lr 5e-4 wd 0.002) runs on the same batches.

Times are wall-clock (time.perf_counter) per batch, median / p10 / p90 over the timed batches after the warm-up;
process CPU time is recorded too. JSON keys match `spiketime bench --json` (train_step_ms, forward_ms,
inference_ms, each with median, p10, p90, ...).
"""
import argparse
import json
import os
import sys
import time
import types

import numpy as np

SENSOR = 34
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read_events(path):
    """(x, y, polarity, time in us) of an N-MNIST .bin file, in file order (5 bytes an event)."""
    raw = np.fromfile(path, dtype=np.uint8)
    if raw.size == 0 or raw.size % 5:
        raise ValueError(f'{path}: {raw.size} bytes, not a positive multiple of 5')
    r = raw.reshape(-1, 5).astype(np.int64)
    x, y, pol = r[:, 0], r[:, 1], r[:, 2] >> 7
    t = ((r[:, 2] & 0x7F) << 16) | (r[:, 3] << 8) | r[:, 4]
    if (x >= SENSOR).any() or (y >= SENSOR).any():
        raise ValueError(f'{path}: an event lies off the {SENSOR}x{SENSOR} sensor')
    return x, y, pol, t


def frame_of_events(n_events, frames):
    """The frame of each event: chunks of floor(E / T) events, the last one taking the rest; all in the last
    frame when there are fewer events than frames."""
    chunk = n_events // frames
    if chunk == 0:
        return np.full(n_events, frames - 1, dtype=np.int64)
    return np.minimum(np.arange(n_events) // chunk, frames - 1)


def frames_of(path, frames):
    """One recording as float32 [T, 2, 34, 34] event counts (the layout of the reference's frame loader)."""
    x, y, pol, _ = read_events(path)
    f = frame_of_events(x.size, frames)
    out = np.zeros(frames * 2 * SENSOR * SENSOR, dtype=np.float32)
    np.add.at(out, ((f * 2 + pol) * SENSOR + y) * SENSOR + x, 1.0)
    return out.reshape(frames, 2, SENSOR, SENSOR)


def recordings(root):
    """(path, label) of every Train/<digit>/*.bin, sorted by file name then digit."""
    train = os.path.join(root, 'Train')
    if not os.path.isdir(train):
        sys.exit(f'bench_ref_nmnist: no N-MNIST training folder {train} (expected Train/<digit>/*.bin)')
    found = [(os.path.join(train, d, n), int(d)) for d in sorted(os.listdir(train)) if d.isdigit()
             for n in os.listdir(os.path.join(train, d)) if n.endswith('.bin')]
    if not found:
        sys.exit(f'bench_ref_nmnist: no .bin recordings under {train}/<digit>/')
    return sorted(found, key=lambda pl: (os.path.basename(pl[0]), pl[1]))


def compare_frames(dump, paths, frames):
    """Compares this binning with SpikeTime4j's, dumped by DumpNmnistFrames.java ([2, T, 34, 34] per recording,
    float32 little-endian); returns the number of recordings that differ."""
    theirs = np.fromfile(dump, dtype='<f4').reshape(len(paths), 2, frames, SENSOR, SENSOR)
    bad = 0
    for path, their in zip(paths, theirs):
        mine = frames_of(path, frames).transpose(1, 0, 2, 3)
        diff = int((mine != their).sum())
        bad += diff > 0
        print(f'{path}: {int(mine.sum())} events, {diff} of {mine.size} values differ')
    return bad


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--data', default=os.path.join(REPO, 'datasets', 'nmnist-small'),
                    help='N-MNIST folder with Train/<digit>/*.bin (default: datasets/nmnist-small, 1,000 real '
                         'training recordings)')
    ap.add_argument('--warmup', type=int, default=2, help='untimed batches after the threshold init (default 2)')
    ap.add_argument('--batches', type=int, default=8, help='timed batches (default 8)')
    ap.add_argument('--threads', type=int, default=min(os.cpu_count() or 1, 8),
                    help='torch.set_num_threads (default: the cores, at most 8)')
    ap.add_argument('--seed', type=int, default=3, help='torch seed (main.py default 3) and shuffle seed')
    ap.add_argument('--json', help='write every number here')
    ap.add_argument('--torchscript', action='store_true',
                    help='keep TorchScript on for the neuron loops (the default here is eager, PYTORCH_JIT=0, '
                         'as the MNIST reference bench)')
    ap.add_argument('--compare-frames', nargs='+', metavar=('DUMP', 'FILE.bin'),
                    help='only compare the frames of these recordings with those SpikeTime4j made '
                         '(DUMP from bench/DumpNmnistFrames.java) and exit, 1 if any differs')
    a = ap.parse_args()
    if a.warmup < 0 or a.batches < 1 or a.threads < 1:
        ap.error('--warmup must be >= 0, --batches >= 1 and --threads >= 1')
    return a


args = parse_args()
if args.compare_frames:
    sys.exit(1 if compare_frames(args.compare_frames[0], args.compare_frames[1:], 30) else 0)

os.environ['PYTORCH_JIT'] = '1' if args.torchscript else '0'   # read when torch is imported
REF = os.path.abspath(os.environ.get('REFERENCE_DIR', ''))
if not os.path.isfile(os.path.join(REF, 'cnns.py')) or not os.path.isfile(os.path.join(REF, 'networks', 'n-mnist.yaml')):
    sys.exit('bench_ref_nmnist: set REFERENCE_DIR to a reference checkout prepared by prepare_ref.sh '
             '(with cnns.py and networks/n-mnist.yaml)')
DATA = os.path.abspath(args.data)
JSON = os.path.abspath(args.json) if args.json else None


def absent_module(name, **members):
    """Registers a module standing in for one the reference imports but never calls on this path."""
    mod = types.ModuleType(name)
    mod.__dict__.update(members)
    mod.__path__ = []
    sys.modules[name] = mod
    return mod


def not_here(*_a, **_k):
    raise RuntimeError('bench_ref_nmnist: this part of the reference is not available here')


for real, members in (('torch.utils.tensorboard', {'SummaryWriter': not_here}),
                      ('sklearn.metrics', {'confusion_matrix': not_here}),
                      ('matplotlib.pyplot', {})):
    try:
        __import__(real)
    except ImportError:
        parent_name, _, leaf = real.rpartition('.')
        try:
            parent = __import__(parent_name, fromlist=['_'])
        except ImportError:
            parent = absent_module(parent_name)
        setattr(parent, leaf, absent_module(real, **members))
absent_module('datasets', __all__=[])       # main.py: from datasets import * (torchvision / spikingjelly loaders)
absent_module('datasets.utils', TTFS=not_here)

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(args.threads)
if not torch.cuda.is_available():
    torch.cuda.synchronize = lambda *a, **k: None
os.chdir(REF)                  # the reference opens its files relative to its root
sys.path.insert(0, REF)
import global_v as glv  # noqa: E402
from network_parser import parse  # noqa: E402

glv.rank = 'cpu'
import main as ref_main  # noqa: E402  (its __main__ block does not run)
import cnns  # noqa: E402
import layers.functions as ref_functions  # noqa: E402
import layers.losses as ref_losses  # noqa: E402

params = parse(os.path.join(REF, 'networks', 'n-mnist.yaml'))
config_backend = params['Network']['backend']
params['Network']['backend'] = 'python'      # the only change: the CUDA kernel cannot run on a CPU
torch.manual_seed(args.seed)
np.random.seed(args.seed)
glv.init(params['Network'], params['Layers'])
ref_main.T = T = glv.network_config['t_train']   # main.py sets this global in its __main__ block
cfg = glv.network_config
B = cfg['batch_size']

# ---- batches of real recordings ----
files = recordings(DATA)
if len(files) < B:
    sys.exit(f'bench_ref_nmnist: {len(files)} recordings in {DATA}, fewer than one batch of {B}')
rng = np.random.RandomState(args.seed)


def batch_of(picked):
    x = np.stack([frames_of(p, T) for p, _ in picked])                   # [N, T, 2, 34, 34]
    return torch.from_numpy(x), torch.tensor([lbl for _, lbl in picked], dtype=torch.int64)


def batch_stream():
    while True:
        order = rng.permutation(len(files))
        for s in range(0, len(order) - B + 1, B):
            yield batch_of([files[i] for i in order[s:s + B]])


t0 = time.perf_counter()
stream = batch_stream()
n_batches = 1 + args.warmup + args.batches
# main.py initialises the thresholds on dataset[0..batch_size-1]: the reference's frame folder lists the samples
# by class folder, then file name, so these are the first recordings of digit 0
batches = [batch_of(sorted(files, key=lambda pl: (pl[1], os.path.basename(pl[0])))[:B])]
batches += [next(stream) for _ in range(n_batches - 1)]
binning_s = time.perf_counter() - t0

# ---- the network, its threshold init on the first batch, the optimiser groups (as main.py) ----
net = cnns.Network([2, SENSOR, SENSOR]).to(glv.rank)
t0 = time.perf_counter()
with torch.no_grad():
    glv.init_flag = True
    net(ref_main.preprocess(batches[0][0], cfg), None, None, False)
    glv.init_flag = False
threshold_init_ms = (time.perf_counter() - t0) * 1000
spiking_layers = [m for m in net.modules() if getattr(m, 'type', None) in ('conv', 'linear')]
thresholds = [float(m.threshold.flatten()[0]) for m in spiking_layers]
error = ref_losses.SpikeLoss().to(glv.rank)
optimizer = torch.optim.AdamW([
    {'params': [m.weight for m in spiking_layers]},
    {'params': [p for m in spiking_layers for p in (m.norm_weight, m.norm_bias)], 'lr': cfg['lr_norm'],
     'weight_decay': cfg['weight_decay_norm']},
], lr=cfg['lr'], weight_decay=cfg['weight_decay'])


def loaded_blas():
    # Debian's torch uses whichever libblas.so.3 the system provides (netlib or OpenBLAS): say which was mapped
    torch.ones(8, 8) @ torch.ones(8, 8)
    with open('/proc/self/maps') as maps:
        return sorted({os.path.realpath(line.split()[-1]) for line in maps if 'blas' in line.lower() and '/' in line})


# main.preprocess turns the loader's [N, T, 2, 34, 34] into a permuted view [T, N, ...]; x itself is not changed
def ref_forward(x, y):
    net.train()
    return net(ref_main.preprocess(x, cfg), y, 1, True)


def ref_train_step(x, y):
    net.train()
    outputs = net(ref_main.preprocess(x, cfg), y, 1, True)
    loss = ref_main.get_loss(cfg, error, outputs, y)
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 1000)
    optimizer.step()
    return float(loss)


def ref_inference(x, _y):
    net.eval()
    with torch.no_grad():
        return net(ref_main.preprocess(x, cfg), None, 1, False)


# ---- the PyTorch ANN of the same shapes ----
def ann_of(layers):
    mods, last = [], list(layers)[-1]
    for name, c in layers.items():
        if c['type'] == 'conv':
            mods += [nn.Conv2d(c['in_channels'], c['out_channels'], c['kernel_size'], padding=c.get('padding', 0)),
                     nn.ReLU()]
        elif c['type'] == 'pooling':
            mods.append(nn.AvgPool2d(c['kernel_size']))
        elif c['type'] == 'linear':
            mods += [nn.Flatten(), nn.Linear(c['n_inputs'], c['n_outputs'])] + ([] if name == last else [nn.ReLU()])
        else:
            raise ValueError(f'ANN twin: layer type {c["type"]} not handled')
    return nn.Sequential(*mods)


ann = ann_of(glv.layers_config)
ann_optimizer = torch.optim.AdamW(ann.parameters(), lr=cfg['lr'], weight_decay=cfg['weight_decay'])


def ann_forward(x, _y):
    ann.train()
    return ann(x.sum(dim=1))


def ann_train_step(x, y):
    ann.train()
    loss = F.cross_entropy(ann(x.sum(dim=1)), y)
    ann_optimizer.zero_grad()
    loss.backward()
    ann_optimizer.step()
    return float(loss)


def ann_inference(x, _y):
    ann.eval()
    with torch.no_grad():
        return ann(x.sum(dim=1))


CALLS = {'reference': {'forward_ms': ref_forward, 'train_step_ms': ref_train_step, 'inference_ms': ref_inference},
         'ann_twin': {'forward_ms': ann_forward, 'train_step_ms': ann_train_step, 'inference_ms': ann_inference}}
wall = {net_name: {k: [] for k in calls} for net_name, calls in CALLS.items()}
cpu = {net_name: {k: [] for k in calls} for net_name, calls in CALLS.items()}
losses = []


def run_batch(x, y, record):
    for net_name, calls in CALLS.items():
        for key, fn in calls.items():
            w, c = time.perf_counter(), time.process_time()
            r = fn(x, y)
            w, c = (time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000
            if record:
                wall[net_name][key].append(w)
                cpu[net_name][key].append(c)
                if net_name == 'reference' and key == 'train_step_ms':
                    losses.append(r)
            del r


def stats(v):
    a = np.asarray(v, dtype=np.float64)
    return {'median': float(np.median(a)), 'p10': float(np.percentile(a, 10)), 'p90': float(np.percentile(a, 90)),
            'mean': float(a.mean()), 'min': float(a.min()), 'max': float(a.max()), 'n': int(a.size),
            'samples': [round(float(s), 2) for s in a]}


print(f'reference {REF} (commit {open(os.path.join(REF, "REF_COMMIT.txt")).read().strip() if os.path.isfile(os.path.join(REF, "REF_COMMIT.txt")) else "unknown"}), '
      f'networks/n-mnist.yaml, backend python (config: {config_backend}), T={T}, batch {B}, '
      f'torch {torch.__version__}, {torch.get_num_threads()} threads, '
      f'{"TorchScript" if isinstance(ref_functions.neuron_forward_py, torch.jit.ScriptFunction) else "eager"} '
      f'neuron loops; BLAS {", ".join(loaded_blas())}', file=sys.stderr)
print(f'{len(files)} recordings in {DATA}; binning {n_batches} batches took {binning_s:.1f} s; threshold init '
      f'{threshold_init_ms:.0f} ms; thresholds (first channel per layer) '
      + ' '.join(f'{v:.4g}' for v in thresholds), file=sys.stderr)
def load():
    return [round(v, 2) for v in os.getloadavg()]


load_start = load()
for i, (x, y) in enumerate(batches[1:], start=1):
    timed = i > args.warmup
    if i == args.warmup + 1:
        load_timed_start, t_timed = load(), time.perf_counter()
    run_batch(x, y, timed)
    if timed:
        print(f'  timed batch {i - args.warmup}/{args.batches}: reference step '
              f'{wall["reference"]["train_step_ms"][-1]:.0f} ms, forward {wall["reference"]["forward_ms"][-1]:.0f} '
              f'ms, inference {wall["reference"]["inference_ms"][-1]:.0f} ms', file=sys.stderr, flush=True)
timed_s = time.perf_counter() - t_timed
load_end = load()

result = {}
for net_name in CALLS:
    block = {k: stats(v) for k, v in wall[net_name].items()}
    block['backward_update_ms'] = stats(np.subtract(wall[net_name]['train_step_ms'], wall[net_name]['forward_ms']))
    block['cpu_ms'] = {k: stats(v) for k, v in cpu[net_name].items()}
    block['train_samples_per_s'] = B * 1000 / block['train_step_ms']['median']
    result[net_name] = block
result['reference'].update(threshold_init_ms=threshold_init_ms, thresholds_after_init_first_channel=thresholds,
                           losses=[round(v, 4) for v in losses])
result['ann_twin']['layers'] = [str(m) for m in ann]
result['meta'] = {
    'reference_dir': REF, 'config': 'networks/n-mnist.yaml', 'config_backend': config_backend, 'backend': 'python',
    'network': '12C5p1-AP2-64C5-AP2-10', 'T': T, 'batch_size': B, 'loss': cfg['loss'],
    'desired_count': cfg['desired_count'], 'undesired_count': cfg['undesired_count'],
    'optimizer': f"{cfg['optimizer']} lr {cfg['lr']} wd {cfg['weight_decay']} "
                 f"(norm params: lr {cfg['lr_norm']} wd {cfg['weight_decay_norm']})",
    'data': DATA, 'recordings': len(files), 'binning': 'by event count (T chunks of floor(E/T) events, last takes '
                                                      'the rest), counts per polarity and pixel',
    'warmup_batches': args.warmup, 'timed_batches': args.batches, 'seed': args.seed, 'torch': torch.__version__,
    'blas': loaded_blas(), 'threads': torch.get_num_threads(), 'cpus': os.cpu_count(), 'omp_wait_policy': os.environ.get('OMP_WAIT_POLICY'),
    'torchscript': isinstance(ref_functions.neuron_forward_py, torch.jit.ScriptFunction),
    'timed_phase_s': timed_s, 'load_average_start': load_start, 'load_average_timed_start': load_timed_start,
    'load_average_timed_end': load_end,
    'order_per_batch': [f'{n}.{k}' for n, calls in CALLS.items() for k in calls],
}

print(f'\nper batch of {B}, T = {T}, {args.batches} timed after {args.warmup} warm-up; ms   median      p10      p90')
for net_name, label in (('reference', 'paper code'), ('ann_twin', 'ANN twin')):
    for key, what in (('train_step_ms', 'training step'), ('forward_ms', 'forward (train)'),
                      ('inference_ms', 'inference')):
        s = result[net_name][key]
        print(f'{label + " " + what:<36}{s["median"]:9.1f}{s["p10"]:9.1f}{s["p90"]:9.1f}')
print(f'load average: start {load_start[0]:.2f}, timed phase {load_timed_start[0]:.2f} -> {load_end[0]:.2f} '
      f'({os.cpu_count()} cores)')
if JSON:
    with open(JSON, 'w') as f:
        json.dump(result, f, indent=1)
    print('wrote', JSON)
