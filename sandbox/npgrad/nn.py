"""torch.nn is outside npgrad's subset: importing it says so."""

raise ImportError("npgrad does not implement torch.nn; the sandbox covers tensors and autograd only")
