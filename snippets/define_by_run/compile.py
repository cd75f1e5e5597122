"""PyTorch 2 can also capture a graph ahead of running it: torch.compile."""
# snippet: timeout="120"

# %% compile sandbox="no: torch.compile is outside the sandbox engine"
import torch


def show_captured(graph_module, example_inputs):
    """A torch.compile backend that prints the graph it receives and then runs that graph unchanged."""
    for node in graph_module.graph.nodes:
        print(" ", node.op, getattr(node.target, "__name__", node.target))
    return graph_module.forward


@torch.compile(backend=show_captured)
def affine(x):
    return x * 3 + 1


print("first call:")
print(affine(torch.tensor(2.0)))
print("second call:")
print(affine(torch.tensor(5.0)))
