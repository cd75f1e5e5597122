# %% linear-layer
import torch
import torch.nn as nn

torch.manual_seed(0)
layer = nn.Linear(3, 2)
print(layer)
print(layer.weight)
print(layer.bias)
print(layer.weight.shape, layer.bias.requires_grad, layer.weight.is_leaf)
x = torch.randn(4, 3)
print(layer(x))
print(layer(torch.ones(3)))
# %% parameters-and-state
for name, p in layer.named_parameters():
    print(name, tuple(p.shape), p.requires_grad)
print(sum(p.numel() for p in layer.parameters()))
print(list(layer.state_dict().keys()))
print(layer.state_dict()["bias"])
print(type(layer.weight).__name__, isinstance(layer.weight, torch.Tensor))
# %% training-loop-sgd
torch.manual_seed(42)
X = torch.linspace(-1, 1, 20).unsqueeze(1)
y = 3 * X + 0.5 + 0.1 * torch.randn(20, 1)
model = nn.Linear(1, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loss_fn = nn.MSELoss()
for epoch in range(100):
    pred = model(X)
    loss = loss_fn(pred, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 20 == 0:
        print(f"epoch {epoch:3d}  loss {loss.item():.4f}")
print(model.weight.item(), model.bias.item())
print(loss)
# %% momentum-and-weight-decay
torch.manual_seed(1)
net = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1))
print(net)
opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-4)
print(opt)
data = torch.randn(32, 2)
target = (data[:, :1] * data[:, 1:]).sin()
for _ in range(60):
    opt.zero_grad()
    loss = nn.functional.mse_loss(net(data), target)
    loss.backward()
    opt.step()
print(f"{loss.item():.4f}")
print(net[0].weight.grad is not None, net[2].bias.grad.shape)
opt.zero_grad()
print(net[0].weight.grad)
# %% grad-of-a-layer
torch.manual_seed(3)
lin = nn.Linear(3, 1)
out = lin(torch.tensor([[1.0, 2.0, 3.0]]))
out.backward()
print(out)
print(lin.weight.grad, lin.bias.grad)
lin.zero_grad()
print(lin.weight.grad)


# %% custom-module
class TwoLayer(nn.Module):
    def __init__(self, n_in, n_hidden):
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.act = nn.ReLU()
        self.out = nn.Linear(n_hidden, 1)

    def forward(self, x):
        return self.out(self.act(self.hidden(x)))


torch.manual_seed(0)
m = TwoLayer(4, 5)
print(m)
print([name for name, _ in m.named_parameters()])
print(m(torch.randn(2, 4)))
m.eval()
print(m.training, m.hidden.training)
m.train()
print(m.training)
# %% save-and-load-state
torch.manual_seed(5)
a, b = nn.Linear(2, 2), nn.Linear(2, 2)
print(b.load_state_dict(a.state_dict()))
print(torch.equal(a.weight, b.weight), torch.equal(a.bias, b.bias))
with torch.no_grad():
    a.weight[0, 0] = 10.0
print(b.weight[0, 0].item() != 10.0)
# %% init-functions
torch.manual_seed(0)
w = torch.empty(3, 4)
print(nn.init.uniform_(w, -1, 1))
print(nn.init.normal_(w, 0, 0.5))
print(nn.init.xavier_uniform_(w))
print(nn.init.kaiming_normal_(w, nonlinearity="relu"))
print(nn.init.zeros_(w).sum(), nn.init.ones_(w).sum(), nn.init.constant_(w, 0.3)[0])
print(nn.init.calculate_gain("relu"), nn.init.calculate_gain("tanh"))
