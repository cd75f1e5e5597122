"""torch.optim: SGD and Adam, each update in torch's order of operations (its single-tensor CPU path), with the
fused multiply-adds torch's kernels use, so parameters after many steps match torch's."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

import numpy as np

from .autograd import enable_grad, no_grad
from .fused import fma32, fma64
from .tensor import Tensor, _wrap


def _fma(a: np.ndarray, b: float, c: np.ndarray) -> np.ndarray:
    """``c + b * a`` as torch's ``add(other, alpha=b)`` computes it: one rounding, b in the tensor's dtype."""
    if a.dtype == np.float64:
        return fma64(a, b, c)
    return fma32(a, a.dtype.type(b), c)


def _lerp(start: np.ndarray, end: np.ndarray, w: float) -> np.ndarray:
    """torch's vectorised lerp: from the nearer end, with one fused step."""
    w = start.dtype.type(w)
    diff = end - start
    return _fma(diff, w, start) if abs(w) < 0.5 else _fma(diff, w - start.dtype.type(1), end)


class Optimizer:
    def __init__(self, params: Any, defaults: dict) -> None:
        self.defaults = defaults
        self.state: defaultdict = defaultdict(dict)
        self.param_groups: list = []
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or dicts, but got "
                + f"torch.{params.dtype.scalar_type}Tensor"
            )
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for g in groups:
            self.add_param_group(g)

    def add_param_group(self, group: dict) -> None:
        params = group["params"]
        group = dict(group, params=[params] if isinstance(params, Tensor) else list(params))
        for p in group["params"]:
            if not isinstance(p, Tensor):
                raise TypeError(f"optimizer can only optimize Tensors, but one of the params is {type(p).__name__}")
            if not p.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        for key, value in self.defaults.items():
            group.setdefault(key, value)
        self.param_groups.append(group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for p in group["params"]:
                if p._grad is not None:
                    if set_to_none:
                        p._grad = None
                    else:
                        p._grad._data[...] = 0

    def step(self, closure: Any = None) -> Any:
        loss = None
        if closure is not None:
            with enable_grad():
                loss = closure()
        with no_grad():
            for group in self.param_groups:
                self._check(group)
                for p in group["params"]:
                    if p._grad is not None:
                        g = p._grad._data
                        if group["maximize"]:
                            g = -g
                        self._update(p, g, group, self.state[p])
                        if p._vc is not None:
                            p._vc[0] += 1
        return loss

    def _check(self, group: dict) -> None:
        for key in ("foreach", "fused"):
            if group.get(key):
                raise NotImplementedError(f"npgrad (the in-browser stand-in for torch) does not support {key}=True")
        if group.get("differentiable"):
            raise NotImplementedError("npgrad (the in-browser stand-in for torch) does not support differentiable=True")

    def _update(self, p: Tensor, g: np.ndarray, group: dict, state: dict) -> None:
        raise NotImplementedError

    def state_dict(self) -> dict:
        raise NotImplementedError("npgrad (the in-browser stand-in for torch) does not support Optimizer.state_dict")

    load_state_dict = state_dict

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"


class SGD(Optimizer):
    def __init__(self, params: Any, lr: float = 1e-3, momentum: float = 0, dampening: float = 0,
                 weight_decay: float = 0, nesterov: bool = False, *, maximize: bool = False, foreach: Any = None,
                 differentiable: bool = False, fused: Any = None) -> None:  # fmt: skip
        if lr < 0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if momentum < 0:
            raise ValueError(f"Invalid momentum value: {momentum}")
        if weight_decay < 0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError("Nesterov momentum requires a momentum and zero dampening")
        defaults = {"lr": lr, "momentum": momentum, "dampening": dampening, "weight_decay": weight_decay,
                    "nesterov": nesterov, "maximize": maximize, "foreach": foreach,
                    "differentiable": differentiable, "fused": fused}  # fmt: skip
        super().__init__(params, defaults)

    def _update(self, p: Tensor, g: np.ndarray, group: dict, state: dict) -> None:
        x = p._data
        if group["weight_decay"] != 0:
            g = _fma(x, group["weight_decay"], g)
        momentum = group["momentum"]
        if momentum != 0:
            buf = state.get("momentum_buffer")
            if buf is None:
                buf = state["momentum_buffer"] = _wrap(g.copy())
            else:
                b = buf._data * buf._data.dtype.type(momentum)
                buf._data[...] = _fma(g, 1 - group["dampening"], b)
            g = _fma(buf._data, momentum, g) if group["nesterov"] else buf._data
        x[...] = _fma(g, -group["lr"], x)


class Adam(Optimizer):
    def __init__(self, params: Any, lr: float = 1e-3, betas: tuple = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0, amsgrad: bool = False, *, foreach: Any = None, maximize: bool = False,
                 capturable: bool = False, differentiable: bool = False, fused: Any = None,
                 decoupled_weight_decay: bool = False) -> None:  # fmt: skip
        if lr < 0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if eps < 0:
            raise ValueError(f"Invalid epsilon value: {eps}")
        for i, b in enumerate(betas):
            if not 0.0 <= b < 1.0:
                raise ValueError(f"Invalid beta parameter at index {i}: {b}")
        if weight_decay < 0:
            raise ValueError(f"Invalid weight_decay value: {weight_decay}")
        if decoupled_weight_decay or capturable:
            raise NotImplementedError(
                "npgrad (the in-browser stand-in for torch) does not support Adam's decoupled_weight_decay or "
                "capturable; use torch.optim.Adam's defaults"
            )
        defaults = {"lr": lr, "betas": betas, "eps": eps, "weight_decay": weight_decay, "amsgrad": amsgrad,
                    "maximize": maximize, "foreach": foreach, "capturable": capturable,
                    "differentiable": differentiable, "fused": fused,
                    "decoupled_weight_decay": decoupled_weight_decay}  # fmt: skip
        super().__init__(params, defaults)

    def _update(self, p: Tensor, g: np.ndarray, group: dict, state: dict) -> None:
        x = p._data
        f = x.dtype.type
        if not state:
            state["step"] = _wrap(np.zeros((), np.float32))
            state["exp_avg"] = _wrap(np.zeros_like(x))
            state["exp_avg_sq"] = _wrap(np.zeros_like(x))
            if group["amsgrad"]:
                state["max_exp_avg_sq"] = _wrap(np.zeros_like(x))
        beta1, beta2 = group["betas"]
        state["step"]._data[...] += 1
        step = state["step"].item()
        if group["weight_decay"] != 0:
            g = _fma(x, group["weight_decay"], g)
        m, v = state["exp_avg"]._data, state["exp_avg_sq"]._data
        m[...] = _lerp(m, g, 1 - beta1)
        v[...] = _addcmul(v * f(beta2), g, g, 1 - beta2)
        bias_correction1 = 1 - beta1**step
        bias_correction2 = 1 - beta2**step
        step_size = group["lr"] / bias_correction1
        bc2_sqrt = math.sqrt(bias_correction2)
        if group["amsgrad"]:
            vmax = state["max_exp_avg_sq"]._data
            np.maximum(vmax, v, out=vmax)
            v = vmax
        denom = np.sqrt(v) / f(bc2_sqrt) + f(group["eps"])
        x[...] = x + f(-step_size) * m / denom


def _addcmul(base: np.ndarray, a: np.ndarray, b: np.ndarray, value: float) -> np.ndarray:
    """torch's addcmul: ``base + value * a * b``, the last product fused with the sum."""
    f = base.dtype.type
    return (fma64 if base.dtype == np.float64 else fma32)(f(value) * a, b, base)


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    raise NotImplementedError(f"npgrad (the in-browser stand-in for torch) does not support torch.optim.{name}")
