"""view and reshape: same numbers, a new shape, and (sometimes) the same memory."""

# %% setup
import torch

# %% view-basic
x = torch.arange(12.0)
print(x.view(2, -1))
print(x.reshape(2, -1))
print(torch.equal(x.view(2, 3, 2), x.reshape(2, 3, 2)))

# %% view-shares
x = torch.arange(6)
v = x.view(2, 3)
print(v.data_ptr() == x.data_ptr())
x[0] = 100
v

# %% offset-view sandbox="no: npgrad does not implement _base"
s = x[2:]  # a view that starts at the third element
print(s.data_ptr() == x.data_ptr(), s.data_ptr() - x.data_ptr(), s.storage_offset())
print(s.untyped_storage().data_ptr() == x.untyped_storage().data_ptr())
print(s._base is x, x._base)

# %% reshape-shares
r = x.reshape(3, 2)
print(r.data_ptr() == x.data_ptr())
r[2, 1] = -1
x

# %% strides
m = torch.arange(6).view(2, 3)
print(m.stride(), m.is_contiguous())
print(m.t().stride(), m.t().is_contiguous())

# %% transposed
m = torch.arange(6).view(2, 3)
mt = m.transpose(0, 1)
print(mt)
print(mt.is_contiguous())

# %% view-fails raises="RuntimeError: view size is not compatible"
mt.view(6)

# %% view-split
mt.view(3, 2, 1).shape

# %% reshape-copies
flat = mt.reshape(6)
print(flat)
print(flat.data_ptr() == m.data_ptr())
flat[0] = 100
m

# %% contiguous
c = mt.contiguous()
print(c.is_contiguous(), c.data_ptr() == m.data_ptr())
print(m.contiguous() is m)
c.view(6)
