"""torch.nn.Parameter: a leaf tensor that a Module registers as one of its parameters."""

from __future__ import annotations

import numpy as np

from ..tensor import Tensor, _wrap


class Parameter(Tensor):
    __slots__ = ()

    def __new__(cls, data: Tensor | None = None, requires_grad: bool = True) -> Parameter:
        arr = np.empty((0,), np.float32) if data is None else data._data
        p = object.__new__(cls)
        p._data = arr  # shares the tensor's memory, as torch's Parameter does
        p._rg = False
        p.grad_fn = None
        p._grad = None
        p._accum = None
        p._vc = None
        p.requires_grad = requires_grad
        return p

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __deepcopy__(self, memo: dict) -> Parameter:
        p = Parameter(_wrap(self._data.copy()), self._rg)
        if self._grad is not None:
            p._grad = Tensor.__deepcopy__(self._grad, memo)
        memo[id(self)] = p
        return p


Parameter.__module__ = "torch.nn.parameter"
